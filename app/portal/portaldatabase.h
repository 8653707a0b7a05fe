#pragma once

// The portal's own database (separate from the desktop app's cache): one
// row per record holding its wire JSON and sequence number, removal
// tombstones, stored idempotent answers, the application log and a few
// counters. PortalStore keeps everything in memory and writes each change
// through here in one transaction.
//
// Two backends, one schema: a SQLite file (a path, or ":memory:") or a
// PostgreSQL database ("postgresql://USER@HOST[:PORT]/DB"; the password
// comes from PGPASSWORD or ~/.pgpass, as libpq reads them, never from the
// locator). The same versioned migrations create both; the statements are
// written in the SQL both understand (upserts as INSERT … ON CONFLICT), and
// the few differences (column types, PRAGMAs, write locks) are here.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Escalation::Portal {

struct StoredAnswer {
    QByteArray fingerprint; // what the key was first used for
    int status = 200;
    QByteArray body;
};

struct StoredRecord {
    qint64 sequence = 0;
    QByteArray json;
};

struct StoredTombstone {
    qint64 sequence = 0;
    bool isCase = false;
    QString id;
};

struct DatabaseSnapshot {
    QList<StoredRecord> cases;
    QList<StoredRecord> requests;
    QList<StoredTombstone> tombstones;
    QHash<QString, StoredAnswer> answers;
    QHash<QString, int> applications; // idempotency key -> times applied
    QHash<QString, QString> meta;
};

class PortalDatabase final {
public:
    PortalDatabase();
    ~PortalDatabase();
    PortalDatabase(const PortalDatabase &) = delete;
    PortalDatabase &operator=(const PortalDatabase &) = delete;

    bool open(const QString &path, QString *error);
    // Opens a named connection to the portal's database (a file, ":memory:"
    // or a postgresql:// locator), creating or upgrading its schema. The
    // user directory, the audit log and the request history use their own
    // connection opened with this.
    static bool openConnection(const QString &connectionName, const QString &locator,
                               QString *error);
    // Whether the locator names a PostgreSQL database.
    static bool isPostgresLocator(const QString &locator);
    // The locator as it may be shown: a PostgreSQL locator never carries a
    // password, and one given anyway is replaced by "***".
    static QString displayLocator(const QString &locator);
    static bool isPostgres(const QSqlDatabase &db);
    // Starts a write transaction that excludes every other writer of the
    // same database until it ends, in this process or another (SQLite:
    // BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock).
    static bool beginExclusive(QSqlDatabase db, QString *error);
    // After a failed statement on PostgreSQL: when the connection to the
    // server is gone (a restart, a failover), opens it again and says the
    // caller may retry; false when it was not lost or cannot be restored.
    static bool reconnectIfLost(QSqlDatabase db);
    bool load(DatabaseSnapshot *out, QString *error);

    bool begin();
    bool commit();
    void rollback();

    // Whether this is a PostgreSQL database several portals may share.
    bool isShared() const { return m_shared; }
    bool inTransaction() const { return m_inTransaction; }
    // What other portals committed after `since`: the records, tombstones
    // and applications with a higher sequence, and the counters. Within a
    // write transaction it reads what the writers' lock lets it see; outside
    // one it reads from one snapshot, so that it never sees a later change
    // without the earlier ones.
    bool loadSince(qint64 since, DatabaseSnapshot *out, QString *error);
    // The last sequence committed (meta 'sequence'); -1 on error.
    qint64 committedSequence();
    // The answer stored under an idempotency key, read from the database.
    std::optional<StoredAnswer> answerFor(const QString &key);
    // Tells the other portals on the database, when the transaction commits,
    // that the feed moved on to `sequence` (PostgreSQL NOTIFY).
    bool notifyChanged(qint64 sequence);
    // Listens for the other portals' notices on a connection of its own,
    // calling `changed` for each (from the event loop).
    bool listen(QObject *context, std::function<void()> changed, QString *error);
    static QString changesChannel() { return QStringLiteral("escalation_portal_changes"); }

    bool putCase(const QString &id, qint64 sequence, const QByteArray &json);
    bool putRequest(const QString &id, qint64 sequence, const QByteArray &json);
    bool deleteCase(const QString &id);
    bool deleteRequest(const QString &id);
    bool putTombstone(const StoredTombstone &tombstone);
    bool putAnswer(const QString &key, const StoredAnswer &answer);
    bool addApplication(const QString &key, const QString &target, const QString &action,
                        qint64 sequence, const QString &at);
    bool putMeta(const QString &key, const QString &value);

    QString lastError() const { return m_lastError; }

private:
    static bool openPostgres(const QString &connectionName, const QString &locator, QString *error);
    static bool beginExclusiveOnce(QSqlDatabase db, QString *error);
    // Inside a PostgreSQL transaction: waits for the writers' lock.
    static bool takeWriterLock(QSqlQuery &query);
    bool beginOnce();
    bool prepareStatements();
    // The connections again after the server went away.
    bool reconnect();
    bool relisten();
    // Creates or upgrades the schema (versions in meta 'schema').
    static bool migrate(QSqlDatabase db, const QString &name, QString *error);
    bool exec(QSqlQuery &query);
    bool prepare(std::unique_ptr<QSqlQuery> &query, const QString &sql);

    QString m_connectionName;
    QString m_listenConnection;
    QString m_lastError;
    QString m_locator;
    bool m_shared = false;
    bool m_inTransaction = false;
    std::unique_ptr<QSqlQuery> m_putCase, m_putRequest, m_deleteCase, m_deleteRequest,
        m_putTombstone, m_putAnswer, m_addApplication, m_putMeta;
};

} // namespace Escalation::Portal

#include "portaldatabase.h"

#include "portallog.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>
#include <QVariant>

#include <limits>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

constexpr int schemaVersion = 3;

// Version 1: the records, the feed's tombstones and the idempotency store.
const char *const schemaV1[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cases (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, body BLOB NOT "
    "NULL)",
    "CREATE TABLE IF NOT EXISTS requests (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, body BLOB NOT "
    "NULL)",
    "CREATE TABLE IF NOT EXISTS tombstones (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT "
    "NOT NULL)",
    "CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, fingerprint BLOB NOT NULL,"
    " status INTEGER NOT NULL, body BLOB NOT NULL)",
    // One row per time a write was applied: "applied once" is checked here.
    "CREATE TABLE IF NOT EXISTS applications (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT,"
    " target TEXT NOT NULL, action TEXT NOT NULL, seq INTEGER NOT NULL, applied_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS applications_key ON applications(key)",
};

// Version 2: who did what. Users with a SHA-256 hash of their token (never
// the token), the hash-chained audit log and each request's timeline.
const char *const schemaV2[] = {
    "CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " role TEXT NOT NULL, team TEXT NOT NULL DEFAULT '', token_hash BLOB UNIQUE,"
    " created_at TEXT NOT NULL, revoked_at TEXT)",
    "CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL,"
    " user_id TEXT, user_name TEXT, action TEXT, target TEXT,"
    " result TEXT, idempotency_key TEXT, address TEXT,"
    " prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " request_id TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL, actor_id TEXT,"
    " actor_name TEXT, actor_role TEXT, text TEXT, result TEXT NOT NULL DEFAULT 'applied')",
    "CREATE INDEX IF NOT EXISTS history_request ON history(request_id)",
};

// Version 3: the change feed read by sequence. Portals sharing a database
// catch up with each other's changes by "seq > their last".
const char *const schemaV3[] = {
    "CREATE INDEX IF NOT EXISTS cases_seq ON cases(seq)",
    "CREATE INDEX IF NOT EXISTS requests_seq ON requests(seq)",
    "CREATE INDEX IF NOT EXISTS applications_seq ON applications(seq)",
};

QString sqlText(const char *text)
{
    return QString::fromLatin1(text);
}

// The schema's statements are written for SQLite; PostgreSQL wants 64-bit
// integers spelled out, bytea for blobs and a sequence for generated keys.
QString ddlFor(const QSqlDatabase &db, const char *statement)
{
    QString sql = sqlText(statement);
    if (!PortalDatabase::isPostgres(db))
        return sql;
    sql.replace(u"INTEGER PRIMARY KEY AUTOINCREMENT"_s, u"BIGSERIAL PRIMARY KEY"_s);
    sql.replace(u" INTEGER"_s, u" BIGINT"_s);
    sql.replace(u" BLOB"_s, u" BYTEA"_s);
    return sql;
}

// One advisory lock key for "a writer of the portal's state": every write
// transaction on PostgreSQL takes it, so writes are serialised across
// connections and processes as SQLite's BEGIN IMMEDIATE serialises them.
constexpr qint64 WriterLock = 0x45534344'45534b31; // "ESCDESK1"

struct PostgresLocator {
    QString user;
    QString host;
    int port = 5432;
    QString database;
};

std::optional<PostgresLocator> parsePostgres(const QString &locator, QString *error)
{
    const QUrl url(locator, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql"_s && url.scheme() != u"postgres"_s)) {
        *error = QCoreApplication::translate("Escalation::Portal",
                                             "not a postgresql://USER@HOST[:PORT]/DB locator");
        return std::nullopt;
    }
    if (!url.password().isEmpty()) {
        *error = QCoreApplication::translate(
            "Escalation::Portal",
            "a password in the locator would show in the process list: give it in "
            "PGPASSWORD or ~/.pgpass");
        return std::nullopt;
    }
    PostgresLocator out;
    out.user = url.userName();
    out.host = url.host();
    out.port = url.port(5432);
    out.database = url.path().mid(1);
    if (out.user.isEmpty() || out.host.isEmpty() || out.database.isEmpty()
        || out.database.contains(u'/')) {
        *error = QCoreApplication::translate("Escalation::Portal",
                                             "the locator needs a user, a host and a database: "
                                             "postgresql://USER@HOST[:PORT]/DB");
        return std::nullopt;
    }
    return out;
}

} // namespace

PortalDatabase::PortalDatabase()
{
    static QAtomicInteger<int> counter;
    m_connectionName = u"escalation-portal-"_s + QString::number(counter.fetchAndAddRelaxed(1));
}

PortalDatabase::~PortalDatabase()
{
    m_putCase.reset();
    m_putRequest.reset();
    m_deleteCase.reset();
    m_deleteRequest.reset();
    m_putTombstone.reset();
    m_putAnswer.reset();
    m_addApplication.reset();
    m_putMeta.reset();
    for (const QString &name : {m_connectionName, m_listenConnection}) {
        if (!name.isEmpty() && QSqlDatabase::contains(name)) {
            QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
        }
    }
}

bool PortalDatabase::exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    m_lastError = query.lastError().text();
    qCWarning(lcPortal) << "portal database:" << m_lastError;
    return false;
}

bool PortalDatabase::prepare(std::unique_ptr<QSqlQuery> &query, const QString &sql)
{
    query = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connectionName, false));
    if (query->prepare(sql))
        return true;
    m_lastError = query->lastError().text();
    return false;
}

bool PortalDatabase::isPostgresLocator(const QString &locator)
{
    return locator.startsWith(u"postgresql://"_s) || locator.startsWith(u"postgres://"_s);
}

QString PortalDatabase::displayLocator(const QString &locator)
{
    if (!isPostgresLocator(locator))
        return locator;
    QUrl url(locator);
    if (!url.password().isEmpty())
        url.setPassword(u"***"_s);
    return url.toString();
}

bool PortalDatabase::isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == u"QPSQL"_s;
}

bool PortalDatabase::beginExclusive(QSqlDatabase db, QString *error)
{
    return beginExclusiveOnce(db, error) || (reconnectIfLost(db) && beginExclusiveOnce(db, error));
}

bool PortalDatabase::takeWriterLock(QSqlQuery &query)
{
    return query.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(WriterLock));
}

bool PortalDatabase::beginExclusiveOnce(QSqlDatabase db, QString *error)
{
    QSqlQuery q(db);
    const bool ok =
        isPostgres(db) ? q.exec(u"BEGIN"_s) && takeWriterLock(q) : q.exec(u"BEGIN IMMEDIATE"_s);
    if (!ok) {
        *error = q.lastError().text();
        if (isPostgres(db))
            QSqlQuery(db).exec(u"ROLLBACK"_s);
    }
    return ok;
}

bool PortalDatabase::openConnection(const QString &connectionName, const QString &path,
                                    QString *error)
{
    if (isPostgresLocator(path))
        return openPostgres(connectionName, path, error);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
    db.setDatabaseName(path);
    // The user commands write while a server runs on the same file: wait
    // for its lock rather than fail at once.
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    // Larger pages: a first fill writes about 1.3 KB per record, and fewer,
    // larger writes cost fewer system calls. Only takes effect on a new file.
    q.exec(u"PRAGMA page_size=16384"_s);
    // WAL keeps each small write cheap and lets a reader and a writer work
    // at once; fall back silently where the file system cannot do it (the
    // journal mode read back says which we got).
    q.exec(u"PRAGMA journal_mode=WAL"_s);
    if (q.next() && q.value(0).toString() != u"wal"_s && path != u":memory:"_s)
        qCInfo(lcPortal) << "portal database: WAL unavailable, journal mode"
                         << q.value(0).toString();
    q.exec(u"PRAGMA synchronous=NORMAL"_s);
    // A first fill writes a hundred megabytes in one transaction; a larger
    // page cache keeps SQLite from spilling and rewriting pages meanwhile.
    q.exec(u"PRAGMA cache_size=-65536"_s);
    q.finish();
    return migrate(db, path, error);
}

bool PortalDatabase::openPostgres(const QString &connectionName, const QString &locator,
                                  QString *error)
{
    const std::optional<PostgresLocator> where = parsePostgres(locator, error);
    if (!where)
        return false;
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        *error = QCoreApplication::translate(
            "Escalation::Portal",
            "Qt's PostgreSQL driver is not installed (Debian: libqt6sql6-psql)");
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setUserName(where->user);
    db.setHostName(where->host);
    db.setPort(where->port);
    db.setDatabaseName(where->database);
    // No password here: libpq reads PGPASSWORD or ~/.pgpass itself.
    db.setConnectOptions(u"connect_timeout=10;application_name=escalation-portal"_s);
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    // Instances starting at once migrate one after the other.
    QSqlQuery lock(db);
    if (!lock.exec(u"SELECT pg_advisory_lock(%1)"_s.arg(WriterLock))) {
        *error = lock.lastError().text();
        return false;
    }
    const bool migrated = migrate(db, displayLocator(locator), error);
    lock.exec(u"SELECT pg_advisory_unlock(%1)"_s.arg(WriterLock));
    return migrated;
}

bool PortalDatabase::migrate(QSqlDatabase db, const QString &name, QString *error)
{
    QSqlQuery q(db);
    for (const char *statement : schemaV1) {
        if (!q.exec(ddlFor(db, statement))) {
            *error = q.lastError().text();
            return false;
        }
    }
    if (!q.exec(u"SELECT value FROM meta WHERE key = 'schema'"_s)) {
        *error = q.lastError().text();
        return false;
    }
    const int version = q.next() ? q.value(0).toInt() : 1;
    q.finish();
    if (version > schemaVersion) {
        *error = QCoreApplication::translate(
                     "Escalation::Portal",
                     "%1 has portal schema version %2; this portal reads version %3")
                     .arg(name, QString::number(version), QString::number(schemaVersion));
        return false;
    }
    if (version == schemaVersion)
        return true;
    // One transaction per upgrade: a failed step leaves the file as it was.
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    bool ok = true;
    const auto step = [&](int to, const auto &statements) {
        if (version >= to)
            return;
        for (const char *statement : statements) {
            if (ok && !q.exec(ddlFor(db, statement))) {
                *error = q.lastError().text();
                ok = false;
            }
        }
    };
    step(2, schemaV2);
    step(3, schemaV3);
    if (ok
        && !q.exec(u"INSERT INTO meta (key, value) VALUES ('schema', '%1') ON CONFLICT (key) DO "
                   u"UPDATE SET value = excluded.value"_s.arg(schemaVersion))) {
        *error = q.lastError().text();
        ok = false;
    }
    if (!ok || !db.commit()) {
        if (ok)
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

bool PortalDatabase::open(const QString &path, QString *error)
{
    if (!openConnection(m_connectionName, path, error))
        return false;
    m_shared = isPostgresLocator(path);
    m_locator = path;
    if (!prepareStatements()) {
        *error = m_lastError;
        return false;
    }
    return true;
}

bool PortalDatabase::reconnectIfLost(QSqlDatabase db)
{
    if (!isPostgres(db) || QSqlQuery(db).exec(u"SELECT 1"_s))
        return false; // not lost: the statement failed for its own reason
    db.close();
    if (!db.open()) {
        qCWarning(lcPortal) << "portal database: cannot reconnect:" << db.lastError().text();
        return false;
    }
    qCInfo(lcPortal) << "portal database: reconnected";
    return true;
}

bool PortalDatabase::reconnect()
{
    if (!reconnectIfLost(QSqlDatabase::database(m_connectionName, false)))
        return false;
    m_inTransaction = false;
    // The listening connection went with the server.
    return prepareStatements() && relisten();
}

bool PortalDatabase::relisten()
{
    if (m_listenConnection.isEmpty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_listenConnection, false);
    if (!reconnectIfLost(db))
        return db.isOpen();
    return db.driver()->subscribeToNotification(changesChannel());
}

bool PortalDatabase::prepareStatements()
{
    const bool prepared =
        prepare(m_putCase,
                u"INSERT INTO cases (id, seq, body) VALUES (?, ?, ?) ON CONFLICT (id) "
                u"DO UPDATE SET seq = excluded.seq, body = excluded.body"_s)
        && prepare(m_putRequest,
                   u"INSERT INTO requests (id, seq, body) VALUES (?, ?, ?) ON CONFLICT (id) DO "
                   u"UPDATE SET seq = excluded.seq, body = excluded.body"_s)
        && prepare(m_deleteCase, u"DELETE FROM cases WHERE id = ?"_s)
        && prepare(m_deleteRequest, u"DELETE FROM requests WHERE id = ?"_s)
        && prepare(m_putTombstone,
                   u"INSERT INTO tombstones (seq, kind, id) VALUES (?, ?, ?) ON CONFLICT (seq) DO "
                   u"UPDATE SET kind = excluded.kind, id = excluded.id"_s)
        && prepare(m_putAnswer,
                   u"INSERT INTO idempotency (key, fingerprint, status, body) VALUES (?, ?, ?, ?) "
                   u"ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, "
                   u"status = excluded.status, body = excluded.body"_s)
        && prepare(
            m_addApplication,
            u"INSERT INTO applications (key, target, action, seq, applied_at) VALUES (?, ?, ?, ?, ?)"_s)
        && prepare(m_putMeta,
                   u"INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
                   u"UPDATE SET value = excluded.value"_s);
    return prepared;
}

bool PortalDatabase::load(DatabaseSnapshot *out, QString *error)
{
    // Everything after "before the first change", and every stored answer.
    if (!loadSince(std::numeric_limits<qint64>::min(), out, error))
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT key, fingerprint, status, body FROM idempotency"_s)) {
        *error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        out->answers.insert(
            q.value(0).toString(),
            StoredAnswer {q.value(1).toByteArray(), q.value(2).toInt(), q.value(3).toByteArray()});
    }
    return true;
}

bool PortalDatabase::begin()
{
    // The server restarted or failed over since the last write: connect
    // again and try once more.
    return beginOnce() || (reconnect() && beginOnce());
}

bool PortalDatabase::beginOnce()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        m_lastError = db.lastError().text();
        return false;
    }
    m_inTransaction = true;
    // One writer at a time on a shared PostgreSQL database, as on SQLite.
    if (isPostgres(db)) {
        QSqlQuery lock(db);
        if (!takeWriterLock(lock)) {
            m_lastError = lock.lastError().text();
            db.rollback();
            m_inTransaction = false;
            return false;
        }
    }
    return true;
}

bool PortalDatabase::commit()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    m_inTransaction = false;
    if (db.commit())
        return true;
    m_lastError = db.lastError().text();
    db.rollback();
    return false;
}

void PortalDatabase::rollback()
{
    m_inTransaction = false;
    QSqlDatabase::database(m_connectionName, false).rollback();
}

bool PortalDatabase::putCase(const QString &id, qint64 sequence, const QByteArray &json)
{
    m_putCase->bindValue(0, id);
    m_putCase->bindValue(1, sequence);
    m_putCase->bindValue(2, json);
    return exec(*m_putCase);
}

bool PortalDatabase::putRequest(const QString &id, qint64 sequence, const QByteArray &json)
{
    m_putRequest->bindValue(0, id);
    m_putRequest->bindValue(1, sequence);
    m_putRequest->bindValue(2, json);
    return exec(*m_putRequest);
}

bool PortalDatabase::deleteCase(const QString &id)
{
    m_deleteCase->bindValue(0, id);
    return exec(*m_deleteCase);
}

bool PortalDatabase::deleteRequest(const QString &id)
{
    m_deleteRequest->bindValue(0, id);
    return exec(*m_deleteRequest);
}

bool PortalDatabase::putTombstone(const StoredTombstone &tombstone)
{
    m_putTombstone->bindValue(0, tombstone.sequence);
    m_putTombstone->bindValue(1, tombstone.isCase ? u"case"_s : u"request"_s);
    m_putTombstone->bindValue(2, tombstone.id);
    return exec(*m_putTombstone);
}

bool PortalDatabase::putAnswer(const QString &key, const StoredAnswer &answer)
{
    m_putAnswer->bindValue(0, key);
    m_putAnswer->bindValue(1, answer.fingerprint);
    m_putAnswer->bindValue(2, answer.status);
    m_putAnswer->bindValue(3, answer.body);
    return exec(*m_putAnswer);
}

bool PortalDatabase::addApplication(const QString &key, const QString &target,
                                    const QString &action, qint64 sequence, const QString &at)
{
    m_addApplication->bindValue(0, key.isEmpty() ? QVariant() : QVariant(key));
    m_addApplication->bindValue(1, target);
    m_addApplication->bindValue(2, action);
    m_addApplication->bindValue(3, sequence);
    m_addApplication->bindValue(4, at);
    return exec(*m_addApplication);
}

bool PortalDatabase::loadSince(qint64 since, DatabaseSnapshot *out, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // Outside a write, one snapshot for every statement: otherwise a commit
    // between two of them could show a later change without an earlier one.
    const bool snapshot = m_shared && !m_inTransaction;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const auto fail = [&] {
        *error = q.lastError().text();
        if (snapshot)
            QSqlQuery(db).exec(u"ROLLBACK"_s);
        return false;
    };
    if (snapshot && !q.exec(u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s))
        return fail();
    const auto select = [&](const QString &sql) {
        if (!q.prepare(sql))
            return false;
        q.addBindValue(since);
        return q.exec();
    };
    if (!q.exec(u"SELECT key, value FROM meta"_s))
        return fail();
    while (q.next())
        out->meta.insert(q.value(0).toString(), q.value(1).toString());
    // Nothing committed since: the common case of a write's turn and a look.
    if (out->meta.value(u"sequence"_s).toLongLong() <= since) {
        q.finish();
        return !snapshot || q.exec(u"COMMIT"_s) || fail();
    }
    if (!select(u"SELECT seq, body FROM cases WHERE seq > ? ORDER BY seq"_s))
        return fail();
    while (q.next())
        out->cases.append(StoredRecord {q.value(0).toLongLong(), q.value(1).toByteArray()});
    if (!select(u"SELECT seq, body FROM requests WHERE seq > ? ORDER BY seq"_s))
        return fail();
    while (q.next())
        out->requests.append(StoredRecord {q.value(0).toLongLong(), q.value(1).toByteArray()});
    if (!select(u"SELECT seq, kind, id FROM tombstones WHERE seq > ? ORDER BY seq"_s))
        return fail();
    while (q.next()) {
        out->tombstones.append(StoredTombstone {
            q.value(0).toLongLong(), q.value(1).toString() == u"case"_s, q.value(2).toString()});
    }
    if (!select(u"SELECT key, COUNT(*) FROM applications WHERE seq > ? AND key IS NOT NULL "
                u"GROUP BY key"_s))
        return fail();
    while (q.next())
        out->applications.insert(q.value(0).toString(), q.value(1).toInt());
    q.finish();
    if (snapshot && !q.exec(u"COMMIT"_s))
        return fail();
    return true;
}

qint64 PortalDatabase::committedSequence()
{
    const auto read = [this]() -> qint64 {
        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        if (!q.exec(u"SELECT value FROM meta WHERE key = 'sequence'"_s) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    };
    const qint64 sequence = read();
    if (sequence >= 0 || m_inTransaction || !reconnect())
        return sequence;
    return read();
}

std::optional<StoredAnswer> PortalDatabase::answerFor(const QString &key)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT fingerprint, status, body FROM idempotency WHERE key = ?"_s);
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return StoredAnswer {q.value(0).toByteArray(), q.value(1).toInt(), q.value(2).toByteArray()};
}

bool PortalDatabase::notifyChanged(qint64 sequence)
{
    if (!m_shared)
        return true;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT pg_notify(?, ?)"_s);
    q.addBindValue(changesChannel());
    q.addBindValue(QString::number(sequence));
    return exec(q);
}

bool PortalDatabase::listen(QObject *context, std::function<void()> changed, QString *error)
{
    // A connection that only listens: notices reach its socket alone, so
    // none waits unread behind another query's answer.
    m_listenConnection = m_connectionName + u"-listen"_s;
    if (!openConnection(m_listenConnection, m_locator, error))
        return false;
    QSqlDriver *driver = QSqlDatabase::database(m_listenConnection, false).driver();
    if (!driver->subscribeToNotification(changesChannel())) {
        *error = driver->lastError().text();
        return false;
    }
    QObject::connect(driver, &QSqlDriver::notification, context,
                     [changed = std::move(changed)](const QString &, QSqlDriver::NotificationSource,
                                                    const QVariant &) { changed(); });
    return true;
}

bool PortalDatabase::putMeta(const QString &key, const QString &value)
{
    m_putMeta->bindValue(0, key);
    m_putMeta->bindValue(1, value);
    return exec(*m_putMeta);
}

} // namespace Escalation::Portal

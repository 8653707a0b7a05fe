#include "portaldatabase.h"

#include "portallog.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlError>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

constexpr int schemaVersion = 2;

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

QString sqlText(const char *text)
{
    return QString::fromLatin1(text);
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
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
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

bool PortalDatabase::openConnection(const QString &connectionName, const QString &path,
                                    QString *error)
{
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
    for (const char *statement : schemaV1) {
        if (!q.exec(sqlText(statement))) {
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
                     .arg(path, QString::number(version), QString::number(schemaVersion));
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
    for (const char *statement : schemaV2) {
        if (ok && !q.exec(sqlText(statement))) {
            *error = q.lastError().text();
            ok = false;
        }
    }
    if (ok
        && !q.exec(u"INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', '%1')"_s.arg(
            schemaVersion))) {
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
    const bool prepared =
        prepare(m_putCase, u"INSERT OR REPLACE INTO cases (id, seq, body) VALUES (?, ?, ?)"_s)
        && prepare(m_putRequest,
                   u"INSERT OR REPLACE INTO requests (id, seq, body) VALUES (?, ?, ?)"_s)
        && prepare(m_deleteCase, u"DELETE FROM cases WHERE id = ?"_s)
        && prepare(m_deleteRequest, u"DELETE FROM requests WHERE id = ?"_s)
        && prepare(m_putTombstone,
                   u"INSERT OR REPLACE INTO tombstones (seq, kind, id) VALUES (?, ?, ?)"_s)
        && prepare(
            m_putAnswer,
            u"INSERT OR REPLACE INTO idempotency (key, fingerprint, status, body) VALUES (?, ?, ?, ?)"_s)
        && prepare(
            m_addApplication,
            u"INSERT INTO applications (key, target, action, seq, applied_at) VALUES (?, ?, ?, ?, ?)"_s)
        && prepare(m_putMeta, u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s);
    if (!prepared) {
        *error = m_lastError;
        return false;
    }
    return true;
}

bool PortalDatabase::load(DatabaseSnapshot *out, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    const auto run = [&](const QString &sql) {
        if (q.exec(sql))
            return true;
        *error = q.lastError().text();
        return false;
    };
    if (!run(u"SELECT seq, body FROM cases ORDER BY seq"_s))
        return false;
    while (q.next())
        out->cases.append(StoredRecord {q.value(0).toLongLong(), q.value(1).toByteArray()});
    if (!run(u"SELECT seq, body FROM requests ORDER BY seq"_s))
        return false;
    while (q.next())
        out->requests.append(StoredRecord {q.value(0).toLongLong(), q.value(1).toByteArray()});
    if (!run(u"SELECT seq, kind, id FROM tombstones ORDER BY seq"_s))
        return false;
    while (q.next()) {
        out->tombstones.append(StoredTombstone {
            q.value(0).toLongLong(), q.value(1).toString() == u"case"_s, q.value(2).toString()});
    }
    if (!run(u"SELECT key, fingerprint, status, body FROM idempotency"_s))
        return false;
    while (q.next()) {
        out->answers.insert(
            q.value(0).toString(),
            StoredAnswer {q.value(1).toByteArray(), q.value(2).toInt(), q.value(3).toByteArray()});
    }
    if (!run(u"SELECT key, COUNT(*) FROM applications WHERE key IS NOT NULL GROUP BY key"_s))
        return false;
    while (q.next())
        out->applications.insert(q.value(0).toString(), q.value(1).toInt());
    if (!run(u"SELECT key, value FROM meta"_s))
        return false;
    while (q.next())
        out->meta.insert(q.value(0).toString(), q.value(1).toString());
    return true;
}

bool PortalDatabase::begin()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (db.transaction())
        return true;
    m_lastError = db.lastError().text();
    return false;
}

bool PortalDatabase::commit()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (db.commit())
        return true;
    m_lastError = db.lastError().text();
    db.rollback();
    return false;
}

void PortalDatabase::rollback()
{
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

bool PortalDatabase::putMeta(const QString &key, const QString &value)
{
    m_putMeta->bindValue(0, key);
    m_putMeta->bindValue(1, value);
    return exec(*m_putMeta);
}

} // namespace Escalation::Portal

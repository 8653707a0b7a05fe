#include "storeconnection.h"

#include "faultinjector.h"
#include "storelog.h"

#include <QCoreApplication>
#include <QDir>
#include <QThread>

#include <atomic>

#ifdef ESCALATION_STORE_SQLITE_API
#include <QSqlDriver>
#endif

using namespace Qt::StringLiterals;

namespace Escalation {

QString trStore(const char *text)
{
    return QCoreApplication::translate("CacheStore", text);
}

void setError(StoreError *out, const StoreError &e)
{
    if (out)
        *out = e;
}

// SQLite reads a leading U+FEFF or U+FFFE of UTF-16 text as a byte-order
// mark: it drops the first and reads the rest byte-swapped after the second.
// Portal text may begin with either; one more U+FEFF in front is the mark
// SQLite drops, so the text is stored exactly as it came.
QVariant sqlText(const QVariant &value)
{
    if (value.typeId() != QMetaType::QString)
        return value;
    const QString text = value.toString();
    if (text.isEmpty() || (text.front() != QChar(0xFEFF) && text.front() != QChar(0xFFFE)))
        return value;
    return QVariant(QChar(0xFEFF) + text);
}

QVariant timeToDb(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime timeFromDb(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

namespace {

// Maps a SQLite result code (Qt's nativeErrorCode) onto what the user can do
// about it. Extended codes carry the primary code in their low byte.
StoreError storeErrorFromCode(int sqliteCode, const QString &detail, const QString &path)
{
    const int code = sqliteCode & 0xff;
    const QString where = QDir::toNativeSeparators(path);
    switch (code) {
    case 13: // SQLITE_FULL
        return {
            StoreError::DiskFull,
            trStore(QT_TRANSLATE_NOOP(
                        "CacheStore",
                        "The disk holding the local cache (%1) is full. Free some space and try "
                        "again; everything saved before is kept."))
                .arg(where)};
    case 8: // SQLITE_READONLY
        return {
            StoreError::ReadOnly,
            trStore(QT_TRANSLATE_NOOP(
                        "CacheStore",
                        "The local cache (%1) is read-only, so nothing can be saved. Check the "
                        "permissions of the file and its folder; everything saved before is kept."))
                .arg(where)};
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return {
            StoreError::Corrupt,
            trStore(QT_TRANSLATE_NOOP(
                        "CacheStore",
                        "The local cache (%1) is damaged (%2). Restart the application to rebuild "
                        "it; decisions waiting to be sent are kept."))
                .arg(where, detail)};
    case 19: // SQLITE_CONSTRAINT
        return {StoreError::Constraint,
                trStore(QT_TRANSLATE_NOOP("CacheStore",
                                          "The local cache refused inconsistent data: %1"))
                    .arg(detail)};
    case 10: // SQLITE_IOERR
    case 14: // SQLITE_CANTOPEN
    case 15: // SQLITE_PROTOCOL
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
    case 22: // SQLITE_NOLFS
    case 23: // SQLITE_AUTH
        return {StoreError::Io,
                trStore(QT_TRANSLATE_NOOP("CacheStore",
                                          "The local cache (%1) could not be read or written: %2"))
                    .arg(where, detail)};
    default:
        return {StoreError::Other,
                trStore(QT_TRANSLATE_NOOP("CacheStore", "The local cache (%1) failed: %2"))
                    .arg(where, detail)};
    }
}

StoreError injectedError(StoreError::Kind kind, const QString &path)
{
    const QString where = QDir::toNativeSeparators(path);
    switch (kind) {
    case StoreError::DiskFull:
        return {kind,
                trStore(QT_TRANSLATE_NOOP(
                            "CacheStore",
                            "The disk holding the local cache (%1) is full. Free some space and "
                            "try again; everything saved before is kept."))
                    .arg(where)};
    case StoreError::ReadOnly:
        return {kind,
                trStore(QT_TRANSLATE_NOOP(
                            "CacheStore",
                            "The local cache (%1) is read-only, so nothing can be saved."))
                    .arg(where)};
    default:
        return {kind,
                trStore(QT_TRANSLATE_NOOP("CacheStore",
                                          "The local cache (%1) could not be read or written: %2"))
                    .arg(where, u"injected fault"_s)};
    }
}

// Even statements without parameters go through prepare(): one code path,
// and never a string glued into SQL.
bool prepareAndExec(QSqlQuery &q, const QString &sql)
{
    return q.prepare(sql) && q.exec();
}

std::atomic<quint64> g_instanceCounter {0};

} // namespace

// --- guards ------------------------------------------------------------------

void Query::bind(const QVariantList &values)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        m_query->bindValue(int(i), sqlText(values[i]));
}

bool Query::exec(StoreError *error)
{
    if (m_connection->injectFault(error))
        return false;
    if (!m_query->exec()) {
        qCWarning(lcStore) << "statement failed:" << m_query->lastError().nativeErrorCode()
                           << m_query->lastError().text();
        setError(error, m_connection->errorFor(m_query->lastError()));
        return false;
    }
    return true;
}

bool Query::stepFailed(StoreError *error) const
{
    const QSqlError e = m_query->lastError();
    if (!e.isValid())
        return false;
    setError(error, m_connection->errorFor(e));
    return true;
}

#ifdef ESCALATION_STORE_SQLITE_API
bool SqliteStatement::step(StoreError *error)
{
    if (m_connection->injectFault(error)) {
        sqlite3_reset(m_stmt);
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    const bool ok = rc == SQLITE_DONE || rc == SQLITE_ROW || m_connection->failed(rc, error);
    sqlite3_reset(m_stmt);
    return ok;
}
#endif

WriteStatement::WriteStatement(StoreConnection &connection, const QString &sql, StoreError *error)
{
#ifdef ESCALATION_STORE_SQLITE_API
    if (connection.usesSqliteApi()) {
        m_stmt = connection.sqliteStatement(sql, error);
        return;
    }
#endif
    m_query = connection.query(sql, error);
}

bool WriteStatement::isValid() const
{
#ifdef ESCALATION_STORE_SQLITE_API
    if (m_stmt)
        return true;
#endif
    return bool(m_query);
}

// --- the connection ----------------------------------------------------------

std::unique_ptr<StoreConnection> StoreConnection::connect(const QString &path,
                                                          CacheStore::OpenMode mode,
                                                          FaultInjector *injector,
                                                          StoreError *error)
{
    std::unique_ptr<StoreConnection> c(new StoreConnection);
    c->m_path = path;
    c->m_injector = injector;
    c->m_readOnly = mode != CacheStore::OpenMode::ReadWrite;
    // One connection per thread and instance.
    c->m_connectionName = u"escalation-store-%1-%2"_s
                              .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16)
                              .arg(++g_instanceCounter);
    c->m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, c->m_connectionName);
    c->m_db.setDatabaseName(path);
    c->m_db.setConnectOptions(c->m_readOnly ? u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"_s
                                            : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!c->m_db.open()) {
        setError(error, c->errorFor(c->m_db.lastError()));
        return nullptr;
    }
    c->attachHandle();
    return c;
}

StoreConnection::~StoreConnection()
{
    close();
}

void StoreConnection::attachHandle()
{
#ifdef ESCALATION_STORE_SQLITE_API
    // The QSQLITE driver exposes its sqlite3* (QSqlDriver::handle), used on
    // this same thread and connection only.
    const QVariant h = m_db.driver()->handle();
    if (h.isValid() && qstrcmp(h.typeName(), "sqlite3*") == 0)
        m_sqlite = *static_cast<sqlite3 *const *>(h.constData());
#endif
}

void StoreConnection::close()
{
    m_statements.clear();
#ifdef ESCALATION_STORE_SQLITE_API
    for (sqlite3_stmt *stmt : std::as_const(m_sqliteStatements))
        sqlite3_finalize(stmt); // before close: the driver cannot close with live statements
    m_sqliteStatements.clear();
    m_sqlite = nullptr;
    m_stringPool = {};
#endif
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool StoreConnection::usesSqliteApi() const
{
#ifdef ESCALATION_STORE_SQLITE_API
    return m_sqlite && !m_portableSql;
#else
    return false;
#endif
}

void StoreConnection::releaseStringPool()
{
#ifdef ESCALATION_STORE_SQLITE_API
    m_stringPool = {};
#endif
}

bool StoreConnection::injectFault(StoreError *error)
{
    StoreError::Kind kind = StoreError::Io;
    if (m_injector && m_injector->shouldFail(&kind)) {
        qCDebug(lcStore) << "injected fault" << kind;
        setError(error, injectedError(kind, m_path));
        return true;
    }
    return false;
}

StoreError StoreConnection::errorFor(const QSqlError &e) const
{
    return storeErrorFromCode(e.nativeErrorCode().toInt(),
                              e.databaseText().isEmpty() ? e.text() : e.databaseText(), m_path);
}

StoreError StoreConnection::errorFor(int sqliteCode, const QString &detail) const
{
    return storeErrorFromCode(sqliteCode, detail, m_path);
}

Query StoreConnection::query(const QString &sql, StoreError *error)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            qCWarning(lcStore) << "prepare failed:" << q.lastError().text() << sql;
            setError(error, errorFor(q.lastError()));
            return {};
        }
        it = m_statements.emplace(sql, std::move(q)).first;
    }
    return Query(this, &it->second);
}

Query StoreConnection::run(const QString &sql, const QVariantList &values, StoreError *error)
{
    Query q = query(sql, error);
    if (!q)
        return {};
    q.bind(values);
    return q.exec(error) ? std::move(q) : Query();
}

bool StoreConnection::runDone(const QString &sql, const QVariantList &values, StoreError *error)
{
    return bool(run(sql, values, error));
}

std::optional<QVariant> StoreConnection::once(const QString &sql, StoreError *error)
{
    if (injectFault(error))
        return std::nullopt;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!prepareAndExec(q, sql)) {
        qCWarning(lcStore) << "statement failed:" << q.lastError().nativeErrorCode()
                           << q.lastError().text() << sql;
        setError(error, errorFor(q.lastError()));
        return std::nullopt;
    }
    return q.next() ? q.value(0) : QVariant();
}

void StoreConnection::tune(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!prepareAndExec(q, sql))
        qCWarning(lcStore) << sql << "failed:" << q.lastError().text();
}

bool StoreConnection::begin(StoreError *error, bool write)
{
    return runDone(write ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s, {}, error);
}

bool StoreConnection::commit(StoreError *error)
{
    return runDone(u"COMMIT"_s, {}, error);
}

void StoreConnection::rollback()
{
    QSqlQuery q(m_db);
    if (!prepareAndExec(q, u"ROLLBACK"_s))
        qCDebug(lcStore) << "rollback:" << q.lastError().text();
}

bool StoreConnection::setSynchronous(bool full, StoreError *error)
{
    return once(full ? u"PRAGMA synchronous = FULL"_s : u"PRAGMA synchronous = NORMAL"_s, error)
        .has_value();
}

#ifdef ESCALATION_STORE_SQLITE_API
SqliteStatement StoreConnection::sqliteStatement(const QString &sql, StoreError *error)
{
    auto it = m_sqliteStatements.find(sql);
    if (it == m_sqliteStatements.end()) {
        sqlite3_stmt *stmt = nullptr;
        const QByteArray utf8 = sql.toUtf8();
        const int rc = sqlite3_prepare_v3(m_sqlite, utf8.constData(), int(utf8.size()),
                                          SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) {
            setError(error, errorFor(rc, QString::fromUtf8(sqlite3_errmsg(m_sqlite))));
            sqlite3_finalize(stmt);
            return {};
        }
        it = m_sqliteStatements.insert(sql, stmt);
    }
    return SqliteStatement(this, *it);
}

bool StoreConnection::failed(int rc, StoreError *error)
{
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_sqlite));
    qCWarning(lcStore) << "statement failed:" << rc << message;
    setError(error, errorFor(rc, message));
    return false;
}
#endif

} // namespace Escalation

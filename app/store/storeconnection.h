#pragma once

// The store's SQL layer (private to the store library): one named
// connection to the cache file, its prepared statements, transactions, and
// the points the FaultInjector counts. Statements come out as guards that
// reset their statement (QSqlQuery::finish, sqlite3_reset) when they go out
// of scope, so a cached statement never keeps a read open after its use.
//
// Bulk reads and a sync page's writes step the driver's own sqlite3 handle
// where the build has the SQLite headers (ESCALATION_STORE_SQLITE_API):
// QSqlQuery makes a QVariant of every value, which is most of the cost at
// 100 000 rows. Everything else, and every statement without those
// headers, runs through QSqlQuery.

#include "cachestore.h"
#include "storetypes.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

#ifdef ESCALATION_STORE_SQLITE_API
#include <sqlite3.h>

#include <string>
#include <string_view>
#endif

namespace Escalation {

class FaultInjector;
class StoreConnection;

// --- values as SQLite keeps them ---------------------------------------------

// Text that starts with a byte-order mark gets one more in front, which
// SQLite drops (it would misread the first); other values pass unchanged.
QVariant sqlText(const QVariant &value);
QVariant timeToDb(const QDateTime &t);
QDateTime timeFromDb(const QVariant &v);

// Every message is marked QT_TRANSLATE_NOOP("CacheStore", ...) for lupdate.
QString trStore(const char *text);
void setError(StoreError *out, const StoreError &e);

// --- statement guards --------------------------------------------------------

// A cached, prepared QSqlQuery of a connection, finished when the guard goes
// out of scope. Null if the statement could not be prepared.
class Query final {
public:
    Query() = default;
    Query(Query &&other) noexcept
        : m_connection(other.m_connection)
        , m_query(std::exchange(other.m_query, nullptr))
    {
    }
    Query &operator=(Query &&other) noexcept
    {
        Query old(std::move(*this)); // finished when it goes
        m_connection = other.m_connection;
        m_query = std::exchange(other.m_query, nullptr);
        return *this;
    }
    ~Query()
    {
        if (m_query)
            m_query->finish();
    }

    explicit operator bool() const { return m_query != nullptr; }
    // Binds positional values (text through sqlText()).
    void bind(const QVariantList &values);
    // Runs the statement; one operation for the fault injector.
    bool exec(StoreError *error);
    bool next() { return m_query->next(); }
    // After next() answered false: whether that was a failure, not the end
    // of the rows (and *error says which).
    bool stepFailed(StoreError *error) const;
    QVariant value(int i) const { return m_query->value(i); }
    int numRowsAffected() const { return m_query->numRowsAffected(); }
    QVariant lastInsertId() const { return m_query->lastInsertId(); }
    QSqlError lastError() const { return m_query->lastError(); }
    QSqlQuery &query() { return *m_query; }

private:
    friend class StoreConnection;
    Query(StoreConnection *connection, QSqlQuery *query)
        : m_connection(connection)
        , m_query(query)
    {
    }
    StoreConnection *m_connection = nullptr;
    QSqlQuery *m_query = nullptr;
};

#ifdef ESCALATION_STORE_SQLITE_API
// A cached sqlite3_stmt of a connection, reset when the guard goes out of
// scope. Null if the statement could not be prepared.
class SqliteStatement final {
public:
    SqliteStatement() = default;
    SqliteStatement(SqliteStatement &&other) noexcept
        : m_connection(other.m_connection)
        , m_stmt(std::exchange(other.m_stmt, nullptr))
    {
    }
    SqliteStatement &operator=(SqliteStatement &&other) noexcept
    {
        SqliteStatement old(std::move(*this)); // reset when it goes
        m_connection = other.m_connection;
        m_stmt = std::exchange(other.m_stmt, nullptr);
        return *this;
    }
    ~SqliteStatement()
    {
        if (m_stmt)
            sqlite3_reset(m_stmt);
    }

    explicit operator bool() const { return m_stmt != nullptr; }
    sqlite3_stmt *handle() const { return m_stmt; }
    // Runs a bound write once and resets for the next row (bindings stay);
    // one operation for the fault injector.
    bool step(StoreError *error);

private:
    friend class StoreConnection;
    SqliteStatement(StoreConnection *connection, sqlite3_stmt *stmt)
        : m_connection(connection)
        , m_stmt(stmt)
    {
    }
    StoreConnection *m_connection = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};
#endif

// --- rows and binders --------------------------------------------------------
// The row readers and binders of storerows.h are written once for both
// paths against these adapters.

// Column access over a QSqlQuery.
struct QueryRow {
    const QSqlQuery &q;
    bool isNull(int i) const { return q.isNull(i); }
    QString text(int i) const { return q.value(i).toString(); }
    QString shared(int i) const { return text(i); }
    qint64 integer(int i) const { return q.value(i).toLongLong(); }
    QDateTime time(int i) const { return timeFromDb(q.value(i)); }
};

// Binds through QSqlQuery.
struct QueryBinder {
    QSqlQuery &q;
    void text(int i, const QString &v) { q.bindValue(i, sqlText(QVariant(v))); }
    void integer(int i, qint64 v) { q.bindValue(i, v); }
    void time(int i, const QDateTime &t) { q.bindValue(i, timeToDb(t)); }
};

#ifdef ESCALATION_STORE_SQLITE_API
// Hands out one shared QString per distinct value of the low-cardinality
// columns (names, teams, codes) during a bulk read: 100 000 requests share a
// few hundred strings instead of allocating their own (PERFORMANCE.md P3,
// P7). Bounded, so an all-distinct column costs a lookup and nothing more.
class StringPool final {
public:
    QString get(const char *bytes, int size)
    {
        const std::string_view key(bytes, size_t(size));
        if (const auto it = m_map.find(key); it != m_map.end())
            return it->second;
        QString value = QString::fromUtf8(bytes, size);
        if (m_map.size() < kLimit)
            m_map.emplace(std::string(key), value);
        return value;
    }

private:
    static constexpr std::size_t kLimit = 20000;
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view v) const
        {
            return std::hash<std::string_view> {}(v);
        }
    };
    std::unordered_map<std::string, QString, Hash, std::equal_to<>> m_map;
};

// Reads straight from a stepped sqlite3_stmt: no QVariant per value.
struct StatementRow {
    sqlite3_stmt *s;
    StringPool *pool;
    bool isNull(int i) const { return sqlite3_column_type(s, i) == SQLITE_NULL; }
    QString text(int i) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
        return p ? QString::fromUtf8(p, sqlite3_column_bytes(s, i)) : QString();
    }
    QString shared(int i) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
        return p ? pool->get(p, sqlite3_column_bytes(s, i)) : QString();
    }
    qint64 integer(int i) const { return sqlite3_column_int64(s, i); }
    QDateTime time(int i) const
    {
        return isNull(i) ? QDateTime() : QDateTime::fromMSecsSinceEpoch(integer(i), Qt::UTC);
    }
};

// Binds straight into a sqlite3_stmt. Text goes in as UTF-8 (the file's own
// encoding, and no byte-order mark to misread); a null QString is NULL, as
// QSqlQuery binds it.
struct StatementBinder {
    sqlite3_stmt *s;
    void text(int i, const QString &v)
    {
        if (v.isNull()) {
            sqlite3_bind_null(s, i + 1);
            return;
        }
        const QByteArray utf8 = v.toUtf8();
        sqlite3_bind_text(s, i + 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    void integer(int i, qint64 v) { sqlite3_bind_int64(s, i + 1, v); }
    void time(int i, const QDateTime &t)
    {
        if (t.isValid())
            sqlite3_bind_int64(s, i + 1, t.toMSecsSinceEpoch());
        else
            sqlite3_bind_null(s, i + 1);
    }
};
#endif

// --- the connection ----------------------------------------------------------

class StoreConnection final {
public:
    // A connection of the calling thread to `path` (QSqlDatabase connections
    // must not be shared between threads); null (and *error) on failure.
    static std::unique_ptr<StoreConnection> connect(const QString &path, CacheStore::OpenMode mode,
                                                    FaultInjector *injector, StoreError *error);
    ~StoreConnection();
    StoreConnection(const StoreConnection &) = delete;
    StoreConnection &operator=(const StoreConnection &) = delete;
    void close();

    const QString &path() const { return m_path; }
    const QString &connectionName() const { return m_connectionName; }
    QSqlDatabase database() const { return m_db; }
    bool isReadOnly() const { return m_readOnly; }
    // Set by whoever configured the journal (open).
    bool isWal() const { return m_wal; }
    void setWal(bool wal) { m_wal = wal; }

    void setFaultInjector(FaultInjector *injector) { m_injector = injector; }
    bool hasFaultInjector() const { return m_injector != nullptr; }
    // Counts one operation; true (and *error) when the injector fails it.
    bool injectFault(StoreError *error);
    void setPortableSql(bool portable) { m_portableSql = portable; }
    bool usesSqliteApi() const;

    StoreError errorFor(const QSqlError &e) const;
    StoreError errorFor(int sqliteCode, const QString &detail) const;

    // Prepared once per connection and SQL text.
    Query query(const QString &sql, StoreError *error);
    // Prepared, bound and run; null on failure.
    Query run(const QString &sql, const QVariantList &values, StoreError *error);
    bool runDone(const QString &sql, const QVariantList &values, StoreError *error);
    // A one-off statement (DDL, PRAGMA), not cached: its first value.
    std::optional<QVariant> once(const QString &sql, StoreError *error);
    // Pragmas whose failure changes no data: not counted, only logged.
    void tune(const QString &sql);

    bool begin(StoreError *error, bool write = true);
    bool commit(StoreError *error);
    // Not counted by the fault injector: a rollback is the recovery itself.
    void rollback();
    bool setSynchronous(bool full, StoreError *error);

    // Runs a parameterless SELECT and calls onRow(row) for each row, with a
    // StatementRow through the SQLite API where available, else a QueryRow.
    template<typename OnRow> bool forEachRow(const QString &sql, OnRow &&onRow, StoreError *error);
    // Empties the string pool of the last bulk read.
    void releaseStringPool();

#ifdef ESCALATION_STORE_SQLITE_API
    SqliteStatement sqliteStatement(const QString &sql, StoreError *error);
    // Logs the failure of a step and sets *error from `rc`; returns false.
    bool failed(int rc, StoreError *error);
#endif

private:
    StoreConnection() = default;
    void attachHandle();

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_readOnly = false;
    bool m_wal = false;
    bool m_portableSql = false; // tests: force the QSqlQuery path
    FaultInjector *m_injector = nullptr;
    // Node-based: a guard's pointer stays valid while other statements are added.
    std::unordered_map<QString, QSqlQuery> m_statements;
#ifdef ESCALATION_STORE_SQLITE_API
    sqlite3 *m_sqlite = nullptr; // the driver's own handle
    QHash<QString, sqlite3_stmt *> m_sqliteStatements;
    StringPool m_stringPool; // for one bulk read; emptied after it
#endif
};

// One prepared write statement of a sync page, run once per row: through
// the SQLite API where the connection uses it, else through QSqlQuery.
// run(bind) sets the row's values with a binder of either kind.
class WriteStatement final {
public:
    WriteStatement(StoreConnection &connection, const QString &sql, StoreError *error);
    bool isValid() const;
    template<typename Bind> bool run(Bind &&bind, StoreError *error)
    {
#ifdef ESCALATION_STORE_SQLITE_API
        if (m_stmt) {
            bind(StatementBinder {m_stmt.handle()});
            return m_stmt.step(error);
        }
#endif
        bind(QueryBinder {m_query.query()});
        return m_query.exec(error);
    }

private:
    Query m_query;
#ifdef ESCALATION_STORE_SQLITE_API
    SqliteStatement m_stmt;
#endif
};

template<typename OnRow>
bool StoreConnection::forEachRow(const QString &sql, OnRow &&onRow, StoreError *error)
{
#ifdef ESCALATION_STORE_SQLITE_API
    if (usesSqliteApi()) {
        if (injectFault(error))
            return false;
        SqliteStatement stmt = sqliteStatement(sql, error);
        if (!stmt)
            return false;
        int rc = SQLITE_OK;
        while ((rc = sqlite3_step(stmt.handle())) == SQLITE_ROW)
            onRow(StatementRow {stmt.handle(), &m_stringPool});
        return rc == SQLITE_DONE || failed(rc, error);
    }
#endif
    Query q = run(sql, {}, error);
    if (!q)
        return false;
    while (q.next())
        onRow(QueryRow {q.query()});
    return !q.stepFailed(error);
}

} // namespace Escalation

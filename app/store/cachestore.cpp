#include "cachestore.h"

#include "cachestoretesting.h"
#include "faultinjector.h"
#include "schema.h"
#include "storelog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#ifdef ESCALATION_STORE_SQLITE_API
#include <QSqlDriver>
#include <sqlite3.h>
#endif

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

// Every message is marked QT_TRANSLATE_NOOP("CacheStore", ...) so that lupdate finds it.
QString trStore(const char *text)
{
    return QCoreApplication::translate("CacheStore", text);
}

// --- value conversions ----------------------------------------------------

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

QString jsonArrayOf(const QStringList &ids)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
}

// Column access over a QSqlQuery; the row readers below are written once
// for it and for the SQLite statement adapter (fast bulk reads).
struct QueryRow {
    const QSqlQuery &q;
    bool isNull(int i) const { return q.isNull(i); }
    QString text(int i) const { return q.value(i).toString(); }
    QString shared(int i) const { return text(i); }
    qint64 integer(int i) const { return q.value(i).toLongLong(); }
    QDateTime time(int i) const { return timeFromDb(q.value(i)); }
};

#ifdef ESCALATION_STORE_SQLITE_API
// Hands out one shared QString per distinct value of the low-cardinality
// columns (names, teams, codes) during a bulk read: 100 000 requests share a
// few hundred strings instead of allocating their own, which saves both time
// and memory (PERFORMANCE.md P3, P7). Bounded, so a column that turns out to
// be all-distinct costs a lookup and nothing more.
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

// Reads straight from a stepped sqlite3_stmt: no QVariant per value, which
// is most of the cost of loading 100 000 rows through QSqlQuery.
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
#endif

// --- the SQL --------------------------------------------------------------

constexpr auto kActiveStates = "('pending', 'accepted', 'declined')";

const QString kCaseColumns = u"id, number, subject, account, tier, severity, priority, status, "
                             "created_at, first_response_at, last_customer_update_at, "
                             "last_support_update_at, assignee, csm, updated_at, version"_s;

const QString kRequestColumns = u"id, case_id, level, reason, summary, requested_by, requested_at, "
                                "state, previous_request_id, owner, team, calendar_id, "
                                "decision_kind, decision_text, decision_by, decision_at, "
                                "analysis_text, analysis_by, analysis_at, ack_by, ack_at, "
                                "updated_at, version, external_due_at"_s;

const QString kOutboxColumns = u"local_id, idempotency_key, request_id, action, text, actor, "
                               "base_version, created_at, status, attempts, next_attempt_at, "
                               "last_error, conflict_json"_s;

QString placeholders(int n)
{
    QString s;
    for (int i = 0; i < n; ++i)
        s += (i ? u", ?"_s : u"?"_s);
    return s;
}

QString upsertSql(const QString &table, const QString &columns)
{
    const QStringList names = columns.split(u", "_s);
    QString updates;
    for (qsizetype i = 1; i < names.size(); ++i)
        updates += (i > 1 ? u", "_s : QString()) + names[i] + u" = excluded."_s + names[i];
    return u"INSERT INTO "_s + table + u" ("_s + columns + u") VALUES ("_s
        + placeholders(int(names.size())) + u") ON CONFLICT (id) DO UPDATE SET "_s + updates;
}

// `id`: column 0 when the caller has read it already.
template<typename Row> Case readCase(const Row &row, QString id = {})
{
    Case c;
    c.id = id.isNull() ? row.text(0) : std::move(id);
    c.number = row.text(1);
    c.subject = row.text(2);
    c.account = row.shared(3);
    c.tier = supportTierFromCode(row.shared(4)).value_or(SupportTier::Standard);
    c.severity = severityFromInt(int(row.integer(5))).value_or(Severity::S3);
    c.priority = priorityFromCode(row.shared(6)).value_or(CustomerPriority::Normal);
    c.status = row.shared(7);
    c.createdAt = row.time(8);
    c.firstResponseAt = row.time(9);
    c.lastCustomerUpdateAt = row.time(10);
    c.lastSupportUpdateAt = row.time(11);
    c.assignee = row.shared(12);
    c.csm = row.shared(13);
    c.updatedAt = row.time(14);
    c.version = row.integer(15);
    return c;
}

// Binds values through QSqlQuery: the portable path, and every write but
// the bulk ones of a sync page.
struct QueryBinder {
    QSqlQuery &q;
    void text(int i, const QString &v) { q.bindValue(i, sqlText(QVariant(v))); }
    void integer(int i, qint64 v) { q.bindValue(i, v); }
    void time(int i, const QDateTime &t) { q.bindValue(i, timeToDb(t)); }
};

#ifdef ESCALATION_STORE_SQLITE_API
// Binds straight into a sqlite3_stmt: no QVariant per value, a third of the
// cost of a sync page's writes. Text goes in as UTF-8 (the file's own
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

template<typename Binder> void bindCase(Binder &&b, const Case &c)
{
    b.text(0, c.id);
    b.text(1, c.number);
    b.text(2, c.subject);
    b.text(3, c.account);
    b.text(4, toCode(c.tier));
    b.integer(5, static_cast<int>(c.severity));
    b.text(6, toCode(c.priority));
    b.text(7, c.status);
    b.time(8, c.createdAt);
    b.time(9, c.firstResponseAt);
    b.time(10, c.lastCustomerUpdateAt);
    b.time(11, c.lastSupportUpdateAt);
    b.text(12, c.assignee);
    b.text(13, c.csm);
    b.time(14, c.updatedAt);
    b.integer(15, c.version);
}

template<typename Row> EscalationRequest readRequest(const Row &row)
{
    EscalationRequest r;
    r.id = row.text(0);
    r.caseId = row.text(1);
    r.level = int(row.integer(2));
    r.reason = reasonFromCode(row.shared(3)).value_or(Reason::Other);
    r.summary = row.text(4);
    r.requestedBy = row.shared(5);
    r.requestedAt = row.time(6);
    r.state = requestStateFromCode(row.shared(7)).value_or(RequestState::Pending);
    r.previousRequestId = row.text(8);
    r.owner = row.shared(9);
    r.team = row.shared(10);
    r.calendarId = row.shared(11);
    if (!row.isNull(12)) {
        r.decision = Decision {decisionKindFromCode(row.shared(12)).value_or(DecisionKind::Accept),
                               row.text(13), row.shared(14), row.time(15)};
    }
    if (!row.isNull(16) || !row.isNull(18))
        r.analysis = Analysis {row.text(16), row.shared(17), row.time(18)};
    if (!row.isNull(19) || !row.isNull(20))
        r.ownerAcknowledgement = OwnerAcknowledgement {row.shared(19), row.time(20)};
    r.updatedAt = row.time(21);
    r.version = row.integer(22);
    r.externalDueAt = row.time(23);
    return r;
}

template<typename Binder> void bindRequest(Binder &&b, const EscalationRequest &r)
{
    // A present decision/analysis/acknowledgement is stored with non-NULL
    // text, so that "present but empty" survives the round trip.
    const auto present = [](const QString &text) { return text.isNull() ? u""_s : text; };
    b.text(0, r.id);
    b.text(1, r.caseId);
    b.integer(2, r.level);
    b.text(3, toCode(r.reason));
    b.text(4, r.summary);
    b.text(5, r.requestedBy);
    b.time(6, r.requestedAt);
    b.text(7, toCode(r.state));
    b.text(8, r.previousRequestId.isEmpty() ? QString() : r.previousRequestId);
    b.text(9, r.owner);
    b.text(10, r.team);
    b.text(11, r.calendarId);
    b.text(12, r.decision ? toCode(r.decision->kind) : QString());
    b.text(13, r.decision ? present(r.decision->text) : QString());
    b.text(14, r.decision ? r.decision->by : QString());
    b.time(15, r.decision ? r.decision->at : QDateTime());
    b.text(16, r.analysis ? present(r.analysis->text) : QString());
    b.text(17, r.analysis ? r.analysis->by : QString());
    b.time(18, r.analysis ? r.analysis->at : QDateTime());
    b.text(19, r.ownerAcknowledgement ? present(r.ownerAcknowledgement->by) : QString());
    b.time(20, r.ownerAcknowledgement ? r.ownerAcknowledgement->at : QDateTime());
    b.time(21, r.updatedAt);
    b.integer(22, r.version);
    b.time(23, r.externalDueAt);
}

template<typename Binder>
void bindNote(Binder &&b, const QString &requestId, qsizetype seq, const Note &n)
{
    b.text(0, requestId);
    b.integer(1, seq);
    b.text(2, n.id);
    b.text(3, n.author);
    b.text(4, n.text);
    b.time(5, n.at);
}

OutboxEntry readOutbox(const QSqlQuery &q)
{
    OutboxEntry e;
    e.localId = q.value(0).toLongLong();
    e.idempotencyKey = q.value(1).toString();
    e.requestId = q.value(2).toString();
    e.action = outboxActionFromCode(q.value(3).toString()).value_or(OutboxAction::AddNote);
    e.text = q.value(4).toString();
    e.actor = q.value(5).toString();
    e.baseVersion = q.value(6).toLongLong();
    e.createdAt = timeFromDb(q.value(7));
    e.status = outboxStatusFromCode(q.value(8).toString()).value_or(OutboxStatus::Pending);
    e.attempts = q.value(9).toInt();
    e.nextAttemptAt = timeFromDb(q.value(10));
    e.lastError = q.value(11).toString();
    e.conflictJson = q.value(12).toString();
    return e;
}

void bindOutbox(QSqlQuery &q, const OutboxEntry &e, bool withLocalId)
{
    int i = 0;
    if (withLocalId)
        q.bindValue(i++, e.localId);
    q.bindValue(i++, sqlText(e.idempotencyKey));
    q.bindValue(i++, sqlText(e.requestId));
    q.bindValue(i++, toCode(e.action));
    q.bindValue(i++, sqlText(e.text));
    q.bindValue(i++, sqlText(e.actor));
    q.bindValue(i++, e.baseVersion);
    q.bindValue(i++, timeToDb(e.createdAt));
    q.bindValue(i++, toCode(e.status));
    q.bindValue(i++, e.attempts);
    q.bindValue(i++, timeToDb(e.nextAttemptAt));
    q.bindValue(i++, sqlText(e.lastError));
    q.bindValue(i++, sqlText(e.conflictJson));
}

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

StoreError toStoreError(const QSqlError &e, const QString &path)
{
    return storeErrorFromCode(e.nativeErrorCode().toInt(),
                              e.databaseText().isEmpty() ? e.text() : e.databaseText(), path);
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

void setError(StoreError *out, const StoreError &e)
{
    if (out)
        *out = e;
}

std::atomic<quint64> g_instanceCounter {0};

} // namespace

// --- the statement-execution layer --------------------------------------

class CacheStorePrivate final {
public:
    QString path;
    QString connectionName;
    QSqlDatabase db;
    bool readOnly = false;
    bool wal = false;
    QString journalMode; // as SQLite reports it after configure()
    FaultInjector *injector = nullptr;
    QHash<QString, QSqlQuery> statements; // prepared once, reused
    bool portableSql = false; // tests: force the QSqlQuery path
#ifdef ESCALATION_STORE_SQLITE_API
    sqlite3 *sqliteHandle = nullptr; // the driver's own connection
    QHash<QString, sqlite3_stmt *> sqliteStatements;
    StringPool stringPool; // for one bulk read; emptied after it
#endif

    ~CacheStorePrivate()
    {
        close();
    }

    void releaseStringPool()
    {
#ifdef ESCALATION_STORE_SQLITE_API
        stringPool = {};
#endif
    }

    bool usesSqliteApi() const
    {
#ifdef ESCALATION_STORE_SQLITE_API
        return sqliteHandle && !portableSql;
#else
        return false;
#endif
    }

    void attachHandle()
    {
#ifdef ESCALATION_STORE_SQLITE_API
        // The QSQLITE driver exposes its sqlite3* (QSqlDriver::handle). It is
        // used for bulk reads only, on this same thread and connection.
        const QVariant h = db.driver()->handle();
        if (h.isValid() && qstrcmp(h.typeName(), "sqlite3*") == 0)
            sqliteHandle = *static_cast<sqlite3 *const *>(h.constData());
#endif
    }

    void close()
    {
        statements.clear();
#ifdef ESCALATION_STORE_SQLITE_API
        for (sqlite3_stmt *stmt : std::as_const(sqliteStatements))
            sqlite3_finalize(stmt); // before close: the driver cannot close with live statements
        sqliteStatements.clear();
        sqliteHandle = nullptr;
        stringPool = {};
#endif
        if (db.isValid()) {
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connectionName);
        }
    }

    bool injectFault(StoreError *error)
    {
        StoreError::Kind kind = StoreError::Io;
        if (injector && injector->shouldFail(&kind)) {
            qCDebug(lcStore) << "injected fault" << kind;
            setError(error, injectedError(kind, path));
            return true;
        }
        return false;
    }

    // A cached prepared statement for `sql`; null (and *error set) if it
    // cannot be prepared.
    QSqlQuery *prepared(const QString &sql, StoreError *error)
    {
        auto it = statements.find(sql);
        if (it == statements.end()) {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            if (!q.prepare(sql)) {
                qCWarning(lcStore) << "prepare failed:" << q.lastError().text() << sql;
                setError(error, toStoreError(q.lastError(), path));
                return nullptr;
            }
            it = statements.insert(sql, q);
        }
        return &it.value();
    }

    bool exec(QSqlQuery &q, StoreError *error)
    {
        if (injectFault(error))
            return false;
        if (!q.exec()) {
            qCWarning(lcStore) << "statement failed:" << q.lastError().nativeErrorCode()
                               << q.lastError().text();
            setError(error, toStoreError(q.lastError(), path));
            return false;
        }
        return true;
    }

    // Prepares (once) and executes `sql` with the given positional values.
    QSqlQuery *run(const QString &sql, const QVariantList &values, StoreError *error)
    {
        QSqlQuery *q = prepared(sql, error);
        if (!q)
            return nullptr;
        for (qsizetype i = 0; i < values.size(); ++i)
            q->bindValue(int(i), sqlText(values[i]));
        return exec(*q, error) ? q : nullptr;
    }

    bool runDone(const QString &sql, const QVariantList &values, StoreError *error)
    {
        QSqlQuery *q = run(sql, values, error);
        if (q)
            q->finish();
        return q != nullptr;
    }

    // Runs a one-off statement (DDL, PRAGMA) without caching it.
    std::optional<QVariant> once(const QString &sql, StoreError *error)
    {
        if (injectFault(error))
            return std::nullopt;
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!prepareAndExec(q, sql)) {
            qCWarning(lcStore) << "statement failed:" << q.lastError().nativeErrorCode()
                               << q.lastError().text() << sql;
            setError(error, toStoreError(q.lastError(), path));
            return std::nullopt;
        }
        return q.next() ? q.value(0) : QVariant();
    }

    // Tuning and restoring pragmas whose failure changes no data: not
    // counted by the fault injector, and a failure is only logged.
    void tune(const QString &sql)
    {
        QSqlQuery q(db);
        if (!prepareAndExec(q, sql))
            qCWarning(lcStore) << sql << "failed:" << q.lastError().text();
    }

    bool begin(StoreError *error, bool write = true)
    {
        return runDone(write ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s, {}, error);
    }
    bool commit(StoreError *error)
    {
        return runDone(u"COMMIT"_s, {}, error);
    }
    void rollback()
    {
        // Not counted by the fault injector: a rollback is the recovery itself.
        QSqlQuery q(db);
        if (!prepareAndExec(q, u"ROLLBACK"_s))
            qCDebug(lcStore) << "rollback:" << q.lastError().text();
    }

#ifdef ESCALATION_STORE_SQLITE_API
    // A cached prepared statement of the SQLite API for `sql`; null (and
    // *error set) if it cannot be prepared.
    sqlite3_stmt *sqliteStatement(const QString &sql, StoreError *error)
    {
        auto it = sqliteStatements.find(sql);
        if (it == sqliteStatements.end()) {
            sqlite3_stmt *stmt = nullptr;
            const QByteArray utf8 = sql.toUtf8();
            const int rc = sqlite3_prepare_v3(sqliteHandle, utf8.constData(), int(utf8.size()),
                                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
            if (rc != SQLITE_OK) {
                setError(
                    error,
                    storeErrorFromCode(rc, QString::fromUtf8(sqlite3_errmsg(sqliteHandle)), path));
                sqlite3_finalize(stmt);
                return nullptr;
            }
            it = sqliteStatements.insert(sql, stmt);
        }
        return *it;
    }

    // Runs a bound write statement once; counted by the fault injector as
    // exec() is.
    bool step(sqlite3_stmt *stmt, StoreError *error)
    {
        if (injectFault(error)) {
            sqlite3_reset(stmt);
            return false;
        }
        const int rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
            const QString message = QString::fromUtf8(sqlite3_errmsg(sqliteHandle));
            sqlite3_reset(stmt);
            qCWarning(lcStore) << "statement failed:" << rc << message;
            setError(error, storeErrorFromCode(rc, message, path));
            return false;
        }
        sqlite3_reset(stmt);
        return true;
    }
#endif

    // Runs a parameterless SELECT and calls onRow(row) for each row, through
    // the SQLite API where available (QueryRow / StatementRow share the row
    // readers), else through QSqlQuery.
    template<typename OnRow> bool forEachRow(const QString &sql, OnRow &&onRow, StoreError *error)
    {
#ifdef ESCALATION_STORE_SQLITE_API
        if (usesSqliteApi()) {
            if (injectFault(error))
                return false;
            sqlite3_stmt *stmt = sqliteStatement(sql, error);
            if (!stmt)
                return false;
            int rc = SQLITE_OK;
            while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
                onRow(StatementRow {stmt, &stringPool});
            const QString message = QString::fromUtf8(sqlite3_errmsg(sqliteHandle));
            sqlite3_reset(stmt);
            if (rc != SQLITE_DONE) {
                qCWarning(lcStore) << "statement failed:" << rc << message;
                setError(error, storeErrorFromCode(rc, message, path));
                return false;
            }
            return true;
        }
#endif
        QSqlQuery *q = run(sql, {}, error);
        if (!q)
            return false;
        while (q->next())
            onRow(QueryRow {*q});
        const QSqlError e = q->lastError();
        q->finish();
        if (e.isValid()) {
            setError(error, toStoreError(e, path));
            return false;
        }
        return true;
    }

    // Everything below runs inside a transaction opened by the caller.
    bool existingIds(const QString &table, const QStringList &ids, QSet<QString> *out,
                     StoreError *error);
    bool upsertCases(const QList<Case> &cases, ChangeSet *changes, StoreError *error);
    bool upsertRequests(const QList<EscalationRequest> &requests, ChangeSet *changes,
                        StoreError *error);
    bool removeRequests(const QStringList &ids, ChangeSet *changes, StoreError *error);
    bool removeCases(const QStringList &ids, ChangeSet *changes, StoreError *error);
    bool attachNotes(const QString &sql, const QVariantList &values,
                     QList<EscalationRequest> *requests, StoreError *error);
    std::optional<int> userVersion(StoreError *error);
    bool configure(StoreError *error);
    bool migrate(int from, StoreError *error);
    bool setSynchronous(bool full, StoreError *error);
};

// One prepared write statement of a sync page, run once per row: through
// the SQLite API where the driver exposes it, else through QSqlQuery.
// bind(binder) sets the row's values on either.
class WriteStatement final {
public:
    WriteStatement(CacheStorePrivate &d, const QString &sql, StoreError *error)
        : m_d(d)
    {
#ifdef ESCALATION_STORE_SQLITE_API
        if (d.usesSqliteApi()) {
            m_stmt = d.sqliteStatement(sql, error);
            return;
        }
#endif
        m_query = d.prepared(sql, error);
    }
    bool isValid() const
    {
        return m_stmt || m_query;
    }

    template<typename Bind> bool run(Bind &&bind, StoreError *error)
    {
#ifdef ESCALATION_STORE_SQLITE_API
        if (m_stmt) {
            bind(StatementBinder {m_stmt});
            return m_d.step(m_stmt, error);
        }
#endif
        bind(QueryBinder {*m_query});
        return m_d.exec(*m_query, error);
    }

private:
    CacheStorePrivate &m_d;
    QSqlQuery *m_query = nullptr;
#ifdef ESCALATION_STORE_SQLITE_API
    sqlite3_stmt *m_stmt = nullptr;
#else
    void *m_stmt = nullptr;
#endif
};

bool CacheStorePrivate::existingIds(const QString &table, const QStringList &ids,
                                    QSet<QString> *out, StoreError *error)
{
    if (ids.isEmpty())
        return true;
    // One query per table and page, not one per row: the page's ids travel
    // as one JSON array bound to a single parameter.
    QSqlQuery *q =
        run(u"SELECT id FROM "_s + table + u" WHERE id IN (SELECT value FROM json_each(?))"_s,
            {jsonArrayOf(ids)}, error);
    if (!q)
        return false;
    while (q->next())
        out->insert(q->value(0).toString());
    q->finish();
    return true;
}

bool CacheStorePrivate::upsertCases(const QList<Case> &cases, ChangeSet *changes, StoreError *error)
{
    if (cases.isEmpty())
        return true;
    QStringList ids;
    ids.reserve(cases.size());
    for (const Case &c : cases)
        ids.append(c.id);
    QSet<QString> existing;
    if (!existingIds(u"cases"_s, ids, &existing, error))
        return false;
    static const QString sql = upsertSql(u"cases"_s, kCaseColumns);
    WriteStatement upsert(*this, sql, error);
    if (!upsert.isValid())
        return false;
    for (const Case &c : cases) {
        if (!upsert.run([&c](auto &&b) { bindCase(b, c); }, error))
            return false;
        if (existing.contains(c.id)) {
            changes->updatedCases.append(c);
        } else {
            existing.insert(c.id); // a repeated id within one page is an update
            changes->insertedCases.append(c);
        }
    }
    return true;
}

bool CacheStorePrivate::upsertRequests(const QList<EscalationRequest> &requests, ChangeSet *changes,
                                       StoreError *error)
{
    if (requests.isEmpty())
        return true;
    QStringList ids;
    ids.reserve(requests.size());
    for (const EscalationRequest &r : requests)
        ids.append(r.id);
    QSet<QString> existing;
    if (!existingIds(u"requests"_s, ids, &existing, error))
        return false;
    static const QString sql = upsertSql(u"requests"_s, kRequestColumns);
    WriteStatement upsert(*this, sql, error);
    WriteStatement clearNotes(*this, u"DELETE FROM notes WHERE request_id = ?"_s, error);
    WriteStatement addNote(
        *this,
        u"INSERT INTO notes (request_id, seq, id, author, text, at) VALUES (?, ?, ?, ?, ?, ?)"_s,
        error);
    if (!upsert.isValid() || !clearNotes.isValid() || !addNote.isValid())
        return false;
    for (const EscalationRequest &r : requests) {
        if (!upsert.run([&r](auto &&b) { bindRequest(b, r); }, error))
            return false;
        const bool existed = existing.contains(r.id);
        // The portal sends the whole note list; replace it. A new request
        // has no notes yet, so it skips this statement.
        if (existed && !clearNotes.run([&r](auto &&b) { b.text(0, r.id); }, error))
            return false;
        for (qsizetype i = 0; i < r.notes.size(); ++i) {
            if (!addNote.run([&](auto &&b) { bindNote(b, r.id, i, r.notes[i]); }, error))
                return false;
        }
        if (existed) {
            changes->updatedRequests.append(r);
        } else {
            existing.insert(r.id);
            changes->insertedRequests.append(r);
        }
    }
    return true;
}

bool CacheStorePrivate::removeRequests(const QStringList &ids, ChangeSet *changes,
                                       StoreError *error)
{
    if (ids.isEmpty())
        return true;
    QSet<QString> existing;
    if (!existingIds(u"requests"_s, ids, &existing, error))
        return false;
    for (const QString &id : ids) {
        if (!existing.remove(id))
            continue; // unknown here, or listed twice: nothing to remove
        if (!runDone(u"DELETE FROM notes WHERE request_id = ?"_s, {id}, error)
            || !runDone(u"DELETE FROM requests WHERE id = ?"_s, {id}, error))
            return false;
        changes->removedRequestIds.append(id);
    }
    return true;
}

bool CacheStorePrivate::removeCases(const QStringList &ids, ChangeSet *changes, StoreError *error)
{
    if (ids.isEmpty())
        return true;
    QSet<QString> existing;
    if (!existingIds(u"cases"_s, ids, &existing, error))
        return false;
    for (const QString &id : ids) {
        if (!existing.remove(id))
            continue;
        // A case deleted at the portal takes its requests with it.
        QSqlQuery *q = run(u"SELECT id FROM requests WHERE case_id = ?"_s, {id}, error);
        if (!q)
            return false;
        QStringList requestIds;
        while (q->next())
            requestIds.append(q->value(0).toString());
        q->finish();
        if (!removeRequests(requestIds, changes, error)
            || !runDone(u"DELETE FROM cases WHERE id = ?"_s, {id}, error))
            return false;
        changes->removedCaseIds.append(id);
    }
    return true;
}

bool CacheStorePrivate::attachNotes(const QString &sql, const QVariantList &values,
                                    QList<EscalationRequest> *requests, StoreError *error)
{
    QHash<QString, qsizetype> index;
    index.reserve(requests->size());
    for (qsizetype i = 0; i < requests->size(); ++i)
        index.insert(requests->at(i).id, i);
    const auto onRow = [&](const auto &row) {
        const auto it = index.constFind(row.text(0));
        if (it != index.constEnd())
            (*requests)[*it].notes.append(
                Note {row.text(1), row.shared(2), row.text(3), row.time(4)});
    };
    if (values.isEmpty())
        return forEachRow(sql, onRow, error);
    QSqlQuery *q = run(sql, values, error);
    if (!q)
        return false;
    while (q->next())
        onRow(QueryRow {*q});
    q->finish();
    return true;
}

std::optional<int> CacheStorePrivate::userVersion(StoreError *error)
{
    const auto v = once(u"PRAGMA user_version"_s, error);
    if (!v)
        return std::nullopt;
    return v->toInt();
}

bool CacheStorePrivate::setSynchronous(bool full, StoreError *error)
{
    return once(full ? u"PRAGMA synchronous = FULL"_s : u"PRAGMA synchronous = NORMAL"_s, error)
        .has_value();
}

// WAL lets readers on other threads proceed while the sync writes, and with
// synchronous=NORMAL a commit costs no fsync; a crash of the app never loses
// a commit in WAL mode, an OS crash may lose the last ones, which the sync
// fetches again (the cursor is in the same transaction). The outbox, which
// holds what only this machine knows, commits with synchronous=FULL (see
// CacheStore::enqueue). Where WAL is unavailable (e.g. some network file
// systems) the classic rollback journal is used with synchronous=FULL
// throughout, since NORMAL there risks corruption on power loss.
bool CacheStorePrivate::configure(StoreError *error)
{
    const auto mode = once(u"PRAGMA journal_mode = WAL"_s, error);
    if (!mode)
        return false;
    wal = mode->toString().compare(u"wal"_s, Qt::CaseInsensitive) == 0;
    if (!wal) {
        qCWarning(lcStore) << "WAL unavailable for" << path << "- journal mode is"
                           << mode->toString() << "; falling back to DELETE";
        const auto fallback = once(u"PRAGMA journal_mode = DELETE"_s, error);
        if (!fallback)
            return false;
        journalMode = fallback->toString().toLower();
    } else {
        journalMode = u"wal"_s;
    }
    if (!setSynchronous(!wal, error))
        return false;
    const auto sync = once(u"PRAGMA synchronous"_s, error);
    if (!sync)
        return false;
    const int expected = wal ? 1 : 2; // NORMAL : FULL
    if (sync->toInt() != expected)
        qCWarning(lcStore) << "synchronous is" << sync->toInt() << "instead of" << expected;
    if (wal) {
        // 8 192 pages (32 MB) instead of SQLite's 1 000 before a commit
        // checkpoints by itself: a sync page of 1 000 changed requests
        // touches about that many pages, and a checkpoint inside a commit
        // costs two fsyncs. StoreWorker checkpoints when idle instead.
        tune(u"PRAGMA wal_autocheckpoint = 8192"_s);
    }
    tune(u"PRAGMA temp_store = MEMORY"_s);
    tune(u"PRAGMA cache_size = -16384"_s); // 16 MiB: the active queue's pages stay hot
    return true;
}

bool CacheStorePrivate::migrate(int from, StoreError *error)
{
    for (int version = from + 1; version <= Schema::latestVersion(); ++version) {
        qCInfo(lcStore) << "upgrading" << path << "to schema version" << version;
        if (!begin(error))
            return false;
        bool ok = true;
        const QList<QString> steps = Schema::upgradeStatements(version);
        for (const QString &sql : steps) {
            if (!once(sql, error)) {
                ok = false;
                break;
            }
        }
        ok = ok && once(u"PRAGMA user_version = "_s + QString::number(version), error).has_value();
        ok = ok && commit(error);
        if (!ok) {
            rollback();
            qCWarning(lcStore) << "upgrade to schema version" << version << "failed; rolled back";
            return false;
        }
    }
    return true;
}

// --- CacheStore -------------------------------------------------------------

namespace {

enum class Health { Ok, Damaged, Failed };

std::unique_ptr<CacheStorePrivate> connectTo(const QString &path, CacheStore::OpenMode mode,
                                             FaultInjector *injector, StoreError *error)
{
    auto d = std::make_unique<CacheStorePrivate>();
    d->path = path;
    d->injector = injector;
    d->readOnly = mode != CacheStore::OpenMode::ReadWrite;
    // One connection per thread and instance: QSqlDatabase connections must
    // not be shared between threads.
    d->connectionName = u"escalation-store-%1-%2"_s
                            .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16)
                            .arg(++g_instanceCounter);
    d->db = QSqlDatabase::addDatabase(u"QSQLITE"_s, d->connectionName);
    d->db.setDatabaseName(path);
    d->db.setConnectOptions(d->readOnly ? u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"_s
                                        : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!d->db.open()) {
        setError(error, toStoreError(d->db.lastError(), path));
        return nullptr;
    }
    d->attachHandle();
    return d;
}

Health checkHealth(CacheStorePrivate &d, StoreError *error)
{
    QSqlQuery q(d.db);
    q.setForwardOnly(true);
    if (d.injectFault(error))
        return Health::Failed;
    if (!prepareAndExec(q, u"PRAGMA quick_check"_s)) {
        const StoreError e = toStoreError(q.lastError(), d.path);
        setError(error, e);
        return e.kind == StoreError::Corrupt ? Health::Damaged : Health::Failed;
    }
    QStringList problems;
    while (q.next())
        problems.append(q.value(0).toString());
    if (q.lastError().isValid()) {
        const StoreError e = toStoreError(q.lastError(), d.path);
        setError(error, e);
        return e.kind == StoreError::Corrupt ? Health::Damaged : Health::Failed;
    }
    if (problems == QStringList {u"ok"_s})
        return Health::Ok;
    qCWarning(lcStore) << "quick_check of" << d.path << "failed:" << problems.mid(0, 5);
    return Health::Damaged;
}

// Reads whatever outbox rows a damaged cache still yields.
QList<OutboxEntry> salvageOutbox(CacheStorePrivate &d)
{
    QList<OutboxEntry> entries;
    QSqlQuery q(d.db);
    q.setForwardOnly(true);
    if (!prepareAndExec(q, u"SELECT "_s + kOutboxColumns + u" FROM outbox ORDER BY local_id"_s)) {
        qCWarning(lcStore) << "no outbox could be read from the damaged cache:"
                           << q.lastError().text();
        return entries;
    }
    while (q.next())
        entries.append(readOutbox(q));
    if (q.lastError().isValid())
        qCWarning(lcStore) << "outbox only partly readable:" << q.lastError().text();
    return entries;
}

bool moveAside(const QString &path, QString *movedTo, StoreError *error)
{
    const QString target =
        path + u".corrupt-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss-zzz"_s);
    if (!QFile::rename(path, target)) {
        setError(error,
                 {StoreError::Io,
                  trStore(QT_TRANSLATE_NOOP(
                              "CacheStore",
                              "The damaged local cache (%1) could not be moved aside to %2."))
                      .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(target))});
        return false;
    }
    // The journal belongs to the damaged file; keep it next to it.
    for (const QString &suffix : {u"-wal"_s, u"-journal"_s}) {
        if (QFile::exists(path + suffix))
            QFile::rename(path + suffix, target + suffix);
    }
    QFile::remove(path + u"-shm"_s);
    *movedTo = target;
    return true;
}

} // namespace

CacheStore::CacheStore(std::unique_ptr<CacheStorePrivate> dd)
    : d(std::move(dd))
{
}

CacheStore::~CacheStore() = default;

int CacheStore::schemaVersion()
{
    return Schema::latestVersion();
}

QString CacheStore::path() const
{
    return d->path;
}
QString CacheStore::connectionName() const
{
    return d->connectionName;
}
bool CacheStore::isReadOnly() const
{
    return d->readOnly;
}

std::unique_ptr<CacheStore> CacheStore::open(const QString &path, StoreOpenReport *report,
                                             StoreError *error, OpenMode mode)
{
    return openWith(path, report, error, mode, nullptr);
}

std::unique_ptr<CacheStore> CacheStore::openWith(const QString &path, StoreOpenReport *report,
                                                 StoreError *error, OpenMode mode,
                                                 FaultInjector *injector)
{
    StoreOpenReport local;
    StoreOpenReport &rep = report ? *report : local;
    rep = StoreOpenReport();
    setError(error, {});

    const QFileInfo info(path);
    if (mode == OpenMode::ReadWrite && !QDir().mkpath(info.absolutePath())) {
        setError(
            error,
            {StoreError::ReadOnly,
             trStore(QT_TRANSLATE_NOOP("CacheStore",
                                       "The folder for the local cache (%1) cannot be created."))
                 .arg(QDir::toNativeSeparators(info.absolutePath()))});
        return nullptr;
    }
    const bool readOnly = mode != OpenMode::ReadWrite;
    if (readOnly && !info.exists()) {
        setError(error,
                 {StoreError::Io,
                  trStore(QT_TRANSLATE_NOOP("CacheStore", "There is no local cache at %1."))
                      .arg(QDir::toNativeSeparators(path))});
        return nullptr;
    }
    const bool existed = info.exists() && info.size() > 0;

    auto d = connectTo(path, mode, injector, error);
    if (!d)
        return nullptr;

    QList<OutboxEntry> salvaged;
    if (existed && mode != OpenMode::ReadOnlyChecked) {
        StoreError healthError;
        switch (checkHealth(*d, &healthError)) {
        case Health::Ok:
            break;
        case Health::Failed:
            setError(error, healthError);
            return nullptr;
        case Health::Damaged:
            if (readOnly) {
                setError(
                    error,
                    {StoreError::Corrupt,
                     trStore(QT_TRANSLATE_NOOP("CacheStore", "The local cache (%1) is damaged."))
                         .arg(QDir::toNativeSeparators(path))});
                return nullptr;
            }
            salvaged = salvageOutbox(*d);
            d->close();
            if (!moveAside(path, &rep.movedAsidePath, error))
                return nullptr;
            qCWarning(lcStore) << "damaged cache moved to" << rep.movedAsidePath << "; salvaged"
                               << salvaged.size() << "outbox entries";
            rep.rebuilt = true;
            d = connectTo(path, mode, injector, error);
            if (!d)
                return nullptr;
            break;
        }
    }

    const auto version = d->userVersion(error);
    if (!version)
        return nullptr;
    if (*version > Schema::latestVersion()) {
        // Checked before any pragma that writes (journal_mode changes the
        // file header): a newer app's cache is left exactly as it is.
        setError(error,
                 {StoreError::NewerSchema,
                  trStore(QT_TRANSLATE_NOOP(
                              "CacheStore",
                              "The local cache (%1) was written by a newer version of Escalation "
                              "Desk (schema %2, this version reads up to %3). Update the "
                              "application; the cache has not been changed."))
                      .arg(QDir::toNativeSeparators(path))
                      .arg(*version)
                      .arg(Schema::latestVersion())});
        return nullptr;
    }

    if (readOnly) {
        if (*version < Schema::latestVersion()) {
            setError(error,
                     {StoreError::ReadOnly,
                      trStore(QT_TRANSLATE_NOOP(
                                  "CacheStore",
                                  "The local cache (%1) needs an upgrade, which a read-only "
                                  "cache does not allow."))
                          .arg(QDir::toNativeSeparators(path))});
            return nullptr;
        }
        const auto modeNow = d->once(u"PRAGMA journal_mode"_s, error);
        if (!modeNow)
            return nullptr;
        rep.journalMode = modeNow->toString().toLower();
        d->wal = rep.journalMode == u"wal"_s;
        return std::unique_ptr<CacheStore>(new CacheStore(std::move(d)));
    }

    if (!d->configure(error) || !d->migrate(*version, error))
        return nullptr;
    rep.journalMode = d->journalMode;

    if (!salvaged.isEmpty()) {
        // The rescued decisions keep their local ids and idempotency keys, so
        // a push that reached the portal before the damage is not applied twice.
        StoreError e;
        bool ok = d->setSynchronous(true, &e) && d->begin(&e);
        const QString sql = u"INSERT OR IGNORE INTO outbox ("_s + kOutboxColumns + u") VALUES ("_s
            + placeholders(13) + u")"_s;
        QSqlQuery *q = ok ? d->prepared(sql, &e) : nullptr;
        ok = ok && q;
        for (qsizetype i = 0; ok && i < salvaged.size(); ++i) {
            bindOutbox(*q, salvaged[i], true);
            ok = d->exec(*q, &e);
        }
        ok = ok && d->commit(&e);
        if (!ok) {
            d->rollback();
            setError(error, e);
            return nullptr;
        }
        d->tune(d->wal ? u"PRAGMA synchronous = NORMAL"_s : u"PRAGMA synchronous = FULL"_s);
        rep.salvagedOutboxEntries = int(salvaged.size());
    }
    qCDebug(lcStore) << "opened" << path << "journal" << rep.journalMode << "connection"
                     << d->connectionName;
    return std::unique_ptr<CacheStore>(new CacheStore(std::move(d)));
}

// --- reads -------------------------------------------------------------------

namespace {

// The cases of the active queue, read on a connection of the calling thread.
// The active queue's requests, read on a connection of the calling thread.
bool readActiveRequests(CacheStorePrivate &d, QList<EscalationRequest> *requests, StoreError *error)
{
    return d.forEachRow(
        u"SELECT "_s + kRequestColumns + u" FROM requests WHERE state IN "_s
            + QString::fromLatin1(kActiveStates),
        [&](const auto &row) { requests->append(readRequest(row)); }, error);
}

bool readActiveCases(CacheStorePrivate &d, QHash<QString, Case> *cases, StoreError *error)
{
    return d.forEachRow(
        u"SELECT "_s + kCaseColumns
            + u" FROM cases WHERE id IN (SELECT case_id FROM requests "
              "WHERE state IN "_s
            + QString::fromLatin1(kActiveStates) + u')',
        [&](const auto &row) {
            Case c = readCase(row);
            cases->insert(c.id, std::move(c));
        },
        error);
}

} // namespace

QueueSnapshot CacheStore::loadActiveQueue(StoreError *error) const
{
    setError(error, {});
    // Requests and cases are read at the same time on two connections,
    // nearly halving the desk's start on two cores; where that is not
    // possible, or another connection wrote in between, they are read one
    // after the other in one transaction.
    if (d->usesSqliteApi() && !d->injector && !d->path.startsWith(u':')) {
        if (std::optional<QueueSnapshot> snapshot = loadActiveQueueInParallel(error))
            return std::move(*snapshot);
        if (error && *error)
            return {};
    }
    QueueSnapshot snapshot;
    // One read transaction: both statements see the same snapshot even
    // while another thread's connection writes.
    if (!d->begin(error, false))
        return {};
    bool ok = readActiveRequests(*d, &snapshot.requests, error);
    // Cases are read by a sequential scan and filtered here: almost every
    // cached case has an active request, and one pass over the table costs a
    // fifth of 100 000 index probes (measured with the store benchmark).
    QSet<QString> caseIds;
    caseIds.reserve(snapshot.requests.size());
    for (const EscalationRequest &r : std::as_const(snapshot.requests))
        caseIds.insert(r.caseId);
    snapshot.cases.reserve(caseIds.size());
    ok = ok
        && d->forEachRow(
            u"SELECT "_s + kCaseColumns + u" FROM cases"_s,
            [&](const auto &row) {
                QString id = row.text(0);
                if (caseIds.contains(id)) {
                    Case c = readCase(row, std::move(id));
                    snapshot.cases.insert(c.id, std::move(c));
                }
            },
            error);
    ok = ok && d->commit(error);
    d->releaseStringPool();
    if (!ok) {
        d->rollback();
        return {};
    }
    return snapshot;
}

std::optional<QueueSnapshot> CacheStore::loadActiveQueueInParallel(StoreError *error) const
{
    // PRAGMA data_version changes when another connection commits: equal
    // before and after means both reads saw the same state of the file.
    const auto before = d->once(u"PRAGMA data_version"_s, error);
    if (!before)
        return std::nullopt;
    // Sized up front (a hint; the reads below are exact): growing 60 000
    // requests and cases by doubling would hold both copies at once, about
    // 50 MB more at the peak of the desk's start.
    const auto expected = d->once(u"SELECT count(*) FROM requests WHERE state IN "_s
                                      + QString::fromLatin1(kActiveStates),
                                  error);
    if (!expected)
        return std::nullopt;
    QHash<QString, Case> cases;
    cases.reserve(expected->toLongLong());
    StoreError casesError;
    bool casesRead = false;
    std::thread casesReader([&] {
        // A connection of this thread, for this read only. The file was
        // checked when this store opened it.
        auto reader = connectTo(d->path, OpenMode::ReadOnlyChecked, nullptr, &casesError);
        casesRead = reader && reader->begin(&casesError, false)
            && readActiveCases(*reader, &cases, &casesError) && reader->commit(&casesError);
    });
    QueueSnapshot snapshot;
    snapshot.requests.reserve(expected->toLongLong());
    bool ok = d->begin(error, false) && readActiveRequests(*d, &snapshot.requests, error)
        && d->commit(error);
    if (!ok)
        d->rollback();
    casesReader.join();
    d->releaseStringPool();
    if (!ok)
        return std::nullopt;
    const auto after = d->once(u"PRAGMA data_version"_s, error);
    if (!after)
        return std::nullopt;
    if (!casesRead || *after != *before) {
        qCDebug(lcStore) << "parallel queue read not used:"
                         << (casesRead ? u"the cache changed meanwhile"_s : casesError.message);
        return std::nullopt;
    }
    snapshot.cases = std::move(cases);
    return snapshot;
}

std::optional<EscalationRequest> CacheStore::request(const QString &id) const
{
    QSqlQuery *q =
        d->run(u"SELECT "_s + kRequestColumns + u" FROM requests WHERE id = ?"_s, {id}, nullptr);
    if (!q || !q->next()) {
        if (q)
            q->finish();
        return std::nullopt;
    }
    QList<EscalationRequest> list {readRequest(QueryRow {*q})};
    q->finish();
    if (!d->attachNotes(
            u"SELECT request_id, id, author, text, at FROM notes WHERE request_id = ? ORDER BY seq"_s,
            {id}, &list, nullptr))
        return std::nullopt;
    return list.first();
}

std::optional<Case> CacheStore::caseRecord(const QString &id) const
{
    QSqlQuery *q =
        d->run(u"SELECT "_s + kCaseColumns + u" FROM cases WHERE id = ?"_s, {id}, nullptr);
    if (!q)
        return std::nullopt;
    std::optional<Case> c;
    if (q->next())
        c = readCase(QueryRow {*q});
    q->finish();
    return c;
}

QList<EscalationRequest> CacheStore::requestsForCase(const QString &caseId) const
{
    QList<EscalationRequest> list;
    QSqlQuery *q =
        d->run(u"SELECT "_s + kRequestColumns
                   + u" FROM requests WHERE case_id = ? ORDER BY requested_at, level, id"_s,
               {caseId}, nullptr);
    if (!q)
        return list;
    while (q->next())
        list.append(readRequest(QueryRow {*q}));
    q->finish();
    if (!d->attachNotes(u"SELECT request_id, id, author, text, at FROM notes WHERE request_id IN "
                        "(SELECT id FROM requests WHERE case_id = ?) ORDER BY request_id, seq"_s,
                        {caseId}, &list, nullptr))
        return {};
    return list;
}

int CacheStore::requestCount() const
{
    const auto v = d->once(u"SELECT count(*) FROM requests"_s, nullptr);
    return v ? v->toInt() : 0;
}

int CacheStore::caseCount() const
{
    const auto v = d->once(u"SELECT count(*) FROM cases"_s, nullptr);
    return v ? v->toInt() : 0;
}

// --- sync --------------------------------------------------------------------

ChangeSet CacheStore::applySyncPage(const SyncPage &page, StoreError *error)
{
    setError(error, {});
    ChangeSet changes;
    // Cases first: a request's case is in the same page or an earlier one.
    bool ok = d->begin(error) && d->upsertCases(page.cases, &changes, error)
        && d->upsertRequests(page.requests, &changes, error)
        && d->removeRequests(page.removedRequestIds, &changes, error)
        && d->removeCases(page.removedCaseIds, &changes, error)
        && d->runDone(
            u"UPDATE sync_state SET cursor = COALESCE(NULLIF(?, ''), cursor) WHERE id = 1"_s,
            {page.cursor}, error)
        && d->commit(error);
    if (!ok) {
        d->rollback();
        qCWarning(lcStore) << "sync page rolled back; cursor stays";
        return {};
    }
    return changes;
}

SyncState CacheStore::syncState() const
{
    SyncState s;
    QSqlQuery *q = d->run(
        u"SELECT cursor, last_success_at, last_error, last_error_at FROM sync_state WHERE id = 1"_s,
        {}, nullptr);
    if (q && q->next()) {
        s.cursor = q->value(0).toString();
        s.lastSuccessAt = timeFromDb(q->value(1));
        s.lastError = q->value(2).toString();
        s.lastErrorAt = timeFromDb(q->value(3));
    }
    if (q)
        q->finish();
    return s;
}

bool CacheStore::recordSyncSuccess(const QDateTime &at, StoreError *error)
{
    setError(error, {});
    return d->runDone(
        u"UPDATE sync_state SET last_success_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1"_s,
        {timeToDb(at)}, error);
}

bool CacheStore::recordSyncError(const QString &message, const QDateTime &at, StoreError *error)
{
    setError(error, {});
    return d->runDone(u"UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1"_s,
                      {message, timeToDb(at)}, error);
}

// --- outbox ------------------------------------------------------------------

// A decision the user was told is saved must survive even an OS crash or a
// power cut. In WAL mode with synchronous=NORMAL a commit reaches the OS but
// is not fsynced; so this one transaction runs with synchronous=FULL, which
// fsyncs the WAL at COMMIT (and with it every earlier frame). It costs one
// fsync per decision, a few per minute at most.
std::optional<OutboxEntry> CacheStore::enqueue(OutboxEntry entry, StoreError *error)
{
    setError(error, {});
    if (entry.idempotencyKey.isEmpty())
        entry.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!entry.createdAt.isValid())
        entry.createdAt = QDateTime::currentDateTimeUtc();
    entry.localId = 0;
    const QString sql = u"INSERT INTO outbox ("_s + kOutboxColumns.section(u", "_s, 1)
        + u") VALUES ("_s + placeholders(12) + u")"_s;
    if (d->wal && !d->setSynchronous(true, error))
        return std::nullopt;
    bool ok = d->begin(error);
    QSqlQuery *q = ok ? d->prepared(sql, error) : nullptr;
    ok = ok && q;
    if (ok) {
        bindOutbox(*q, entry, false);
        ok = d->exec(*q, error);
    }
    if (ok) {
        entry.localId = q->lastInsertId().toLongLong();
        q->finish();
        ok = d->commit(error);
    }
    if (!ok)
        d->rollback();
    if (d->wal)
        d->tune(u"PRAGMA synchronous = NORMAL"_s);
    if (!ok)
        return std::nullopt;
    return entry;
}

std::optional<OutboxEntry> CacheStore::outboxEntry(qint64 localId) const
{
    QSqlQuery *q = d->run(u"SELECT "_s + kOutboxColumns + u" FROM outbox WHERE local_id = ?"_s,
                          {localId}, nullptr);
    if (!q)
        return std::nullopt;
    std::optional<OutboxEntry> e;
    if (q->next())
        e = readOutbox(*q);
    q->finish();
    return e;
}

QList<OutboxEntry> CacheStore::outbox(std::optional<OutboxStatus> status) const
{
    QList<OutboxEntry> list;
    QSqlQuery *q = status
        ? d->run(u"SELECT "_s + kOutboxColumns
                     + u" FROM outbox WHERE status = ? ORDER BY local_id"_s,
                 {toCode(*status)}, nullptr)
        : d->run(u"SELECT "_s + kOutboxColumns + u" FROM outbox ORDER BY local_id"_s, {}, nullptr);
    if (!q)
        return list;
    while (q->next())
        list.append(readOutbox(*q));
    q->finish();
    return list;
}

void CacheStore::checkpoint()
{
    if (d->wal && !d->readOnly)
        d->tune(u"PRAGMA wal_checkpoint(PASSIVE)"_s);
}

int CacheStore::pendingOutboxCount() const
{
    QSqlQuery *q = d->run(u"SELECT count(*) FROM outbox WHERE status = ?"_s,
                          {toCode(OutboxStatus::Pending)}, nullptr);
    int n = 0;
    if (q && q->next())
        n = q->value(0).toInt();
    if (q)
        q->finish();
    return n;
}

namespace {

StoreError noSuchEntry(qint64 localId)
{
    return {
        StoreError::Other,
        trStore(QT_TRANSLATE_NOOP("CacheStore", "There is no outbox entry %1 in the local cache."))
            .arg(localId)};
}

} // namespace

ChangeSet CacheStore::markDelivered(qint64 localId,
                                    const std::optional<EscalationRequest> &portalRequest,
                                    StoreError *error)
{
    setError(error, {});
    ChangeSet changes;
    bool ok = d->begin(error);
    QSqlQuery *q = ok
        ? d->run(u"UPDATE outbox SET status = ?, last_error = NULL, conflict_json = NULL, "
                 "next_attempt_at = NULL WHERE local_id = ?"_s,
                 {toCode(OutboxStatus::Delivered), localId}, error)
        : nullptr;
    ok = ok && q;
    if (ok && q->numRowsAffected() != 1) {
        setError(error, noSuchEntry(localId));
        ok = false;
    }
    if (ok && portalRequest)
        ok = d->upsertRequests({*portalRequest}, &changes, error);
    ok = ok && d->commit(error);
    if (!ok) {
        d->rollback();
        return {};
    }
    return changes;
}

namespace {

bool updateOne(CacheStorePrivate &d, qint64 localId, const QString &sql, QVariantList values,
               StoreError *error)
{
    setError(error, {});
    values.append(localId);
    QSqlQuery *q = d.run(sql, values, error);
    if (!q)
        return false;
    const int affected = q->numRowsAffected();
    q->finish();
    if (affected != 1) {
        setError(error, noSuchEntry(localId));
        return false;
    }
    return true;
}

} // namespace

bool CacheStore::markConflict(qint64 localId, const QString &currentJson, const QString &message,
                              StoreError *error)
{
    return updateOne(*d, localId,
                     u"UPDATE outbox SET status = ?, conflict_json = ?, last_error = ?, "
                     "next_attempt_at = NULL WHERE local_id = ?"_s,
                     {toCode(OutboxStatus::Conflict), currentJson, message}, error);
}

bool CacheStore::markRejected(qint64 localId, const QString &message, StoreError *error)
{
    return updateOne(*d, localId,
                     u"UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = NULL "
                     "WHERE local_id = ?"_s,
                     {toCode(OutboxStatus::Rejected), message}, error);
}

bool CacheStore::recordAttempt(qint64 localId, const QString &lastError,
                               const QDateTime &nextAttemptAt, StoreError *error)
{
    return updateOne(
        *d, localId,
        u"UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
        "WHERE local_id = ?"_s,
        {lastError, timeToDb(nextAttemptAt)}, error);
}

// --- values --------------------------------------------------------------------

QString CacheStore::value(const QString &key) const
{
    QSqlQuery *q = d->run(u"SELECT value FROM settings WHERE key = ?"_s, {key}, nullptr);
    QString v;
    if (q && q->next())
        v = q->value(0).toString();
    if (q)
        q->finish();
    return v;
}

bool CacheStore::setValue(const QString &key, const QString &value, StoreError *error)
{
    setError(error, {});
    return d->runDone(u"INSERT INTO settings (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
                      {key, value}, error);
}

// --- testing access --------------------------------------------------------------

std::unique_ptr<CacheStore> CacheStoreTesting::open(const QString &path, StoreOpenReport *report,
                                                    StoreError *error, FaultInjector *injector,
                                                    CacheStore::OpenMode mode)
{
    return CacheStore::openWith(path, report, error, mode, injector);
}

void CacheStoreTesting::setFaultInjector(CacheStore &store, FaultInjector *injector)
{
    store.d->injector = injector;
}

QSqlDatabase CacheStoreTesting::connection(const CacheStore &store)
{
    return store.d->db;
}

void CacheStoreTesting::setPortableSql(CacheStore &store, bool portable)
{
    store.d->portableSql = portable;
}

bool CacheStoreTesting::usesSqliteApi(const CacheStore &store)
{
    return store.d->usesSqliteApi();
}

} // namespace Escalation

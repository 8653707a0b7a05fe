#include "cachestore.h"

#include "schema.h"
#include "storeconnection.h"
#include "storelog.h"
#include "storeopen.h"
#include "storerows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUuid>

#include <thread>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

// The SELECT of the active queue's requests.
QString activeRequestsSql()
{
    return u"SELECT "_s + kRequestColumns + u" FROM requests WHERE state IN "_s + activeStatesSql();
}

QString jsonArrayOf(const QStringList &ids)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
}

StoreError noSuchEntry(qint64 localId)
{
    return {
        StoreError::Other,
        trStore(QT_TRANSLATE_NOOP("CacheStore", "There is no outbox entry %1 in the local cache."))
            .arg(localId)};
}

// --- pieces of a write; each runs inside the caller's transaction ----------

bool existingIds(StoreConnection &c, const QString &table, const QStringList &ids,
                 QSet<QString> *out, StoreError *error)
{
    if (ids.isEmpty())
        return true;
    // One query per table and page, not one per row: the page's ids travel
    // as one JSON array bound to a single parameter.
    Query q =
        c.run(u"SELECT id FROM "_s + table + u" WHERE id IN (SELECT value FROM json_each(?))"_s,
              {jsonArrayOf(ids)}, error);
    if (!q)
        return false;
    while (q.next())
        out->insert(q.value(0).toString());
    return !q.stepFailed(error);
}

bool upsertCases(StoreConnection &c, const QList<Case> &cases, ChangeSet *changes,
                 StoreError *error)
{
    if (cases.isEmpty())
        return true;
    QStringList ids;
    ids.reserve(cases.size());
    for (const Case &k : cases)
        ids.append(k.id);
    QSet<QString> existing;
    if (!existingIds(c, u"cases"_s, ids, &existing, error))
        return false;
    static const QString sql = upsertSql(u"cases"_s, kCaseColumns);
    WriteStatement upsert(c, sql, error);
    if (!upsert.isValid())
        return false;
    for (const Case &k : cases) {
        if (!upsert.run([&k](auto &&b) { bindCase(b, k); }, error))
            return false;
        if (existing.contains(k.id)) {
            changes->updatedCases.append(k);
        } else {
            existing.insert(k.id); // a repeated id within one page is an update
            changes->insertedCases.append(k);
        }
    }
    return true;
}

bool upsertRequests(StoreConnection &c, const QList<EscalationRequest> &requests,
                    ChangeSet *changes, StoreError *error)
{
    if (requests.isEmpty())
        return true;
    QStringList ids;
    ids.reserve(requests.size());
    for (const EscalationRequest &r : requests)
        ids.append(r.id);
    QSet<QString> existing;
    if (!existingIds(c, u"requests"_s, ids, &existing, error))
        return false;
    static const QString sql = upsertSql(u"requests"_s, kRequestColumns);
    WriteStatement upsert(c, sql, error);
    WriteStatement clearNotes(c, u"DELETE FROM notes WHERE request_id = ?"_s, error);
    WriteStatement addNote(
        c, u"INSERT INTO notes (request_id, seq, id, author, text, at) VALUES (?, ?, ?, ?, ?, ?)"_s,
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

bool removeRequests(StoreConnection &c, const QStringList &ids, ChangeSet *changes,
                    StoreError *error)
{
    if (ids.isEmpty())
        return true;
    QSet<QString> existing;
    if (!existingIds(c, u"requests"_s, ids, &existing, error))
        return false;
    for (const QString &id : ids) {
        if (!existing.remove(id))
            continue; // unknown here, or listed twice: nothing to remove
        if (!c.runDone(u"DELETE FROM notes WHERE request_id = ?"_s, {id}, error)
            || !c.runDone(u"DELETE FROM requests WHERE id = ?"_s, {id}, error))
            return false;
        changes->removedRequestIds.append(id);
    }
    return true;
}

bool removeCases(StoreConnection &c, const QStringList &ids, ChangeSet *changes, StoreError *error)
{
    if (ids.isEmpty())
        return true;
    QSet<QString> existing;
    if (!existingIds(c, u"cases"_s, ids, &existing, error))
        return false;
    for (const QString &id : ids) {
        if (!existing.remove(id))
            continue;
        // A case deleted at the portal takes its requests with it.
        QStringList requestIds;
        {
            Query q = c.run(u"SELECT id FROM requests WHERE case_id = ?"_s, {id}, error);
            if (!q)
                return false;
            while (q.next())
                requestIds.append(q.value(0).toString());
            if (q.stepFailed(error))
                return false;
        }
        if (!removeRequests(c, requestIds, changes, error)
            || !c.runDone(u"DELETE FROM cases WHERE id = ?"_s, {id}, error))
            return false;
        changes->removedCaseIds.append(id);
    }
    return true;
}

// One transaction around `write`; rolled back if it or the commit fails.
template<typename Write> bool inTransaction(StoreConnection &c, StoreError *error, Write &&write)
{
    if (c.begin(error) && write() && c.commit(error))
        return true;
    c.rollback();
    return false;
}

// Runs a write statement that must change exactly the outbox entry localId.
StoreResult<void> updateOne(StoreConnection &c, qint64 localId, const QString &sql,
                            QVariantList values)
{
    StoreError error;
    values.append(localId);
    Query q = c.run(sql, values, &error);
    if (!q)
        return error;
    if (q.numRowsAffected() != 1)
        return noSuchEntry(localId);
    return {};
}

StoreResult<void> runWrite(StoreConnection &c, const QString &sql, const QVariantList &values)
{
    StoreError error;
    if (!c.runDone(sql, values, &error))
        return error;
    return {};
}

// --- pieces of a read --------------------------------------------------------

bool readActiveRequests(StoreConnection &c, QList<EscalationRequest> *requests, StoreError *error)
{
    return c.forEachRow(
        activeRequestsSql(), [&](const auto &row) { requests->append(readRequest(row)); }, error);
}

bool readActiveCases(StoreConnection &c, QHash<QString, Case> *cases, StoreError *error)
{
    return c.forEachRow(
        u"SELECT "_s + kCaseColumns
            + u" FROM cases WHERE id IN (SELECT case_id FROM requests WHERE state IN "_s
            + activeStatesSql() + u')',
        [&](const auto &row) {
            Case k = readCase(row);
            cases->insert(k.id, std::move(k));
        },
        error);
}

// Requests on this connection, cases on a second one on another thread at
// the same time; nothing (and no error) when that cannot be done
// consistently, and the caller reads sequentially.
std::optional<QueueSnapshot> loadActiveQueueInParallel(StoreConnection &c, StoreError *error)
{
    // PRAGMA data_version changes when another connection commits: equal
    // before and after means both reads saw the same state of the file.
    const auto before = c.once(u"PRAGMA data_version"_s, error);
    if (!before)
        return std::nullopt;
    // Sized up front (a hint; the reads below are exact): growing 60 000
    // requests and cases by doubling would hold both copies at once, about
    // 50 MB more at the peak of the desk's start.
    const auto expected =
        c.once(u"SELECT count(*) FROM requests WHERE state IN "_s + activeStatesSql(), error);
    if (!expected)
        return std::nullopt;
    QHash<QString, Case> cases;
    cases.reserve(expected->toLongLong());
    StoreError casesError;
    bool casesRead = false;
    std::thread casesReader([&] {
        // A connection of this thread, for this read only. The file was
        // checked when this store opened it.
        auto reader = StoreConnection::connect(c.path(), CacheStore::OpenMode::ReadOnlyChecked,
                                               nullptr, &casesError);
        casesRead = reader && reader->begin(&casesError, false)
            && readActiveCases(*reader, &cases, &casesError) && reader->commit(&casesError);
    });
    QueueSnapshot snapshot;
    snapshot.requests.reserve(expected->toLongLong());
    const bool ok = c.begin(error, false) && readActiveRequests(c, &snapshot.requests, error)
        && c.commit(error);
    if (!ok)
        c.rollback();
    casesReader.join();
    c.releaseStringPool();
    if (!ok)
        return std::nullopt;
    const auto after = c.once(u"PRAGMA data_version"_s, error);
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

// Appends the notes `sql` selects (request_id, id, author, text, at) to
// their requests.
bool attachNotes(StoreConnection &c, const QString &sql, const QVariantList &values,
                 QList<EscalationRequest> *requests, StoreError *error)
{
    QHash<QString, qsizetype> index;
    index.reserve(requests->size());
    for (qsizetype i = 0; i < requests->size(); ++i)
        index.insert(requests->at(i).id, i);
    const auto onRow = [&](const auto &row) {
        if (const qsizetype i = index.value(row.text(0), -1); i >= 0)
            (*requests)[i].notes.append(
                Note {row.text(1), row.shared(2), row.text(3), row.time(4)});
    };
    Query q = c.run(sql, values, error);
    if (!q)
        return false;
    while (q.next())
        onRow(QueryRow {q.query()});
    return !q.stepFailed(error);
}

} // namespace

// --- CacheStore -----------------------------------------------------------------

CacheStore::CacheStore(std::unique_ptr<StoreConnection> connection)
    : d(std::move(connection))
{
}

CacheStore::~CacheStore() = default;

int CacheStore::schemaVersion()
{
    return Schema::latestVersion();
}

QString CacheStore::path() const
{
    return d->path();
}

QString CacheStore::connectionName() const
{
    return d->connectionName();
}

bool CacheStore::isReadOnly() const
{
    return d->isReadOnly();
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
    auto connection = openCacheFile(path, mode, injector, &rep, error);
    if (!connection)
        return nullptr;
    return std::unique_ptr<CacheStore>(new CacheStore(std::move(connection)));
}

// --- reads -----------------------------------------------------------------------

StoreResult<QueueSnapshot> CacheStore::loadActiveQueue() const
{
    StoreError error;
    // Requests and cases are read at the same time on two connections,
    // nearly halving the desk's start on two cores; where that is not
    // possible, or another connection wrote in between, they are read one
    // after the other in one transaction.
    if (d->usesSqliteApi() && !d->hasFaultInjector() && !d->path().startsWith(u':')) {
        if (std::optional<QueueSnapshot> snapshot = loadActiveQueueInParallel(*d, &error))
            return std::move(*snapshot);
        if (error)
            return error;
    }
    QueueSnapshot snapshot;
    // One read transaction: both statements see the same snapshot even
    // while another thread's connection writes.
    if (!d->begin(&error, false))
        return error;
    bool ok = readActiveRequests(*d, &snapshot.requests, &error);
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
                    Case k = readCase(row, std::move(id));
                    snapshot.cases.insert(k.id, std::move(k));
                }
            },
            &error);
    ok = ok && d->commit(&error);
    d->releaseStringPool();
    if (!ok) {
        d->rollback();
        return error;
    }
    return snapshot;
}

StoreResult<QueueSnapshot> CacheStore::loadRaisedSince(const QDateTime &since) const
{
    StoreError error;
    QueueSnapshot snapshot;
    QSet<QString> caseIds;
    // An integer of our own, not user text: formatted into the statement.
    const QString sinceMs = QString::number(since.isValid() ? since.toMSecsSinceEpoch() : 0);
    if (!d->begin(&error, false))
        return error;
    bool ok = d->forEachRow(
        u"SELECT "_s + kRequestColumns + u" FROM requests WHERE requested_at >= "_s + sinceMs,
        [&](const auto &row) {
            EscalationRequest r = readRequest(row);
            caseIds.insert(r.caseId);
            snapshot.requests.append(std::move(r));
        },
        &error);
    ok = ok
        && d->forEachRow(
            u"SELECT "_s + kCaseColumns + u" FROM cases"_s,
            [&](const auto &row) {
                QString id = row.text(0);
                if (caseIds.contains(id)) {
                    Case k = readCase(row, std::move(id));
                    snapshot.cases.insert(k.id, std::move(k));
                }
            },
            &error);
    ok = ok && d->commit(&error);
    d->releaseStringPool();
    if (!ok) {
        d->rollback();
        return error;
    }
    return snapshot;
}

StoreResult<QStringList> CacheStore::pendingRequestIds() const
{
    StoreError error;
    QStringList ids;
    if (!d->forEachRow(
            u"SELECT id FROM requests WHERE state = 'pending' ORDER BY id"_s,
            [&](const auto &row) { ids.append(row.text(0)); }, &error))
        return error;
    return ids;
}

StoreResult<EscalationRequest> CacheStore::request(const QString &id) const
{
    StoreError error;
    QList<EscalationRequest> list;
    {
        Query q =
            d->run(u"SELECT "_s + kRequestColumns + u" FROM requests WHERE id = ?"_s, {id}, &error);
        if (!q)
            return error;
        if (!q.next())
            return q.stepFailed(&error) ? error : StoreResult<EscalationRequest>::absent();
        list.append(readRequest(QueryRow {q.query()}));
    }
    if (!attachNotes(
            *d,
            u"SELECT request_id, id, author, text, at FROM notes WHERE request_id = ? ORDER BY seq"_s,
            {id}, &list, &error))
        return error;
    return std::move(list.first());
}

StoreResult<Case> CacheStore::caseRecord(const QString &id) const
{
    StoreError error;
    Query q = d->run(u"SELECT "_s + kCaseColumns + u" FROM cases WHERE id = ?"_s, {id}, &error);
    if (!q)
        return error;
    if (!q.next())
        return q.stepFailed(&error) ? error : StoreResult<Case>::absent();
    return readCase(QueryRow {q.query()});
}

StoreResult<QList<EscalationRequest>> CacheStore::requestsForCase(const QString &caseId) const
{
    StoreError error;
    QList<EscalationRequest> list;
    {
        Query q =
            d->run(u"SELECT "_s + kRequestColumns
                       + u" FROM requests WHERE case_id = ? ORDER BY requested_at, level, id"_s,
                   {caseId}, &error);
        if (!q)
            return error;
        while (q.next())
            list.append(readRequest(QueryRow {q.query()}));
        if (q.stepFailed(&error))
            return error;
    }
    if (!attachNotes(*d,
                     u"SELECT request_id, id, author, text, at FROM notes WHERE request_id IN "
                     "(SELECT id FROM requests WHERE case_id = ?) ORDER BY request_id, seq"_s,
                     {caseId}, &list, &error))
        return error;
    return list;
}

StoreResult<QHash<QString, QString>> CacheStore::teamCalendars() const
{
    StoreError error;
    // Most requests first, so the first calendar seen for a team is its usual one.
    Query q = d->run(u"SELECT team, calendar_id FROM requests WHERE team <> '' GROUP BY team, "
                     "calendar_id ORDER BY count(*) DESC"_s,
                     {}, &error);
    if (!q)
        return error;
    QHash<QString, QString> calendars;
    while (q.next()) {
        const QString team = q.query().value(0).toString();
        if (!calendars.contains(team))
            calendars.insert(team, q.query().value(1).toString());
    }
    if (q.stepFailed(&error))
        return error;
    return calendars;
}

StoreResult<int> CacheStore::requestCount() const
{
    StoreError error;
    const auto v = d->once(u"SELECT count(*) FROM requests"_s, &error);
    if (!v)
        return error;
    return v->toInt();
}

StoreResult<int> CacheStore::caseCount() const
{
    StoreError error;
    const auto v = d->once(u"SELECT count(*) FROM cases"_s, &error);
    if (!v)
        return error;
    return v->toInt();
}

// --- sync ------------------------------------------------------------------------

StoreResult<ChangeSet> CacheStore::applySyncPage(const SyncPage &page)
{
    StoreError error;
    ChangeSet changes;
    // Cases first: a request's case is in the same page or an earlier one.
    const bool ok = inTransaction(*d, &error, [&] {
        return upsertCases(*d, page.cases, &changes, &error)
            && upsertRequests(*d, page.requests, &changes, &error)
            && removeRequests(*d, page.removedRequestIds, &changes, &error)
            && removeCases(*d, page.removedCaseIds, &changes, &error)
            && d->runDone(
                u"UPDATE sync_state SET cursor = COALESCE(NULLIF(?, ''), cursor) WHERE id = 1"_s,
                {page.cursor}, &error);
    });
    if (!ok) {
        qCWarning(lcStore) << "sync page rolled back; cursor stays";
        return error;
    }
    return changes;
}

StoreResult<SyncState> CacheStore::syncState() const
{
    StoreError error;
    Query q = d->run(
        u"SELECT cursor, last_success_at, last_error, last_error_at FROM sync_state WHERE id = 1"_s,
        {}, &error);
    if (!q)
        return error;
    SyncState s;
    if (q.next()) {
        s.cursor = q.value(0).toString();
        s.lastSuccessAt = timeFromDb(q.value(1));
        s.lastError = q.value(2).toString();
        s.lastErrorAt = timeFromDb(q.value(3));
    } else if (q.stepFailed(&error)) {
        return error;
    }
    return s;
}

StoreResult<void> CacheStore::recordSyncSuccess(const QDateTime &at)
{
    return runWrite(
        *d,
        u"UPDATE sync_state SET last_success_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1"_s,
        {timeToDb(at)});
}

StoreResult<void> CacheStore::recordSyncError(const QString &message, const QDateTime &at)
{
    return runWrite(*d, u"UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1"_s,
                    {message, timeToDb(at)});
}

// --- outbox ----------------------------------------------------------------------

// A decision the user was told is saved must survive even an OS crash or a
// power cut. In WAL mode with synchronous=NORMAL a commit reaches the OS but
// is not fsynced; so this one transaction runs with synchronous=FULL, which
// fsyncs the WAL at COMMIT (and with it every earlier frame). It costs one
// fsync per decision, a few per minute at most.
StoreResult<OutboxEntry> CacheStore::enqueue(OutboxEntry entry)
{
    StoreError error;
    if (entry.idempotencyKey.isEmpty())
        entry.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!entry.createdAt.isValid())
        entry.createdAt = QDateTime::currentDateTimeUtc();
    entry.localId = 0;
    static const QString sql = u"INSERT INTO outbox ("_s + kOutboxColumns.section(u", "_s, 1)
        + u") VALUES ("_s + placeholders(14) + u")"_s;
    if (d->isWal() && !d->setSynchronous(true, &error))
        return error;
    const bool ok = inTransaction(*d, &error, [&] {
        Query q = d->query(sql, &error);
        if (!q)
            return false;
        bindOutbox(q.query(), entry, false);
        if (!q.exec(&error))
            return false;
        entry.localId = q.lastInsertId().toLongLong();
        return true;
    });
    if (d->isWal())
        d->tune(u"PRAGMA synchronous = NORMAL"_s);
    if (!ok)
        return error;
    return entry;
}

StoreResult<OutboxEntry> CacheStore::outboxEntry(qint64 localId) const
{
    StoreError error;
    Query q = d->run(u"SELECT "_s + kOutboxColumns + u" FROM outbox WHERE local_id = ?"_s,
                     {localId}, &error);
    if (!q)
        return error;
    if (!q.next())
        return q.stepFailed(&error) ? error : StoreResult<OutboxEntry>::absent();
    return readOutbox(q.query());
}

StoreResult<QList<OutboxEntry>> CacheStore::outbox(std::optional<OutboxStatus> status) const
{
    StoreError error;
    Query q = status
        ? d->run(u"SELECT "_s + kOutboxColumns
                     + u" FROM outbox WHERE status = ? ORDER BY local_id"_s,
                 {toCode(*status)}, &error)
        : d->run(u"SELECT "_s + kOutboxColumns + u" FROM outbox ORDER BY local_id"_s, {}, &error);
    if (!q)
        return error;
    QList<OutboxEntry> list;
    while (q.next())
        list.append(readOutbox(q.query()));
    if (q.stepFailed(&error))
        return error;
    return list;
}

StoreResult<int> CacheStore::pendingOutboxCount() const
{
    StoreError error;
    Query q = d->run(u"SELECT count(*) FROM outbox WHERE status = ?"_s,
                     {toCode(OutboxStatus::Pending)}, &error);
    if (!q)
        return error;
    if (q.next())
        return q.value(0).toInt();
    if (q.stepFailed(&error))
        return error;
    return 0;
}

StoreResult<ChangeSet>
CacheStore::markDelivered(qint64 localId, const std::optional<EscalationRequest> &portalRequest)
{
    StoreError error;
    ChangeSet changes;
    const bool ok = inTransaction(*d, &error, [&] {
        {
            Query q = d->run(u"UPDATE outbox SET status = ?, last_error = NULL, conflict_json = "
                             "NULL, next_attempt_at = NULL WHERE local_id = ?"_s,
                             {toCode(OutboxStatus::Delivered), localId}, &error);
            if (!q)
                return false;
            if (q.numRowsAffected() != 1) {
                error = noSuchEntry(localId);
                return false;
            }
        }
        return !portalRequest || upsertRequests(*d, {*portalRequest}, &changes, &error);
    });
    if (!ok)
        return error;
    return changes;
}

StoreResult<void> CacheStore::markConflict(qint64 localId, const QString &currentJson,
                                           const QString &message)
{
    return updateOne(*d, localId,
                     u"UPDATE outbox SET status = ?, conflict_json = ?, last_error = ?, "
                     "next_attempt_at = NULL WHERE local_id = ?"_s,
                     {toCode(OutboxStatus::Conflict), currentJson, message});
}

StoreResult<void> CacheStore::markRejected(qint64 localId, const QString &message)
{
    return updateOne(*d, localId,
                     u"UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = NULL "
                     "WHERE local_id = ?"_s,
                     {toCode(OutboxStatus::Rejected), message});
}

StoreResult<void> CacheStore::markRefused(qint64 localId, const QString &message)
{
    return updateOne(*d, localId,
                     u"UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = NULL "
                     "WHERE local_id = ?"_s,
                     {toCode(OutboxStatus::Refused), message});
}

StoreResult<void> CacheStore::recordAttempt(qint64 localId, const QString &lastError,
                                            const QDateTime &nextAttemptAt)
{
    return updateOne(
        *d, localId,
        u"UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
        "WHERE local_id = ?"_s,
        {lastError, timeToDb(nextAttemptAt)});
}

// --- request histories ------------------------------------------------------------

StoreResult<RequestHistory> CacheStore::requestHistory(const QString &requestId) const
{
    StoreError error;
    RequestHistory history;
    history.requestId = requestId;
    {
        Query q = d->run(u"SELECT fetched_at FROM request_history_fetched WHERE request_id = ?"_s,
                         {requestId}, &error);
        if (!q)
            return error;
        if (!q.next())
            return q.stepFailed(&error) ? error : StoreResult<RequestHistory>::absent();
        history.fetchedAt = timeFromDb(q.value(0));
    }
    Query q = d->run(u"SELECT at, action, actor_id, actor_name, actor_role, text, refused "
                     "FROM request_history WHERE request_id = ? ORDER BY seq"_s,
                     {requestId}, &error);
    if (!q)
        return error;
    while (q.next()) {
        HistoryEntry e;
        e.at = timeFromDb(q.value(0));
        e.action = q.value(1).toString();
        e.actorId = q.value(2).toString();
        e.actorName = q.value(3).toString();
        e.actorRole = q.value(4).toString();
        e.text = q.value(5).toString();
        e.refused = q.value(6).toBool();
        history.entries.append(e);
    }
    if (q.stepFailed(&error))
        return error;
    return history;
}

StoreResult<void> CacheStore::storeRequestHistory(const RequestHistory &history)
{
    StoreError error;
    const bool ok = inTransaction(*d, &error, [&] {
        if (!d->runDone(u"DELETE FROM request_history WHERE request_id = ?"_s, {history.requestId},
                        &error))
            return false;
        int seq = 0;
        for (const HistoryEntry &e : history.entries) {
            if (!d->runDone(u"INSERT INTO request_history (request_id, seq, at, action, actor_id, "
                            "actor_name, actor_role, text, refused) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                            {history.requestId, seq++, timeToDb(e.at), e.action, e.actorId,
                             e.actorName, e.actorRole, e.text, e.refused ? 1 : 0},
                            &error))
                return false;
        }
        return bool(d->runDone(u"INSERT INTO request_history_fetched (request_id, fetched_at) "
                               "VALUES (?, ?) ON CONFLICT (request_id) DO UPDATE SET "
                               "fetched_at = excluded.fetched_at"_s,
                               {history.requestId, timeToDb(history.fetchedAt)}, &error));
    });
    if (!ok)
        return error;
    return {};
}

StoreResult<int> CacheStore::pruneHistory(const QDateTime &raisedBefore)
{
    StoreError error;
    int pruned = 0;
    const QVariant before = timeToDb(raisedBefore);
    const QString old = u"SELECT id FROM requests WHERE state NOT IN "_s + activeStatesSql()
        + u" AND requested_at < ?"_s;
    const bool ok = inTransaction(*d, &error, [&] {
        {
            Query count = d->run(u"SELECT count(*) FROM ("_s + old + u')', {before}, &error);
            if (!count || !count.next())
                return false;
            pruned = count.value(0).toInt();
        }
        if (pruned == 0)
            return true;
        for (const QString &table :
             {u"notes"_s, u"request_history"_s, u"request_history_fetched"_s}) {
            if (!d->runDone(u"DELETE FROM "_s + table + u" WHERE request_id IN ("_s + old + u')',
                            {before}, &error))
                return false;
        }
        return d->runDone(u"DELETE FROM requests WHERE id IN ("_s + old + u')', {before}, &error)
            && d->runDone(u"DELETE FROM cases WHERE updated_at < ? AND id NOT IN "
                          "(SELECT case_id FROM requests)"_s,
                          {before}, &error);
    });
    if (!ok)
        return error;
    return pruned;
}

// --- values ------------------------------------------------------------------------

StoreResult<QString> CacheStore::value(const QString &key) const
{
    StoreError error;
    Query q = d->run(u"SELECT value FROM settings WHERE key = ?"_s, {key}, &error);
    if (!q)
        return error;
    if (!q.next())
        return q.stepFailed(&error) ? error : StoreResult<QString>::absent();
    return q.value(0).toString();
}

StoreResult<void> CacheStore::setValue(const QString &key, const QString &value)
{
    return runWrite(*d,
                    u"INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
                    {key, value});
}

void CacheStore::checkpoint()
{
    if (d->isWal() && !d->isReadOnly())
        d->tune(u"PRAGMA wal_checkpoint(PASSIVE)"_s);
}

} // namespace Escalation

#pragma once

// The local SQLite cache of cases, escalation requests and the outbox. All SQL
// of the application lives behind this class (docs/storage.md).
//
// Not a QObject and not thread-safe: one instance per thread, each owning its
// own named QSqlDatabase connection (the name is derived from the thread and
// the instance). Bulk writes belong on a worker thread: see StoreWorker.
//
// Every answer is a StoreResult (storeresult.h): a value, "absent" (a
// lookup found nothing) or the StoreError that stopped it.
//
// Every write is one transaction. A write that changes cases or requests
// answers with a ChangeSet that lists exactly what it committed:
//  - insertedX / updatedX are decided by whether the row existed before the
//    write (checked inside the same transaction);
//  - a request whose new state is superseded or closed is listed in
//    updatedRequests (it is still in the cache, for the ladder history).
//    Queue models drop such a row: isInActiveQueue(state) is false;
//  - removedXIds lists rows deleted from the cache (records the portal
//    deleted). Removing a case also removes its requests, which are listed
//    in removedRequestIds.
// A failed write rolls back and answers with its error, never with an
// empty change set.

#include "changeset.h"
#include "escalation.h"
#include "outboxentry.h"
#include "requesthistory.h"
#include "storeresult.h"
#include "storetypes.h"
#include "syncpage.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Escalation {

class FaultInjector;
class StoreConnection;

class CacheStore final {
public:
    // ReadOnlyChecked: read-only, without PRAGMA quick_check, for a second
    // connection to a file this process has just opened ReadWrite (which
    // checked it). At 100 000 requests a quick_check costs about 150 ms, and
    // the desk's start must not pay for it twice.
    enum class OpenMode { ReadWrite, ReadOnly, ReadOnlyChecked };

    // Opens (creating if needed) and upgrades the cache at `path`. A cache
    // that fails PRAGMA quick_check is moved aside (its readable outbox rows
    // are copied into the fresh cache first) and the report says so. Returns
    // null and sets *error on failure, e.g. NewerSchema for a cache written
    // by a newer version of the app (left untouched). `report` and `error`
    // may be null.
    static std::unique_ptr<CacheStore> open(const QString &path, StoreOpenReport *report,
                                            StoreError *error, OpenMode mode = OpenMode::ReadWrite);
    ~CacheStore();
    CacheStore(const CacheStore &) = delete;
    CacheStore &operator=(const CacheStore &) = delete;

    static int schemaVersion();

    QString path() const;
    QString connectionName() const;
    bool isReadOnly() const;

    // --- reads -----------------------------------------------------------
    // The active queue in one set-based query path (requests and their
    // cases: two forward-only statements, no per-row queries). The requests
    // come without their notes: the queue never shows them, and at 100 000
    // requests reading them would cost a third of the desk's start; the
    // details pane reads them with request().
    StoreResult<QueueSnapshot> loadActiveQueue() const;
    // Every request raised at or after since, in any state (superseded and
    // closed ones too), with their cases: what the analytics count.
    StoreResult<QueueSnapshot> loadRaisedSince(const QDateTime &since) const;
    // The history kept for the analytics ends at a retention: requests that
    // left the queue (superseded, closed) and were raised before
    // raisedBefore go, with their notes and history, and so do cases left
    // without a request that were last updated before it. Requests still in
    // the queue stay whatever their age. Returns how many requests went.
    StoreResult<int> pruneHistory(const QDateTime &raisedBefore);
    // The ids of the pending requests, in id order: what a backend whose
    // change feed cannot report deletions is asked about (a deleted request
    // left pending would breach for ever).
    StoreResult<QStringList> pendingRequestIds() const;
    // Absent when the cache does not hold it.
    StoreResult<EscalationRequest> request(const QString &id) const;
    StoreResult<Case> caseRecord(const QString &id) const;
    // Every request of the case, all levels, oldest first (the ladder history).
    StoreResult<QList<EscalationRequest>> requestsForCase(const QString &caseId) const;
    // Every team with the calendar most of its requests run on: the teams
    // a request can be handed to, and their business hours.
    StoreResult<QHash<QString, QString>> teamCalendars() const;
    StoreResult<int> requestCount() const;
    StoreResult<int> caseCount() const;

    // --- sync ------------------------------------------------------------
    // One transaction: upserts, removals and the page's cursor. On failure
    // nothing of the page is kept and the cursor is unchanged. A page with an
    // empty cursor keeps the stored one.
    StoreResult<ChangeSet> applySyncPage(const SyncPage &page);
    StoreResult<SyncState> syncState() const;
    StoreResult<void> recordSyncSuccess(const QDateTime &at);
    StoreResult<void> recordSyncError(const QString &message, const QDateTime &at);

    // --- outbox ----------------------------------------------------------
    // Durable before it returns: committed with synchronous=FULL, so it
    // survives a crash of the app and of the OS. Assigns localId (never
    // reused) and answers with the stored entry. An empty idempotency key
    // gets a fresh UUID; a key already in the outbox is refused (Constraint).
    StoreResult<OutboxEntry> enqueue(OutboxEntry entry);
    StoreResult<OutboxEntry> outboxEntry(qint64 localId) const;
    // All entries (or those with `status`), oldest first.
    StoreResult<QList<OutboxEntry>> outbox(std::optional<OutboxStatus> status = {}) const;
    StoreResult<int> pendingOutboxCount() const;
    // Marks the entry delivered and, in the same transaction, upserts the
    // request as the portal returned it. An unknown entry is an error.
    StoreResult<ChangeSet> markDelivered(qint64 localId,
                                         const std::optional<EscalationRequest> &portalRequest);
    StoreResult<void> markConflict(qint64 localId, const QString &currentJson,
                                   const QString &message);
    StoreResult<void> markRejected(qint64 localId, const QString &message);
    // The portal answered 403: terminal like a rejection, told apart for the user.
    StoreResult<void> markRefused(qint64 localId, const QString &message);
    StoreResult<void> recordAttempt(qint64 localId, const QString &lastError,
                                    const QDateTime &nextAttemptAt);

    // --- request histories (the details pane's timeline) ---------------
    // Absent when it was never fetched.
    StoreResult<RequestHistory> requestHistory(const QString &requestId) const;
    // Replaces the cached history of history.requestId, in one transaction.
    StoreResult<void> storeRequestHistory(const RequestHistory &history);

    // --- key/value settings the sync needs (ETags per URL, etc.) ---------
    // Absent if unset.
    StoreResult<QString> value(const QString &key) const;
    StoreResult<void> setValue(const QString &key, const QString &value);

    // Copies what the write-ahead log holds into the database file, without
    // waiting for readers (PRAGMA wal_checkpoint(PASSIVE)). Commits only
    // checkpoint by themselves once the log passes 32 MB; StoreWorker calls
    // this when the store thread is idle, so that a decision's commit
    // rarely pays for copying a sync's pages. A no-op outside WAL mode.
    void checkpoint();

private:
    friend class CacheStoreTesting;
    explicit CacheStore(std::unique_ptr<StoreConnection> connection);
    static std::unique_ptr<CacheStore> openWith(const QString &path, StoreOpenReport *report,
                                                StoreError *error, OpenMode mode,
                                                FaultInjector *injector);
    std::unique_ptr<StoreConnection> d;
};

} // namespace Escalation

#include "storeworker.h"

#include "storelog.h"

#include <QPromise>

namespace Escalation {

StoreWorker::StoreWorker(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_idle(new QTimer(this)) // a child: moves to the store thread with the worker
{
    registerStoreMetaTypes();
    m_idle->setSingleShot(true);
    m_idle->setInterval(750);
    connect(m_idle, &QTimer::timeout, this, [this] {
        if (m_store)
            m_store->checkpoint();
    });
}

// The store's connection belongs to the worker thread; the destructor runs
// there when it is deleted through QThread::finished -> deleteLater.
StoreWorker::~StoreWorker() = default;

template<typename T, typename Job> QFuture<StoreResult<T>> StoreWorker::post(Job job)
{
    // Shared: the queued functor must be copyable, a QPromise is not.
    auto promise = std::make_shared<QPromise<StoreResult<T>>>();
    promise->start();
    QFuture<StoreResult<T>> future = promise->future();
    QMetaObject::invokeMethod(
        this,
        [this, promise, job = std::move(job)]() mutable {
            // Work on this thread: the idle checkpoint waits for a pause.
            m_idle->start();
            promise->addResult(m_store ? job(*m_store)
                                       : StoreResult<T>(StoreError {
                                           StoreError::Other, tr("The local cache is not open.")}));
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

template<typename T> StoreResult<T> StoreWorker::afterOutboxWrite(StoreResult<T> result)
{
    if (result) {
        if (const StoreResult<int> pending = m_store->pendingOutboxCount())
            Q_EMIT outboxPendingChanged(*pending);
    }
    return result;
}

void StoreWorker::announce(const StoreResult<ChangeSet> &changes)
{
    if (changes && !changes->isEmpty())
        Q_EMIT changeSetCommitted(*changes);
}

QFuture<StoreResult<StoreWorker::Opened>> StoreWorker::open()
{
    auto promise = std::make_shared<QPromise<StoreResult<Opened>>>();
    promise->start();
    QFuture<StoreResult<Opened>> future = promise->future();
    QMetaObject::invokeMethod(
        this,
        [this, promise] {
            Opened opened;
            StoreError error;
            if (!m_store)
                m_store = CacheStore::open(m_path, &opened.report, &error);
            StoreResult<SyncState> state = m_store ? m_store->syncState() : error;
            StoreResult<int> pending = state ? m_store->pendingOutboxCount() : state.error();
            if (pending) {
                opened.state = std::move(*state);
                opened.pendingOutbox = *pending;
                promise->addResult(std::move(opened));
            } else {
                qCWarning(lcStore) << "opening the cache failed:" << pending.error().message;
                m_store.reset();
                promise->addResult(pending.error());
            }
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

void StoreWorker::closeStore()
{
    m_store.reset();
}

QFuture<StoreResult<QueueSnapshot>> StoreWorker::loadActiveQueue()
{
    return post<QueueSnapshot>([](CacheStore &store) { return store.loadActiveQueue(); });
}

QFuture<StoreResult<QList<OutboxEntry>>> StoreWorker::loadOutbox()
{
    return post<QList<OutboxEntry>>([](CacheStore &store) { return store.outbox(); });
}

QFuture<StoreResult<QStringList>> StoreWorker::pendingRequestIds()
{
    return post<QStringList>([](CacheStore &store) { return store.pendingRequestIds(); });
}

QFuture<StoreResult<void>> StoreWorker::applySyncPage(SyncPage page)
{
    return post<void>([this, page = std::move(page)](CacheStore &store) -> StoreResult<void> {
        const StoreResult<ChangeSet> changes = store.applySyncPage(page);
        announce(changes);
        return changes ? StoreResult<void>() : changes.error();
    });
}

QFuture<StoreResult<void>> StoreWorker::recordSyncSuccess(const QDateTime &at)
{
    return post<void>([at](CacheStore &store) { return store.recordSyncSuccess(at); });
}

QFuture<StoreResult<void>> StoreWorker::recordSyncError(const QString &message, const QDateTime &at)
{
    return post<void>(
        [message, at](CacheStore &store) { return store.recordSyncError(message, at); });
}

QFuture<StoreResult<OutboxEntry>> StoreWorker::enqueue(const OutboxEntry &entry)
{
    return post<OutboxEntry>(
        [this, entry](CacheStore &store) { return afterOutboxWrite(store.enqueue(entry)); });
}

QFuture<StoreResult<void>>
StoreWorker::markDelivered(qint64 localId, const std::optional<EscalationRequest> &portalRequest)
{
    return post<void>([this, localId, portalRequest](CacheStore &store) -> StoreResult<void> {
        const StoreResult<ChangeSet> changes = store.markDelivered(localId, portalRequest);
        announce(changes);
        return afterOutboxWrite(changes ? StoreResult<void>() : changes.error());
    });
}

QFuture<StoreResult<void>> StoreWorker::markConflict(qint64 localId, const QString &currentJson,
                                                     const QString &message)
{
    return post<void>([this, localId, currentJson, message](CacheStore &store) {
        return afterOutboxWrite(store.markConflict(localId, currentJson, message));
    });
}

QFuture<StoreResult<void>> StoreWorker::markRejected(qint64 localId, const QString &message)
{
    return post<void>([this, localId, message](CacheStore &store) {
        return afterOutboxWrite(store.markRejected(localId, message));
    });
}

QFuture<StoreResult<void>> StoreWorker::markRefused(qint64 localId, const QString &message)
{
    return post<void>([this, localId, message](CacheStore &store) {
        return afterOutboxWrite(store.markRefused(localId, message));
    });
}

QFuture<StoreResult<void>> StoreWorker::recordAttempt(qint64 localId, const QString &lastError,
                                                      const QDateTime &nextAttemptAt)
{
    return post<void>([this, localId, lastError, nextAttemptAt](CacheStore &store) {
        return afterOutboxWrite(store.recordAttempt(localId, lastError, nextAttemptAt));
    });
}

QFuture<StoreResult<void>> StoreWorker::storeRequestHistory(const RequestHistory &history)
{
    return post<void>([history](CacheStore &store) { return store.storeRequestHistory(history); });
}

QFuture<StoreResult<void>> StoreWorker::setValue(const QString &key, const QString &value)
{
    return post<void>([key, value](CacheStore &store) { return store.setValue(key, value); });
}

QFuture<StoreResult<int>> StoreWorker::pruneHistory(const QDateTime &raisedBefore)
{
    return post<int>(
        [raisedBefore](CacheStore &store) { return store.pruneHistory(raisedBefore); });
}

} // namespace Escalation

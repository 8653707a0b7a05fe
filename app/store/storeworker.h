#pragma once

// Runs a CacheStore on its own thread so that bulk writes never block the GUI
// thread. Move it to a QThread and connect QThread::finished to
// deleteLater(); then call it from any thread. Every call queues its work on
// the worker's thread (calls run in the order they were made) and returns
// the future of its answer, which whenAnswered() hands to the caller that
// asked — nobody else sees it.
//
// Two things are broadcast, because every listener wants all of them and
// none filters: changeSetCommitted after every committed write that changed
// cases or requests (the one way change sets reach the models, whoever
// caused the write), and outboxPendingChanged after every outbox write.
//
// It has no parent: a QObject with a parent cannot be moved to another
// thread; its lifetime is tied to the thread (finished -> deleteLater).

#include "cachestore.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>
#include <utility>

namespace Escalation {

class StoreWorker final : public QObject {
    Q_OBJECT
public:
    explicit StoreWorker(QString path, QObject *parent = nullptr);
    ~StoreWorker() override;

    struct Opened {
        StoreOpenReport report;
        SyncState state;
        int pendingOutbox = 0;
    };
    // Opens the cache; every other call answers an error until it has.
    QFuture<StoreResult<Opened>> open();

    QFuture<StoreResult<QueueSnapshot>> loadActiveQueue();
    QFuture<StoreResult<QList<OutboxEntry>>> loadOutbox();
    QFuture<StoreResult<QStringList>> pendingRequestIds();

    QFuture<StoreResult<void>> applySyncPage(SyncPage page);
    QFuture<StoreResult<void>> recordSyncSuccess(const QDateTime &at);
    QFuture<StoreResult<void>> recordSyncError(const QString &message, const QDateTime &at);

    QFuture<StoreResult<OutboxEntry>> enqueue(const OutboxEntry &entry);
    QFuture<StoreResult<void>> markDelivered(qint64 localId,
                                             const std::optional<EscalationRequest> &portalRequest);
    QFuture<StoreResult<void>> markConflict(qint64 localId, const QString &currentJson,
                                            const QString &message);
    QFuture<StoreResult<void>> markRejected(qint64 localId, const QString &message);
    QFuture<StoreResult<void>> markRefused(qint64 localId, const QString &message);
    QFuture<StoreResult<void>> recordAttempt(qint64 localId, const QString &lastError,
                                             const QDateTime &nextAttemptAt);

    QFuture<StoreResult<void>> storeRequestHistory(const RequestHistory &history);

    QFuture<StoreResult<void>> setValue(const QString &key, const QString &value);
    QFuture<StoreResult<int>> pruneHistory(const QDateTime &raisedBefore);

public Q_SLOTS:
    void closeStore();

Q_SIGNALS:
    void changeSetCommitted(const Escalation::ChangeSet &changes);
    // How many outbox entries still wait for the portal, after an outbox write.
    void outboxPendingChanged(int pendingCount);

private:
    // Queues job(store) on this thread; the future gets its answer.
    template<typename T, typename Job> QFuture<StoreResult<T>> post(Job job);
    // The answer of a write that touched the outbox; announces the new count.
    template<typename T> StoreResult<T> afterOutboxWrite(StoreResult<T> result);
    void announce(const StoreResult<ChangeSet> &changes);

    QString m_path;
    std::unique_ptr<CacheStore> m_store;
    // Fires when the store thread has had nothing to do for a moment: then
    // the write-ahead log is checkpointed, off every caller's path.
    QTimer *m_idle = nullptr;
};

// Calls onAnswer(result) on context's thread once the store has answered;
// nothing if context is destroyed first, or the store thread ended without
// answering. The same as future.then(context, onAnswer), which in Qt 6.4
// asserts when context is gone before the answer: here a watcher owned by
// context receives it, and goes with it. The answer is taken out of the
// future, so that (a snapshot of the queue, say) it is freed as soon as
// onAnswer returns.
template<typename T, typename OnAnswer>
void whenAnswered(const QFuture<T> &future, QObject *context, OnAnswer &&onAnswer)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                     [watcher, onAnswer = std::forward<OnAnswer>(onAnswer)]() mutable {
                         watcher->deleteLater();
                         QFuture<T> answered = watcher->future();
                         if (answered.resultCount() > 0)
                             onAnswer(answered.takeResult());
                     });
    watcher->setFuture(future);
}

} // namespace Escalation

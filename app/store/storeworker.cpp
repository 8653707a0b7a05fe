#include "storeworker.h"

#include "storelog.h"

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

void StoreWorker::openStore()
{
    if (m_store)
        return;
    StoreOpenReport report;
    StoreError error;
    m_store = CacheStore::open(m_path, &report, &error);
    if (!m_store) {
        qCWarning(lcStore) << "opening the cache failed:" << error.message;
        Q_EMIT openFailed(error);
        return;
    }
    Q_EMIT opened(report, m_store->syncState(), m_store->pendingOutboxCount());
}

void StoreWorker::closeStore()
{
    m_store.reset();
}

bool StoreWorker::ensureOpen(quint64 ticket)
{
    // Every call is work on this thread: the idle checkpoint waits for a pause.
    m_idle->start();
    if (m_store)
        return true;
    Q_EMIT failed(ticket, StoreError {StoreError::Other, tr("The local cache is not open.")});
    return false;
}

void StoreWorker::loadActiveQueue(quint64 ticket)
{
    if (!ensureOpen(ticket))
        return;
    StoreError error;
    QueueSnapshot snapshot = m_store->loadActiveQueue(&error);
    if (error)
        Q_EMIT failed(ticket, error);
    else
        Q_EMIT queueLoaded(ticket, snapshot);
}

void StoreWorker::loadOutbox(quint64 ticket)
{
    if (ensureOpen(ticket))
        Q_EMIT outboxLoaded(ticket, m_store->outbox());
}

void StoreWorker::loadRequestsForCase(const QString &caseId, quint64 ticket)
{
    if (ensureOpen(ticket))
        Q_EMIT requestsForCaseLoaded(ticket, caseId, m_store->requestsForCase(caseId));
}

void StoreWorker::applySyncPage(const SyncPage &page, quint64 ticket)
{
    if (!ensureOpen(ticket))
        return;
    StoreError error;
    const ChangeSet changes = m_store->applySyncPage(page, &error);
    if (error) {
        Q_EMIT failed(ticket, error);
        return;
    }
    if (!changes.isEmpty())
        Q_EMIT changeSetCommitted(changes);
    Q_EMIT pageCommitted(ticket, page.cursor);
}

void StoreWorker::recordSyncSuccess(const QDateTime &at, quint64 ticket)
{
    if (!ensureOpen(ticket))
        return;
    StoreError error;
    if (m_store->recordSyncSuccess(at, &error))
        Q_EMIT syncStateChanged(m_store->syncState());
    else
        Q_EMIT failed(ticket, error);
}

void StoreWorker::recordSyncError(const QString &message, const QDateTime &at, quint64 ticket)
{
    if (!ensureOpen(ticket))
        return;
    StoreError error;
    if (m_store->recordSyncError(message, at, &error))
        Q_EMIT syncStateChanged(m_store->syncState());
    else
        Q_EMIT failed(ticket, error);
}

void StoreWorker::enqueue(const OutboxEntry &e, quint64 ticket)
{
    if (!ensureOpen(ticket))
        return;
    StoreError error;
    const std::optional<OutboxEntry> stored = m_store->enqueue(e, &error);
    if (!stored) {
        Q_EMIT failed(ticket, error);
        return;
    }
    Q_EMIT outboxEnqueued(ticket, *stored);
    emitOutboxChanged(ticket, stored->localId);
}

void StoreWorker::markDelivered(qint64 localId,
                                const std::optional<EscalationRequest> &portalRequest,
                                quint64 ticket)
{
    if (!ensureOpen(ticket))
        return;
    StoreError error;
    const ChangeSet changes = m_store->markDelivered(localId, portalRequest, &error);
    if (error) {
        Q_EMIT failed(ticket, error);
        return;
    }
    if (!changes.isEmpty())
        Q_EMIT changeSetCommitted(changes);
    emitOutboxChanged(ticket, localId);
}

void StoreWorker::markConflict(qint64 localId, const QString &currentJson, const QString &message,
                               quint64 ticket)
{
    if (!ensureOpen(ticket))
        return;
    StoreError error;
    if (m_store->markConflict(localId, currentJson, message, &error))
        emitOutboxChanged(ticket, localId);
    else
        Q_EMIT failed(ticket, error);
}

void StoreWorker::markRejected(qint64 localId, const QString &message, quint64 ticket)
{
    if (!ensureOpen(ticket))
        return;
    StoreError error;
    if (m_store->markRejected(localId, message, &error))
        emitOutboxChanged(ticket, localId);
    else
        Q_EMIT failed(ticket, error);
}

void StoreWorker::recordAttempt(qint64 localId, const QString &lastError,
                                const QDateTime &nextAttemptAt, quint64 ticket)
{
    if (!ensureOpen(ticket))
        return;
    StoreError error;
    if (m_store->recordAttempt(localId, lastError, nextAttemptAt, &error))
        emitOutboxChanged(ticket, localId);
    else
        Q_EMIT failed(ticket, error);
}

void StoreWorker::setValue(const QString &key, const QString &value, quint64 ticket)
{
    if (!ensureOpen(ticket))
        return;
    StoreError error;
    if (m_store->setValue(key, value, &error))
        Q_EMIT done(ticket);
    else
        Q_EMIT failed(ticket, error);
}

void StoreWorker::emitOutboxChanged(quint64 ticket, qint64 localId)
{
    Q_EMIT outboxChanged(ticket, localId, m_store->pendingOutboxCount());
}

} // namespace Escalation

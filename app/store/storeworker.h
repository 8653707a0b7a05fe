#pragma once

// Runs a CacheStore on its own thread so that bulk writes never block the GUI
// thread. Move it to a QThread, connect QThread::started to openStore() and
// QThread::finished to deleteLater(); then talk to it through queued slots.
// Each call carries a caller-chosen ticket that comes back in the answer
// (pageCommitted, outboxEnqueued, done, failed, ...). Every committed write
// that changes cases or requests also emits changeSetCommitted; every write
// that touches the outbox emits outboxChanged.
//
// It has no parent: a QObject with a parent cannot be moved to another
// thread; its lifetime is tied to the thread (finished -> deleteLater).

#include "cachestore.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace Escalation {

class StoreWorker final : public QObject {
    Q_OBJECT
public:
    explicit StoreWorker(QString path, QObject *parent = nullptr);
    ~StoreWorker() override;

public Q_SLOTS:
    void openStore();
    void closeStore();

    void loadActiveQueue(quint64 ticket);
    void loadOutbox(quint64 ticket);
    void loadRequestsForCase(const QString &caseId, quint64 ticket);

    void applySyncPage(const Escalation::SyncPage &page, quint64 ticket);
    void recordSyncSuccess(const QDateTime &at, quint64 ticket);
    void recordSyncError(const QString &message, const QDateTime &at, quint64 ticket);

    void enqueue(const Escalation::OutboxEntry &e, quint64 ticket);
    void markDelivered(qint64 localId,
                       const std::optional<Escalation::EscalationRequest> &portalRequest,
                       quint64 ticket);
    void markConflict(qint64 localId, const QString &currentJson, const QString &message,
                      quint64 ticket);
    void markRejected(qint64 localId, const QString &message, quint64 ticket);
    void recordAttempt(qint64 localId, const QString &lastError, const QDateTime &nextAttemptAt,
                       quint64 ticket);

    void setValue(const QString &key, const QString &value, quint64 ticket);

Q_SIGNALS:
    void opened(const Escalation::StoreOpenReport &report, const Escalation::SyncState &state,
                int pendingOutboxCount);
    void openFailed(const Escalation::StoreError &error);

    void queueLoaded(quint64 ticket, const Escalation::QueueSnapshot &snapshot);
    void outboxLoaded(quint64 ticket, const QList<Escalation::OutboxEntry> &entries);
    void requestsForCaseLoaded(quint64 ticket, const QString &caseId,
                               const QList<Escalation::EscalationRequest> &requests);

    void changeSetCommitted(const Escalation::ChangeSet &changes);
    void pageCommitted(quint64 ticket, const QString &cursor);
    void syncStateChanged(const Escalation::SyncState &state);
    void outboxEnqueued(quint64 ticket, const Escalation::OutboxEntry &entry);
    // An outbox entry changed status/attempts; pendingCount is the new number
    // of entries still waiting for the portal.
    void outboxChanged(quint64 ticket, qint64 localId, int pendingCount);
    // A write without a more specific answer signal (setValue) succeeded.
    void done(quint64 ticket);
    void failed(quint64 ticket, const Escalation::StoreError &error);

private:
    bool ensureOpen(quint64 ticket);
    void emitOutboxChanged(quint64 ticket, qint64 localId);

    QString m_path;
    std::unique_ptr<CacheStore> m_store;
    // Fires when the store thread has had nothing to do for a moment: then
    // the write-ahead log is checkpointed, off every caller's path.
    QTimer *m_idle = nullptr;
};

} // namespace Escalation

#pragma once

// Delivers managers' decisions to the portal exactly once. A decision is
// first committed to the cache (StoreWorker::enqueue, durable before it
// returns) and only then reported as saved; it is then pushed with its
// Idempotency-Key and base version, oldest first, and retried with growing
// delays until the portal acknowledges it. The key makes every retry —
// after a timeout, a crash or a restart — safe: the portal applies it once.
// A 409 keeps the entry as a conflict with the portal's current version,
// a 422 as rejected with the portal's reason, a 403 as refused (the
// user's role may not: never retried); nothing is ever dropped.
// Entries go out through a PortalConnector (the native contract or a
// ticketing system); its push outcomes map onto the same four endings.

#include "backoff.h"
#include "outboxentry.h"
#include "portalconnector.h"
#include "storeresult.h"
#include "storetypes.h"

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

namespace Escalation {

class PortalClient;
class StoreWorker;

struct OutboxOptions {
    std::chrono::milliseconds retryBase {std::chrono::seconds(2)};
    std::chrono::milliseconds retryCap {std::chrono::minutes(5)};
    int attemptsPerPush = 3; // client-level retries inside one push
    bool autoRetry = true; // false: one push per pushNow() (the command line)
};

class Outbox final : public QObject {
    Q_OBJECT
public:
    // connector and store must outlive the outbox.
    Outbox(PortalConnector *connector, StoreWorker *store, OutboxOptions options = {},
           QObject *parent = nullptr);
    // The native portal contract through client (a NativeConnector the
    // outbox owns); client must outlive the outbox.
    Outbox(PortalClient *client, StoreWorker *store, OutboxOptions options = {},
           QObject *parent = nullptr);
    ~Outbox() override;

    // Loads the stored entries and pushes the pending ones.
    void start();

    // Commits a decision to the cache; saved() follows once it is durable,
    // saveFailed() if it could not be stored.
    void submit(const QString &requestId, OutboxAction action, const QString &text,
                const QString &actor, qint64 baseVersion, const ActionDetails &details = {});

    QList<OutboxEntry> entries() const { return m_entries; } // oldest first
    QList<OutboxEntry> conflicts() const;
    int pendingCount() const { return m_pendingCount; }
    bool isLoaded() const { return m_loaded; }
    // Nothing is being pushed and no pending entry is due now.
    bool isIdle() const;

public Q_SLOTS:
    // Push now, ignoring retry delays (the portal is back, the token was fixed).
    void pushNow();

Q_SIGNALS:
    void loaded();
    void saved(const Escalation::OutboxEntry &entry);
    void saveFailed(const QString &message);
    void delivered(const Escalation::OutboxEntry &entry);
    // entry.conflictJson holds the request as the portal has it now.
    void conflicted(const Escalation::OutboxEntry &entry);
    void rejected(const Escalation::OutboxEntry &entry);
    // The portal answered 403: the signed-in user's role may not do this.
    void refused(const Escalation::OutboxEntry &entry);
    // The push failed; the entry stays pending. willRetry: a retry is scheduled.
    void deliveryFailed(const Escalation::OutboxEntry &entry, const QString &message,
                        bool willRetry);
    void pendingCountChanged(int count);
    // Emitted when a push round ends with nothing left to push now.
    void idle();

private:
    using Continuation = std::function<void(bool ok, const QString &error)>;
    void pushNext();
    void push(const OutboxEntry &entry);
    void onPushed(qint64 localId, const ConnectorResult &result);
    // Runs `write` on the store (if it is still there) and `then` with its outcome.
    void storeWrite(const std::function<QFuture<StoreResult<void>>(StoreWorker *)> &write,
                    Continuation then);
    OutboxEntry *entry(qint64 localId);
    void setPendingCount(int count);

    PortalConnector *m_connector;
    QPointer<StoreWorker> m_store;
    OutboxOptions m_options;
    QList<OutboxEntry> m_entries;
    bool m_loaded = false;
    bool m_pushing = false;
    bool m_paused = false; // 401/TLS: wait for pushNow()
    bool m_forceDue = false;
    int m_pendingCount = 0;
    QTimer m_retryTimer;
    QPointer<ConnectorCall> m_call;
};

} // namespace Escalation

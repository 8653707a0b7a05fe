#pragma once

// Syncs escalation requests from Request Tracker 5 over REST 2 and writes
// decisions back (docs/request-tracker.md):
// - changes: tickets of the escalations queue (and case tickets with
//   children) updated since the cursor, keyset-paged by id, with their case
//   tickets, first messages, replies and comments fetched in batches per page;
// - decisions: a reply (accept with the plan, decline with the automated
//   reply) that sets the accept or decline status; notes and the other actions
//   as comments. Every write carries a marker with the outbox entry's
//   idempotency key, and a push first looks for that marker in the ticket's
//   history, so a retried push (after a timeout, a crash, a restart) is
//   applied once;
// - RT has no push: waitForChanges tells the engine to poll;
// - deletions: RT's searches never return a deleted ticket, so reconcile()
//   checks the cache's requests by id now and then.

#include "portalconnector.h"
#include "rtclient.h"
#include "rtmapping.h"

#include <QPointer>

namespace Escalation {

class RtConnector final : public PortalConnector {
    Q_OBJECT
public:
    explicit RtConnector(RtSettings settings, QNetworkAccessManager *nam = nullptr,
                         QObject *parent = nullptr);

    QString kind() const override { return QStringLiteral("rt"); }
    QString displayTarget() const override;
    const RtSettings &settings() const { return m_client->settings(); }
    RtClient *client() const { return m_client; }
    void setSecret(const QString &secret) { m_client->setSecret(secret); }

    ConnectorCall *fetchChanges(const QString &cursor, const FetchOptions &options) override;
    ConnectorCall *waitForChanges(const QString &cursor, std::chrono::seconds timeout) override;
    ConnectorCall *push(const OutboxEntry &entry, const PushOptions &options) override;
    // RT's searches never return deleted tickets: the engine asks now and then.
    bool needsReconciliation() const override { return true; }
    ConnectorCall *reconcile(const QStringList &requestIds) override;
    // The ticket's creation, replies and comments, with RT's Creator.
    ConnectorCall *fetchHistory(const QString &requestId) override;
    // RT 5 has no "current user" resource: identityUnsupported, with RT's
    // configured user's name where the settings have one.
    ConnectorCall *whoAmI() override;

    // Resolved once: the numeric ids of the two queues.
    qint64 casesQueueId() const { return m_casesQueueId; }
    qint64 escalationsQueueId() const { return m_escalationsQueueId; }

private:
    friend class RtCallBase;
    RtClient *m_client;
    qint64 m_casesQueueId = 0;
    qint64 m_escalationsQueueId = 0;
};

} // namespace Escalation

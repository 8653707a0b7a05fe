#pragma once

// The native portal contract (docs/portal-api.md) as a PortalConnector: the
// change feed with ETags (parsed on a pool thread), long polling on
// /changes/wait with the fallback to polling where the portal answers 404,
// and actions posted with the entry's Idempotency-Key, 409 mapped to a
// conflict, 403 to a refusal (the user's role may not) and other
// refusals (422, 400, 404) to a rejection. GET /me says who the token
// belongs to, GET /requests/{id}/history a request's timeline. The HTTP side
// (retries, Retry-After, timeouts, TLS) stays in PortalClient and HttpJob.

#include "portalclient.h"
#include "portalconnector.h"

namespace Escalation {

class NativeConnector final : public PortalConnector {
    Q_OBJECT
public:
    // client must outlive the connector.
    explicit NativeConnector(PortalClient *client, QObject *parent = nullptr);

    QString kind() const override { return QStringLiteral("native"); }
    QString displayTarget() const override;
    PortalClient *client() const { return m_client; }

    ConnectorCall *fetchChanges(const QString &cursor, const FetchOptions &options) override;
    ConnectorCall *waitForChanges(const QString &cursor, std::chrono::seconds timeout) override;
    ConnectorCall *push(const OutboxEntry &entry, const PushOptions &options) override;
    ConnectorCall *whoAmI() override;
    ConnectorCall *fetchHistory(const QString &requestId) override;

private:
    PortalClient *m_client;
};

} // namespace Escalation

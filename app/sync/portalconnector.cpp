#include "portalconnector.h"

#include <QTimer>

namespace Escalation {

ImmediateConnectorCall::ImmediateConnectorCall(QObject *parent, ConnectorResult result)
    : ConnectorCall(parent)
    , m_result(std::move(result))
{
    QTimer::singleShot(0, this, [this] { report(m_result); });
}

void ImmediateConnectorCall::abort()
{
    ConnectorResult canceled;
    canceled.error = TransportError::Canceled;
    report(canceled);
}

void ImmediateConnectorCall::report(const ConnectorResult &result)
{
    if (!m_done) {
        m_done = true;
        Q_EMIT finished(result);
    }
    deleteLater();
}

ConnectorCall *PortalConnector::reconcile(const QStringList &)
{
    // Nothing can have been missed: an empty list of removals.
    ConnectorResult r;
    r.page.ok = true;
    return new ImmediateConnectorCall(this, r);
}

ConnectorCall *PortalConnector::whoAmI()
{
    ConnectorResult r;
    r.identityUnsupported = true;
    r.message = tr("%1 cannot say who is signed in.").arg(displayTarget());
    return new ImmediateConnectorCall(this, r);
}

ConnectorCall *PortalConnector::fetchHistory(const QString &)
{
    ConnectorResult r;
    r.historyUnsupported = true;
    r.message = tr("History is not available from %1.").arg(displayTarget());
    return new ImmediateConnectorCall(this, r);
}

} // namespace Escalation

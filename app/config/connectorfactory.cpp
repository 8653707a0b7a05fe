#include "connectorfactory.h"

#include <nativeconnector.h>
#include <rtconnector.h>

namespace Escalation {

PortalConnector *ConnectorFactory::create(const BackendConfig &config, QObject *parent)
{
    if (config.kind == BackendConfig::rtKind())
        return new RtConnector(config.rt, nullptr, parent);
    auto *connector = new NativeConnector(new PortalClient(config.native), parent);
    // The client must outlive the connector: its child is deleted after it.
    connector->client()->setParent(connector);
    return connector;
}

QStringList ConnectorFactory::authorize(PortalConnector *connector, const QString &token)
{
    if (auto *rt = qobject_cast<RtConnector *>(connector)) {
        rt->setSecret(token);
        return rt->settings().validate();
    }
    if (auto *native = qobject_cast<NativeConnector *>(connector))
        native->client()->setToken(token);
    return {};
}

} // namespace Escalation

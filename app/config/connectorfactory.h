#pragma once

// Builds the connector a BackendConfig describes, for the desk and the
// command line alike: the native portal contract (NativeConnector over a
// PortalClient) or Request Tracker (RtConnector).

#include "backendconfig.h"

namespace Escalation {

class PortalConnector;

class ConnectorFactory final {
public:
    // A new connector owned by parent (the caller owns it when parent is
    // null). The token may follow later through authorize().
    static PortalConnector *create(const BackendConfig &config, QObject *parent = nullptr);
    // Hands a token read after create() to the connector. Returns what still
    // keeps it from working (incomplete Request Tracker settings),
    // translated; empty when it can start.
    static QStringList authorize(PortalConnector *connector, const QString &token);
};

} // namespace Escalation

#pragma once

// The backend escalation-desk and escalation-desk-cli sync from, resolved
// from the settings in one place: the kind of connector, its address, the
// certificate pin, and for Request Tracker the rt/ group (docs/settings.md).
// The token is not a setting: it is read through PortalCredentials and
// handed over with setToken() or ConnectorFactory::authorize().

#include <portalclient.h>
#include <rtsettings.h>

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Escalation {

class DeskSettings;

struct BackendConfig {
    static QString nativeKind() { return QStringLiteral("native"); }
    static QString rtKind() { return QStringLiteral("rt"); }

    QString kind = nativeKind();
    PortalSettings native; // kind "native": address, pin, limits
    RtSettings rt; // kind "rt": the rt/ group with the address

    // kind and url as the caller settled them (command line, cache,
    // settings); everything else from settings. The pin is the one trusted
    // in the settings unless ESCALATION_DESK_PIN_SHA256 is set: a script
    // that sets it means it. What the rt/ group could not give is added to
    // *problems (translated); the defaults stand in for it.
    static BackendConfig resolve(const DeskSettings &settings, const QString &kind, const QUrl &url,
                                 QStringList *problems);

    // The variable that overrides the pin trusted in the settings.
    static QString pinEnvironmentVariable();

    QUrl url() const;
    // The bearer token (native) or RT's token or password.
    void setToken(const QString &token);
    // What keeps the connector from working, translated; empty if fine.
    QStringList validate() const;
};

} // namespace Escalation

#include "backendconfig.h"

#include "desksettings.h"

namespace Escalation {

BackendConfig BackendConfig::resolve(const DeskSettings &settings, const QString &kind,
                                     const QUrl &url, QStringList *problems)
{
    BackendConfig config;
    config.kind = kind;
    if (kind == rtKind()) {
        config.rt = settings.rtSettings(problems);
        config.rt.baseUrl = url;
        return config;
    }
    config.native.baseUrl = url;
    const QByteArray fromEnvironment = qgetenv("ESCALATION_DESK_PIN_SHA256");
    config.native.pinnedCertificateSha256 =
        fromEnvironment.isEmpty() ? settings.trustedCertificateSha256() : fromEnvironment;
    return config;
}

QString BackendConfig::pinEnvironmentVariable()
{
    return QStringLiteral("ESCALATION_DESK_PIN_SHA256");
}

QUrl BackendConfig::url() const
{
    return kind == rtKind() ? rt.baseUrl : native.baseUrl;
}

void BackendConfig::setToken(const QString &token)
{
    native.token = token;
    rt.secret = token;
}

QStringList BackendConfig::validate() const
{
    // The native client works without a token (the portal then says 401).
    return kind == rtKind() ? rt.validate() : QStringList();
}

} // namespace Escalation

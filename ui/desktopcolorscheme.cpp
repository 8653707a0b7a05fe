#include "desktopcolorscheme.h"

#include "uilogging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>

namespace Escalation {

namespace {
const QString PortalService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString PortalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString SettingsInterface = QStringLiteral("org.freedesktop.portal.Settings");
const QString AppearanceGroup = QStringLiteral("org.freedesktop.appearance");
const QString ColorSchemeKey = QStringLiteral("color-scheme");
} // namespace

DesktopColorScheme::DesktopColorScheme(QObject *parent)
    : QObject(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qCDebug(lcUi) << "no session bus: the platform's palette decides light or dark";
        return;
    }
    // D-Bus signals connect by name only (QDBusConnection has no functor
    // form in Qt 6.4).
    bus.connect(PortalService, PortalPath, SettingsInterface, QStringLiteral("SettingChanged"),
                this, SLOT(onSettingChanged(QString, QString, QDBusVariant)));
    QDBusMessage read = QDBusMessage::createMethodCall(PortalService, PortalPath, SettingsInterface,
                                                       QStringLiteral("Read"));
    read << AppearanceGroup << ColorSchemeKey;
    // The start must not wait on a slow portal: the answer comes back later.
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(read), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *call) {
                call->deleteLater();
                const QDBusMessage reply = call->reply();
                if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
                    qCDebug(lcUi) << "the desktop portal does not say light or dark:"
                                  << reply.errorMessage();
                    return;
                }
                update(fromPortalValue(reply.arguments().constFirst()));
            });
}

std::optional<bool> DesktopColorScheme::fromPortalValue(const QVariant &value)
{
    QVariant v = value;
    // Read returns v(v(u)) on older portals, v(u) on newer ones.
    for (int depth = 0; depth < 3 && v.canConvert<QDBusVariant>()
         && v.metaType() == QMetaType::fromType<QDBusVariant>();
         ++depth)
        v = v.value<QDBusVariant>().variant();
    bool ok = false;
    const uint scheme = v.toUInt(&ok);
    if (!ok)
        return std::nullopt;
    switch (scheme) {
    case 1:
        return true;
    case 2:
        return false;
    default:
        return std::nullopt;
    }
}

void DesktopColorScheme::onSettingChanged(const QString &group, const QString &key,
                                          const QDBusVariant &value)
{
    if (group == AppearanceGroup && key == ColorSchemeKey)
        update(fromPortalValue(value.variant()));
}

void DesktopColorScheme::update(std::optional<bool> prefersDark)
{
    if (prefersDark == m_prefersDark)
        return;
    m_prefersDark = prefersDark;
    qCInfo(lcUi) << "the desktop prefers"
                 << (!prefersDark       ? "no colour scheme"
                         : *prefersDark ? "dark"
                                        : "light");
    Q_EMIT changed(prefersDark);
}

} // namespace Escalation

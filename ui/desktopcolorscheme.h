#pragma once

// Whether the desktop prefers dark colours, as the XDG desktop portal says
// (org.freedesktop.appearance color-scheme: 0 no preference, 1 dark,
// 2 light), read at start and followed as the user switches. GNOME and KDE
// both publish it; without a session bus or portal the answer is "does
// not say" and the platform's palette decides.

#include <QDBusVariant>
#include <QObject>
#include <QVariant>

#include <optional>

namespace Escalation {

class DesktopColorScheme final : public QObject {
    Q_OBJECT
public:
    explicit DesktopColorScheme(QObject *parent = nullptr);

    // nullopt while the desktop does not say.
    std::optional<bool> prefersDark() const { return m_prefersDark; }

    // The portal's value (a uint, possibly wrapped in one or two
    // QDBusVariants) as a preference.
    static std::optional<bool> fromPortalValue(const QVariant &value);

Q_SIGNALS:
    void changed(std::optional<bool> prefersDark);

private Q_SLOTS:
    // org.freedesktop.portal.Settings.SettingChanged
    void onSettingChanged(const QString &group, const QString &key, const QDBusVariant &value);

private:
    void update(std::optional<bool> prefersDark);

    std::optional<bool> m_prefersDark;
};

} // namespace Escalation

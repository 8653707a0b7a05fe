#pragma once

// The desk's colours. By default they follow the desktop: the platform's
// palette, or a dark one when the desktop prefers dark and the platform
// theme did not give one (Qt 6.4 reads no such preference itself). The user
// may fix light, dark or high contrast instead (Settings → Desk). The clock
// accents adapt to whatever palette results (ClockPalette).

#include <desksettings.h>

#include <QObject>
#include <QPalette>

#include <optional>

namespace Escalation {

namespace DeskPalette {
QPalette light();
QPalette dark();
QPalette highContrast(); // white on black
bool isDark(const QPalette &palette);
} // namespace DeskPalette

class DeskAppearance final : public QObject {
    Q_OBJECT
public:
    using Appearance = DeskSettings::Appearance;

    // platform: the palette the platform theme gave the application.
    explicit DeskAppearance(const QPalette &platform = startPalette(), QObject *parent = nullptr);

    // The application's palette the first time this is called, before the
    // desk changed it: the platform theme's.
    static QPalette startPalette();

    // The palette for a choice, given what the desktop prefers (nullopt:
    // it does not say) and the platform's own palette.
    static QPalette paletteFor(Appearance choice, std::optional<bool> desktopPrefersDark,
                               const QPalette &platform);

    Appearance choice() const { return m_choice; }
    void setChoice(Appearance choice);
    void setDesktopPrefersDark(std::optional<bool> prefersDark);
    // What the desk shows now.
    QPalette palette() const;

Q_SIGNALS:
    // The palette changed; QApplication::setPalette has been called.
    void applied(const QPalette &palette);

private:
    void apply();

    QPalette m_platform;
    Appearance m_choice = Appearance::Desktop;
    std::optional<bool> m_desktopPrefersDark;
    bool m_applied = false;
};

} // namespace Escalation

#include "deskappearance.h"

#include "uilogging.h"

#include <QApplication>

namespace Escalation {

namespace DeskPalette {

namespace {

void setForAllGroups(QPalette &palette, QPalette::ColorRole role, const QColor &colour)
{
    palette.setColor(QPalette::All, role, colour);
}

} // namespace

QPalette light()
{
    // Fusion's palette: neutral greys, the desktop's usual blue highlight.
    QPalette p(QColor(0xef, 0xef, 0xef));
    setForAllGroups(p, QPalette::Base, Qt::white);
    setForAllGroups(p, QPalette::AlternateBase, QColor(0xf7, 0xf7, 0xf7));
    setForAllGroups(p, QPalette::Text, Qt::black);
    setForAllGroups(p, QPalette::WindowText, Qt::black);
    setForAllGroups(p, QPalette::ButtonText, Qt::black);
    setForAllGroups(p, QPalette::Highlight, QColor(0x1f, 0x6a, 0xa5));
    setForAllGroups(p, QPalette::HighlightedText, Qt::white);
    setForAllGroups(p, QPalette::PlaceholderText, QColor(0x5f, 0x5f, 0x5f));
    setForAllGroups(p, QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    setForAllGroups(p, QPalette::ToolTipText, Qt::black);
    setForAllGroups(p, QPalette::Link, QColor(0x00, 0x5a, 0xb4));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

QPalette dark()
{
    QPalette p(QColor(0x35, 0x35, 0x35));
    setForAllGroups(p, QPalette::Window, QColor(0x35, 0x35, 0x35));
    setForAllGroups(p, QPalette::Button, QColor(0x3c, 0x3c, 0x3c));
    setForAllGroups(p, QPalette::Base, QColor(0x2a, 0x2a, 0x2a));
    setForAllGroups(p, QPalette::AlternateBase, QColor(0x30, 0x30, 0x30));
    setForAllGroups(p, QPalette::Text, QColor(0xf0, 0xf0, 0xf0));
    setForAllGroups(p, QPalette::WindowText, QColor(0xf0, 0xf0, 0xf0));
    setForAllGroups(p, QPalette::ButtonText, QColor(0xf0, 0xf0, 0xf0));
    setForAllGroups(p, QPalette::BrightText, Qt::white);
    setForAllGroups(p, QPalette::Highlight, QColor(0x2f, 0x6f, 0xa8));
    setForAllGroups(p, QPalette::HighlightedText, Qt::white);
    setForAllGroups(p, QPalette::PlaceholderText, QColor(0xb0, 0xb0, 0xb0));
    setForAllGroups(p, QPalette::ToolTipBase, QColor(0x24, 0x24, 0x24));
    setForAllGroups(p, QPalette::ToolTipText, QColor(0xf0, 0xf0, 0xf0));
    setForAllGroups(p, QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    setForAllGroups(p, QPalette::Light, QColor(0x50, 0x50, 0x50));
    setForAllGroups(p, QPalette::Midlight, QColor(0x45, 0x45, 0x45));
    setForAllGroups(p, QPalette::Mid, QColor(0x6a, 0x6a, 0x6a));
    setForAllGroups(p, QPalette::Dark, QColor(0x1e, 0x1e, 0x1e));
    setForAllGroups(p, QPalette::Shadow, QColor(0x10, 0x10, 0x10));
    for (auto role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x8c, 0x8c, 0x8c));
    return p;
}

QPalette highContrast()
{
    QPalette p(Qt::black);
    for (auto role : {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button,
                      QPalette::ToolTipBase, QPalette::Dark, QPalette::Shadow})
        setForAllGroups(p, role, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText,
                      QPalette::BrightText, QPalette::ToolTipText, QPalette::PlaceholderText,
                      QPalette::Light, QPalette::Midlight, QPalette::Mid})
        setForAllGroups(p, role, Qt::white);
    setForAllGroups(p, QPalette::Highlight, QColor(0xff, 0xff, 0x00));
    setForAllGroups(p, QPalette::HighlightedText, Qt::black);
    setForAllGroups(p, QPalette::Link, QColor(0x00, 0xff, 0xff));
    // Disabled stays readable (7:1 on black), told apart by its grey.
    for (auto role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0xa8, 0xa8, 0xa8));
    return p;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF()
        < palette.color(QPalette::WindowText).lightnessF();
}

} // namespace DeskPalette

QPalette DeskAppearance::startPalette()
{
    static const QPalette platform = QApplication::palette();
    return platform;
}

DeskAppearance::DeskAppearance(const QPalette &platform, QObject *parent)
    : QObject(parent)
    , m_platform(platform)
{
}

QPalette DeskAppearance::paletteFor(Appearance choice, std::optional<bool> desktopPrefersDark,
                                    const QPalette &platform)
{
    const bool platformDark = DeskPalette::isDark(platform);
    bool wantDark = platformDark;
    switch (choice) {
    case Appearance::HighContrast:
        return DeskPalette::highContrast();
    case Appearance::Light:
        wantDark = false;
        break;
    case Appearance::Dark:
        wantDark = true;
        break;
    case Appearance::Desktop:
        wantDark = desktopPrefersDark.value_or(platformDark);
        break;
    }
    // The platform's own palette when it already is what is wanted: it
    // carries the desktop's accent colours.
    if (wantDark == platformDark)
        return platform;
    return wantDark ? DeskPalette::dark() : DeskPalette::light();
}

void DeskAppearance::setChoice(Appearance choice)
{
    if (m_applied && choice == m_choice)
        return;
    m_choice = choice;
    apply();
}

void DeskAppearance::setDesktopPrefersDark(std::optional<bool> prefersDark)
{
    if (m_applied && prefersDark == m_desktopPrefersDark)
        return;
    m_desktopPrefersDark = prefersDark;
    apply();
}

QPalette DeskAppearance::palette() const
{
    return paletteFor(m_choice, m_desktopPrefersDark, m_platform);
}

void DeskAppearance::apply()
{
    const QPalette next = palette();
    m_applied = true;
    if (next == QApplication::palette())
        return;
    qCInfo(lcUi) << "colours:" << (DeskPalette::isDark(next) ? "dark" : "light")
                 << "palette for appearance" << int(m_choice);
    QApplication::setPalette(next);
    Q_EMIT applied(next);
}

} // namespace Escalation

#include "clockpalette.h"

namespace Escalation::ClockPalette {

QColor accent(ClockState state)
{
    switch (state) {
    case ClockState::OnTrack:
        return QColor(0x2e, 0x7d, 0x32); // green 800
    case ClockState::Approaching:
        return QColor(0xef, 0x8f, 0x00); // amber 800
    case ClockState::Breached:
        return QColor(0xc6, 0x28, 0x28); // red 800
    case ClockState::Answered:
        return QColor(0x60, 0x7d, 0x8b); // blue grey 500
    }
    return {};
}

QColor onAccent(ClockState state)
{
    return state == ClockState::Approaching ? QColor(0x21, 0x21, 0x21) : QColor(Qt::white);
}

QColor tint(ClockState state, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    QColor c = accent(state);
    // Blend the accent into the base colour: 18 % on light, 35 % on dark.
    const QColor base = palette.color(QPalette::Base);
    const double a = dark ? 0.35 : 0.18;
    return QColor::fromRgbF(float(base.redF() * (1 - a) + c.redF() * a),
                            float(base.greenF() * (1 - a) + c.greenF() * a),
                            float(base.blueF() * (1 - a) + c.blueF() * a));
}

} // namespace Escalation::ClockPalette

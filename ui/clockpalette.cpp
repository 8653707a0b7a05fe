#include "clockpalette.h"

#include <algorithm>
#include <cmath>

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
        return QColor(0x54, 0x6e, 0x7a); // blue grey 600: white on it reads at 5.4:1
    case ClockState::Waiting:
        return QColor(0x45, 0x27, 0xa0); // deep purple 800: not a traffic-light colour
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

namespace {

double relativeLuminance(const QColor &c)
{
    const auto channel = [](float v) {
        return v <= 0.03928f ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = c.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF());
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor foreground(ClockState state, const QPalette &palette, QPalette::ColorRole background)
{
    return withContrast(accent(state), palette.color(background), 4.5);
}

QColor withContrast(const QColor &colour, const QColor &background, double needed)
{
    if (contrastRatio(colour, background) >= needed)
        return colour;
    // Towards white on a dark background, towards black on a light one, in
    // small steps, keeping as much of the hue as the contrast allows.
    const QColor far = relativeLuminance(background) < 0.18 ? QColor(Qt::white) : QColor(Qt::black);
    for (int step = 1; step <= 20; ++step) {
        const QColor c = mix(colour, far, step / 20.0);
        if (contrastRatio(c, background) >= needed)
            return c;
    }
    return far;
}

} // namespace Escalation::ClockPalette

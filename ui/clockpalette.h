#pragma once

// The colours of the clock states, chosen for contrast on light and dark
// palettes (text on the tint stays readable) and not only red/green: each
// state also has its own label and the countdown text says it in words.

#include <reviewclock.h>

#include <QColor>
#include <QPalette>

namespace Escalation::ClockPalette {

// The strong colour of a state (badges, the ladder's current level).
QColor accent(ClockState state);
// A light background tint for the state's cells, readable under base text.
QColor tint(ClockState state, const QPalette &palette);
// Text colour to use on accent().
QColor onAccent(ClockState state);
// The state's colour for text and lines drawn straight on the palette's
// background (role): the accent, made lighter on dark backgrounds and
// darker on light ones until it reads at WCAG AA (4.5:1) — on light, dark
// and high-contrast palettes alike.
QColor foreground(ClockState state, const QPalette &palette,
                  QPalette::ColorRole background = QPalette::Window);
// WCAG 2.1 contrast ratio of two colours, 1 to 21.
double contrastRatio(const QColor &a, const QColor &b);
// colour, moved towards white on a dark background or black on a light one
// in small steps until it reaches the ratio needed against background.
QColor withContrast(const QColor &colour, const QColor &background, double needed);

} // namespace Escalation::ClockPalette

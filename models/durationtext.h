#pragma once

// How durations read in the queue: short, translated, and precise where it
// matters ("42m 10s left" near the target, "3d 4h" for a case's age).

#include "reviewclock.h"

#include <QString>

namespace Escalation::DurationText {

// "2d 3h", "1h 12m", "25m", "40s". Negative values use their magnitude.
QString compact(qint64 seconds);
// The countdown cell: "1h 12m left", "9m 05s left", "overdue 25m", "answered".
QString countdown(ClockState state, qint64 remainingSeconds);
// The same in words, for screen readers: "1 hour 12 minutes left",
// "overdue by 25 minutes".
QString spoken(qint64 seconds);
QString spokenCountdown(ClockState state, qint64 remainingSeconds);

} // namespace Escalation::DurationText

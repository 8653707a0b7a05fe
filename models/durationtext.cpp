#include "durationtext.h"

#include <QCoreApplication>

#include <cstdlib>

namespace Escalation::DurationText {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::DurationText", text);
}
} // namespace

QString compact(qint64 seconds)
{
    const qint64 s = std::llabs(seconds);
    const qint64 days = s / 86400;
    const qint64 hours = (s % 86400) / 3600;
    const qint64 minutes = (s % 3600) / 60;
    if (days > 0)
        return tr("%1d %2h").arg(days).arg(hours);
    if (hours > 0)
        return tr("%1h %2m").arg(hours).arg(minutes);
    if (minutes > 0)
        return tr("%1m").arg(minutes);
    return tr("%1s").arg(s);
}

QString countdown(ClockState state, qint64 remainingSeconds)
{
    if (state == ClockState::Answered)
        return tr("answered");
    // Zero after the target: breached at the close of business, and no
    // business time has passed since (the clock is paused). "overdue 0s"
    // would read like a glitch.
    if (remainingSeconds == 0 && state == ClockState::Breached)
        return tr("overdue");
    if (remainingSeconds <= 0)
        return tr("overdue %1").arg(compact(-remainingSeconds));
    // Under ten minutes the seconds show, so that the clock visibly runs.
    if (remainingSeconds < 600)
        return tr("%1m %2s left")
            .arg(remainingSeconds / 60)
            .arg(remainingSeconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 left").arg(compact(remainingSeconds));
}

} // namespace Escalation::DurationText

#include "durationtext.h"

#include <QCoreApplication>

#include <algorithm>
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
    if (state == ClockState::Waiting)
        return tr("waiting, %1 left").arg(compact(std::max<qint64>(0, remainingSeconds)));
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

QString spoken(qint64 seconds)
{
    // Whole words, as a screen reader should say them (no "minute(s)").
    const auto count = [](int n, const char *one, const char *many) {
        return n == 1 ? tr(one) : tr(many).arg(n);
    };
    const qint64 s = std::llabs(seconds);
    const int days = int(s / 86400);
    const int hours = int((s % 86400) / 3600);
    const int minutes = int((s % 3600) / 60);
    const QString d = count(days, QT_TRANSLATE_NOOP("Escalation::DurationText", "1 day"),
                            QT_TRANSLATE_NOOP("Escalation::DurationText", "%1 days"));
    const QString h = count(hours, QT_TRANSLATE_NOOP("Escalation::DurationText", "1 hour"),
                            QT_TRANSLATE_NOOP("Escalation::DurationText", "%1 hours"));
    const QString m = count(minutes, QT_TRANSLATE_NOOP("Escalation::DurationText", "1 minute"),
                            QT_TRANSLATE_NOOP("Escalation::DurationText", "%1 minutes"));
    if (days > 0)
        return hours > 0 ? tr("%1 %2").arg(d, h) : d;
    if (hours > 0)
        return minutes > 0 ? tr("%1 %2").arg(h, m) : h;
    if (minutes > 0)
        return m;
    return count(int(s), QT_TRANSLATE_NOOP("Escalation::DurationText", "1 second"),
                 QT_TRANSLATE_NOOP("Escalation::DurationText", "%1 seconds"));
}

QString spokenCountdown(ClockState state, qint64 remainingSeconds)
{
    if (state == ClockState::Answered)
        return tr("answered");
    if (state == ClockState::Waiting)
        return tr("waiting on the requester, %1 left")
            .arg(spoken(std::max<qint64>(0, remainingSeconds)));
    if (remainingSeconds == 0 && state == ClockState::Breached)
        return tr("overdue");
    if (remainingSeconds <= 0)
        return tr("overdue by %1").arg(spoken(-remainingSeconds));
    return tr("%1 left").arg(spoken(remainingSeconds));
}

} // namespace Escalation::DurationText

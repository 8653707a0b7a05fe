#include "regionhours.h"

#include <algorithm>

namespace Escalation {

namespace {

constexpr qint64 Week = 7 * 24 * 3600;

// The end of the business period that contains nowSecs: the last instant t
// up to which every second since now is business time.
qint64 closingAfter(const BusinessCalendar &calendar, qint64 nowSecs)
{
    qint64 low = nowSecs; // business time all the way to here
    qint64 high = nowSecs + Week; // not all the way to here (unless always open)
    if (calendar.businessSecondsBetween(nowSecs, high) == high - nowSecs)
        return NoInstant;
    while (high - low > 30) {
        const qint64 middle = low + (high - low) / 2;
        if (calendar.businessSecondsBetween(nowSecs, middle) == middle - nowSecs)
            low = middle;
        else
            high = middle;
    }
    return low - low % 60 + (low % 60 >= 30 ? 60 : 0); // to the minute, as schedules are
}

QString duration(qint64 seconds)
{
    const qint64 minutes = (seconds + 59) / 60;
    if (minutes < 60)
        return RegionHours::tr("%1 min").arg(minutes);
    if (minutes % 60 == 0 || minutes >= 24 * 60)
        return RegionHours::tr("%1 h").arg((minutes + 30) / 60);
    return RegionHours::tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

} // namespace

RegionStatus RegionHours::status(const BusinessCalendar &calendar, qint64 nowSecs)
{
    RegionStatus s;
    s.calendarId = calendar.id();
    s.name = calendar.name().isEmpty() ? calendar.id() : calendar.name();
    s.open = calendar.isBusinessTime(nowSecs);
    if (s.open) {
        s.changesAt = closingAfter(calendar, nowSecs);
    } else {
        const qint64 opening = calendar.nextOpening(nowSecs);
        s.changesAt = opening != NoInstant && opening - nowSecs <= Week ? opening : NoInstant;
    }
    return s;
}

QList<RegionStatus> RegionHours::statuses(const QList<BusinessCalendar> &calendars, qint64 nowSecs)
{
    QList<RegionStatus> list;
    for (const BusinessCalendar &c : calendars)
        list.append(status(c, nowSecs));
    std::stable_sort(list.begin(), list.end(), [](const RegionStatus &a, const RegionStatus &b) {
        if (a.open != b.open)
            return a.open;
        return a.changesAt < b.changesAt;
    });
    return list;
}

QString RegionHours::describe(const RegionStatus &s, qint64 nowSecs)
{
    if (s.open)
        return s.changesAt == NoInstant
            ? tr("%1 open").arg(s.name)
            : tr("%1 open, closes in %2").arg(s.name, duration(s.changesAt - nowSecs));
    return s.changesAt == NoInstant
        ? tr("%1 closed").arg(s.name)
        : tr("%1 closed, opens in %2").arg(s.name, duration(s.changesAt - nowSecs));
}

} // namespace Escalation

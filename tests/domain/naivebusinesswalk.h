#pragma once

// The reference for business-time arithmetic: walk real time one minute at a
// time and ask, for each minute, whether its local wall-clock time is inside
// a working interval of its local weekday on a non-holiday. It shares no code
// with BusinessCalendar's week tables; it only reads the calendar's
// definition (zone, weekly intervals, holidays). Slow by design.
//
// Starts must be on whole minutes (all real zone offsets since 1970 are
// whole minutes, so a minute is entirely inside or outside business time).

#include "businesscalendar.h"

#include <QDateTime>
#include <QHash>
#include <QTimeZone>

#include <limits>

namespace EscalationTest {

class NaiveBusinessWalk {
public:
    explicit NaiveBusinessWalk(const Escalation::BusinessCalendar &calendar)
        : m_zone(calendar.timeZone())
        , m_week(calendar.week())
    {
        for (const auto &h : calendar.holidays()) {
            if (h.isYearly())
                m_yearly.insert(h.month * 100 + h.day, true);
            else
                m_oneOff.insert(QDate(h.year, h.month, h.day).toJulianDay(), true);
        }
    }

    bool isBusinessMinute(qint64 t)
    {
        const qint64 local = t + offsetAt(t);
        const qint64 day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
        if (day != m_cachedDay) {
            m_cachedDay = day;
            const QDate date = QDate(1970, 1, 1).addDays(day);
            m_cachedHoliday = m_oneOff.contains(date.toJulianDay())
                || m_yearly.contains(date.month() * 100 + date.day());
            m_cachedWeekday = date.dayOfWeek() - 1;
        }
        if (m_cachedHoliday)
            return false;
        const int minuteOfDay = int((local - day * 86400) / 60);
        for (const auto &interval : m_week[std::size_t(m_cachedWeekday)]) {
            if (minuteOfDay >= interval.startMinute && minuteOfDay < interval.endMinute)
                return true;
        }
        return false;
    }

    // The instant at which the minutes-th business minute after start has
    // elapsed; for zero, the first business minute at or after start.
    qint64 addBusinessMinutes(qint64 start, qint64 minutes,
                              qint64 giveUpAfterMinutes = 20LL * 366 * 1440)
    {
        qint64 t = start;
        for (qint64 walked = 0; walked < giveUpAfterMinutes; ++walked, t += 60) {
            if (!isBusinessMinute(t))
                continue;
            if (minutes == 0)
                return t;
            if (--minutes == 0)
                return t + 60;
        }
        return std::numeric_limits<qint64>::max();
    }

    qint64 businessMinutesBetween(qint64 a, qint64 b)
    {
        if (b < a)
            return -businessMinutesBetween(b, a);
        qint64 count = 0;
        for (qint64 t = a; t < b; t += 60)
            count += isBusinessMinute(t) ? 1 : 0;
        return count;
    }

private:
    // The zone's offset at t, cached until the zone's next transition.
    int offsetAt(qint64 t)
    {
        if (t < m_offsetFrom || t >= m_offsetUntil) {
            const QDateTime at = QDateTime::fromSecsSinceEpoch(t, Qt::UTC);
            m_offset = m_zone.offsetFromUtc(at);
            const auto previous = m_zone.previousTransition(at.addSecs(1));
            const auto next = m_zone.nextTransition(at);
            m_offsetFrom = previous.atUtc.isValid() ? previous.atUtc.toSecsSinceEpoch()
                                                    : std::numeric_limits<qint64>::min();
            m_offsetUntil = next.atUtc.isValid() ? next.atUtc.toSecsSinceEpoch()
                                                 : std::numeric_limits<qint64>::max();
        }
        return m_offset;
    }

    QTimeZone m_zone;
    Escalation::WeeklySchedule m_week;
    QHash<int, bool> m_yearly;
    QHash<qint64, bool> m_oneOff;
    qint64 m_cachedDay = std::numeric_limits<qint64>::min();
    bool m_cachedHoliday = false;
    int m_cachedWeekday = 0;
    int m_offset = 0;
    qint64 m_offsetFrom = 1;
    qint64 m_offsetUntil = 0;
};

} // namespace EscalationTest

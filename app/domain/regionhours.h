#pragma once

// Follow-the-sun at a glance: for each business calendar (a region's
// team), whether it is in business hours now and when that changes — "EMEA
// open, closes in 40 min", "APAC closed, opens in 5 h 20 min". Holidays,
// split days and DST count as the calendar counts them.

#include "businesscalendar.h"

#include <QCoreApplication>
#include <QList>

namespace Escalation {

struct RegionStatus {
    QString calendarId;
    QString name;
    bool open = false;
    // When it closes (open) or opens (closed); NoInstant: not within a week.
    qint64 changesAt = NoInstant;
};

class RegionHours final {
    Q_DECLARE_TR_FUNCTIONS(RegionHours)
public:
    static RegionStatus status(const BusinessCalendar &calendar, qint64 nowSecs);
    // Open regions first (closing soonest first), then the next to open.
    static QList<RegionStatus> statuses(const QList<BusinessCalendar> &calendars, qint64 nowSecs);
    // "EMEA open, closes in 40 min" (translated).
    static QString describe(const RegionStatus &status, qint64 nowSecs);
};

} // namespace Escalation

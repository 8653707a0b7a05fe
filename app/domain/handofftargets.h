#pragma once

// Follow-the-sun: the teams a request can be handed to, best first. A
// request nearing its deadline at the end of its region's day is worth
// handing to the team with the most business time in the next four hours
// (the review target): a region open all of them beats one closing in 30
// minutes, and one opening in an hour beats both. Ties go to the region
// open longest, then to the one opening soonest; among teams of one
// region, one sharing the request's product area ("EMEA Platform" →
// "APAC Platform") comes first.

#include "calendarregistry.h"
#include "regionhours.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Escalation {

struct HandOffTarget {
    QString team;
    RegionStatus region; // of the team's calendar, now
    qint64 businessSecondsAhead = 0; // in the next four hours
};

class HandOffTargets final {
public:
    static constexpr qint64 LookAheadSeconds = 4 * 3600;

    // teamCalendars: every team with the calendar its requests run on.
    // fromTeam itself is never a target.
    static QList<HandOffTarget> rank(const QString &fromTeam,
                                     const QHash<QString, QString> &teamCalendars,
                                     const CalendarRegistry &calendars, qint64 nowSecs);
};

} // namespace Escalation

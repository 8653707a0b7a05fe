#pragma once

// The 4-business-hour review clock of an escalation request. The instants
// that matter (approaching, due) are computed once per request on its
// calendar; after that, the state at any instant is two integer comparisons,
// so one timer can tick 100 000 requests and wake exactly at the next change.
//
// States: on track -> approaching (from the instant at which exactly the
// threshold of business time is left) -> breached (from the due instant, when
// the last business minute of the target has elapsed) -> answered (from the
// decision on; the clock stops). While the request waits on its requester
// the clock stands still (waiting): business time of a wait is not counted
// (clockpauses.h), so a wait moves the approaching and due instants later.
// A request that breached before it began waiting stays breached.

#include "businesscalendar.h"
#include "calendarregistry.h"
#include "clockpauses.h"
#include "escalation.h"
#include "policyconfig.h"

#include <QCoreApplication>

namespace Escalation {

enum class ClockState : quint8 { OnTrack, Approaching, Breached, Answered, Waiting };
// "on_track" | "approaching" | "breached" | "answered" | "waiting"
QString toCode(ClockState v);
QString displayName(ClockState v); // translated

// A request's clock, in epoch seconds (UTC). NoInstant means "never".
struct ReviewTimes {
    qint64 requestedAt = 0;
    qint64 approachingAt = NoInstant;
    qint64 dueAt = NoInstant;
    qint64 answeredAt = NoInstant;
    // Waiting on the requester since then (an open wait); NoInstant: not.
    qint64 waitingSince = NoInstant;
    qint64 remainingWhenWaiting = 0; // business seconds left when the wait began
    bool calendarFallback = false; // the request named an unknown calendar

    ClockState stateAt(qint64 now) const noexcept
    {
        if (now >= answeredAt)
            return ClockState::Answered;
        if (now >= dueAt)
            return ClockState::Breached;
        if (now >= waitingSince)
            return ClockState::Waiting;
        if (now >= approachingAt)
            return ClockState::Approaching;
        return ClockState::OnTrack;
    }

    // The first instant after now at which stateAt() changes; NoInstant if never.
    qint64 nextStateChangeAt(qint64 now) const noexcept
    {
        if (now >= answeredAt)
            return NoInstant;
        qint64 next = answeredAt;
        if (dueAt > now && dueAt < next)
            next = dueAt;
        if (waitingSince > now && waitingSince < next)
            next = waitingSince;
        if (approachingAt > now && approachingAt < next)
            next = approachingAt;
        return next;
    }

    bool answeredInTime() const { return answeredAt != NoInstant && answeredAt < dueAt; }
};

class ReviewClock final {
    Q_DECLARE_TR_FUNCTIONS(ReviewClock)
public:
    explicit ReviewClock(const ReviewTarget &target = ReviewTarget());
    const ReviewTarget &target() const { return m_target; }

    // pauses: the request's waits on its requester (pausesOf()).
    ReviewTimes times(const BusinessCalendar &calendar, qint64 requestedAt,
                      qint64 answeredAt = NoInstant, const ClockPauses &pauses = {}) const;
    // On the request's calendar (the default one, flagged, if it is unknown),
    // with its waits.
    ReviewTimes times(const EscalationRequest &request, const CalendarRegistry &calendars) const;

    // Business seconds left until due at now; negative (the overdue amount in
    // business time) once breached. Frozen at the answer once answered, and
    // at the start of a wait while waiting.
    static qint64 remainingBusinessSeconds(const BusinessCalendar &calendar,
                                           const ReviewTimes &times, qint64 now);

    // When the request's clock stopped: its decision, or, for a request that
    // left the queue without one (re-escalated, closed), its last update.
    static qint64 answeredAtOf(const EscalationRequest &request);

private:
    ReviewTarget m_target;
};

} // namespace Escalation

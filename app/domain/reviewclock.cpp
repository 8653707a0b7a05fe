#include "reviewclock.h"

using namespace Qt::StringLiterals;

namespace Escalation {

QString toCode(ClockState v)
{
    switch (v) {
    case ClockState::OnTrack:
        return u"on_track"_s;
    case ClockState::Approaching:
        return u"approaching"_s;
    case ClockState::Breached:
        return u"breached"_s;
    case ClockState::Answered:
        return u"answered"_s;
    case ClockState::Waiting:
        return u"waiting"_s;
    }
    return {};
}

QString displayName(ClockState v)
{
    switch (v) {
    case ClockState::OnTrack:
        return ReviewClock::tr("On track");
    case ClockState::Approaching:
        return ReviewClock::tr("Approaching");
    case ClockState::Breached:
        return ReviewClock::tr("Breached");
    case ClockState::Answered:
        return ReviewClock::tr("Answered");
    case ClockState::Waiting:
        return ReviewClock::tr("Waiting"); // on the requester; short for the queue's column
    }
    return {};
}

ReviewClock::ReviewClock(const ReviewTarget &target)
    : m_target(target)
{
}

ReviewTimes ReviewClock::times(const BusinessCalendar &calendar, qint64 requestedAt,
                               qint64 answeredAt, const ClockPauses &pauses) const
{
    const int target = m_target.targetBusinessMinutes;
    const int threshold = m_target.approachingThresholdMinutes();
    ReviewTimes t;
    t.requestedAt = requestedAt;
    t.answeredAt = answeredAt;
    if (pauses.isEmpty()) { // the common case, on the calendar's fast path
        t.dueAt = calendar.addBusinessMinutes(requestedAt, target);
        // The instant at which exactly `threshold` business minutes are left.
        // With a zero threshold it is the due instant itself (no warning phase).
        t.approachingAt =
            threshold == 0 ? t.dueAt : calendar.addBusinessMinutes(requestedAt, target - threshold);
        return t;
    }
    t.dueAt = addCountedSeconds(calendar, requestedAt, qint64(target) * 60, pauses);
    t.approachingAt = threshold == 0
        ? t.dueAt
        : addCountedSeconds(calendar, requestedAt, qint64(target - threshold) * 60, pauses);
    const ClockPause &last = pauses.constLast();
    if (last.until == NoInstant) {
        t.waitingSince = last.from;
        t.remainingWhenWaiting =
            qint64(target) * 60 - countedSecondsBetween(calendar, requestedAt, last.from, pauses);
    }
    return t;
}

ReviewTimes ReviewClock::times(const EscalationRequest &request,
                               const CalendarRegistry &calendars) const
{
    const auto lookup = calendars.find(request.calendarId);
    const qint64 answeredAt = answeredAtOf(request);
    ReviewTimes t = times(lookup.calendar, request.requestedAt.toSecsSinceEpoch(), answeredAt,
                          pausesOf(request, answeredAt));
    t.calendarFallback = lookup.isFallback;
    return t;
}

qint64 ReviewClock::remainingBusinessSeconds(const BusinessCalendar &calendar,
                                             const ReviewTimes &times, qint64 now)
{
    const qint64 stopped = std::min(now, times.answeredAt);
    if (stopped >= times.waitingSince && times.dueAt == NoInstant)
        return times.remainingWhenWaiting; // the clock stands still
    if (times.dueAt == NoInstant)
        return NoInstant;
    return calendar.businessSecondsBetween(stopped, times.dueAt);
}

qint64 ReviewClock::answeredAtOf(const EscalationRequest &request)
{
    if (request.decision && request.decision->at.isValid())
        return request.decision->at.toSecsSinceEpoch();
    if (request.isOpen())
        return NoInstant;
    return (request.updatedAt.isValid() ? request.updatedAt : request.requestedAt)
        .toSecsSinceEpoch();
}

} // namespace Escalation

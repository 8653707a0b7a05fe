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
    }
    return {};
}

ReviewClock::ReviewClock(const ReviewTarget &target)
    : m_target(target)
{
}

ReviewTimes ReviewClock::times(const BusinessCalendar &calendar, qint64 requestedAt,
                               qint64 answeredAt) const
{
    const int target = m_target.targetBusinessMinutes;
    const int threshold = m_target.approachingThresholdMinutes();
    ReviewTimes t;
    t.requestedAt = requestedAt;
    t.answeredAt = answeredAt;
    t.dueAt = calendar.addBusinessMinutes(requestedAt, target);
    // The instant at which exactly `threshold` business minutes are left.
    // With a zero threshold it is the due instant itself (no warning phase).
    t.approachingAt =
        threshold == 0 ? t.dueAt : calendar.addBusinessMinutes(requestedAt, target - threshold);
    return t;
}

ReviewTimes ReviewClock::times(const EscalationRequest &request,
                               const CalendarRegistry &calendars) const
{
    const auto lookup = calendars.find(request.calendarId);
    ReviewTimes t =
        times(lookup.calendar, request.requestedAt.toSecsSinceEpoch(), answeredAtOf(request));
    t.calendarFallback = lookup.isFallback;
    return t;
}

qint64 ReviewClock::remainingBusinessSeconds(const BusinessCalendar &calendar,
                                             const ReviewTimes &times, qint64 now)
{
    if (times.dueAt == NoInstant)
        return NoInstant;
    return calendar.businessSecondsBetween(std::min(now, times.answeredAt), times.dueAt);
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

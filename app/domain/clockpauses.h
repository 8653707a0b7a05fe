#pragma once

// Stretches a review clock does not count: while a request waits on its
// requester (DESIGN.md's 4-business-hour target is the support team's
// time, not the customer's). Business time inside a pause is skipped; an
// open pause stops the clock until it ends.

#include "businesscalendar.h"
#include "escalation.h"

#include <QList>

namespace Escalation {

struct ClockPause {
    qint64 from = 0;
    qint64 until = NoInstant; // NoInstant: still paused
    friend bool operator==(const ClockPause &, const ClockPause &) = default;
};
using ClockPauses = QList<ClockPause>; // in order, not overlapping

// The request's waits as pauses, clipped to [requestedAt, stoppedAt): a
// wait still open when the clock stopped (a decision) ends there.
ClockPauses pausesOf(const EscalationRequest &request, qint64 stoppedAt = NoInstant);

// Business seconds in [a, b) outside the pauses; 0 when b <= a.
qint64 countedSecondsBetween(const BusinessCalendar &calendar, qint64 a, qint64 b,
                             const ClockPauses &pauses);
// The instant at which `seconds` of counted business time have passed
// since start; NoInstant when an open pause stops the clock first.
qint64 addCountedSeconds(const BusinessCalendar &calendar, qint64 start, qint64 seconds,
                         const ClockPauses &pauses);
// The business seconds each pause kept from the clock (up to now for an
// open one), in the pauses' order.
QList<qint64> pausedBusinessSeconds(const BusinessCalendar &calendar, const ClockPauses &pauses,
                                    qint64 now);

// What the review deadline of a request that waited was made of: the
// business intervals counted (the waits cut out of them), each wait with
// the business time it kept from the clock, and the deadline (none while
// still waiting). now: where an open wait's time is counted to.
DeadlineExplanation explainWithPauses(const BusinessCalendar &calendar, qint64 start,
                                      qint64 minutes, const ClockPauses &pauses, qint64 now);

} // namespace Escalation

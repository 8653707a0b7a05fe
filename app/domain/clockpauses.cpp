#include "clockpauses.h"

#include <algorithm>

namespace Escalation {

ClockPauses pausesOf(const EscalationRequest &request, qint64 stoppedAt)
{
    ClockPauses pauses;
    const qint64 start = request.requestedAt.isValid() ? request.requestedAt.toSecsSinceEpoch() : 0;
    for (const WaitingPeriod &w : request.waits) {
        if (!w.from.isValid())
            continue;
        ClockPause p;
        p.from = std::max(start, w.from.toSecsSinceEpoch());
        p.until = w.isOpen() ? NoInstant : w.until.toSecsSinceEpoch();
        p.until = std::min(p.until, stoppedAt);
        if (!pauses.isEmpty())
            p.from = std::max(p.from, pauses.constLast().until); // never overlapping
        if (p.from >= stoppedAt || (p.until != NoInstant && p.until <= p.from))
            continue;
        pauses.append(p);
        if (p.until == NoInstant)
            break; // nothing counts after an open pause
    }
    return pauses;
}

qint64 countedSecondsBetween(const BusinessCalendar &calendar, qint64 a, qint64 b,
                             const ClockPauses &pauses)
{
    if (b <= a)
        return 0;
    qint64 counted = calendar.businessSecondsBetween(a, b);
    for (const ClockPause &p : pauses) {
        const qint64 from = std::max(a, p.from);
        const qint64 until = std::min(b, p.until);
        if (from < until)
            counted -= calendar.businessSecondsBetween(from, until);
    }
    return counted;
}

qint64 addCountedSeconds(const BusinessCalendar &calendar, qint64 start, qint64 seconds,
                         const ClockPauses &pauses)
{
    if (seconds < 0 || start == NoInstant)
        return NoInstant;
    qint64 cursor = start;
    qint64 left = seconds;
    for (const ClockPause &p : pauses) {
        if (p.until != NoInstant && p.until <= cursor)
            continue;
        const qint64 before = calendar.businessSecondsBetween(cursor, std::max(cursor, p.from));
        // Reached before the pause: the pause does not move it. (At exactly
        // zero left the instant is the next opening, which may be inside
        // the pause: then it waits for the pause to end.)
        if (before > left || (before == left && left > 0))
            return calendar.addBusinessSeconds(cursor, left);
        left -= before;
        if (p.until == NoInstant)
            return NoInstant;
        cursor = std::max(cursor, p.until);
    }
    return calendar.addBusinessSeconds(cursor, left);
}

QList<qint64> pausedBusinessSeconds(const BusinessCalendar &calendar, const ClockPauses &pauses,
                                    qint64 now)
{
    QList<qint64> seconds;
    for (const ClockPause &p : pauses)
        seconds.append(std::max<qint64>(
            0, calendar.businessSecondsBetween(p.from, std::min(p.until, std::max(now, p.from)))));
    return seconds;
}

DeadlineExplanation explainWithPauses(const BusinessCalendar &calendar, qint64 start,
                                      qint64 minutes, const ClockPauses &pauses, qint64 now)
{
    if (pauses.isEmpty())
        return calendar.explain(start, minutes);
    const qint64 deadline = addCountedSeconds(calendar, start, minutes * 60, pauses);
    const bool waiting = pauses.constLast().until == NoInstant;
    const qint64 end = deadline != NoInstant ? deadline : pauses.constLast().from;
    DeadlineExplanation e = calendar.explainBetween(start, end);
    e.minutes = minutes;
    e.deadline = deadline;

    // Cut the pauses out of the counted intervals.
    QList<DeadlineExplanation::CountedInterval> counted;
    qint64 total = 0;
    for (const auto &interval : std::as_const(e.intervals)) {
        qint64 from = interval.utcStart;
        for (const ClockPause &p : pauses) {
            if (p.until <= from || p.from >= interval.utcEnd)
                continue;
            if (p.from > from) {
                total += p.from - from;
                counted.append({from, p.from, total});
            }
            from = std::min(interval.utcEnd, std::max(from, p.until));
        }
        if (from < interval.utcEnd) {
            total += interval.utcEnd - from;
            counted.append({from, interval.utcEnd, total});
        }
    }
    e.intervals = counted;
    const QList<qint64> kept = pausedBusinessSeconds(calendar, pauses, now);
    for (qsizetype i = 0; i < pauses.size(); ++i)
        if (deadline == NoInstant || pauses[i].from < deadline)
            e.pauses.append({pauses[i].from, pauses[i].until, kept[i]});
    if (waiting && deadline == NoInstant)
        e.secondsLeftWhenWaiting = minutes * 60 - total;
    return e;
}

} // namespace Escalation

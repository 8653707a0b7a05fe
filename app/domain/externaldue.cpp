#include "externaldue.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

QString describeInstant(qint64 secs, const QTimeZone &zone)
{
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    const QDateTime local = utc.toTimeZone(zone);
    return u"%1 (%2 %3)"_s.arg(utc.toString(Qt::ISODate), local.toString(u"ddd yyyy-MM-dd HH:mm"_s),
                               QString::fromUtf8(zone.id()));
}

QString describeDuration(qint64 seconds)
{
    const qint64 minutes = (std::abs(seconds) + 59) / 60;
    if (minutes < 60)
        return ExternalDue::tr("%n minute(s)", nullptr, int(minutes));
    const qint64 hours = minutes / 60;
    if (minutes % 60 == 0)
        return ExternalDue::tr("%n hour(s)", nullptr, int(hours));
    return ExternalDue::tr("%1 h %2 min").arg(hours).arg(minutes % 60);
}

} // namespace

QString ExternalDue::verdictCode(DueComparison::Verdict v)
{
    switch (v) {
    case DueComparison::Verdict::NoExternalDue:
        return u"none"_s;
    case DueComparison::Verdict::Agree:
        return u"agree"_s;
    case DueComparison::Verdict::ExternalEarlier:
        return u"external_earlier"_s;
    case DueComparison::Verdict::ExternalLater:
        return u"external_later"_s;
    }
    return u"none"_s;
}

DueComparison ExternalDue::compare(const EscalationRequest &request,
                                   const BusinessCalendar &calendar, qint64 appDueAt,
                                   qint64 targetMinutes, qint64 toleranceSeconds)
{
    DueComparison c;
    c.appDueAt = appDueAt;
    if (!request.externalDueAt.isValid() || !request.requestedAt.isValid() || appDueAt == NoInstant)
        return c;
    const qint64 requested = request.requestedAt.toSecsSinceEpoch();
    c.externalDueAt = request.externalDueAt.toSecsSinceEpoch();
    c.differenceSeconds = c.externalDueAt - appDueAt;
    c.appBusinessMinutes = targetMinutes;
    c.externalBusinessMinutes = calendar.businessMinutesBetween(requested, c.externalDueAt);
    // Different instants with no business time between them are the same
    // deadline: the app says Friday at closing time, the backend says Monday
    // at opening time.
    const qint64 businessGap = calendar.businessSecondsBetween(std::min(appDueAt, c.externalDueAt),
                                                               std::max(appDueAt, c.externalDueAt));
    if (std::abs(c.differenceSeconds) <= toleranceSeconds || businessGap <= toleranceSeconds) {
        c.verdict = DueComparison::Verdict::Agree;
        return c;
    }
    c.verdict = c.differenceSeconds < 0 ? DueComparison::Verdict::ExternalEarlier
                                        : DueComparison::Verdict::ExternalLater;

    const QTimeZone zone = calendar.timeZone();
    const QDate from = QDateTime::fromSecsSinceEpoch(requested, Qt::UTC).toTimeZone(zone).date();
    const QDate to =
        QDateTime::fromSecsSinceEpoch(std::max(appDueAt, c.externalDueAt), QTimeZone::utc())
            .toTimeZone(zone)
            .date();
    for (QDate d = from; d.isValid() && d <= to; d = d.addDays(1)) {
        if (calendar.isHoliday(d) && !calendar.week().at(d.dayOfWeek() - 1).isEmpty())
            c.holidaysBetween.append(d);
    }

    QStringList lines;
    lines << tr("The app's review deadline is %1: %2 business minutes after the request at %3, "
                "on the calendar \"%4\".")
                 .arg(describeInstant(appDueAt, zone))
                 .arg(targetMinutes)
                 .arg(describeInstant(requested, zone), calendar.name());
    lines << tr("The ticketing system's own due time (its SLA) is %1.")
                 .arg(describeInstant(c.externalDueAt, zone));
    if (c.verdict == DueComparison::Verdict::ExternalEarlier)
        lines << tr("The ticketing system expects the answer %1 earlier; on the app's calendar its "
                    "due time "
                    "is %2 business minutes after the request.")
                     .arg(describeDuration(c.differenceSeconds))
                     .arg(c.externalBusinessMinutes);
    else
        lines << tr("The ticketing system gives %1 more; on the app's calendar its due time is %2 "
                    "business "
                    "minutes after the request.")
                     .arg(describeDuration(c.differenceSeconds))
                     .arg(c.externalBusinessMinutes);
    if (!c.holidaysBetween.isEmpty()) {
        QStringList dates;
        for (const QDate &d : std::as_const(c.holidaysBetween))
            dates << d.toString(Qt::ISODate);
        lines << tr("The app's calendar skips these holidays in between, which the ticketing "
                    "system's "
                    "business hours may not know: %1.")
                     .arg(dates.join(u", "_s));
    }
    lines << tr(
        "Both clocks run on business hours; they differ because the ticketing system's business "
        "hours, holidays, time zone or target are not the app's. The app's deadline drives the "
        "review clock; align the SLA of the escalations queue with the calendar to make them "
        "agree.");
    c.explanation = lines.join(u'\n');
    return c;
}

} // namespace Escalation

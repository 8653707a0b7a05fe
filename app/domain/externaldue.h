#pragma once

// A backend with its own SLA (Request Tracker's business-hours Due on the
// escalations queue) computes a due time for the review that the app computes
// too, on its own business calendar. When the two disagree, a manager needs
// to know which one they are looking at and why they differ: different
// business hours, holidays, time zone, or a target that is not 4 hours.
// compareExternalDue() puts both side by side and explains the difference.

#include "businesscalendar.h"
#include "escalation.h"

#include <QCoreApplication>
#include <QString>

namespace Escalation {

struct DueComparison {
    enum class Verdict : quint8 {
        NoExternalDue, // the backend has no due time for this request
        Agree, // within the tolerance
        ExternalEarlier, // the backend expects the answer sooner than the app
        ExternalLater, // the backend gives more time than the app
    };
    Verdict verdict = Verdict::NoExternalDue;
    qint64 appDueAt = NoInstant; // epoch seconds
    qint64 externalDueAt = NoInstant; // epoch seconds
    qint64 differenceSeconds = 0; // externalDueAt - appDueAt, real time
    // Business minutes from the request to each due time, on the app's
    // calendar: the app's is the target; the external one shows how much
    // business time the backend allows as the app counts it.
    qint64 appBusinessMinutes = 0;
    qint64 externalBusinessMinutes = 0;
    QList<QDate> holidaysBetween; // app-calendar holidays between request and the later due time
    QString explanation; // translated, several lines; empty when they agree

    bool disagrees() const
    {
        return verdict == Verdict::ExternalEarlier || verdict == Verdict::ExternalLater;
    }
};

class ExternalDue final {
    Q_DECLARE_TR_FUNCTIONS(ExternalDue)
public:
    // appDueAt: the app's review deadline for request (ReviewTimes::dueAt),
    // computed on calendar with targetMinutes. A difference up to tolerance
    // seconds counts as agreement (the backend may round to the minute), and
    // so do two instants with at most that much business time between them
    // (closing time on Friday and opening time on Monday).
    static DueComparison compare(const EscalationRequest &request, const BusinessCalendar &calendar,
                                 qint64 appDueAt, qint64 targetMinutes,
                                 qint64 toleranceSeconds = 60);

    static QString verdictCode(
        DueComparison::Verdict v); // "none" | "agree" | "external_earlier" | "external_later"
};

} // namespace Escalation

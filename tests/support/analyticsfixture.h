#pragma once

// Ten requests with known histories over two ISO weeks (30 March and
// 6 April 2026) on a calendar of whole days: UTC, Monday to Friday
// 09:00–17:00, Easter Monday (6 April) a holiday. Every figure the
// analytics give for them is worked out by hand in tst_escalationanalytics
// and tst_clireport, from the comments here.

#include <businesscalendar.h>
#include <calendarregistry.h>
#include <escalation.h>

#include <QDateTime>
#include <QHash>
#include <QList>

namespace AnalyticsFixture {

using namespace Escalation;

inline QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

// As JSON for a calendars folder (the CLI reads it from there).
inline QByteArray calendarJson()
{
    return R"json({
  "id": "test",
  "name": "Test (UTC, 9 to 5)",
  "timeZone": "UTC",
  "week": {
    "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"],
    "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"], "saturday": [], "sunday": []
  },
  "holidays": ["2026-04-06"]
})json";
}

inline CalendarRegistry calendars()
{
    CalendarRegistry registry = CalendarRegistry::withBuiltIns();
    QStringList errors;
    registry.insert(*BusinessCalendar::fromJson(calendarJson(), QStringLiteral("test"), &errors));
    return registry;
}

inline QDate from()
{
    return QDate(2026, 3, 30);
}
inline QDate to()
{
    return QDate(2026, 4, 12);
}
// What "overdue" is measured against: Wednesday 8 April, 15:00.
inline QDateTime asOf()
{
    return at("2026-04-08T15:00:00Z");
}

inline QHash<QString, Case> cases()
{
    const auto make = [](const char *id, const char *number, const char *account, Severity s,
                         SupportTier t, const char *created) {
        Case c;
        c.id = QString::fromLatin1(id);
        c.number = QString::fromLatin1(number);
        c.subject = QStringLiteral("Case ") + c.number;
        c.account = QString::fromLatin1(account);
        c.severity = s;
        c.tier = t;
        c.createdAt = at(created);
        c.status = QStringLiteral("open");
        return c;
    };
    QHash<QString, Case> cases;
    for (const Case &c : {make("C1", "00000001", "Contoso", Severity::S2, SupportTier::Premium,
                               "2026-03-20T09:00:00Z"),
                          make("C2", "00000002", "Fabrikam, Inc.", Severity::S3,
                               SupportTier::Standard, "2026-03-20T09:00:00Z"),
                          make("C3", "00000003", "Contoso", Severity::S2, SupportTier::Premium,
                               "2026-03-20T09:00:00Z"),
                          // S3 standard may be escalated after 16 h; R4 comes after one.
                          make("C4", "00000004", "Tailspin", Severity::S3, SupportTier::Standard,
                               "2026-04-02T16:00:00Z"),
                          make("C5", "00000005", "Northwind", Severity::S1, SupportTier::Premium,
                               "2026-04-03T08:00:00Z")})
        cases.insert(c.id, c);
    return cases;
}

inline QList<EscalationRequest> requests()
{
    int version = 0;
    const auto make = [&version](const char *id, const char *caseId, int level, Reason reason,
                                 const char *raised, const char *team) {
        EscalationRequest r;
        r.id = QString::fromLatin1(id);
        r.caseId = QString::fromLatin1(caseId);
        r.level = level;
        r.reason = reason;
        r.summary = QStringLiteral("Escalation ") + r.id;
        r.requestedBy = QStringLiteral("requester@example.com");
        r.requestedAt = at(raised);
        r.team = QString::fromLatin1(team);
        r.calendarId = QStringLiteral("test");
        r.updatedAt = r.requestedAt;
        r.version = ++version;
        return r;
    };
    const auto decide = [](EscalationRequest &r, DecisionKind kind, const char *by,
                           const char *when) {
        r.decision = Decision {kind, QStringLiteral("Decided."), QString::fromLatin1(by), at(when)};
        r.state = kind == DecisionKind::Accept ? RequestState::Accepted : RequestState::Declined;
        r.updatedAt = r.decision->at;
    };
    // Week of 30 March.
    // R1: 90 business minutes to accept: on time. Level 1 for 2 400 min until
    // R6 (Mon 7 h, Tue–Fri 4 × 8 h, the weekend and Easter Monday none, Tue 1 h).
    EscalationRequest r1 =
        make("R1", "C1", 1, Reason::ImpairedFunction, "2026-03-30T10:00:00Z", "EMEA");
    decide(r1, DecisionKind::Accept, "Ana", "2026-03-30T11:30:00Z");
    r1.state = RequestState::Superseded;
    // R2: declined exactly at the due instant (Tue 2 h + Wed 2 h = 240 min):
    // the last business minute has passed, so late. Re-escalated (R3)
    // 23 h after the decline; 660 min at level 1 (Tue 2 h, Wed 8 h, Thu 1 h).
    EscalationRequest r2 =
        make("R2", "C2", 1, Reason::LackOfUpdates, "2026-03-31T15:00:00Z", "EMEA");
    decide(r2, DecisionKind::Decline, "Ben", "2026-04-01T11:00:00Z");
    // R3: 360 min to accept: late. 1 680 min at level 2 until R9 (Thu 7 h,
    // Fri 8 h, Easter Monday none, Tue 8 h, Wed 5 h).
    EscalationRequest r3 =
        make("R3", "C2", 2, Reason::LackOfUpdates, "2026-04-02T10:00:00Z", "EMEA");
    r3.previousRequestId = QStringLiteral("R2");
    decide(r3, DecisionKind::Accept, "Ana", "2026-04-02T16:00:00Z");
    r3.state = RequestState::Superseded;
    // R4: raised 1 h after its S3 standard case opened: too early. Declined
    // after 30 business minutes (raised at closing time). Re-escalated
    // 10 days later (R10, after the period): not within 7 days.
    EscalationRequest r4 =
        make("R4", "C4", 1, Reason::TimeConstraint, "2026-04-02T17:00:00Z", "APAC");
    decide(r4, DecisionKind::Decline, "Ben", "2026-04-03T09:30:00Z");
    // R5: an S1 outage, declined after 10 minutes.
    EscalationRequest r5 = make("R5", "C5", 1, Reason::Other, "2026-04-03T12:00:00Z", "APAC");
    decide(r5, DecisionKind::Decline, "Ben", "2026-04-03T12:10:00Z");
    // Week of 6 April (Monday a holiday).
    // R6: 120 min to accept: on time.
    EscalationRequest r6 =
        make("R6", "C1", 2, Reason::ImpairedFunction, "2026-04-07T10:00:00Z", "EMEA");
    r6.previousRequestId = QStringLiteral("R1");
    decide(r6, DecisionKind::Accept, "Cem", "2026-04-07T12:00:00Z");
    // R7: raised on the holiday, so its clock starts Tuesday 09:00; declined
    // after 210 min: on time. Re-escalated (R8) the next morning; 480 min at
    // level 3.
    EscalationRequest r7 =
        make("R7", "C3", 3, Reason::ImpairedFunction, "2026-04-06T10:00:00Z", "EMEA");
    decide(r7, DecisionKind::Decline, "Cem", "2026-04-07T12:30:00Z");
    // R8: level 4, undecided, due Wednesday 13:00: overdue at 15:00, a miss.
    EscalationRequest r8 =
        make("R8", "C3", 4, Reason::ImpairedFunction, "2026-04-08T09:00:00Z", "EMEA");
    r8.previousRequestId = QStringLiteral("R7");
    // R9: level 3, undecided, raised at 14:00: not yet due at 15:00.
    EscalationRequest r9 =
        make("R9", "C2", 3, Reason::LackOfUpdates, "2026-04-08T14:00:00Z", "EMEA");
    r9.previousRequestId = QStringLiteral("R3");
    // R10: after the period; R4's re-escalation, 10 days after its decline.
    EscalationRequest r10 =
        make("R10", "C4", 2, Reason::TimeConstraint, "2026-04-13T10:00:00Z", "APAC");
    r10.previousRequestId = QStringLiteral("R4");
    return {r1, r2, r3, r4, r5, r6, r7, r8, r9, r10};
}

} // namespace AnalyticsFixture

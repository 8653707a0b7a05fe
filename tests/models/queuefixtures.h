#pragma once

// Realistic, deterministic queue data for model and widget tests: accounts,
// subjects and people a support organisation would recognise, requests at
// every level and in every state, dated relative to a fixed "now".

#include <changeset.h>
#include <escalation.h>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>

namespace Fixtures {

// Monday 30 March 2026, 15:00 UTC.
inline QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 3, 30), QTime(15, 0), Qt::UTC);
}

struct Queue {
    QList<Escalation::EscalationRequest> requests;
    QHash<QString, Escalation::Case> cases;
};

inline Escalation::Case makeCase(int n, const QDateTime &now)
{
    using namespace Escalation;
    static const QStringList accounts = {
        QStringLiteral("Northwind Traders"),  QStringLiteral("Contoso Pharmaceuticals"),
        QStringLiteral("Fabrikam Logistics"), QStringLiteral("Adventure Works Cycles"),
        QStringLiteral("Tailspin Toys"),      QStringLiteral("Wingtip Airlines"),
        QStringLiteral("Litware Insurance"),  QStringLiteral("Proseware Health"),
        QStringLiteral("Woodgrove Bank"),     QStringLiteral("Alpine Ski House"),
        QStringLiteral("Bellows College"),    QStringLiteral("Coho Winery"),
    };
    static const QStringList subjects = {
        QStringLiteral("Nightly export fails with timeout"),
        QStringLiteral("SSO login loops back to the portal after upgrade"),
        QStringLiteral("Certificate renewal blocked by API error 502"),
        QStringLiteral("Replication lag above 20 minutes on the EU cluster"),
        QStringLiteral("Invoices generated twice after the 4.2 migration"),
        QStringLiteral("Mobile app crashes on launch for Android 14 users"),
        QStringLiteral("Search index stuck at 63% after reindex"),
        QStringLiteral("Webhook deliveries delayed by several hours"),
        QStringLiteral("Audit log missing entries for admin actions"),
        QStringLiteral("Payment gateway rejects valid cards intermittently"),
        QStringLiteral("Report builder times out on quarterly dashboards"),
        QStringLiteral("LDAP sync removes users from nested groups"),
    };
    static const QStringList engineers = {
        QStringLiteral("Dana Whitfield"), QStringLiteral("Ravi Menon"),
        QStringLiteral("Aiko Tanaka"),    QStringLiteral("Jonas Berg"),
        QStringLiteral("Fatima Haddad"),  QStringLiteral("Lucas Pereira"),
    };
    static const QStringList csms = {QStringLiteral("Leo Martens"),
                                     QStringLiteral("Priya Natarajan"),
                                     QStringLiteral("Sven Olsen")};
    static const QStringList statuses = {QStringLiteral("open"), QStringLiteral("pending customer"),
                                         QStringLiteral("in progress"),
                                         QStringLiteral("waiting on engineering")};
    Case c;
    c.id = QStringLiteral("C-%1").arg(100000 + n);
    c.number = QStringLiteral("%1").arg(100000 + n, 8, 10, QLatin1Char('0'));
    c.subject = subjects.at(n % subjects.size());
    if (n >= subjects.size())
        c.subject += QStringLiteral(" (%1)").arg(n);
    c.account = accounts.at((n * 7) % accounts.size());
    c.tier = n % 3 == 0 ? SupportTier::Premium : SupportTier::Standard;
    c.severity = static_cast<Severity>(2 + n % 3);
    c.priority = static_cast<CustomerPriority>(n % 3);
    c.status = statuses.at(n % statuses.size());
    c.createdAt = now.addSecs(-3600 * (30 + (n * 13) % 200));
    c.firstResponseAt = n % 5 == 0 ? QDateTime() : c.createdAt.addSecs(1800 + 60 * (n % 50));
    c.lastCustomerUpdateAt = now.addSecs(-60 * (20 + n % 300));
    c.lastSupportUpdateAt = n % 4 == 0 ? QDateTime() : now.addSecs(-60 * (45 + n % 500));
    c.assignee = engineers.at(n % engineers.size());
    c.csm = csms.at(n % csms.size());
    c.updatedAt = c.lastCustomerUpdateAt;
    c.version = 1 + n % 5;
    return c;
}

inline Escalation::EscalationRequest makeRequest(int n, const Escalation::Case &c,
                                                 const QDateTime &now)
{
    using namespace Escalation;
    static const QStringList managers = {
        QStringLiteral("Maya Fischer"), QStringLiteral("Omar Haddad"), QStringLiteral("Grace Kim")};
    static const QStringList teams = {QStringLiteral("EMEA Platform"),
                                      QStringLiteral("Americas Apps"),
                                      QStringLiteral("APAC Infrastructure")};
    static const QStringList calendars = {QStringLiteral("emea"), QStringLiteral("americas"),
                                          QStringLiteral("apac")};
    EscalationRequest r;
    r.id = QStringLiteral("E-%1").arg(200000 + n);
    r.caseId = c.id;
    r.level = 1 + n % 4;
    r.reason = static_cast<Reason>(n % 5);
    r.summary =
        QStringLiteral("Customer reports production impact; %1 users blocked since this morning. "
                       "They need a plan before the board meeting on Friday.")
            .arg(50 + n % 900);
    r.requestedBy = QStringLiteral("ops.lead%1@%2.example")
                        .arg(n % 17)
                        .arg(c.account.section(QLatin1Char(' '), 0, 0).toLower());
    // Spread over the last six hours so that every clock state occurs.
    r.requestedAt = now.addSecs(-60 * ((n * 37) % 360));
    r.state = n % 11 == 0 ? RequestState::Accepted
                          : (n % 13 == 0 ? RequestState::Declined : RequestState::Pending);
    r.owner = n % 3 == 0 ? QString() : managers.at(n % managers.size());
    r.team = teams.at(n % teams.size());
    r.calendarId = calendars.at(n % calendars.size());
    if (r.state != RequestState::Pending) {
        r.decision = Decision {r.state == RequestState::Accepted ? DecisionKind::Accept
                                                                 : DecisionKind::Decline,
                               QStringLiteral("Engineering lead assigned; next update in 2 hours."),
                               managers.at(n % managers.size()), r.requestedAt.addSecs(1800)};
    }
    r.updatedAt = r.requestedAt;
    r.version = 1;
    return r;
}

// n requests on n cases.
inline Queue makeQueue(int n, const QDateTime &now = fixedNow())
{
    Queue q;
    q.requests.reserve(n);
    q.cases.reserve(n);
    for (int i = 0; i < n; ++i) {
        const Escalation::Case c = makeCase(i, now);
        q.cases.insert(c.id, c);
        q.requests.append(makeRequest(i, c, now));
    }
    return q;
}

} // namespace Fixtures

#include "storetestdata.h"

using namespace Qt::StringLiterals;

namespace Escalation::StoreTestData {

QDateTime baseTime()
{
    return QDateTime(QDate(2026, 3, 30), QTime(8, 0), Qt::UTC);
}

Case makeCase(int n)
{
    Case c;
    c.id = u"C-%1"_s.arg(100000 + n);
    c.number = u"%1"_s.arg(100000 + n, 8, 10, QLatin1Char('0'));
    c.subject = u"Nightly export fails with timeout #%1"_s.arg(n);
    c.account = u"Account %1"_s.arg(n % 997);
    c.tier = n % 3 == 0 ? SupportTier::Premium : SupportTier::Standard;
    c.severity = static_cast<Severity>(2 + n % 3);
    c.priority = static_cast<CustomerPriority>(n % 3);
    c.status = u"open"_s;
    c.createdAt = baseTime().addSecs(-3600 * (n % 72));
    if (n % 2)
        c.firstResponseAt = c.createdAt.addSecs(1800);
    c.lastCustomerUpdateAt = c.createdAt.addSecs(7200);
    c.assignee = u"Engineer %1"_s.arg(n % 50);
    c.csm = u"CSM %1"_s.arg(n % 20);
    c.updatedAt = baseTime();
    c.version = 1 + n % 5;
    return c;
}

EscalationRequest makeRequest(int n, const QString &caseId, int notes, bool full)
{
    EscalationRequest r;
    r.id = u"E-%1"_s.arg(200000 + n);
    r.caseId = caseId;
    r.level = 1 + n % 4;
    r.reason = static_cast<Reason>(n % 5);
    r.summary = u"Certificate expires Friday; renewal blocked by this case (%1)."_s.arg(n);
    r.requestedBy = u"requester%1@customer.example"_s.arg(n % 300);
    r.requestedAt = baseTime().addSecs(60 * (n % 600));
    r.state = RequestState::Pending;
    r.team = u"Team %1"_s.arg(n % 12);
    r.calendarId = n % 2 ? u"emea"_s : u"americas"_s;
    if (full) {
        r.previousRequestId = u"E-%1"_s.arg(100000 + n);
        r.owner = u"Dana Whitfield"_s;
        r.decision =
            Decision {DecisionKind::Accept, u"Engineering joins a call at 15:00."_s,
                      u"Dana Whitfield"_s, r.requestedAt.addSecs(900), u"Go-live is on Monday."_s};
        r.handOff = HandOff {u"EMEA Platform"_s, r.team, u"Logs are attached."_s, u"Ruth Adeyemi"_s,
                             r.requestedAt.addSecs(600)};
        r.waits = {
            WaitingPeriod {u"Which nodes fail?"_s, u"Dana Whitfield"_s, r.requestedAt.addSecs(300),
                           r.requestedAt.addSecs(700), u"Nodes 3 and \"7\"."_s},
            WaitingPeriod {
                u"And the logs?"_s, u"Dana Whitfield"_s, r.requestedAt.addMSecs(800123), {}, {}}};
        r.analysis =
            Analysis {u"Root cause: <b>not</b> HTML"_s, u"Lee"_s, r.requestedAt.addSecs(1200)};
        r.ownerAcknowledgement =
            OwnerAcknowledgement {u"VP Support"_s, r.requestedAt.addSecs(1500)};
    }
    for (int i = 0; i < notes; ++i) {
        r.notes.append(Note {u"N-%1-%2"_s.arg(n).arg(i), u"Dana Whitfield"_s,
                             u"Called customer; note %1."_s.arg(i),
                             r.requestedAt.addSecs(60 * (i + 1))});
    }
    r.updatedAt = baseTime().addSecs(60 * (n % 600) + 30);
    r.version = 1 + n % 7;
    return r;
}

OutboxEntry makeOutboxEntry(const QString &requestId, const QString &text)
{
    OutboxEntry e;
    e.requestId = requestId;
    e.action = OutboxAction::Accept;
    e.text = text;
    e.justification = u"The customer's go-live is on Monday."_s;
    e.actor = u"Dana Whitfield"_s;
    e.baseVersion = 4;
    e.createdAt = baseTime();
    return e;
}

QList<SyncPage> makePages(int total, int pageSize, int notesPerRequest)
{
    QList<SyncPage> pages;
    for (int start = 0, cursor = 1; start < total; start += pageSize, ++cursor) {
        SyncPage page;
        const int end = std::min(total, start + pageSize);
        page.cases.reserve(end - start);
        page.requests.reserve(end - start);
        for (int n = start; n < end; ++n) {
            page.cases.append(makeCase(n));
            page.requests.append(makeRequest(n, page.cases.last().id, notesPerRequest));
        }
        page.cursor = QString::number(cursor);
        page.hasMore = end < total;
        pages.append(page);
    }
    return pages;
}

} // namespace Escalation::StoreTestData

#pragma once

// The queue desk for main-window tests and screenshots: the queue model over
// fixture requests, the clock frozen at a fixed instant, the records in an
// in-memory lookup, and a few hand-made cases for the ladder (a level-3
// case with its history, a level-4 case, a request raised too early, an S1
// outage).

#include "../models/queuefixtures.h"

#include <calendarregistry.h>
#include <mainwindow.h>
#include <policyconfig.h>
#include <queuemodel.h>
#include <requestlookup.h>
#include <reviewclockservice.h>

#include <memory>

struct QueueDeskFixture {
    std::unique_ptr<Escalation::ReviewClockService> clock;
    std::unique_ptr<Escalation::QueueModel> model;
    Escalation::InMemoryRequestLookup lookup;
    Fixtures::Queue queue;
    QList<Escalation::EscalationRequest> history; // superseded levels, not in the queue
    qint64 nowMs = Fixtures::fixedNow().toMSecsSinceEpoch();

    // Ids of the hand-made requests.
    static QString levelThreeId() { return QStringLiteral("E-300003"); }
    static QString levelFourId() { return QStringLiteral("E-300004"); }
    static QString tooEarlyId() { return QStringLiteral("E-300010"); }
    static QString outageId() { return QStringLiteral("E-300011"); }

    explicit QueueDeskFixture(int rows = 40)
    {
        using namespace Escalation;
        clock =
            std::make_unique<ReviewClockService>(CalendarRegistry::withBuiltIns(), ReviewClock());
        clock->setNowFunction([this] { return nowMs; });
        model = std::make_unique<QueueModel>(clock.get());
        queue = Fixtures::makeQueue(rows);
        addLadderCases();
        for (const auto &r : std::as_const(queue.requests))
            lookup.insert(r);
        for (const auto &r : std::as_const(history))
            lookup.insert(r);
        for (const auto &c : std::as_const(queue.cases))
            lookup.insert(c);
        model->loadSnapshot(queue.requests, queue.cases);
    }

    Escalation::DeskContext context(Escalation::DeskRole role = Escalation::DeskRole::Manager)
    {
        Escalation::DeskContext c;
        c.model = model.get();
        c.clock = clock.get();
        c.lookup = &lookup;
        c.policy = Escalation::EscalationPolicy(Escalation::PolicyConfig::defaults());
        c.role = role;
        c.userName = QStringLiteral("Maya Fischer");
        return c;
    }

    const Escalation::EscalationRequest *find(const QString &id) const
    {
        for (const auto &r : queue.requests) {
            if (r.id == id)
                return &r;
        }
        return nullptr;
    }

private:
    void addLadderCases()
    {
        using namespace Escalation;
        const QDateTime now = Fixtures::fixedNow();
        // Level 3, reached step by step over two days; analysis still owed.
        Case c3 = Fixtures::makeCase(900, now);
        c3.id = QStringLiteral("C-300003");
        c3.number = QStringLiteral("00300003");
        c3.subject = QStringLiteral("Data loss after storage failover in the EU region");
        c3.account = QStringLiteral("Woodgrove Bank");
        c3.severity = Severity::S2;
        c3.tier = SupportTier::Premium;
        c3.createdAt = now.addDays(-4);
        queue.cases.insert(c3.id, c3);
        EscalationRequest l1 = Fixtures::makeRequest(901, c3, now);
        l1.id = QStringLiteral("E-300001");
        l1.level = 1;
        l1.reason = Reason::ImpairedFunction;
        l1.requestedAt = now.addDays(-2);
        l1.state = RequestState::Superseded;
        l1.decision =
            Decision {DecisionKind::Accept, QStringLiteral("Storage team engaged; hourly updates."),
                      QStringLiteral("Omar Haddad"), l1.requestedAt.addSecs(5400)};
        EscalationRequest l2 = l1;
        l2.id = QStringLiteral("E-300002");
        l2.level = 2;
        l2.previousRequestId = l1.id;
        l2.requestedAt = now.addDays(-1);
        l2.decision = Decision {DecisionKind::Accept,
                                QStringLiteral("Director sponsor assigned; restore plan by 18:00."),
                                QStringLiteral("Grace Kim"), l2.requestedAt.addSecs(3600)};
        EscalationRequest l3 = l2;
        l3.id = levelThreeId();
        l3.level = 3;
        l3.previousRequestId = l2.id;
        l3.state = RequestState::Pending;
        l3.decision.reset();
        l3.requestedAt = now.addSecs(-150 * 60);
        l3.owner.clear();
        l3.summary = QStringLiteral(
            "Restore from backup lost 6 hours of transactions. Regulators must be notified "
            "within 72 hours; we need a root cause and a recovery plan today.");
        l3.notes = {Note {QStringLiteral("N-1"), QStringLiteral("Omar Haddad"),
                          QStringLiteral("Customer CTO on the bridge; storage vendor case opened."),
                          now.addSecs(-100 * 60)}};
        history << l1 << l2;
        queue.requests << l3;

        // Level 4 entered directly (a major account), analysis recorded,
        // the VP's acknowledgement still owed.
        Case c4 = Fixtures::makeCase(910, now);
        c4.id = QStringLiteral("C-300004");
        c4.number = QStringLiteral("00300004");
        c4.subject =
            QStringLiteral("Payment processing halted for all stores after certificate rotation");
        c4.account = QStringLiteral("Contoso Pharmaceuticals");
        c4.severity = Severity::S2;
        c4.createdAt = now.addDays(-3);
        queue.cases.insert(c4.id, c4);
        EscalationRequest l4 = Fixtures::makeRequest(911, c4, now);
        l4.id = levelFourId();
        l4.level = 4;
        l4.state = RequestState::Accepted;
        l4.requestedAt = now.addSecs(-5 * 3600);
        l4.decision =
            Decision {DecisionKind::Accept, QStringLiteral("War room open; VP of Support driving."),
                      QStringLiteral("Grace Kim"), now.addSecs(-4 * 3600)};
        l4.analysis = Analysis {
            QStringLiteral("Certificate chain change not covered by the rollout checklist."),
            QStringLiteral("Grace Kim"), now.addSecs(-3 * 3600)};
        queue.requests << l4;

        // Raised one hour after an S3 standard case was opened (minimum 16 h).
        Case early = Fixtures::makeCase(920, now);
        early.id = QStringLiteral("C-300010");
        early.number = QStringLiteral("00300010");
        early.subject = QStringLiteral("Dashboard export button greyed out");
        early.severity = Severity::S3;
        early.tier = SupportTier::Standard;
        early.createdAt = now.addSecs(-2 * 3600);
        queue.cases.insert(early.id, early);
        EscalationRequest tooEarly = Fixtures::makeRequest(921, early, now);
        tooEarly.id = tooEarlyId();
        tooEarly.level = 1;
        tooEarly.state = RequestState::Pending;
        tooEarly.decision.reset();
        tooEarly.requestedAt = now.addSecs(-3600);
        tooEarly.requestedBy = QStringLiteral("sam.lee@tailspin.example");
        queue.requests << tooEarly;

        // An outage someone tried to escalate.
        Case outage = Fixtures::makeCase(930, now);
        outage.id = QStringLiteral("C-300011");
        outage.number = QStringLiteral("00300011");
        outage.subject = QStringLiteral("All services down in APAC");
        outage.severity = Severity::S1;
        queue.cases.insert(outage.id, outage);
        EscalationRequest s1 = Fixtures::makeRequest(931, outage, now);
        s1.id = outageId();
        s1.level = 1;
        s1.state = RequestState::Pending;
        s1.decision.reset();
        s1.requestedAt = now.addSecs(-30 * 60);
        queue.requests << s1;
    }
};

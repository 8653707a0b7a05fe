#include "escalation.h"
#include "outboxentry.h"

#include <QTest>

using namespace Escalation;

// The wire codes are a contract with the portal and the cache: every value
// must survive a round trip, and unknown codes must be refused.
class TestEscalationTypes final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void codes_roundTripForEveryValue()
    {
        for (int i = 0; i < 5; ++i) {
            const auto reason = static_cast<Reason>(i);
            QCOMPARE(reasonFromCode(toCode(reason)), reason);
            const auto state = static_cast<RequestState>(i);
            QCOMPARE(requestStateFromCode(toCode(state)), state);
        }
        for (int i = 0; i < 3; ++i) {
            const auto priority = static_cast<CustomerPriority>(i);
            QCOMPARE(priorityFromCode(toCode(priority)), priority);
        }
        QCOMPARE(supportTierFromCode(toCode(SupportTier::Premium)), SupportTier::Premium);
        QCOMPARE(supportTierFromCode(toCode(SupportTier::Standard)), SupportTier::Standard);
        for (int i = 0; i < 6; ++i) {
            const auto action = static_cast<OutboxAction>(i);
            QCOMPARE(outboxActionFromCode(toCode(action)), action);
        }
    }

    void codes_unknownIsRefused()
    {
        QVERIFY(!reasonFromCode(u"urgent"));
        QVERIFY(!supportTierFromCode(u"Premium")); // codes are case-sensitive
        QVERIFY(!requestStateFromCode(u""));
        QVERIFY(!severityFromInt(0));
        QVERIFY(!severityFromInt(5));
        QCOMPARE(severityFromInt(1), Severity::S1);
    }

    void outage_isSeverityOne()
    {
        Case c;
        c.severity = Severity::S1;
        QVERIFY(c.isOutage());
        c.severity = Severity::S2;
        QVERIFY(!c.isOutage());
    }
};

QTEST_GUILESS_MAIN(TestEscalationTypes)
#include "tst_escalationtypes.moc"

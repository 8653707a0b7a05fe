// First-response misses and support silence per case: the rows agree with
// evaluateSlaFlags(), flags appear exactly when a target passes, and change
// sets and a new policy add and remove rows without a reset.

#include "queuefixtures.h"
#include "signalrecorder.h"

#include <requestlookup.h>
#include <slaflags.h>
#include <slaflagsmodel.h>

#include <QAbstractItemModelTester>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Escalation;

namespace {

QDateTime now0()
{
    return QDateTime(QDate(2026, 4, 1), QTime(15, 0), Qt::UTC);
}

Case makeCase(const QString &id, Severity s, SupportTier t, qint64 createdSecsAgo,
              std::optional<qint64> respondedAfter, std::optional<qint64> lastSupportSecsAgo)
{
    Case c = Fixtures::makeCase(1, now0());
    c.id = id;
    c.number = id.mid(2);
    c.severity = s;
    c.tier = t;
    c.createdAt = now0().addSecs(-createdSecsAgo);
    c.firstResponseAt = respondedAfter ? c.createdAt.addSecs(*respondedAfter) : QDateTime();
    c.lastSupportUpdateAt = lastSupportSecsAgo ? now0().addSecs(-*lastSupportSecsAgo) : QDateTime();
    return c;
}

QHash<QString, Case> cases()
{
    QHash<QString, Case> all;
    const auto add = [&](const Case &c) { all.insert(c.id, c); };
    // Premium S2: 60-minute first response target; none after two hours.
    add(makeCase(QStringLiteral("C-A"), Severity::S2, SupportTier::Premium, 2 * 3600, {}, {}));
    // Standard S3: 8 hours; answered after 9.
    add(makeCase(QStringLiteral("C-B"), Severity::S3, SupportTier::Standard, 10 * 3600, 9 * 3600,
                 3600));
    // Premium S3: answered in time; support silent for 71 of 72 allowed hours.
    add(makeCase(QStringLiteral("C-C"), Severity::S3, SupportTier::Premium, 72 * 3600, 3600,
                 71 * 3600));
    // Standard S2: 4-hour target, half an hour old.
    add(makeCase(QStringLiteral("C-D"), Severity::S2, SupportTier::Standard, 1800, {}, {}));
    // S3 silent for 100 hours.
    add(makeCase(QStringLiteral("C-E"), Severity::S3, SupportTier::Standard, 200 * 3600, 3600,
                 100 * 3600));
    // First response at exactly the target is in time.
    add(makeCase(QStringLiteral("C-F"), Severity::S4, SupportTier::Premium, 20 * 3600, 480 * 60,
                 3600));
    return all;
}

struct Fixture {
    qint64 nowMs = now0().toMSecsSinceEpoch();
    InMemoryRequestLookup lookup;
    SlaFlagsModel model {PolicyConfig(), &lookup};

    Fixture()
    {
        model.setNowFunction([this] { return nowMs; });
        const auto all = cases();
        for (const Case &c : all)
            lookup.insert(c);
        model.loadSnapshot(all);
    }
    QStringList flaggedIds() const
    {
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids << model.index(row, 0).data(SlaFlagsModel::CaseIdRole).toString();
        ids.sort();
        return ids;
    }
};

} // namespace

class TestSlaFlagsModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void flags_agreeWithTheDomainRule_data()
    {
        QTest::addColumn<QString>("caseId");
        QTest::addColumn<bool>("missed");
        QTest::addColumn<bool>("overdue");
        QTest::newRow("no first response past the target")
            << QStringLiteral("C-A") << true << false;
        QTest::newRow("first response came late") << QStringLiteral("C-B") << true << false;
        QTest::newRow("in time, silence within the limit")
            << QStringLiteral("C-C") << false << false;
        QTest::newRow("young case, target ahead") << QStringLiteral("C-D") << false << false;
        QTest::newRow("support silent too long") << QStringLiteral("C-E") << false << true;
        QTest::newRow("response exactly at the target") << QStringLiteral("C-F") << false << false;
    }

    void flags_agreeWithTheDomainRule()
    {
        QFETCH(QString, caseId);
        QFETCH(bool, missed);
        QFETCH(bool, overdue);
        Fixture f;
        QAbstractItemModelTester tester(&f.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const SlaFlags domain = evaluateSlaFlags(cases().value(caseId), now0(), PolicyConfig());
        QCOMPARE(domain.firstResponseMissed, missed);
        QCOMPARE(domain.supportUpdateOverdue, overdue);
        const int row = f.model.rowOfCase(caseId);
        QCOMPARE(row >= 0, missed || overdue);
        if (row >= 0) {
            QCOMPARE(f.model.index(row, 0).data(SlaFlagsModel::FirstResponseMissedRole).toBool(),
                     missed);
            QCOMPARE(f.model.index(row, 0).data(SlaFlagsModel::SupportUpdateOverdueRole).toBool(),
                     overdue);
        }
    }

    void cells_sayWhatIsLateAndByHowMuch()
    {
        Fixture f;
        const auto cell = [&](const QString &id, int column) {
            return f.model.index(f.model.rowOfCase(id), column).data().toString();
        };
        QCOMPARE(cell(QStringLiteral("C-A"), SlaFlagsModel::FirstResponse),
                 QStringLiteral("none yet, 1h 0m overdue"));
        QCOMPARE(cell(QStringLiteral("C-B"), SlaFlagsModel::FirstResponse),
                 QStringLiteral("1h 0m late"));
        QCOMPARE(cell(QStringLiteral("C-E"), SlaFlagsModel::SupportSilence),
                 QStringLiteral("silent for 4d 4h"));
        QCOMPARE(cell(QStringLiteral("C-E"), SlaFlagsModel::CaseNumber), QStringLiteral("E"));
        QCOMPARE(f.model.firstResponseMissedCount(), 2);
        QCOMPARE(f.model.supportOverdueCount(), 1);
    }

    void targetPasses_flagAppearsOnTheSecond()
    {
        Fixture f;
        QAbstractItemModelTester tester(&f.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        SignalRecorder recorder(&f.model);
        // C-C's support update was due 3600 s from now; one second later it is overdue.
        f.nowMs += 3600 * 1000;
        f.model.updateNow();
        QCOMPARE(f.model.rowOfCase(QStringLiteral("C-C")), -1);
        f.nowMs += 1000;
        f.model.updateNow();
        QCOMPARE(recorder.text(), QStringLiteral("insert 3-3"));
        const int row = f.model.rowOfCase(QStringLiteral("C-C"));
        QCOMPARE(row, 3);
        // The texts came from the lookup: the model does not keep them for unflagged cases.
        QCOMPARE(f.model.index(row, SlaFlagsModel::CaseNumber).data().toString(),
                 QStringLiteral("C"));
        QCOMPARE(f.model.index(row, SlaFlagsModel::Account).data().toString(),
                 cases().value(QStringLiteral("C-C")).account);
        // C-D's first response target (4 h after creation) passes later.
        f.nowMs = now0().addSecs(4 * 3600 - 1800 + 1).toMSecsSinceEpoch();
        f.model.updateNow();
        QVERIFY(f.model.rowOfCase(QStringLiteral("C-D")) >= 0);
        QCOMPARE(f.flaggedIds(),
                 (QStringList {QStringLiteral("C-A"), QStringLiteral("C-B"), QStringLiteral("C-C"),
                               QStringLiteral("C-D"), QStringLiteral("C-E")}));
    }

    void changeSet_supportUpdateClearsAndRemovalDrops()
    {
        Fixture f;
        QAbstractItemModelTester tester(&f.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Case e = cases().value(QStringLiteral("C-E"));
        e.lastSupportUpdateAt = now0();
        ChangeSet changes;
        changes.updatedCases << e;
        changes.removedCaseIds << QStringLiteral("C-A");
        f.model.applyChangeSet(changes);
        QCOMPARE(f.flaggedIds(), QStringList {QStringLiteral("C-B")});
        QCOMPARE(f.model.supportOverdueCount(), 0);
        QCOMPARE(f.model.firstResponseMissedCount(), 1);

        // A new case that arrives already late shows at once, with its texts.
        Case g =
            makeCase(QStringLiteral("C-G"), Severity::S2, SupportTier::Premium, 5 * 3600, {}, {});
        ChangeSet more;
        more.insertedCases << g;
        f.model.applyChangeSet(more);
        QCOMPARE(f.model.index(f.model.rowOfCase(QStringLiteral("C-G")), SlaFlagsModel::Subject)
                     .data()
                     .toString(),
                 g.subject);
    }

    void newPolicy_reevaluatesEveryCase()
    {
        Fixture f;
        PolicyConfig generous;
        generous.firstResponseTargetMinutes[0][1] = 180; // premium S2: 3 hours
        f.model.setPolicy(generous);
        QCOMPARE(f.flaggedIds(), (QStringList {QStringLiteral("C-B"), QStringLiteral("C-E")}));
    }
};

QTEST_GUILESS_MAIN(TestSlaFlagsModel)
#include "tst_slaflagsmodel.moc"

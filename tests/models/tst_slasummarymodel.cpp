// The team lead's counts per manager and per team, today and this week,
// against a fixed "now": what each request adds, and that incremental
// updates from the queue's signals agree with a full recount.

#include "queuefixtures.h"
#include "signalrecorder.h"

#include <queuemodel.h>
#include <reviewclockservice.h>
#include <slasummarymodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Escalation;
using Col = SlaSummaryModel::Column;

namespace {

// Wednesday 1 April 2026, 15:00 UTC: "today" began at 00:00 UTC, the week
// on Monday 30 March.
QDateTime now0()
{
    return QDateTime(QDate(2026, 4, 1), QTime(15, 0), Qt::UTC);
}

EscalationRequest request(int n, const QString &owner, const QString &team,
                          const QDateTime &requestedAt, std::optional<QDateTime> decidedAt = {})
{
    const Case c = Fixtures::makeCase(n, requestedAt);
    EscalationRequest r = Fixtures::makeRequest(n, c, requestedAt);
    r.owner = owner;
    r.team = team;
    r.requestedAt = requestedAt;
    r.state = decidedAt ? RequestState::Accepted : RequestState::Pending;
    r.decision.reset();
    if (decidedAt)
        r.decision = Decision {DecisionKind::Accept, QStringLiteral("plan"), owner, *decidedAt};
    return r;
}

// An always-open calendar: business time is wall-clock time, 240 minutes
// target, approaching in the last 60.
struct Fixture {
    qint64 nowMs = now0().toMSecsSinceEpoch();
    QObject owner;
    ReviewClockService *clock = nullptr;
    QueueModel *queue = nullptr;
    Fixtures::Queue data;

    Fixture()
    {
        clock = new ReviewClockService(CalendarRegistry(), ReviewClock(), &owner);
        clock->setNowFunction([this] { return nowMs; });
        queue = new QueueModel(clock, &owner);
        const QDateTime now = now0();
        const QString maya = QStringLiteral("Maya Fischer"), omar = QStringLiteral("Omar Haddad"),
                      grace = QStringLiteral("Grace Kim");
        const QString emea = QStringLiteral("EMEA Platform"),
                      americas = QStringLiteral("Americas Apps"),
                      apac = QStringLiteral("APAC Infrastructure");
        add(request(0, maya, emea, now.addSecs(-30 * 60))); // on track
        add(request(1, maya, emea, now.addSecs(-210 * 60))); // approaching, 30 min left
        add(request(2, omar, emea, now.addSecs(-300 * 60))); // breached at 14:00 today
        add(request(3, omar, americas, now.addSecs(-6 * 3600),
                    now.addSecs(-5 * 3600))); // answered today in time
        add(request(4, grace, americas, QDateTime(QDate(2026, 3, 30), QTime(9, 0), Qt::UTC),
                    QDateTime(QDate(2026, 3, 30), QTime(15, 0), Qt::UTC))); // answered Monday, late
        add(request(5, QString(), apac,
                    QDateTime(QDate(2026, 3, 31), QTime(8, 0), Qt::UTC))); // breached Tuesday
        add(request(6, maya, apac, QDateTime(QDate(2026, 3, 27), QTime(9, 0), Qt::UTC),
                    QDateTime(QDate(2026, 3, 27), QTime(10, 0), Qt::UTC))); // last week
        queue->loadSnapshot(data.requests, data.cases);
    }
    void add(const EscalationRequest &r)
    {
        data.requests << r;
        data.cases.insert(r.caseId, Fixtures::makeCase(r.caseId.mid(2).toInt() - 100000, now0()));
    }
    SlaSummaryModel *summary(SlaSummaryModel::Grouping g)
    {
        auto *m = new SlaSummaryModel(queue, clock, g, &owner);
        m->setTimeZone(QTimeZone::utc());
        m->setFirstDayOfWeek(Qt::Monday);
        return m;
    }
};

QString countsText(const SlaSummaryModel::Counts &c)
{
    QStringList parts;
    for (int col = Col::OpenNow; col < Col::ColumnCount; ++col)
        parts << QString::number(c.values[std::size_t(col)]);
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestSlaSummaryModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void counts_perGroupTodayAndThisWeek_data()
    {
        QTest::addColumn<int>("grouping");
        QTest::addColumn<QString>("group");
        // open, on track, approaching, breached (now); answered, breached (today); answered,
        // breached (week)
        QTest::addColumn<QString>("expected");
        const int owner = int(SlaSummaryModel::Grouping::Owner);
        const int team = int(SlaSummaryModel::Grouping::Team);
        QTest::newRow("manager with an on-track and an approaching request")
            << owner << QStringLiteral("Maya Fischer") << QStringLiteral("2 1 1 0 0 0 0 0");
        QTest::newRow("manager with a breach today and an answer today")
            << owner << QStringLiteral("Omar Haddad") << QStringLiteral("1 0 0 1 1 1 1 1");
        QTest::newRow("manager who answered late on Monday")
            << owner << QStringLiteral("Grace Kim") << QStringLiteral("0 0 0 0 0 0 1 1");
        QTest::newRow("requests nobody took")
            << owner << QStringLiteral("unowned") << QStringLiteral("1 0 0 1 0 0 0 1");
        QTest::newRow("team EMEA")
            << team << QStringLiteral("EMEA Platform") << QStringLiteral("3 1 1 1 0 1 0 1");
        QTest::newRow("team Americas")
            << team << QStringLiteral("Americas Apps") << QStringLiteral("0 0 0 0 1 0 2 1");
        QTest::newRow("team APAC, answered last week counts nowhere")
            << team << QStringLiteral("APAC Infrastructure") << QStringLiteral("1 0 0 1 0 0 0 1");
    }

    void counts_perGroupTodayAndThisWeek()
    {
        QFETCH(int, grouping);
        QFETCH(QString, group);
        QFETCH(QString, expected);
        Fixture f;
        SlaSummaryModel *m = f.summary(SlaSummaryModel::Grouping(grouping));
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(countsText(m->counts(group)), expected);
        // The table shows the same numbers as the API.
        const int row = int(m->groups().indexOf(group));
        QVERIFY(row >= 0);
        QCOMPARE(m->index(row, Col::Name).data().toString(), group);
        QCOMPARE(m->index(row, Col::BreachedThisWeek).data(SlaSummaryModel::RawValueRole).toInt(),
                 m->counts(group).value(Col::BreachedThisWeek));
    }

    void periods_followTheConfiguredZoneAndWeekStart()
    {
        Fixture f;
        SlaSummaryModel *m = f.summary(SlaSummaryModel::Grouping::Team);
        QCOMPARE(m->todayStart(),
                 QDateTime(QDate(2026, 4, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(m->weekStart(),
                 QDateTime(QDate(2026, 3, 30), QTime(0, 0), Qt::UTC).toSecsSinceEpoch());
        m->setFirstDayOfWeek(Qt::Sunday);
        QCOMPARE(m->weekStart(),
                 QDateTime(QDate(2026, 3, 29), QTime(0, 0), Qt::UTC).toSecsSinceEpoch());
        // In New York (UTC-4 in April) "today" began at 04:00 UTC: the
        // Tuesday breach stays yesterday's, the 14:00 UTC one is today's.
        m->setTimeZone(QTimeZone(QByteArrayLiteral("America/New_York")));
        QCOMPARE(m->todayStart(),
                 QDateTime(QDate(2026, 4, 1), QTime(4, 0), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(m->counts(QStringLiteral("APAC Infrastructure")).value(Col::BreachedToday), 0);
        QCOMPARE(m->counts(QStringLiteral("EMEA Platform")).value(Col::BreachedToday), 1);
    }

    void answerArrives_updatesOnlyItsGroupAfterTheDebounce()
    {
        Fixture f;
        SlaSummaryModel *m = f.summary(SlaSummaryModel::Grouping::Owner);
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        SignalRecorder recorder(m);
        QSignalSpy summary(m, &SlaSummaryModel::summaryChanged);

        EscalationRequest answered = f.data.requests.at(1); // Maya's approaching request
        answered.state = RequestState::Accepted;
        answered.decision = Decision {DecisionKind::Accept, QStringLiteral("plan"), answered.owner,
                                      now0().addSecs(-60)};
        ChangeSet changes;
        changes.updatedRequests << answered;
        f.queue->applyChangeSet(changes);

        // Counted at once, announced only once the burst is over.
        QCOMPARE(countsText(m->counts(QStringLiteral("Maya Fischer"))),
                 QStringLiteral("1 1 0 0 1 0 1 0"));
        QCOMPARE(summary.count(), 0);
        QVERIFY(summary.wait(30000));
        const int mayaRow = int(m->groups().indexOf(QStringLiteral("Maya Fischer")));
        QCOMPARE(recorder.text(), QStringLiteral("changed %1:1-%1:8").arg(mayaRow));
    }

    void clockBreach_movesTheRequestToBreachedToday()
    {
        Fixture f;
        SlaSummaryModel *m = f.summary(SlaSummaryModel::Grouping::Team);
        f.nowMs += 31 * 60 * 1000; // request 1's target passes
        f.clock->updateNow();
        m->flush();
        QCOMPARE(countsText(m->counts(QStringLiteral("EMEA Platform"))),
                 QStringLiteral("3 1 0 2 0 2 0 2"));
    }

    void insertsAndRemovals_matchAFullRecount()
    {
        Fixture f;
        SlaSummaryModel *m = f.summary(SlaSummaryModel::Grouping::Owner);
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ChangeSet changes;
        changes.removedRequestIds << f.data.requests.at(2).id; // Omar's breach leaves
        EscalationRequest fresh =
            request(20, QStringLiteral("Lena Vogt"), QStringLiteral("EMEA Platform"),
                    now0().addSecs(-200 * 60));
        changes.insertedRequests << fresh;
        changes.insertedCases << Fixtures::makeCase(20, now0());
        EscalationRequest moved = f.data.requests.at(0);
        moved.owner = QStringLiteral("Grace Kim"); // handed over
        changes.updatedRequests << moved;
        f.queue->applyChangeSet(changes);
        m->flush();

        SlaSummaryModel *fresh2 = f.summary(SlaSummaryModel::Grouping::Owner);
        for (const QString &group : fresh2->groups())
            QCOMPARE(countsText(m->counts(group)), countsText(fresh2->counts(group)));
        QCOMPARE(countsText(m->totals()), countsText(fresh2->totals()));
        QCOMPARE(countsText(m->counts(QStringLiteral("Lena Vogt"))),
                 QStringLiteral("1 0 1 0 0 0 0 0"));
        QCOMPARE(m->counts(QStringLiteral("Omar Haddad")).value(Col::BreachedToday), 0);
    }

    void newDay_recountsThePeriods()
    {
        Fixture f;
        SlaSummaryModel *m = f.summary(SlaSummaryModel::Grouping::Owner);
        QCOMPARE(m->counts(QStringLiteral("Omar Haddad")).value(Col::AnsweredToday), 1);
        f.nowMs = QDateTime(QDate(2026, 4, 2), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
        m->recount();
        QCOMPARE(m->counts(QStringLiteral("Omar Haddad")).value(Col::AnsweredToday), 0);
        QCOMPARE(m->counts(QStringLiteral("Omar Haddad")).value(Col::AnsweredThisWeek), 1);
    }

    void inactiveModel_countsNothingUntilActivated()
    {
        Fixture f;
        SlaSummaryModel *m = f.summary(SlaSummaryModel::Grouping::Team);
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString before = countsText(m->totals());
        m->setActive(false);
        QCOMPARE(m->rowCount(), 0);
        QCOMPARE(countsText(m->totals()), QStringLiteral("0 0 0 0 0 0 0 0"));
        ChangeSet changes;
        changes.removedRequestIds << f.data.requests.at(0).id;
        f.queue->applyChangeSet(changes);
        QCOMPARE(m->rowCount(), 0);
        m->setActive(true);
        QCOMPARE(m->counts(QStringLiteral("EMEA Platform")).value(Col::OpenNow), 2);
        QVERIFY(countsText(m->totals()) != before);
    }

    void largeQueue_countsEveryRowOnce()
    {
        Fixture f;
        const Fixtures::Queue big = Fixtures::makeQueue(3000, now0());
        f.queue->loadSnapshot(big.requests, big.cases);
        SlaSummaryModel *m = f.summary(SlaSummaryModel::Grouping::Team);
        int pending = 0;
        for (const EscalationRequest &r : big.requests)
            pending += r.state == RequestState::Pending ? 1 : 0;
        QCOMPARE(m->totals().value(Col::OpenNow), pending);
        const auto t = m->totals();
        QCOMPARE(t.value(Col::OnTrackNow) + t.value(Col::ApproachingNow)
                     + t.value(Col::BreachedNow),
                 pending);
    }
};

QTEST_GUILESS_MAIN(TestSlaSummaryModel)
#include "tst_slasummarymodel.moc"

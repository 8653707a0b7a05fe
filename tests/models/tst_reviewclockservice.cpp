// The review clock service: one timer that wakes at the next state change,
// and only the rows whose clock state changed get dataChanged.

#include "queuefixtures.h"
#include "signalrecorder.h"

#include <queuemodel.h>
#include <reviewclockservice.h>

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Escalation;

namespace {

// An always-open calendar keeps the arithmetic of these tests obvious:
// business time is wall-clock time.
ReviewClockService *makeService(qint64 *now, QObject *parent)
{
    auto *service = new ReviewClockService(CalendarRegistry(), ReviewClock(), parent);
    service->setNowFunction([now] { return *now; });
    return service;
}

EscalationRequest pendingRequest(int n, const QDateTime &requestedAt)
{
    const Case c = Fixtures::makeCase(n, requestedAt);
    EscalationRequest r = Fixtures::makeRequest(n, c, requestedAt);
    r.state = RequestState::Pending;
    r.decision.reset();
    r.requestedAt = requestedAt;
    return r;
}

} // namespace

class TestReviewClockService final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void track_computesStateFromTheTarget_data()
    {
        QTest::addColumn<int>("minutesAgo");
        QTest::addColumn<int>("expected");
        QTest::newRow("just requested") << 0 << int(ClockState::OnTrack);
        QTest::newRow("179 minutes ago") << 179 << int(ClockState::OnTrack);
        QTest::newRow("exactly one hour left") << 180 << int(ClockState::Approaching);
        QTest::newRow("one minute left") << 239 << int(ClockState::Approaching);
        QTest::newRow("at the target") << 240 << int(ClockState::Breached);
        QTest::newRow("a day late") << 240 + 1440 << int(ClockState::Breached);
    }

    void track_computesStateFromTheTarget()
    {
        QFETCH(int, minutesAgo);
        QFETCH(int, expected);
        const QDateTime now = Fixtures::fixedNow();
        qint64 nowMs = now.toMSecsSinceEpoch();
        QObject owner;
        ReviewClockService *service = makeService(&nowMs, &owner);
        const auto entry = service->track(pendingRequest(1, now.addSecs(-60 * minutesAgo)));
        QCOMPARE(int(entry.state), expected);
        QCOMPARE(entry.dueAt, now.addSecs(60 * (240 - minutesAgo)).toSecsSinceEpoch());
        QCOMPARE(service->remainingSeconds(QStringLiteral("E-200001")),
                 qint64(60 * (240 - minutesAgo)));
    }

    void answeredRequest_neverWakes()
    {
        const QDateTime now = Fixtures::fixedNow();
        qint64 nowMs = now.toMSecsSinceEpoch();
        QObject owner;
        ReviewClockService *service = makeService(&nowMs, &owner);
        EscalationRequest r = pendingRequest(2, now.addSecs(-3600));
        r.state = RequestState::Accepted;
        r.decision = Decision {DecisionKind::Accept, QStringLiteral("plan"),
                               QStringLiteral("Maya Fischer"), now.addSecs(-600)};
        QCOMPARE(service->track(r).state, ClockState::Answered);
        QCOMPARE(service->nextWakeAt(), NoInstant);
    }

    void nextWake_isTheEarliestStateChange()
    {
        const QDateTime now = Fixtures::fixedNow();
        qint64 nowMs = now.toMSecsSinceEpoch();
        QObject owner;
        ReviewClockService *service = makeService(&nowMs, &owner);
        service->track(pendingRequest(1, now.addSecs(-60 * 10))); // approaching in 170 min
        service->track(pendingRequest(2, now.addSecs(-60 * 200))); // breaches in 40 min
        service->track(pendingRequest(3, now.addSecs(-60 * 150))); // approaching in 30 min
        QCOMPARE(service->nextWakeAt(), now.addSecs(60 * 30).toSecsSinceEpoch());
        service->untrack(QStringLiteral("E-200003"));
        QCOMPARE(service->nextWakeAt(), now.addSecs(60 * 40).toSecsSinceEpoch());
    }

    void tick_changesOnlyRowsWhoseStateChanged()
    {
        const QDateTime now = Fixtures::fixedNow();
        qint64 nowMs = now.toMSecsSinceEpoch();
        QObject owner;
        ReviewClockService *service = makeService(&nowMs, &owner);
        QueueModel model(service);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Fixtures::Queue queue;
        const int minutesAgo[] = {10, 200, 150, 60, 175};
        for (int i = 0; i < 5; ++i) {
            const auto r = pendingRequest(i, now.addSecs(-60 * minutesAgo[i]));
            queue.requests << r;
            queue.cases.insert(r.caseId, Fixtures::makeCase(i, now));
        }
        model.loadSnapshot(queue.requests, queue.cases);
        SignalRecorder recorder(&model);
        QSignalSpy changed(service, &ReviewClockService::clockStatesChanged);

        // Nothing is due yet: no signal at all.
        nowMs += 60 * 1000;
        service->updateNow();
        QCOMPARE(recorder.text(), QString());

        // Rows 2 (150 min ago) and 4 (175 min ago) turn approaching by +30 min.
        nowMs = now.addSecs(60 * 30).toMSecsSinceEpoch();
        service->updateNow();
        QCOMPARE(recorder.text(), QStringLiteral("changed 2:0-2:1\nchanged 4:0-4:1"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(2, QueueColumn::ClockState).data(QueueRole::ClockStateRole).toInt(),
                 int(ClockState::Approaching));
        QCOMPARE(model.index(0, QueueColumn::ClockState).data(QueueRole::ClockStateRole).toInt(),
                 int(ClockState::OnTrack));

        // Row 1 (200 min ago) breaches at +40 min.
        recorder.clear();
        nowMs = now.addSecs(60 * 40).toMSecsSinceEpoch();
        service->updateNow();
        QCOMPARE(recorder.text(), QStringLiteral("changed 1:0-1:1"));
        QCOMPARE(service->nextWakeAt(), now.addSecs(60 * 65).toSecsSinceEpoch()); // row 4 breaches
    }

    void timer_wakesAtTheNextTransition()
    {
        // Real time: the service's own timer fires; a fake clock that runs at
        // real speed from a fixed origin keeps the instants predictable.
        const QDateTime origin = Fixtures::fixedNow();
        QElapsedTimer elapsed;
        elapsed.start();
        QObject owner;
        auto *service = new ReviewClockService(CalendarRegistry(), ReviewClock(), &owner);
        service->setNowFunction([&] { return origin.toMSecsSinceEpoch() + elapsed.elapsed(); });
        // Approaching when 60 min are left: requested 180 min minus 1 s ago.
        service->track(pendingRequest(1, origin.addSecs(-180 * 60 + 1)));
        QSignalSpy changed(service, &ReviewClockService::clockStatesChanged);
        QVERIFY(changed.wait(30000));
        QVERIFY(elapsed.elapsed() >= 900); // not before the transition; later only if busy
        QCOMPARE(changed.first().first().toStringList(), QStringList {QStringLiteral("E-200001")});
        QCOMPARE(service->entry(QStringLiteral("E-200001")).state, ClockState::Approaching);
    }

    void paused_whileTheCalendarIsClosed_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<bool>("paused");
        QTest::addColumn<qint64>("remaining");
        // Requested Monday 10:00 UTC on a 09:00-17:00 UTC calendar: 240
        // business minutes end Monday 14:00.
        QTest::newRow("monday 11:00, open")
            << QDateTime(QDate(2026, 3, 30), QTime(11, 0), Qt::UTC) << false << qint64(3 * 3600);
        QTest::newRow("monday 13:30, open")
            << QDateTime(QDate(2026, 3, 30), QTime(13, 30), Qt::UTC) << false << qint64(1800);
        QTest::newRow("monday 20:00, closed and overdue")
            << QDateTime(QDate(2026, 3, 30), QTime(20, 0), Qt::UTC) << true << qint64(-3 * 3600);
        QTest::newRow("saturday, closed") << QDateTime(QDate(2026, 4, 4), QTime(11, 0), Qt::UTC)
                                          << true << qint64(-(3 + 4 * 8) * 3600);
    }

    void paused_whileTheCalendarIsClosed()
    {
        QFETCH(QDateTime, now);
        QFETCH(bool, paused);
        QFETCH(qint64, remaining);
        WeeklySchedule week;
        for (int day = 0; day < 5; ++day)
            week[std::size_t(day)] = {WorkInterval {9 * 60, 17 * 60}};
        CalendarRegistry registry;
        registry.insert(BusinessCalendar(QStringLiteral("office"), QStringLiteral("Office"),
                                         QTimeZone::utc(), week));
        registry.setDefaultId(QStringLiteral("office"));
        qint64 nowMs = now.toMSecsSinceEpoch();
        ReviewClockService service(registry, ReviewClock());
        service.setNowFunction([&nowMs] { return nowMs; });
        EscalationRequest r =
            pendingRequest(1, QDateTime(QDate(2026, 3, 30), QTime(10, 0), Qt::UTC));
        r.calendarId = QStringLiteral("office");
        service.track(r);
        QCOMPARE(service.isPaused(r.id), paused);
        QCOMPARE(service.remainingSeconds(r.id), remaining);
    }

    void countdownTick_firesEverySecond()
    {
        QObject owner;
        auto *service = new ReviewClockService(CalendarRegistry(), ReviewClock(), &owner);
        service->track(pendingRequest(1, QDateTime::currentDateTimeUtc()));
        QSignalSpy tick(service, &ReviewClockService::countdownTick);
        QVERIFY(tick.wait(30000));
    }

    void largeQueue_tickTimings()
    {
        // Reports the P4 numbers: computing 100 000 clocks, and one tick in
        // which 1 000 of them change state.
        const QDateTime now = Fixtures::fixedNow();
        qint64 nowMs = now.toMSecsSinceEpoch();
        QObject owner;
        auto *service =
            new ReviewClockService(CalendarRegistry::withBuiltIns(), ReviewClock(), &owner);
        service->setNowFunction([&nowMs] { return nowMs; });
        const auto queue = Fixtures::makeQueue(100000);
        QElapsedTimer timer;
        timer.start();
        for (const auto &r : queue.requests)
            service->track(r);
        qInfo("track 100000 requests: %lld ms", qint64(timer.elapsed()));
        QSignalSpy changed(service, &ReviewClockService::clockStatesChanged);
        const qint64 next = service->nextWakeAt();
        QVERIFY(next != NoInstant);
        nowMs = next * 1000;
        timer.start();
        service->updateNow();
        qInfo("tick at the next transition: %lld us, %d rows changed",
              qint64(timer.nsecsElapsed() / 1000),
              changed.isEmpty() ? 0 : int(changed.first().first().toStringList().size()));
        QCOMPARE(changed.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestReviewClockService)
#include "tst_reviewclockservice.moc"

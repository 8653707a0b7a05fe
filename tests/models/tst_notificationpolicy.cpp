// When the desk notifies: once per request and state (also after a
// restart), never outside the user's working hours — queued notices arrive
// as one summary when work begins — and driven by the review clock.

#include "queuefixtures.h"

#include <notificationpolicy.h>
#include <queuefilter.h>
#include <queuemodel.h>
#include <reviewclockservice.h>
#include <unownedbreachwatch.h>

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Escalation;

namespace {

// Monday to Friday, 09:00-17:00 UTC.
WorkingHours officeHours()
{
    return WorkingHours(0x1f, QTime(9, 0), QTime(17, 0), QTimeZone::utc());
}

QDateTime at(int day, int hour, int minute = 0) // April 2026: the 1st is a Wednesday
{
    return QDateTime(QDate(2026, 4, day), QTime(hour, minute), Qt::UTC);
}

struct Fixture {
    QDateTime now = at(1, 10);
    NotificationPolicy policy;
    QSignalSpy shown {&policy, &NotificationPolicy::notificationReady};

    Fixture()
    {
        policy.setWorkingHours(officeHours());
        policy.setNowFunction([this] { return now; });
        policy.setDescriber(
            [](const QString &id) { return QStringLiteral("Case for %1").arg(id); });
    }
    DeskNotification last() const { return shown.last().at(0).value<DeskNotification>(); }
};

} // namespace

class TestNotificationPolicy final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void workingHours_contains_data()
    {
        QTest::addColumn<QDateTime>("instant");
        QTest::addColumn<bool>("working");
        QTest::newRow("Wednesday mid-morning") << at(1, 10) << true;
        QTest::newRow("at the start") << at(1, 9) << true;
        QTest::newRow("at the end, already off") << at(1, 17) << false;
        QTest::newRow("early morning") << at(1, 7, 59) << false;
        QTest::newRow("Saturday") << at(4, 11) << false;
    }

    void workingHours_contains()
    {
        QFETCH(QDateTime, instant);
        QFETCH(bool, working);
        QCOMPARE(officeHours().contains(instant), working);
    }

    void nightShift_belongsToTheDayItStarts()
    {
        const WorkingHours night(0x01 /* Monday */, QTime(22, 0), QTime(6, 0), QTimeZone::utc());
        QVERIFY(
            night.contains(QDateTime(QDate(2026, 3, 30), QTime(23, 0), Qt::UTC))); // Monday night
        QVERIFY(
            night.contains(QDateTime(QDate(2026, 3, 31), QTime(5, 0), Qt::UTC))); // Tuesday early
        QVERIFY(!night.contains(
            QDateTime(QDate(2026, 3, 30), QTime(5, 0), Qt::UTC))); // Sunday's shift: off
        QCOMPARE(*night.nextStart(at(1, 12)), QDateTime(QDate(2026, 4, 6), QTime(22, 0), Qt::UTC));
    }

    void days_roundTripAndRejectUnknownNames()
    {
        QCOMPARE(WorkingHours::daysToCode(0x1f), QStringLiteral("mon,tue,wed,thu,fri"));
        QCOMPARE(*WorkingHours::daysFromCode(QStringLiteral("Mon, sat")), quint8(0x21));
        QString error;
        QVERIFY(!WorkingHours::daysFromCode(QStringLiteral("mon,funday"), &error));
        QVERIFY2(error.contains(QStringLiteral("funday")), qPrintable(error));
        QVERIFY(!WorkingHours(0, QTime(9, 0), QTime(17, 0)).validate().isEmpty());
        QVERIFY(!WorkingHours(0x1f, QTime(9, 0), QTime(9, 0)).validate().isEmpty());
        QVERIFY(officeHours().validate().isEmpty());
    }

    void sameRequestAndState_notifiesOnce()
    {
        Fixture f;
        f.policy.observe(QStringLiteral("E-1"), ClockState::Approaching);
        f.policy.observe(QStringLiteral("E-1"), ClockState::Approaching);
        QCOMPARE(f.shown.count(), 1);
        QCOMPARE(f.last().requestId, QStringLiteral("E-1"));
        QCOMPARE(f.last().state, ClockState::Approaching);
        QVERIFY(f.last().message.contains(QStringLiteral("Case for E-1")));
        f.policy.observe(QStringLiteral("E-1"), ClockState::Breached);
        f.policy.observe(QStringLiteral("E-1"), ClockState::Breached);
        QCOMPARE(f.shown.count(), 2);
        QCOMPARE(f.last().state, ClockState::Breached);
    }

    void otherStates_neverNotify_data()
    {
        QTest::addColumn<int>("state");
        QTest::newRow("on track") << int(ClockState::OnTrack);
        QTest::newRow("answered") << int(ClockState::Answered);
    }

    void otherStates_neverNotify()
    {
        QFETCH(int, state);
        Fixture f;
        f.policy.observe(QStringLiteral("E-2"), ClockState(state));
        QCOMPARE(f.shown.count(), 0);
        QVERIFY(f.policy.notifiedKeys().isEmpty());
    }

    void quietHours_queueSilentlyAndSummarizeAtTheStartOfWork()
    {
        Fixture f;
        QSignalSpy queued(&f.policy, &NotificationPolicy::queuedChanged);
        f.now = at(1, 19); // Wednesday evening
        QVERIFY(f.policy.isQuietNow());
        f.policy.observe(QStringLiteral("E-3"), ClockState::Approaching);
        f.policy.observe(QStringLiteral("E-4"), ClockState::Breached);
        f.policy.observe(QStringLiteral("E-5"), ClockState::Approaching);
        f.policy.observe(QStringLiteral("E-3"), ClockState::Breached); // replaces E-3's warning
        QCOMPARE(f.shown.count(), 0);
        QCOMPARE(f.policy.queued().size(), 3);
        QCOMPARE(queued.last().at(0).toInt(), 3);

        f.now = at(2, 8, 59);
        f.policy.flushIfWorking();
        QCOMPARE(f.shown.count(), 0);

        f.now = at(2, 9, 0);
        f.policy.flushIfWorking();
        QCOMPARE(f.shown.count(), 1);
        const DeskNotification summary = f.last();
        QCOMPARE(summary.summarizedCount, 3);
        QCOMPARE(summary.requestId, QStringLiteral("E-3")); // the first breach opens on click
        QVERIFY2(summary.message.contains(QStringLiteral("2 missed")), qPrintable(summary.message));
        QVERIFY(f.policy.queued().isEmpty());
        QCOMPARE(queued.last().at(0).toInt(), 0);

        // Already told (in the summary): no second notice during the day.
        f.policy.observe(QStringLiteral("E-4"), ClockState::Breached);
        QCOMPARE(f.shown.count(), 1);
    }

    void restoredKeys_preventRepeatsAfterARestart()
    {
        QStringList keys;
        {
            Fixture f;
            f.policy.observe(QStringLiteral("E-6"), ClockState::Approaching);
            keys = f.policy.notifiedKeys();
        }
        Fixture again;
        again.policy.restoreNotifiedKeys(keys);
        again.policy.observe(QStringLiteral("E-6"), ClockState::Approaching);
        QCOMPARE(again.shown.count(), 0);
        again.policy.observe(QStringLiteral("E-6"), ClockState::Breached);
        QCOMPARE(again.shown.count(), 1);
    }

    void rememberedKeys_areBounded()
    {
        Fixture f;
        for (int i = 0; i < NotificationPolicy::MaxRememberedKeys + 10; ++i)
            f.policy.observe(QStringLiteral("E-%1").arg(i), ClockState::Approaching);
        QCOMPARE(f.policy.notifiedKeys().size(), NotificationPolicy::MaxRememberedKeys);
        QCOMPARE(f.policy.notifiedKeys().constFirst(), QStringLiteral("E-10|approaching"));
    }

    void unownedBreach_tellsATeamLeadOnce_afterTheThreshold()
    {
        // The queue at the fixtures' "now": some requests breached, some of
        // those owned, some answered.
        const QDateTime now = Fixtures::fixedNow();
        qint64 nowMs = now.toMSecsSinceEpoch();
        ReviewClockService clock {CalendarRegistry::withBuiltIns(), ReviewClock()};
        clock.setNowFunction([&nowMs] { return nowMs; });
        QueueModel queue(&clock);
        const Fixtures::Queue data = Fixtures::makeQueue(120);
        queue.loadSnapshot(data.requests, data.cases);

        NotificationPolicy policy;
        policy.setWorkingHours(WorkingHours(0x7f, QTime(0, 0), QTime(23, 59), QTimeZone::utc()));
        qint64 watchNow = now.toSecsSinceEpoch();
        policy.setNowFunction(
            [&watchNow] { return QDateTime::fromSecsSinceEpoch(watchNow, Qt::UTC); });
        QSignalSpy shown(&policy, &NotificationPolicy::notificationReady);
        UnownedBreachWatch watch(&queue, &policy);
        watch.setNowFunction([&watchNow] { return watchNow; });
        watch.setThresholdMinutes(30);

        // What the rows say: breached, pending, nobody's; and since when.
        QHash<QString, QDateTime> candidates;
        for (int row = 0; row < queue.rowCount(); ++row) {
            const QueueFilterSubject s = queue.attributeSubject(row);
            if (s.clock == ClockState::Breached && s.state == RequestState::Pending
                && s.owner.isEmpty())
                candidates.insert(s.requestId.toString(),
                                  queue.index(row, 0).data(QueueRole::DueAtRole).toDateTime());
        }
        // One of them taken meanwhile: never told.
        QVERIFY(candidates.size() > 2);
        QString longest = candidates.cbegin().key(); // breached the longest ago
        for (auto it = candidates.cbegin(); it != candidates.cend(); ++it)
            if (it.value() < candidates.value(longest))
                longest = it.key();
        QVERIFY(candidates.value(longest).secsTo(now) > 30 * 60);
        EscalationRequest taken;
        for (const EscalationRequest &r : data.requests)
            if (r.id == longest)
                taken = r;
        taken.owner = QStringLiteral("Omar Haddad");
        taken.version += 1;
        ChangeSet cs;
        cs.updatedRequests << taken;
        queue.applyChangeSet(cs);
        candidates.remove(taken.id);
        const auto pastThreshold = [&](qint64 at) {
            QSet<QString> ids;
            for (auto it = candidates.cbegin(); it != candidates.cend(); ++it)
                if (it.value().toSecsSinceEpoch() <= at - 30 * 60)
                    ids.insert(it.key());
            return ids;
        };
        const QSet<QString> early = pastThreshold(watchNow);
        const QSet<QString> later = pastThreshold(watchNow + 45 * 60);
        QVERIFY(!early.isEmpty());
        QVERIFY2(later.size() > early.size(), "some breach crosses the threshold later");

        // Disabled (not a team lead's desk): nothing.
        QCOMPARE(watch.check(), 0);
        watch.setEnabled(true); // checks at once
        const auto toldIds = [&] {
            QSet<QString> ids;
            for (const QString &key : policy.notifiedKeys())
                if (key.endsWith(QStringLiteral("|unowned")))
                    ids.insert(key.section(u'|', 0, 0));
            return ids;
        };
        QCOMPARE(toldIds(), early);
        // All of them in one notice, opening the longest waiting.
        QCOMPARE(shown.size(), 1);
        DeskNotification n = shown.last().at(0).value<DeskNotification>();
        QVERIFY(n.unowned);
        QCOMPARE(n.state, ClockState::Breached);
        QCOMPARE(n.summarizedCount, early.size());
        QVERIFY2(n.title.contains(QString::number(early.size())), qPrintable(n.title));
        QVERIFY2(n.message.contains(QStringLiteral("nobody has taken it")), qPrintable(n.message));
        QVERIFY(early.contains(n.requestId));
        for (const QString &id : early)
            QVERIFY(candidates.value(n.requestId) <= candidates.value(id));

        // Later: the ones that crossed since, each told once.
        watchNow += 45 * 60;
        QCOMPARE(watch.check(), later.size());
        watch.check();
        QCOMPARE(toldIds(), later);
        QCOMPARE(shown.size(), 2);
        n = shown.last().at(0).value<DeskNotification>();
        QCOMPARE(std::max(n.summarizedCount, 1), later.size() - early.size());
        QVERIFY(!early.contains(n.requestId));

        // Off again at 0 minutes.
        watch.setThresholdMinutes(0);
        QCOMPARE(watch.check(), 0);
    }

    void handOff_toldOncePerHandOff_andQueuedInQuietHours()
    {
        Fixture f;
        const HandOff first {QStringLiteral("EMEA Platform"), QStringLiteral("APAC Platform"),
                             QStringLiteral("Logs attached."), QStringLiteral("Dana"), at(1, 9)};
        f.policy.observeHandOff(QStringLiteral("E-7"), first);
        QCOMPARE(f.shown.count(), 1);
        QVERIFY(f.last().handedOver);
        QCOMPARE(f.last().requestId, QStringLiteral("E-7"));
        QCOMPARE(f.last().message,
                 QStringLiteral("Case for E-7 was handed from EMEA Platform to APAC Platform by "
                                "Dana: Logs attached."));
        f.policy.observeHandOff(QStringLiteral("E-7"), first); // the same hand-off again
        QCOMPARE(f.shown.count(), 1);
        // Handed back and forth later: a new hand-off, a new notice; at night it waits.
        f.now = at(1, 22);
        HandOff again = first;
        again.at = at(1, 21);
        f.policy.observeHandOff(QStringLiteral("E-7"), again);
        QCOMPARE(f.shown.count(), 1);
        QCOMPARE(f.policy.queued().size(), 1);
        QVERIFY(f.policy.notifiedKeys().contains(
            QStringLiteral("E-7|handoff|%1").arg(at(1, 21).toSecsSinceEpoch())));
    }

    void unownedBreach_waitsForWorkingHours()
    {
        Fixture f;
        f.now = at(1, 19);
        f.policy.observeUnownedBreach(QStringLiteral("E-9"), at(1, 18));
        QCOMPARE(f.shown.count(), 0);
        QCOMPARE(f.policy.queued().size(), 1);
        QVERIFY(f.policy.queued().constFirst().unowned);
        QVERIFY(f.policy.queued().constFirst().message.contains(QStringLiteral("60 min ago")));
        f.policy.observeUnownedBreach(QStringLiteral("E-9"), at(1, 18)); // once
        QCOMPARE(f.policy.queued().size(), 1);
        f.now = at(2, 9);
        f.policy.flushIfWorking();
        QCOMPARE(f.shown.count(), 1);
        QVERIFY(f.policy.notifiedKeys().contains(QStringLiteral("E-9|unowned")));
    }

    void reviewClock_drivesTheNotices()
    {
        Fixture f;
        qint64 nowMs = f.now.toMSecsSinceEpoch();
        f.policy.setNowFunction(
            [&nowMs] { return QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC); });
        ReviewClockService clock {CalendarRegistry(), ReviewClock()};
        clock.setNowFunction([&nowMs] { return nowMs; });
        f.policy.watch(&clock);
        const Case c = Fixtures::makeCase(1, f.now);
        EscalationRequest r = Fixtures::makeRequest(1, c, f.now);
        r.state = RequestState::Pending;
        r.decision.reset();
        r.requestedAt = f.now.addSecs(-170 * 60); // approaching in 10 minutes
        clock.track(r);
        nowMs += 10 * 60 * 1000;
        clock.updateNow();
        QCOMPARE(f.shown.count(), 1);
        QCOMPARE(f.last().state, ClockState::Approaching);
        nowMs += 60 * 60 * 1000;
        clock.updateNow();
        QCOMPARE(f.shown.count(), 2);
        QCOMPARE(f.last().state, ClockState::Breached);
        QCOMPARE(f.last().requestId, r.id);
    }
};

QTEST_GUILESS_MAIN(TestNotificationPolicy)
#include "tst_notificationpolicy.moc"

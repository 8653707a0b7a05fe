#include "clockpauses.h"
#include "reviewclock.h"
#include "slaflags.h"

#include <QStandardPaths>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

// America/New_York, 09:00-17:00 on weekdays.
BusinessCalendar officeCalendar()
{
    WeeklySchedule week;
    for (int d = 0; d < 5; ++d)
        week[std::size_t(d)] = {WorkInterval {9 * 60, 17 * 60}};
    return BusinessCalendar(u"office"_s, u"Office"_s, QTimeZone("America/New_York"), week);
}

qint64 at(const char *iso)
{
    const QDateTime dt = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    if (!dt.isValid())
        qFatal("bad instant in test: %s", iso);
    return dt.toSecsSinceEpoch();
}

QString iso(qint64 s)
{
    return s == NoInstant ? u"never"_s
                          : QDateTime::fromSecsSinceEpoch(s, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

// The review clock: due = requested + 4 business hours, approaching when the
// threshold of business time is left, breached at due, answered when decided;
// and the team lead's SLA flags.
class TestReviewClock final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void times_dueAndApproachingOnBusinessTime_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("approaching");
        QTest::addColumn<QString>("due");
        QTest::newRow("morning_sameDay") << u"2026-03-04T10:00:00-05:00"_s
                                         << u"2026-03-04T18:00:00Z"_s << u"2026-03-04T19:00:00Z"_s;
        QTest::newRow("afternoon_dueNextMorning")
            << u"2026-03-04T16:00:00-05:00"_s << u"2026-03-05T16:00:00Z"_s
            << u"2026-03-05T17:00:00Z"_s;
        QTest::newRow("approachingAtClosing")
            << u"2026-03-04T14:00:00-05:00"_s << u"2026-03-04T22:00:00Z"_s
            << u"2026-03-05T15:00:00Z"_s;
        QTest::newRow("overWeekendAndSpringForward")
            << u"2026-03-06T16:30:00-05:00"_s << u"2026-03-09T15:30:00Z"_s
            << u"2026-03-09T16:30:00Z"_s;
        QTest::newRow("requestedAtNight") << u"2026-03-04T22:00:00-05:00"_s
                                          << u"2026-03-05T17:00:00Z"_s << u"2026-03-05T18:00:00Z"_s;
    }

    void times_dueAndApproachingOnBusinessTime()
    {
        QFETCH(QString, requested);
        QFETCH(QString, approaching);
        QFETCH(QString, due);
        const ReviewClock clock;
        const ReviewTimes t = clock.times(
            officeCalendar(), QDateTime::fromString(requested, Qt::ISODate).toSecsSinceEpoch());
        QCOMPARE(iso(t.approachingAt), approaching);
        QCOMPARE(iso(t.dueAt), due);
        QCOMPARE(ReviewClock::remainingBusinessSeconds(officeCalendar(), t, t.approachingAt),
                 60 * 60);
        QCOMPARE(ReviewClock::remainingBusinessSeconds(officeCalendar(), t, t.dueAt), 0);
    }

    void stateAt_movesThroughStates_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<QString>("answered");
        QTest::addColumn<ClockState>("state");
        QTest::addColumn<QString>("next");
        QTest::addColumn<qint64>("remainingMinutes");
        // Requested 2026-03-04 10:00 EST (15:00Z): approaching 18:00Z, due 19:00Z.
        QTest::newRow("atRequest_onTrack")
            << u"2026-03-04T15:00:00Z"_s << QString() << ClockState::OnTrack
            << u"2026-03-04T18:00:00Z"_s << qint64(240);
        QTest::newRow("secondBeforeApproaching")
            << u"2026-03-04T17:59:59Z"_s << QString() << ClockState::OnTrack
            << u"2026-03-04T18:00:00Z"_s << qint64(60);
        QTest::newRow("atApproaching")
            << u"2026-03-04T18:00:00Z"_s << QString() << ClockState::Approaching
            << u"2026-03-04T19:00:00Z"_s << qint64(60);
        QTest::newRow("secondBeforeDue")
            << u"2026-03-04T18:59:59Z"_s << QString() << ClockState::Approaching
            << u"2026-03-04T19:00:00Z"_s << qint64(0);
        QTest::newRow("atDue_breached") << u"2026-03-04T19:00:00Z"_s << QString()
                                        << ClockState::Breached << u"never"_s << qint64(0);
        QTest::newRow("overdue_negativeRemaining")
            << u"2026-03-04T19:30:00Z"_s << QString() << ClockState::Breached << u"never"_s
            << qint64(-30);
        QTest::newRow("overdueOvernight_countsBusinessTime")
            << u"2026-03-05T15:00:00Z"_s << QString() << ClockState::Breached << u"never"_s
            << qint64(-240);
        QTest::newRow("answeredLater_beforeAnswer")
            << u"2026-03-04T18:10:00Z"_s << u"2026-03-04T18:30:00Z"_s << ClockState::Approaching
            << u"2026-03-04T18:30:00Z"_s << qint64(50);
        QTest::newRow("answered_clockStops")
            << u"2026-03-04T18:30:00Z"_s << u"2026-03-04T18:30:00Z"_s << ClockState::Answered
            << u"never"_s << qint64(30);
        QTest::newRow("answered_remainingFrozen")
            << u"2026-03-05T18:30:00Z"_s << u"2026-03-04T18:30:00Z"_s << ClockState::Answered
            << u"never"_s << qint64(30);
        QTest::newRow("answeredAfterBreach")
            << u"2026-03-04T19:10:00Z"_s << u"2026-03-04T19:20:00Z"_s << ClockState::Breached
            << u"2026-03-04T19:20:00Z"_s << qint64(-10);
    }

    void stateAt_movesThroughStates()
    {
        QFETCH(QString, now);
        QFETCH(QString, answered);
        QFETCH(ClockState, state);
        QFETCH(QString, next);
        QFETCH(qint64, remainingMinutes);
        const BusinessCalendar cal = officeCalendar();
        const qint64 answeredAt = answered.isEmpty()
            ? NoInstant
            : QDateTime::fromString(answered, Qt::ISODate).toSecsSinceEpoch();
        const ReviewTimes t = ReviewClock().times(cal, at("2026-03-04T15:00:00Z"), answeredAt);
        const qint64 nowSecs = QDateTime::fromString(now, Qt::ISODate).toSecsSinceEpoch();
        QCOMPARE(t.stateAt(nowSecs), state);
        QCOMPARE(iso(t.nextStateChangeAt(nowSecs)), next);
        QCOMPARE(ReviewClock::remainingBusinessSeconds(cal, t, nowSecs) / 60, remainingMinutes);
        // The state really is constant until the announced change.
        const qint64 change = t.nextStateChangeAt(nowSecs);
        if (change != NoInstant) {
            QCOMPARE(t.stateAt(change - 1), state);
            QVERIFY(t.stateAt(change) != state);
        }
    }

    void threshold_asDurationOrShare_data()
    {
        QTest::addColumn<int>("target");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<double>("share"); // < 0: use minutes
        QTest::addColumn<QString>("approaching");
        QTest::newRow("default60") << 240 << 60 << -1.0 << u"2026-03-04T18:00:00Z"_s;
        QTest::newRow("duration90") << 240 << 90 << -1.0 << u"2026-03-04T17:30:00Z"_s;
        QTest::newRow("shareHalf") << 240 << 60 << 0.5 << u"2026-03-04T17:00:00Z"_s;
        QTest::newRow("shareZero_noWarningPhase") << 240 << 60 << 0.0 << u"2026-03-04T19:00:00Z"_s;
        QTest::newRow("thresholdAboveTarget_clamped")
            << 240 << 500 << -1.0 << u"2026-03-04T15:00:00Z"_s;
        QTest::newRow("otherTarget") << 120 << 30 << -1.0 << u"2026-03-04T16:30:00Z"_s;
    }

    void threshold_asDurationOrShare()
    {
        QFETCH(int, target);
        QFETCH(int, minutes);
        QFETCH(double, share);
        QFETCH(QString, approaching);
        ReviewTarget settings;
        settings.targetBusinessMinutes = target;
        settings.approachingBusinessMinutes = minutes;
        if (share >= 0)
            settings.approachingShare = share;
        const ReviewTimes t =
            ReviewClock(settings).times(officeCalendar(), at("2026-03-04T15:00:00Z"));
        QCOMPARE(iso(t.approachingAt), approaching);
        QCOMPARE(t.dueAt, officeCalendar().addBusinessMinutes(at("2026-03-04T15:00:00Z"), target));
    }

    void times_forRequest_usesItsCalendarOrFlagsFallback()
    {
        const CalendarRegistry registry = CalendarRegistry::withBuiltIns();
        EscalationRequest r;
        r.requestedAt = QDateTime::fromString(u"2026-03-04T10:00:00+01:00"_s, Qt::ISODate);
        r.calendarId = u"emea"_s;
        const ReviewClock clock;
        const ReviewTimes emea = clock.times(r, registry);
        QVERIFY(!emea.calendarFallback);
        // EMEA: 08:00-12:00, 13:00-17:30 Berlin: 10:00 + 240 min = 15:00 CET.
        QCOMPARE(iso(emea.dueAt), u"2026-03-04T14:00:00Z"_s);
        QCOMPARE(emea.answeredAt, NoInstant);
        r.calendarId = u"mars"_s;
        const ReviewTimes fallback = clock.times(r, registry);
        QVERIFY(fallback.calendarFallback);
        QCOMPARE(fallback.dueAt,
                 registry.find(u"americas"_s)
                     .calendar.addBusinessMinutes(r.requestedAt.toSecsSinceEpoch(), 240));
    }

    // Waiting on the requester across a weekend and the start of summer
    // time, on EMEA (Berlin; Friday 08:00-12:00, 13:00-16:00; Monday
    // 08:00-12:00, 13:00-17:30), worked out by hand:
    // raised Friday 27 March 13:30 CET; 30 min count until the question at
    // 14:00 CET; the requester answers Monday 30 March 10:00 CEST, so the
    // wait keeps 120 (Friday) + 120 (Monday) business minutes from the
    // clock. The other 210 minutes count Monday 10:00-12:00 and 13:00-14:30
    // CEST: due 14:30 CEST (12:30Z), approaching with 60 left at 13:30 CEST.
    // Without the wait it would have been due Monday 09:30 CEST (07:30Z).
    EscalationRequest waitingRequest(bool answered)
    {
        EscalationRequest r;
        r.id = u"E-1"_s;
        r.calendarId = u"emea"_s;
        r.requestedAt = QDateTime::fromString(u"2026-03-27T12:30:00Z"_s, Qt::ISODate);
        WaitingPeriod w;
        w.question = u"Which nodes fail?"_s;
        w.askedBy = u"Dana"_s;
        w.from = QDateTime::fromString(u"2026-03-27T13:00:00Z"_s, Qt::ISODate);
        if (answered)
            w.until = QDateTime::fromString(u"2026-03-30T08:00:00Z"_s, Qt::ISODate);
        r.waits = {w};
        return r;
    }

    void wait_pausesTheClockAcrossAWeekend()
    {
        const CalendarRegistry registry = CalendarRegistry::withBuiltIns();
        const ReviewClock clock;
        EscalationRequest plain = waitingRequest(true);
        plain.waits.clear();
        QCOMPARE(iso(clock.times(plain, registry).dueAt), u"2026-03-30T07:30:00Z"_s);

        const ReviewTimes answered = clock.times(waitingRequest(true), registry);
        QCOMPARE(iso(answered.dueAt), u"2026-03-30T12:30:00Z"_s);
        QCOMPARE(iso(answered.approachingAt), u"2026-03-30T11:30:00Z"_s);
        QCOMPARE(answered.waitingSince, NoInstant);
        QCOMPARE(answered.stateAt(at("2026-03-30T09:00:00Z")), ClockState::OnTrack);
        QCOMPARE(answered.stateAt(at("2026-03-30T11:45:00Z")), ClockState::Approaching);
        QCOMPARE(answered.stateAt(at("2026-03-30T12:30:00Z")), ClockState::Breached);
        const BusinessCalendar emea = registry.find(u"emea"_s).calendar;
        QCOMPARE(ReviewClock::remainingBusinessSeconds(emea, answered, at("2026-03-30T08:00:00Z")),
                 210 * 60);

        // Still waiting on Saturday: the clock stands still with 210 min left.
        const ReviewTimes waiting = clock.times(waitingRequest(false), registry);
        QCOMPARE(waiting.dueAt, NoInstant);
        QCOMPARE(iso(waiting.waitingSince), u"2026-03-27T13:00:00Z"_s);
        QCOMPARE(waiting.stateAt(at("2026-03-27T12:45:00Z")), ClockState::OnTrack);
        QCOMPARE(waiting.stateAt(at("2026-03-28T10:00:00Z")), ClockState::Waiting);
        QCOMPARE(waiting.stateAt(at("2026-04-06T10:00:00Z")), ClockState::Waiting);
        QCOMPARE(iso(waiting.nextStateChangeAt(at("2026-03-27T12:45:00Z"))),
                 u"2026-03-27T13:00:00Z"_s);
        QCOMPARE(ReviewClock::remainingBusinessSeconds(emea, waiting, at("2026-03-30T15:00:00Z")),
                 210 * 60);
    }

    // A request that breached before anyone asked stays breached.
    void wait_afterTheBreach_staysBreached()
    {
        EscalationRequest r = waitingRequest(false);
        r.waits.first().from = QDateTime::fromString(u"2026-03-30T09:00:00Z"_s, Qt::ISODate);
        const ReviewTimes t = ReviewClock().times(r, CalendarRegistry::withBuiltIns());
        QCOMPARE(iso(t.dueAt), u"2026-03-30T07:30:00Z"_s);
        QCOMPARE(t.stateAt(at("2026-03-30T10:00:00Z")), ClockState::Breached);
    }

    // Explain lists the counted intervals with the wait cut out, and the wait.
    void wait_explainedAsSegments()
    {
        const CalendarRegistry registry = CalendarRegistry::withBuiltIns();
        const BusinessCalendar emea = registry.find(u"emea"_s).calendar;
        const EscalationRequest r = waitingRequest(true);
        const DeadlineExplanation e = explainWithPauses(emea, r.requestedAt.toSecsSinceEpoch(), 240,
                                                        pausesOf(r), at("2026-03-31T00:00:00Z"));
        QCOMPARE(iso(e.deadline), u"2026-03-30T12:30:00Z"_s);
        QCOMPARE(e.intervals.size(), 3);
        QCOMPARE(iso(e.intervals[0].utcStart), u"2026-03-27T12:30:00Z"_s);
        QCOMPARE(iso(e.intervals[0].utcEnd), u"2026-03-27T13:00:00Z"_s);
        QCOMPARE(iso(e.intervals[1].utcStart), u"2026-03-30T08:00:00Z"_s);
        QCOMPARE(iso(e.intervals[1].utcEnd), u"2026-03-30T10:00:00Z"_s);
        QCOMPARE(e.intervals[1].cumulativeSeconds, 150 * 60);
        QCOMPARE(iso(e.intervals[2].utcEnd), u"2026-03-30T12:30:00Z"_s);
        QCOMPARE(e.intervals[2].cumulativeSeconds, 240 * 60);
        QCOMPARE(e.pauses.size(), 1);
        QCOMPARE(e.pauses[0].businessSeconds, 240 * 60);
        const QString text = e.toText();
        QVERIFY2(text.contains(u"Waiting on the requester from 2026-03-27T13:00:00Z to "
                               "2026-03-30T08:00:00Z"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"240 business min not counted"_s), qPrintable(text));
        QVERIFY(text.contains(u"Deadline: 2026-03-30T12:30:00Z"_s));

        const EscalationRequest open = waitingRequest(false);
        const DeadlineExplanation still =
            explainWithPauses(emea, open.requestedAt.toSecsSinceEpoch(), 240, pausesOf(open),
                              at("2026-03-30T09:00:00Z"));
        QCOMPARE(still.deadline, NoInstant);
        QCOMPARE(still.secondsLeftWhenWaiting, 210 * 60);
        // Friday 120 + Monday 08:00-11:00 CEST 180 so far.
        QCOMPARE(still.pauses[0].businessSeconds, 300 * 60);
        QVERIFY2(still.toText().contains(u"Deadline: none while waiting on the requester; 210 "
                                         "business min left"_s),
                 qPrintable(still.toText()));
    }

    void answeredAtOf_decisionOrLeavingTheQueue()
    {
        EscalationRequest r;
        r.requestedAt = QDateTime::fromSecsSinceEpoch(1000, Qt::UTC);
        QCOMPARE(ReviewClock::answeredAtOf(r), NoInstant);
        r.state = RequestState::Superseded;
        r.updatedAt = QDateTime::fromSecsSinceEpoch(5000, Qt::UTC);
        QCOMPARE(ReviewClock::answeredAtOf(r), 5000);
        r.state = RequestState::Accepted;
        r.decision = Decision {DecisionKind::Accept, u"plan"_s, u"Max"_s,
                               QDateTime::fromSecsSinceEpoch(3000, Qt::UTC)};
        QCOMPARE(ReviewClock::answeredAtOf(r), 3000);
    }

    void clockState_codesAndNames()
    {
        QCOMPARE(toCode(ClockState::OnTrack), u"on_track"_s);
        QCOMPARE(toCode(ClockState::Breached), u"breached"_s);
        QCOMPARE(displayName(ClockState::Approaching), u"Approaching"_s);
        QCOMPARE(toCode(ClockState::Waiting), u"waiting"_s);
        QCOMPARE(displayName(ClockState::Waiting), u"Waiting"_s);
    }

    void slaFlags_firstResponseAndSilence_data()
    {
        QTest::addColumn<int>("severity");
        QTest::addColumn<SupportTier>("tier");
        QTest::addColumn<QString>("firstResponse");
        QTest::addColumn<QString>("lastSupportUpdate");
        QTest::addColumn<QString>("now");
        QTest::addColumn<bool>("firstResponseMissed");
        QTest::addColumn<bool>("updateOverdue");
        // Created 2026-03-02T08:00Z. Premium S2: first response 60 min; S2 silence 24 h.
        QTest::newRow("answeredInTime")
            << 2 << SupportTier::Premium << u"2026-03-02T08:59:00Z"_s << u"2026-03-02T08:59:00Z"_s
            << u"2026-03-02T12:00:00Z"_s << false << false;
        QTest::newRow("answeredExactlyAtTarget")
            << 2 << SupportTier::Premium << u"2026-03-02T09:00:00Z"_s << QString()
            << u"2026-03-02T12:00:00Z"_s << false << false;
        QTest::newRow("answeredLate") << 2 << SupportTier::Premium << u"2026-03-02T09:01:00Z"_s
                                      << QString() << u"2026-03-02T12:00:00Z"_s << true << false;
        QTest::newRow("notYetAnswered_stillInTime")
            << 2 << SupportTier::Premium << QString() << QString() << u"2026-03-02T08:30:00Z"_s
            << false << false;
        QTest::newRow("notYetAnswered_late") << 2 << SupportTier::Premium << QString() << QString()
                                             << u"2026-03-02T09:01:00Z"_s << true << false;
        QTest::newRow("standardS2_has4Hours")
            << 2 << SupportTier::Standard << QString() << QString() << u"2026-03-02T11:59:00Z"_s
            << false << false;
        QTest::newRow("silenceExactlyAtLimit")
            << 2 << SupportTier::Premium << u"2026-03-02T08:30:00Z"_s << u"2026-03-02T10:00:00Z"_s
            << u"2026-03-03T10:00:00Z"_s << false << false;
        QTest::newRow("silenceOverLimit")
            << 2 << SupportTier::Premium << u"2026-03-02T08:30:00Z"_s << u"2026-03-02T10:00:00Z"_s
            << u"2026-03-03T10:01:00Z"_s << false << true;
        QTest::newRow("neverUpdated_countsFromCreation")
            << 4 << SupportTier::Standard << QString() << QString() << u"2026-03-07T08:01:00Z"_s
            << true << true;
        QTest::newRow("S4_fiveDaysAllowed")
            << 4 << SupportTier::Standard << u"2026-03-02T09:00:00Z"_s << u"2026-03-02T09:00:00Z"_s
            << u"2026-03-07T08:59:00Z"_s << false << false;
    }

    void slaFlags_firstResponseAndSilence()
    {
        QFETCH(int, severity);
        QFETCH(SupportTier, tier);
        QFETCH(QString, firstResponse);
        QFETCH(QString, lastSupportUpdate);
        QFETCH(QString, now);
        QFETCH(bool, firstResponseMissed);
        QFETCH(bool, updateOverdue);
        Case c;
        c.severity = *severityFromInt(severity);
        c.tier = tier;
        c.createdAt = QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC);
        c.firstResponseAt = QDateTime::fromString(firstResponse, Qt::ISODate);
        c.lastSupportUpdateAt = QDateTime::fromString(lastSupportUpdate, Qt::ISODate);
        const SlaFlags flags =
            evaluateSlaFlags(c, QDateTime::fromString(now, Qt::ISODate), PolicyConfig());
        QCOMPARE(flags.firstResponseMissed, firstResponseMissed);
        QCOMPARE(flags.supportUpdateOverdue, updateOverdue);
        QCOMPARE(flags.any(), firstResponseMissed || updateOverdue);
    }

    void slaFlags_followConfiguration()
    {
        Case c;
        c.severity = Severity::S3;
        c.tier = SupportTier::Premium;
        c.createdAt = QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC);
        PolicyConfig config;
        config.firstResponseTargetMinutes[0][2] = 10;
        config.supportUpdateMaxHours[2] = 1;
        const SlaFlags flags = evaluateSlaFlags(c, c.createdAt.addSecs(11 * 60), config);
        QVERIFY(flags.firstResponseMissed);
        QVERIFY(!flags.supportUpdateOverdue);
        QCOMPARE(flags.supportUpdateDueAt, c.createdAt.addSecs(3600));
    }
};

QTEST_GUILESS_MAIN(TestReviewClock)
#include "tst_reviewclock.moc"

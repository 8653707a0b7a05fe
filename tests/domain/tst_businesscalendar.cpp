#include "businesscalendar.h"
#include "calendarregistry.h"
#include "naivebusinesswalk.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

// Named test calendars in the file format users write.
QByteArray calendarJson(const QString &name)
{
    static const QHash<QString, QByteArray> calendars = {
        {u"ny9to5"_s, R"({"name":"NY","timeZone":"America/New_York","week":{
            "monday":["09:00-17:00"],"tuesday":["09:00-17:00"],"wednesday":["09:00-17:00"],
            "thursday":["09:00-17:00"],"friday":["09:00-17:00"]},
            "holidays":["12-25","01-01","2026-07-03"]})"},
        {u"ny247"_s, R"({"timeZone":"America/New_York","week":{
            "monday":["00:00-24:00"],"tuesday":["00:00-24:00"],"wednesday":["00:00-24:00"],
            "thursday":["00:00-24:00"],"friday":["00:00-24:00"],"saturday":["00:00-24:00"],
            "sunday":["00:00-24:00"]}})"},
        {u"nynight"_s, R"({"timeZone":"America/New_York","week":{
            "monday":["01:00-03:00"],"tuesday":["01:00-03:00"],"wednesday":["01:00-03:00"],
            "thursday":["01:00-03:00"],"friday":["01:00-03:00"],"saturday":["01:00-03:00"],
            "sunday":["01:00-03:00"]}})"},
        {u"berlinSplit"_s, R"({"timeZone":"Europe/Berlin","week":{
            "monday":["08:00-12:00","13:00-17:00"],"tuesday":["13:00-17:00","08:00-12:00"],
            "wednesday":["08:00-12:00","13:00-17:00"],"thursday":["08:00-12:00","13:00-17:00"],
            "friday":["08:00-12:00","13:00-17:00"]},
            "holidays":["2026-12-21","2026-12-22","2026-12-23","2026-12-24","2026-12-25",
                        "2026-12-28","2026-12-29","2026-12-30","2026-12-31","2027-01-01",
                        "2027-01-04","2027-01-05","2027-01-06","2027-01-07","2027-01-08"]})"},
        {u"berlinNight"_s, R"({"timeZone":"Europe/Berlin","week":{
            "monday":["00:00-02:00","22:00-24:00"],"tuesday":["00:00-02:00","22:00-24:00"],
            "wednesday":["00:00-02:00","22:00-24:00"],"thursday":["00:00-02:00","22:00-24:00"],
            "friday":["00:00-02:00","22:00-24:00"],"saturday":["00:00-02:00","22:00-24:00"],
            "sunday":["00:00-02:00","22:00-24:00"]}})"},
        {u"kolkata"_s, R"({"timeZone":"Asia/Kolkata","week":{
            "monday":["09:00-18:00"],"tuesday":["09:00-18:00"],"wednesday":["09:00-18:00"],
            "thursday":["09:00-18:00"],"friday":["09:00-18:00"]}})"},
    };
    return calendars.value(name);
}

BusinessCalendar testCalendar(const QString &name)
{
    QStringList errors;
    const auto calendar =
        BusinessCalendar::fromJson(calendarJson(name), name + u".json"_s, &errors);
    if (!calendar)
        qFatal("test calendar %s does not load: %s", qPrintable(name),
               qPrintable(errors.join(u'\n')));
    return *calendar;
}

qint64 secs(const char *iso)
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

// Random calendars for the property test: split shifts, 24:00 ends, whole
// days, empty days, yearly and one-off holidays, long holiday runs, and
// zones with DST at odd hours, half-hour DST, and non-hour offsets.
BusinessCalendar randomCalendar(QRandomGenerator &rng, int serial)
{
    static const QList<QByteArray> zones = {"UTC",
                                            "Europe/Berlin",
                                            "America/New_York",
                                            "Asia/Kolkata",
                                            "Australia/Lord_Howe",
                                            "America/Santiago",
                                            "Asia/Kathmandu",
                                            "Pacific/Chatham",
                                            "America/St_Johns",
                                            "Europe/London",
                                            "America/Havana"};
    WeeklySchedule week;
    bool any = false;
    while (!any) {
        for (auto &day : week) {
            day.clear();
            const int kind = rng.bounded(100);
            if (kind < 20)
                continue;
            if (kind < 32) {
                day.append({0, 1440});
            } else {
                const int pieces = 1 + rng.bounded(3);
                QList<int> bounds;
                while (bounds.size() < pieces * 2) {
                    const bool grid = rng.bounded(2) == 0;
                    const int b = grid ? rng.bounded(97) * 15 : rng.bounded(1441);
                    if (!bounds.contains(b))
                        bounds.append(b);
                }
                std::sort(bounds.begin(), bounds.end());
                for (int i = 0; i < pieces; ++i)
                    day.append({bounds[2 * i], bounds[2 * i + 1]});
            }
            any = true;
        }
    }
    QList<Holiday> holidays;
    for (int i = rng.bounded(5); i > 0; --i) {
        const QDate d = QDate(2000, 1, 1).addDays(rng.bounded(366));
        holidays.append({0, d.month(), d.day()});
    }
    for (int i = rng.bounded(12); i > 0; --i) {
        const QDate d = QDate(2020, 1, 1).addDays(rng.bounded(11 * 365));
        holidays.append({d.year(), d.month(), d.day()});
    }
    if (rng.bounded(4) == 0) { // a long run, e.g. a company shutdown
        const QDate first = QDate(2020, 1, 1).addDays(rng.bounded(11 * 365));
        for (int i = 0, n = 7 + rng.bounded(20); i < n; ++i) {
            const QDate d = first.addDays(i);
            holidays.append({d.year(), d.month(), d.day()});
        }
    }
    return BusinessCalendar(u"random%1"_s.arg(serial), u"random"_s,
                            QTimeZone(zones[rng.bounded(int(zones.size()))]), week, holidays);
}

QString describe(const BusinessCalendar &c)
{
    static const char *days[] = {"mo", "tu", "we", "th", "fr", "sa", "su"};
    QString text = QString::fromUtf8(c.timeZone().id());
    for (int d = 0; d < 7; ++d) {
        text += u' ' + QLatin1StringView(days[d]) + u'[';
        for (const auto &i : c.week()[std::size_t(d)])
            text += u"%1-%2,"_s.arg(i.startMinute).arg(i.endMinute);
        text += u']';
    }
    for (const auto &h : c.holidays())
        text += u' ' + h.toString();
    return text;
}

qint64 weeklyMinutes(const BusinessCalendar &c)
{
    qint64 total = 0;
    for (const auto &day : c.week())
        for (const auto &i : day)
            total += i.endMinute - i.startMinute;
    return total;
}

} // namespace

// The business calendar must be exactly right: every deadline of the app
// runs on it. Hand-computed cases cover the edges; a property test compares
// it against a minute-by-minute walk on random calendars.
class TestBusinessCalendar final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void addBusinessMinutes_matchesHandComputedDeadline_data()
    {
        QTest::addColumn<QString>("calendar");
        QTest::addColumn<QString>("start");
        QTest::addColumn<qint64>("minutes");
        QTest::addColumn<QString>("expected");

        // America/New_York, 09:00-17:00 on weekdays.
        QTest::newRow("endOfDay_240From1300_is1700SameDay")
            << u"ny9to5"_s << u"2026-03-04T13:00:00-05:00"_s << qint64(240)
            << u"2026-03-04T22:00:00Z"_s;
        QTest::newRow("zeroMinutes_outsideHours_isNextOpening")
            << u"ny9to5"_s << u"2026-03-04T20:00:00-05:00"_s << qint64(0)
            << u"2026-03-05T14:00:00Z"_s;
        QTest::newRow("zeroMinutes_insideHours_isStart")
            << u"ny9to5"_s << u"2026-03-04T13:00:00-05:00"_s << qint64(0)
            << u"2026-03-04T18:00:00Z"_s;
        QTest::newRow("zeroMinutes_atClosing_isNextOpening")
            << u"ny9to5"_s << u"2026-03-04T17:00:00-05:00"_s << qint64(0)
            << u"2026-03-05T14:00:00Z"_s;
        QTest::newRow("zeroMinutes_atOpening_isOpening")
            << u"ny9to5"_s << u"2026-03-04T09:00:00-05:00"_s << qint64(0)
            << u"2026-03-04T14:00:00Z"_s;
        QTest::newRow("wholeDay_fromOpening_endsAtClosing")
            << u"ny9to5"_s << u"2026-03-04T09:00:00-05:00"_s << qint64(480)
            << u"2026-03-04T22:00:00Z"_s;
        QTest::newRow("oneMinuteMore_isNextMorning")
            << u"ny9to5"_s << u"2026-03-04T09:00:00-05:00"_s << qint64(481)
            << u"2026-03-05T14:01:00Z"_s;
        QTest::newRow("beforeOpening_countsFromOpening")
            << u"ny9to5"_s << u"2026-03-04T06:30:00-05:00"_s << qint64(30)
            << u"2026-03-04T14:30:00Z"_s;
        QTest::newRow("fridayAfternoon_overWeekend")
            << u"ny9to5"_s << u"2026-03-13T16:00:00-04:00"_s << qint64(120)
            << u"2026-03-16T14:00:00Z"_s;
        QTest::newRow("saturdayStart_countsFromMonday")
            << u"ny9to5"_s << u"2026-03-14T11:00:00-04:00"_s << qint64(60)
            << u"2026-03-16T14:00:00Z"_s;
        QTest::newRow("secondsKept_overflowToNextDay")
            << u"ny9to5"_s << u"2026-03-04T13:00:30-05:00"_s << qint64(240)
            << u"2026-03-05T14:00:30Z"_s;
        QTest::newRow("weekdayHoliday_isSkipped") << u"ny9to5"_s << u"2026-07-02T16:00:00-04:00"_s
                                                  << qint64(120) << u"2026-07-06T14:00:00Z"_s;
        QTest::newRow("weekendHoliday_changesNothing")
            << u"ny9to5"_s << u"2027-12-24T16:00:00-05:00"_s << qint64(120)
            << u"2027-12-27T15:00:00Z"_s;
        QTest::newRow("yearEnd_newYearHolidaySkipped")
            << u"ny9to5"_s << u"2026-12-31T16:00:00-05:00"_s << qint64(120)
            << u"2027-01-04T15:00:00Z"_s;
        QTest::newRow("springForwardWeekend_NewYork")
            << u"ny9to5"_s << u"2026-03-06T16:00:00-05:00"_s << qint64(120)
            << u"2026-03-09T14:00:00Z"_s;
        QTest::newRow("fallBackWeekend_NewYork") << u"ny9to5"_s << u"2026-10-30T16:00:00-04:00"_s
                                                 << qint64(120) << u"2026-11-02T15:00:00Z"_s;
        QTest::newRow("moreThan60Days_50BusinessDays")
            << u"ny9to5"_s << u"2026-03-02T09:00:00-05:00"_s << qint64(480 * 50)
            << u"2026-05-08T21:00:00Z"_s;
        QTest::newRow("moreThan60Days_plusOneMinute")
            << u"ny9to5"_s << u"2026-03-02T09:00:00-05:00"_s << qint64(480 * 50 + 1)
            << u"2026-05-11T13:01:00Z"_s;
        QTest::newRow("twoYearsOut") << u"ny247"_s << u"2026-01-01T00:00:00Z"_s
                                     << qint64(2 * 365 * 1440) << u"2028-01-01T00:00:00Z"_s;

        // Around the clock: business time is real elapsed time, across DST.
        QTest::newRow("allDay_acrossSpringForward_isRealTime")
            << u"ny247"_s << u"2026-03-07T23:00:00-05:00"_s << qint64(240)
            << u"2026-03-08T08:00:00Z"_s;
        QTest::newRow("allDay_acrossFallBack_isRealTime")
            << u"ny247"_s << u"2026-10-31T23:00:00-04:00"_s << qint64(240)
            << u"2026-11-01T07:00:00Z"_s;

        // Local 01:00-03:00: three real hours on the fall-back night, one on spring-forward.
        QTest::newRow("fallBackNight_intervalHasThreeHours")
            << u"nynight"_s << u"2026-11-01T00:00:00-04:00"_s << qint64(180)
            << u"2026-11-01T08:00:00Z"_s;
        QTest::newRow("fallBackNight_181stMinuteIsNextNight")
            << u"nynight"_s << u"2026-11-01T00:00:00-04:00"_s << qint64(181)
            << u"2026-11-02T06:01:00Z"_s;
        QTest::newRow("fallBackNight_repeatedHourCountsTwice")
            << u"nynight"_s << u"2026-11-01T01:30:00-04:00"_s << qint64(60)
            << u"2026-11-01T06:30:00Z"_s;
        QTest::newRow("springForwardNight_intervalHasOneHour")
            << u"nynight"_s << u"2026-03-08T00:00:00-05:00"_s << qint64(60)
            << u"2026-03-08T07:00:00Z"_s;
        QTest::newRow("springForwardNight_61stMinuteIsNextNight")
            << u"nynight"_s << u"2026-03-08T00:00:00-05:00"_s << qint64(61)
            << u"2026-03-09T05:01:00Z"_s;

        // Europe/Berlin with a lunch break (split shift).
        QTest::newRow("split_startAtLunch_countsFromAfternoon")
            << u"berlinSplit"_s << u"2026-03-03T12:30:00+01:00"_s << qint64(30)
            << u"2026-03-03T12:30:00Z"_s;
        QTest::newRow("split_acrossLunch") << u"berlinSplit"_s << u"2026-03-03T11:30:00+01:00"_s
                                           << qint64(60) << u"2026-03-03T12:30:00Z"_s;
        QTest::newRow("split_endsAtLunchStart_notAfterLunch")
            << u"berlinSplit"_s << u"2026-03-03T11:30:00+01:00"_s << qint64(30)
            << u"2026-03-03T11:00:00Z"_s;
        QTest::newRow("split_zeroAtLunch_isAfternoonOpening")
            << u"berlinSplit"_s << u"2026-03-03T12:00:00+01:00"_s << qint64(0)
            << u"2026-03-03T12:00:00Z"_s;
        QTest::newRow("springForward_Berlin") << u"berlinSplit"_s << u"2026-03-27T16:00:00+01:00"_s
                                              << qint64(120) << u"2026-03-30T07:00:00Z"_s;
        QTest::newRow("fallBack_Berlin") << u"berlinSplit"_s << u"2026-10-23T16:00:00+02:00"_s
                                         << qint64(120) << u"2026-10-26T08:00:00Z"_s;
        QTest::newRow("longHolidayRun_overYearEnd")
            << u"berlinSplit"_s << u"2026-12-18T16:00:00+01:00"_s << qint64(120)
            << u"2027-01-11T08:00:00Z"_s;
        QTest::newRow("night_24:00EndJoinsNextMidnight")
            << u"berlinNight"_s << u"2026-03-07T23:00:00+01:00"_s << qint64(120)
            << u"2026-03-08T00:00:00Z"_s;
        QTest::newRow("night_fallBackHourOutsideIntervals")
            << u"berlinNight"_s << u"2026-10-25T01:00:00+02:00"_s << qint64(120)
            << u"2026-10-25T22:00:00Z"_s;

        // Asia/Kolkata: a half-hour offset, no DST.
        QTest::newRow("kolkata_overnight") << u"kolkata"_s << u"2026-03-02T17:00:00+05:30"_s
                                           << qint64(120) << u"2026-03-03T04:30:00Z"_s;
        QTest::newRow("kolkata_offsetGivenInUtc")
            << u"kolkata"_s << u"2026-03-02T03:30:00Z"_s << qint64(0) << u"2026-03-02T03:30:00Z"_s;
    }

    void addBusinessMinutes_matchesHandComputedDeadline()
    {
        QFETCH(QString, calendar);
        QFETCH(QString, start);
        QFETCH(qint64, minutes);
        QFETCH(QString, expected);
        const BusinessCalendar cal = testCalendar(calendar);
        const QDateTime startAt = QDateTime::fromString(start, Qt::ISODate);
        QVERIFY(startAt.isValid());
        QCOMPARE(cal.addBusinessMinutes(startAt, minutes).toString(Qt::ISODate), expected);
        // The fast path and the QDateTime path agree, and counting back gives N.
        const qint64 deadline = cal.addBusinessMinutes(startAt.toSecsSinceEpoch(), minutes);
        QCOMPARE(iso(deadline), expected);
        QCOMPARE(cal.businessSecondsBetween(startAt.toSecsSinceEpoch(), deadline), minutes * 60);
    }

    void addBusinessMinutes_negativeMinutes_isNoInstant()
    {
        const BusinessCalendar cal = testCalendar(u"ny9to5"_s);
        QCOMPARE(cal.addBusinessMinutes(secs("2026-03-04T13:00:00Z"), -1), NoInstant);
        QVERIFY(!cal.addBusinessMinutes(QDateTime(), 10).isValid());
    }

    void addBusinessMinutes_calendarThatNeverOpens_isNoInstant()
    {
        WeeklySchedule week;
        week[0] = {WorkInterval {540, 600}};
        QList<Holiday> holidays;
        for (QDate d(2026, 1, 1); d.year() < 2040; d = d.addDays(1)) {
            if (d.dayOfWeek() == Qt::Monday)
                holidays.append({d.year(), d.month(), d.day()});
        }
        const BusinessCalendar cal(u"closed"_s, u"closed"_s, QTimeZone("UTC"), week, holidays);
        QCOMPARE(cal.addBusinessMinutes(secs("2026-01-01T00:00:00Z"), 10), NoInstant);
        // After the run of holidays it opens again.
        QCOMPARE(iso(cal.addBusinessMinutes(secs("2039-12-20T00:00:00Z"), 10)),
                 u"2040-01-02T09:10:00Z"_s);
    }

    void businessMinutesBetween_countsOnlyBusinessTime_data()
    {
        QTest::addColumn<QString>("calendar");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("sameDay") << u"ny9to5"_s << u"2026-03-04T10:00:00-05:00"_s
                                 << u"2026-03-04T12:00:00-05:00"_s << qint64(120);
        QTest::newRow("overnight") << u"ny9to5"_s << u"2026-03-04T16:00:00-05:00"_s
                                   << u"2026-03-05T10:00:00-05:00"_s << qint64(120);
        QTest::newRow("reversed_isNegative") << u"ny9to5"_s << u"2026-03-05T10:00:00-05:00"_s
                                             << u"2026-03-04T16:00:00-05:00"_s << qint64(-120);
        QTest::newRow("wholeWeekend_isZero") << u"ny9to5"_s << u"2026-03-07T00:00:00-05:00"_s
                                             << u"2026-03-09T00:00:00-05:00"_s << qint64(0);
        QTest::newRow("fiveWeeks") << u"ny9to5"_s << u"2026-03-02T00:00:00-05:00"_s
                                   << u"2026-04-06T00:00:00-04:00"_s << qint64(25 * 480);
        QTest::newRow("fallBackNight") << u"nynight"_s << u"2026-11-01T00:00:00-04:00"_s
                                       << u"2026-11-01T12:00:00-05:00"_s << qint64(180);
        QTest::newRow("springForwardNight") << u"nynight"_s << u"2026-03-08T00:00:00-05:00"_s
                                            << u"2026-03-08T12:00:00-04:00"_s << qint64(60);
    }

    void businessMinutesBetween_countsOnlyBusinessTime()
    {
        QFETCH(QString, calendar);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(qint64, expected);
        const BusinessCalendar cal = testCalendar(calendar);
        QCOMPARE(cal.businessMinutesBetween(QDateTime::fromString(from, Qt::ISODate),
                                            QDateTime::fromString(to, Qt::ISODate)),
                 expected);
    }

    void randomCalendars_agreeWithMinuteByMinuteWalk()
    {
        QRandomGenerator rng(20260330);
        const qint64 rangeStart = secs("2020-01-01T00:00:00Z");
        const qint64 rangeMinutes = 11LL * 365 * 1440;
        int inputs = 0;
        for (int c = 0; c < 250; ++c) {
            const BusinessCalendar cal = randomCalendar(rng, c);
            EscalationTest::NaiveBusinessWalk naive(cal);
            const qint64 weekly = weeklyMinutes(cal);
            for (int i = 0; i < 40; ++i, ++inputs) {
                const qint64 start = rangeStart + qint64(rng.bounded(quint64(rangeMinutes))) * 60;
                const int kind = rng.bounded(100);
                qint64 minutes = kind < 5 ? 0
                    : kind < 55           ? rng.bounded(601)
                    : kind < 85           ? rng.bounded(3001)
                    : kind < 95           ? qint64(rng.bounded(quint64(weekly * 2 + 1)))
                                          : qint64(rng.bounded(quint64(weekly * 6 + 1)));
                minutes = std::min(minutes, weekly * 6);
                const qint64 expected = naive.addBusinessMinutes(start, minutes);
                const qint64 actual = cal.addBusinessMinutes(start, minutes);
                if (actual != expected) {
                    QFAIL(qPrintable(u"calendar %1: start %2 + %3 min: got %4, walk says %5"_s
                                         .arg(describe(cal), iso(start))
                                         .arg(minutes)
                                         .arg(iso(actual), iso(expected))));
                }
                QCOMPARE(cal.businessMinutesBetween(start, actual), minutes);
                QCOMPARE(cal.isBusinessTime(start), naive.isBusinessMinute(start));
                if (i % 4 == 0) {
                    const qint64 end = start + qint64(rng.bounded(14 * 1440)) * 60;
                    QCOMPARE(cal.businessMinutesBetween(start, end),
                             naive.businessMinutesBetween(start, end));
                }
            }
        }
        QCOMPARE(inputs, 10000);
    }

    void concurrentFirstUse_givesTheSameDeadlines()
    {
        // The week tables are built lazily from several threads at once.
        const BusinessCalendar reference = testCalendar(u"berlinSplit"_s);
        const BusinessCalendar shared = testCalendar(u"berlinSplit"_s);
        QList<qint64> starts;
        for (int i = 0; i < 2000; ++i)
            starts.append(secs("2026-01-01T00:00:00Z") + qint64(i) * 7919 * 60);
        std::vector<std::vector<qint64>> results(4);
        std::vector<std::thread> threads;
        for (std::size_t t = 0; t < results.size(); ++t) {
            threads.emplace_back([&, t] {
                for (const qint64 s : starts)
                    results[t].push_back(shared.addBusinessMinutes(s, 500));
            });
        }
        for (auto &thread : threads)
            thread.join();
        for (const auto &result : results) {
            for (qsizetype i = 0; i < starts.size(); ++i)
                QCOMPARE(result[std::size_t(i)], reference.addBusinessMinutes(starts[i], 500));
        }
    }

    void explain_listsIntervalsHolidaysAndShifts()
    {
        const BusinessCalendar cal = testCalendar(u"ny9to5"_s);
        // Thursday 2026-03-05 16:00 EST; 2026-03-06 is a holiday here only if listed, so use
        // a July run: Thu 07-02 16:00 EDT, Fri 07-03 holiday.
        const DeadlineExplanation e = cal.explain(secs("2026-07-02T20:00:00Z"), 120);
        QCOMPARE(iso(e.deadline), u"2026-07-06T14:00:00Z"_s);
        QCOMPARE(e.intervals.size(), 2);
        QCOMPARE(iso(e.intervals[0].utcStart), u"2026-07-02T20:00:00Z"_s);
        QCOMPARE(iso(e.intervals[0].utcEnd), u"2026-07-02T21:00:00Z"_s);
        QCOMPARE(iso(e.intervals[1].utcStart), u"2026-07-06T13:00:00Z"_s);
        QCOMPARE(e.intervals[1].cumulativeSeconds, 120 * 60);
        QCOMPARE(e.holidaysSkipped, QList<QDate> {QDate(2026, 7, 3)});
        QVERIFY(e.dstShifts.isEmpty());

        const DeadlineExplanation spring = cal.explain(secs("2026-03-06T21:00:00Z"), 120);
        QCOMPARE(spring.dstShifts.size(), 1);
        QCOMPARE(iso(spring.dstShifts[0].at), u"2026-03-08T07:00:00Z"_s);
        QCOMPARE(spring.dstShifts[0].offsetBefore, -5 * 3600);
        QCOMPARE(spring.dstShifts[0].offsetAfter, -4 * 3600);
        const QString text = spring.toText();
        QVERIFY2(text.contains(u"2026-03-06 16:00 UTC-05:00 to 2026-03-06 17:00 UTC-05:00"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"2026-03-09 09:00 UTC-04:00"_s), qPrintable(text));
        QVERIFY2(text.contains(u"2026-03-08T07:00:00Z: UTC-05:00 to UTC-04:00"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"Deadline: 2026-03-09T14:00:00Z"_s), qPrintable(text));
    }

    void load_badFile_errorNamesFileKeyAndExpectation_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected"); // after "<path>: "
        const QByteArray zone = R"("timeZone":"America/New_York")";
        QTest::newRow("reversedInterval")
            << QByteArray(R"({)" + zone + R"(,"week":{"monday":["09:00-12:00","13:00-12:00"]}})")
            << u"week.monday[1]: expected \"HH:MM-HH:MM\" with start before end, got \"13:00-12:00\""_s;
        QTest::newRow("singleDigitHour")
            << QByteArray(R"({)" + zone + R"(,"week":{"friday":["9:00-17:00"]}})")
            << u"week.friday[0]: expected \"HH:MM-HH:MM\" with start before end, got \"9:00-17:00\""_s;
        QTest::newRow("startAt24")
            << QByteArray(R"({)" + zone + R"(,"week":{"friday":["24:00-24:00"]}})")
            << u"week.friday[0]: expected \"HH:MM-HH:MM\" with start before end, got \"24:00-24:00\""_s;
        QTest::newRow("endAfter24")
            << QByteArray(R"({)" + zone + R"(,"week":{"friday":["22:00-24:30"]}})")
            << u"week.friday[0]: expected \"HH:MM-HH:MM\" with start before end, got \"22:00-24:30\""_s;
        QTest::newRow("intervalNotString")
            << QByteArray(R"({)" + zone + R"(,"week":{"friday":[900]}})")
            << u"week.friday[0]: expected \"HH:MM-HH:MM\" with start before end, got 900"_s;
        QTest::newRow("overlap")
            << QByteArray(R"({)" + zone + R"(,"week":{"monday":["09:00-12:00","11:00-13:00"]}})")
            << u"week.monday[1]: expected intervals that do not overlap, but \"11:00-13:00\" overlaps \"09:00-12:00\""_s;
        QTest::newRow("dayNotArray")
            << QByteArray(R"({)" + zone + R"(,"week":{"monday":"09:00-17:00"}})")
            << u"week.monday: expected an array of \"HH:MM-HH:MM\" strings, got \"09:00-17:00\""_s;
        QTest::newRow("unknownDay")
            << QByteArray(R"({)" + zone + R"(,"week":{"monday":["09:00-17:00"],"mondy":[]}})")
            << u"week.mondy: unknown day; expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday"_s;
        QTest::newRow("unknownKey")
            << QByteArray(R"({)" + zone + R"(,"week":{"monday":["09:00-17:00"]},"holiday":[]})")
            << u"holiday: unknown key; expected one of id, name, timeZone, week, holidays, holidayFiles"_s;
        QTest::newRow("unknownZone")
            << QByteArray(R"({"timeZone":"Mars/Olympus","week":{"monday":["09:00-17:00"]}})")
            << u"timeZone: expected an IANA time zone such as \"Europe/Berlin\", got \"Mars/Olympus\""_s;
        QTest::newRow("missingZone")
            << QByteArray(R"({"week":{"monday":["09:00-17:00"]}})")
            << u"timeZone: expected an IANA time zone such as \"Europe/Berlin\", got nothing"_s;
        QTest::newRow("badOneOffDate")
            << QByteArray(
                   R"({)" + zone
                   + R"(,"week":{"monday":["09:00-17:00"]},"holidays":["12-25","2026-02-30"]})")
            << u"holidays[1]: expected a date \"MM-DD\" (yearly) or \"YYYY-MM-DD\" (one-off), got \"2026-02-30\""_s;
        QTest::newRow("badYearlyDate")
            << QByteArray(R"({)" + zone
                          + R"(,"week":{"monday":["09:00-17:00"]},"holidays":["13-01"]})")
            << u"holidays[0]: expected a date \"MM-DD\" (yearly) or \"YYYY-MM-DD\" (one-off), got \"13-01\""_s;
        QTest::newRow("noWorkingTime")
            << QByteArray(R"({)" + zone + R"(,"week":{"monday":[]}})")
            << u"week: expected at least one working interval in the week"_s;
        QTest::newRow("notJson") << QByteArray(R"({"timeZone": )")
                                 << u"expected valid JSON, but at offset"_s;
        QTest::newRow("notObject")
            << QByteArray(R"([1,2])")
            << u"expected a JSON object with the keys name, timeZone, week and holidays"_s;
    }

    void load_badFile_errorNamesFileKeyAndExpectation()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"americas.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();
        QStringList errors;
        QVERIFY(!BusinessCalendar::load(path, &errors));
        QVERIFY2(!errors.isEmpty(), "no error reported");
        const QString full = path + u": "_s + expected;
        QVERIFY2(std::any_of(errors.begin(), errors.end(),
                             [&](const QString &e) { return e.startsWith(full); }),
                 qPrintable(u"expected \"%1\" among:\n%2"_s.arg(full, errors.join(u'\n'))));
    }

    void load_missingFile_namesFile()
    {
        QStringList errors;
        QVERIFY(!BusinessCalendar::load(u"/nonexistent/cal.json"_s, &errors));
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0].startsWith(u"/nonexistent/cal.json: cannot be read"_s));
    }

    void load_validFile_takesIdFromFileName()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"night-shift.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(calendarJson(u"berlinNight"_s));
        file.close();
        QStringList errors;
        const auto cal = BusinessCalendar::load(path, &errors);
        QVERIFY2(cal, qPrintable(errors.join(u'\n')));
        QCOMPARE(cal->id(), u"night-shift"_s);
        QCOMPARE(cal->week()[0], (QList<WorkInterval> {{0, 120}, {1320, 1440}}));
    }

    void icsImport_allDayEventsBecomeHolidays()
    {
        const QByteArray ics =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
            "BEGIN:VEVENT\r\nSUMMARY:Christmas\r\nDTSTART;VALUE=DATE:20261225\r\n"
            "RRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nSUMMARY:Shutdown\r\nDTSTART;VALUE=DATE:20261228\r\n"
            "DTEND;VALUE=DATE:20261231\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nSUMMARY:Meeting\r\nDTSTART:20261110T100000Z\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nSUMMARY:A very long\r\n  folded line\r\nDTSTART;VALUE=DATE:\r\n "
            "20270102\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n";
        QStringList errors;
        const QList<Holiday> holidays =
            BusinessCalendar::parseIcsHolidays(ics, u"h.ics"_s, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(holidays,
                 (QList<Holiday> {
                     {0, 12, 25}, {2026, 12, 28}, {2026, 12, 29}, {2026, 12, 30}, {2027, 1, 2}}));
    }

    void icsImport_badDate_namesFileAndLine()
    {
        const QByteArray ics = "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261341\nEND:VEVENT\n";
        QStringList errors;
        QVERIFY(BusinessCalendar::parseIcsHolidays(ics, u"h.ics"_s, &errors).isEmpty());
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors[0].startsWith(u"h.ics: line 2: expected a date YYYYMMDD"_s),
                 qPrintable(errors[0]));
    }

    void icsImport_referencedFromCalendarFile()
    {
        QTemporaryDir dir;
        QFile ics(dir.filePath(u"holidays.ics"_s));
        QVERIFY(ics.open(QIODevice::WriteOnly));
        ics.write("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260304\nEND:VEVENT\n");
        ics.close();
        QFile json(dir.filePath(u"cal.json"_s));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(
            R"({"timeZone":"America/New_York","week":{"wednesday":["09:00-17:00"],"thursday":["09:00-17:00"]},
                       "holidayFiles":["holidays.ics"]})");
        json.close();
        QStringList errors;
        const auto cal = BusinessCalendar::load(json.fileName(), &errors);
        QVERIFY2(cal, qPrintable(errors.join(u'\n')));
        QVERIFY(cal->isHoliday(QDate(2026, 3, 4)));
        QCOMPARE(iso(cal->addBusinessMinutes(secs("2026-03-04T10:00:00-05:00"), 60)),
                 u"2026-03-05T15:00:00Z"_s);
    }

    void registry_builtInsHaveTheReferencePortalIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QByteArray>("zone");
        QTest::newRow("americas") << u"americas"_s << QByteArray("America/New_York");
        QTest::newRow("emea") << u"emea"_s << QByteArray("Europe/Berlin");
        QTest::newRow("apac") << u"apac"_s << QByteArray("Asia/Kolkata");
    }

    void registry_builtInsHaveTheReferencePortalIds()
    {
        QFETCH(QString, id);
        QFETCH(QByteArray, zone);
        const CalendarRegistry registry = CalendarRegistry::withBuiltIns();
        QVERIFY(registry.contains(id));
        const auto lookup = registry.find(id);
        QVERIFY(!lookup.isFallback);
        QCOMPARE(lookup.calendar.timeZone().id(), zone);
        QVERIFY(!lookup.calendar.holidays().isEmpty());
    }

    void registry_unknownId_fallsBackToDefaultWithFlag()
    {
        const CalendarRegistry registry = CalendarRegistry::withBuiltIns();
        const auto lookup = registry.find(u"antarctica"_s);
        QVERIFY(lookup.isFallback);
        QCOMPARE(lookup.calendar.id(), CalendarRegistry::standardDefaultId());
        QVERIFY(CalendarRegistry().find(u"x"_s).isFallback);
    }

    void registry_userDirectory_overridesAndExtends()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const QByteArray &content) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        };
        write(u"emea.json"_s, calendarJson(u"kolkata"_s)); // replaces the built-in emea
        write(u"nights.json"_s, calendarJson(u"nynight"_s)); // a new one
        write(u"apac.json"_s, "{ broken"); // must not replace the built-in apac
        CalendarRegistry registry = CalendarRegistry::withBuiltIns();
        QStringList errors;
        QCOMPARE(registry.loadDirectory(dir.path(), &errors), 2);
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0].startsWith(dir.filePath(u"apac.json"_s) + u": expected valid JSON"_s));
        QCOMPARE(registry.find(u"emea"_s).calendar.timeZone().id(), QByteArray("Asia/Kolkata"));
        QCOMPARE(registry.find(u"apac"_s).calendar.timeZone().id(), QByteArray("Asia/Kolkata"));
        QCOMPARE(registry.find(u"apac"_s).calendar.name(), u"APAC"_s);
        QVERIFY(registry.contains(u"nights"_s));
        QCOMPARE(registry.ids(), (QStringList {u"americas"_s, u"apac"_s, u"emea"_s, u"nights"_s}));
    }
};

QTEST_GUILESS_MAIN(TestBusinessCalendar)
#include "tst_businesscalendar.moc"

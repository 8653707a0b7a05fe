// Follow-the-sun: which regions are in business hours and when that
// changes, on the built-in calendars, worked out by hand: EMEA's lunch
// break, Easter closing Thursday evening until Tuesday, the Americas across
// the start of daylight saving time, and an always-open calendar.

#include <calendarregistry.h>
#include <regionhours.h>

#include <QTest>
#include <QTimeZone>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

qint64 utc(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), Qt::UTC).toSecsSinceEpoch();
}

BusinessCalendar calendar(const QString &id)
{
    return CalendarRegistry::withBuiltIns().find(id).calendar;
}

} // namespace

class TestRegionHours final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English)); }

    void status_data()
    {
        QTest::addColumn<QString>("calendarId");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<bool>("open");
        QTest::addColumn<qint64>("changesAt");
        QTest::addColumn<QString>("said");
        // Monday 30 March 2026, Berlin on summer time (UTC+2): 11:20 local.
        QTest::newRow("EMEA before lunch")
            << u"emea"_s << utc(2026, 3, 30, 9, 20) << true << utc(2026, 3, 30, 10)
            << u"EMEA open, closes in 40 min"_s;
        QTest::newRow("EMEA at lunch") << u"emea"_s << utc(2026, 3, 30, 10, 30) << false
                                       << utc(2026, 3, 30, 11) << u"EMEA closed, opens in 30 min"_s;
        // Thursday 2 April 17:00 local; Good Friday and Easter Monday are holidays.
        QTest::newRow("EMEA before Easter")
            << u"emea"_s << utc(2026, 4, 2, 15) << true << utc(2026, 4, 2, 15, 30)
            << u"EMEA open, closes in 30 min"_s;
        QTest::newRow("EMEA over Easter") << u"emea"_s << utc(2026, 4, 2, 16) << false
                                          << utc(2026, 4, 7, 6) << u"EMEA closed, opens in 110 h"_s;
        // Friday 6 March, New York on standard time (UTC-5), closing at 17:00.
        QTest::newRow("Americas Friday afternoon")
            << u"americas"_s << utc(2026, 3, 6, 20, 50) << true << utc(2026, 3, 6, 22)
            << u"Americas open, closes in 1 h 10 min"_s;
        // Opens Monday 08:00 on summer time (UTC-4): 12:00 UTC, 61 h 30 min later.
        QTest::newRow("Americas over the clock change")
            << u"americas"_s << utc(2026, 3, 6, 22, 30) << false << utc(2026, 3, 9, 12)
            << u"Americas closed, opens in 62 h"_s;
        // Kolkata (UTC+5:30), Saturday morning only.
        QTest::newRow("APAC Saturday")
            << u"apac"_s << utc(2026, 4, 4, 5) << true << utc(2026, 4, 4, 7, 30)
            << u"APAC open, closes in 2 h 30 min"_s;
    }

    void status()
    {
        QFETCH(QString, calendarId);
        QFETCH(qint64, now);
        QFETCH(bool, open);
        QFETCH(qint64, changesAt);
        QFETCH(QString, said);
        const RegionStatus s = RegionHours::status(calendar(calendarId), now);
        QCOMPARE(s.open, open);
        QCOMPARE(QDateTime::fromSecsSinceEpoch(s.changesAt, Qt::UTC),
                 QDateTime::fromSecsSinceEpoch(changesAt, Qt::UTC));
        QCOMPARE(RegionHours::describe(s, now), said);
    }

    void alwaysOpen_neverCloses()
    {
        const BusinessCalendar always = CalendarRegistry().find(u"none"_s).calendar;
        const RegionStatus s = RegionHours::status(always, utc(2026, 3, 30, 3));
        QVERIFY(s.open);
        QCOMPARE(s.changesAt, NoInstant);
        QVERIFY(RegionHours::describe(s, 0).endsWith(u" open"_s));
    }

    void statuses_openFirst_closingSoonestFirst()
    {
        const QList<BusinessCalendar> all {calendar(u"americas"_s), calendar(u"apac"_s),
                                           calendar(u"emea"_s)};
        // Monday 30 March 09:20 UTC: EMEA and APAC open, the Americas asleep.
        const QList<RegionStatus> list = RegionHours::statuses(all, utc(2026, 3, 30, 9, 20));
        QCOMPARE(list.size(), 3);
        QCOMPARE(list[0].calendarId, u"emea"_s); // closes for lunch at 10:00
        QCOMPARE(list[1].calendarId, u"apac"_s); // closes at 18:30 local, 13:00 UTC
        QCOMPARE(list[2].calendarId, u"americas"_s);
        QVERIFY(!list[2].open);
    }
};

QTEST_GUILESS_MAIN(TestRegionHours)
#include "tst_regionhours.moc"

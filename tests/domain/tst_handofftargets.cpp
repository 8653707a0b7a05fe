// Follow-the-sun hand-off: which teams a request is offered to, best first,
// on the built-in calendars at instants worked out by hand.

#include <businesscalendar.h>
#include <calendarregistry.h>
#include <handofftargets.h>

#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

qint64 utc(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), Qt::UTC).toSecsSinceEpoch();
}

const QHash<QString, QString> teams = {
    {u"EMEA Platform"_s, u"emea"_s},
    {u"EMEA Data"_s, u"emea"_s},
    {u"Americas Platform"_s, u"americas"_s},
    {u"Americas Data"_s, u"americas"_s},
    {u"APAC Platform"_s, u"apac"_s},
    {u"APAC Data"_s, u"apac"_s},
    {u""_s, u"emea"_s},
};

QStringList names(const QList<HandOffTarget> &targets)
{
    QStringList list;
    for (const HandOffTarget &t : targets)
        list << t.team;
    return list;
}

} // namespace

class TestHandOffTargets final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English)); }

    void rank_data()
    {
        QTest::addColumn<qint64>("now");
        QTest::addColumn<QStringList>("expected");
        // Monday 30 March 2026, 15:00 UTC: EMEA (17:00 CEST) closes at 17:30;
        // the Americas (11:00 EDT) have seven hours left; APAC (20:30 IST)
        // opens Tuesday 09:00 IST (03:30 UTC).
        QTest::newRow("end of the EMEA day")
            << utc(2026, 3, 30, 15)
            << QStringList {u"Americas Platform"_s, u"Americas Data"_s, u"EMEA Data"_s,
                            u"APAC Platform"_s, u"APAC Data"_s};
        // Sunday 29 March, 22:00 UTC, all closed: APAC opens first (03:30 UTC),
        // then EMEA (06:00 UTC), then the Americas (12:00 UTC).
        QTest::newRow("weekend, all closed")
            << utc(2026, 3, 29, 22)
            << QStringList {u"APAC Platform"_s, u"APAC Data"_s, u"EMEA Data"_s,
                            u"Americas Platform"_s, u"Americas Data"_s};
    }

    void rank()
    {
        QFETCH(qint64, now);
        QFETCH(QStringList, expected);
        const QList<HandOffTarget> targets =
            HandOffTargets::rank(u"EMEA Platform"_s, teams, CalendarRegistry::withBuiltIns(), now);
        QCOMPARE(names(targets), expected);
    }

    void rank_saysWhenEachRegionChanges()
    {
        const qint64 now = utc(2026, 3, 30, 15);
        const QList<HandOffTarget> targets =
            HandOffTargets::rank(u"EMEA Platform"_s, teams, CalendarRegistry::withBuiltIns(), now);
        QCOMPARE(targets.size(), 5);
        QCOMPARE(targets[0].region.calendarId, u"americas"_s);
        QVERIFY(targets[0].region.open);
        QCOMPARE(targets[0].region.changesAt, utc(2026, 3, 30, 22));
        QCOMPARE(RegionHours::describe(targets[2].region, now), u"EMEA open, closes in 30 min"_s);
        QVERIFY(!targets[3].region.open);
        QCOMPARE(targets[3].region.changesAt, utc(2026, 3, 31, 3, 30));
    }

    // A region closing in 30 minutes is worth less than one opening in an
    // hour: the review needs hours, not minutes.
    void rank_prefersTheMostBusinessTimeAhead()
    {
        const auto calendar = [](const char *json) {
            QStringList errors;
            auto c = BusinessCalendar::fromJson(json, u"test"_s, &errors);
            Q_ASSERT(c);
            return *c;
        };
        CalendarRegistry calendars;
        // Wednesday 1 April 2026, 09:30 UTC.
        calendars.insert(calendar("{\"id\": \"closing\", \"name\": \"Closing\", "
                                  "\"timeZone\": \"UTC\", "
                                  "\"week\": {\"wednesday\": [\"06:00-10:00\"]}}"));
        calendars.insert(calendar("{\"id\": \"opening\", \"name\": \"Opening\", "
                                  "\"timeZone\": \"UTC\", "
                                  "\"week\": {\"wednesday\": [\"10:30-20:00\"]}}"));
        const QHash<QString, QString> teamCalendars = {{u"Closing Platform"_s, u"closing"_s},
                                                       {u"Opening Platform"_s, u"opening"_s}};
        const QList<HandOffTarget> targets = HandOffTargets::rank(
            u"Elsewhere Platform"_s, teamCalendars, calendars, utc(2026, 4, 1, 9, 30));
        QCOMPARE(names(targets), (QStringList {u"Opening Platform"_s, u"Closing Platform"_s}));
        QCOMPARE(targets[0].businessSecondsAhead, 3 * 3600);
        QCOMPARE(targets[1].businessSecondsAhead, 30 * 60);
    }

    void rank_withoutOtherTeams_isEmpty()
    {
        const QList<HandOffTarget> targets =
            HandOffTargets::rank(u"EMEA Platform"_s, {{u"EMEA Platform"_s, u"emea"_s}},
                                 CalendarRegistry::withBuiltIns(), utc(2026, 3, 30, 15));
        QVERIFY(targets.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHandOffTargets)
#include "tst_handofftargets.moc"

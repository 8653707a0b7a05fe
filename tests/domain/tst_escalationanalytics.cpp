// Every figure of the analytics for the hand-worked fixture
// (tests/support/analyticsfixture.h, whose comments give the arithmetic):
// business time across a weekend and a holiday, a decision exactly at the
// due instant, overdue undecided reviews, re-escalations within and beyond
// 7 days, the funnel, refusals, filters, and the JSON and CSV exports.

#include "analyticsfixture.h"

#include <analyticsexport.h>
#include <escalationanalytics.h>
#include <policyconfig.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

AnalyticsReport computeFixture(AnalyticsFilter filter = {})
{
    if (!filter.from.isValid()) {
        filter.from = AnalyticsFixture::from();
        filter.to = AnalyticsFixture::to();
    }
    const PolicyConfig policy = PolicyConfig::defaults();
    const EscalationAnalytics analytics(AnalyticsFixture::calendars(), ReviewClock(policy.review),
                                        EscalationPolicy(policy));
    return analytics.compute(AnalyticsFixture::requests(), AnalyticsFixture::cases(), filter,
                             AnalyticsFixture::asOf());
}

QStringList sorted(QStringList ids)
{
    ids.sort();
    return ids;
}

} // namespace

class TestEscalationAnalytics final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void percentile_isTheNearestRank()
    {
        QCOMPARE(EscalationAnalytics::percentile({}, 50), std::nullopt);
        QCOMPARE(EscalationAnalytics::percentile({7}, 90), std::optional<qint64>(7));
        QCOMPARE(EscalationAnalytics::percentile({1, 2, 3, 4}, 50), std::optional<qint64>(2));
        QCOMPARE(EscalationAnalytics::percentile({10, 30, 90, 240, 360}, 50),
                 std::optional<qint64>(90));
        QCOMPARE(EscalationAnalytics::percentile({10, 30, 90, 240, 360}, 90),
                 std::optional<qint64>(360));
        QCOMPARE(EscalationAnalytics::percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90),
                 std::optional<qint64>(9));
    }

    void weeks_countAchievementAndBusinessTime()
    {
        const AnalyticsReport report = computeFixture();
        QCOMPARE(report.requests, 9); // R10 is after the period
        QCOMPARE(report.weeks.size(), 2);

        const AnalyticsWeek &first = report.weeks.at(0);
        QCOMPARE(first.monday, QDate(2026, 3, 30));
        QCOMPARE(sorted(first.raised.requestIds),
                 (QStringList {u"R1"_s, u"R2"_s, u"R3"_s, u"R4"_s, u"R5"_s}));
        QCOMPARE(first.byLevel[0].count, 4);
        QCOMPARE(first.byLevel[1].requestIds, QStringList {u"R3"_s});
        QCOMPARE(first.byLevel[2].count, 0);
        QCOMPARE(first.byReason.value(Reason::LackOfUpdates).count, 2);
        QCOMPARE(first.byReason.value(Reason::TimeConstraint).requestIds, QStringList {u"R4"_s});
        QCOMPARE(first.reviewsDue.count, 5);
        // R2 was decided at its due instant: late.
        QCOMPARE(sorted(first.onTime.requestIds), (QStringList {u"R1"_s, u"R4"_s, u"R5"_s}));
        QCOMPARE(first.achievement(), std::optional(0.6));
        QCOMPARE(first.medianMinutesToDecision, std::optional<qint64>(90));
        QCOMPARE(first.p90MinutesToDecision, std::optional<qint64>(360));

        const AnalyticsWeek &second = report.weeks.at(1);
        QCOMPARE(second.monday, QDate(2026, 4, 6));
        QCOMPARE(second.raised.count, 4);
        QCOMPARE(second.byLevel[3].requestIds, QStringList {u"R8"_s});
        // R8 is overdue and undecided (a miss); R9 is not due yet.
        QCOMPARE(sorted(second.reviewsDue.requestIds), (QStringList {u"R6"_s, u"R7"_s, u"R8"_s}));
        QCOMPARE(sorted(second.onTime.requestIds), (QStringList {u"R6"_s, u"R7"_s}));
        QCOMPARE(second.achievement(), std::optional(2.0 / 3.0));
        // R7 was raised on the holiday: 210 business minutes, not 26.5 hours.
        QCOMPARE(second.medianMinutesToDecision, std::optional<qint64>(120));
        QCOMPARE(second.p90MinutesToDecision, std::optional<qint64>(210));

        QCOMPARE(report.achievement(), std::optional(5.0 / 8.0));
    }

    void outcomes_perManagerAndTeam()
    {
        const AnalyticsReport report = computeFixture();
        QCOMPARE(report.managers.size(), 3);
        const auto manager = [&](const QString &name) {
            for (const AnalyticsOutcome &o : report.managers)
                if (o.name == name)
                    return o;
            return AnalyticsOutcome {};
        };
        QCOMPARE(manager(u"Ana"_s).accepted.count, 2);
        QCOMPARE(manager(u"Ana"_s).declineRate(), std::optional(0.0));
        QCOMPARE(sorted(manager(u"Ben"_s).declined.requestIds),
                 (QStringList {u"R2"_s, u"R4"_s, u"R5"_s}));
        QCOMPARE(manager(u"Ben"_s).declineRate(), std::optional(1.0));
        QCOMPARE(manager(u"Cem"_s).declineRate(), std::optional(0.5));

        QCOMPARE(report.teams.size(), 2);
        QCOMPARE(report.teams.at(0).name, u"APAC"_s); // by name
        QCOMPARE(report.teams.at(0).declined.count, 2);
        QCOMPARE(report.teams.at(1).name, u"EMEA"_s);
        QCOMPARE(report.teams.at(1).accepted.count, 3);
        QCOMPARE(report.teams.at(1).declined.count, 2);
        QCOMPARE(report.teams.at(1).declineRate(), std::optional(0.4));
    }

    void declines_reEscalatedWithinSevenDays()
    {
        const AnalyticsReport report = computeFixture();
        QCOMPARE(report.declines.count, 4);
        // R4 came back after 10 days (R10): not counted; R5 never did.
        QCOMPARE(report.reEscalatedAfterDecline.size(), 2);
        QCOMPARE(report.reEscalatedAfterDecline.at(0).declinedId, u"R2"_s);
        QCOMPARE(report.reEscalatedAfterDecline.at(0).reEscalationId, u"R3"_s);
        QCOMPARE(report.reEscalatedAfterDecline.at(0).caseNumber, u"00000002"_s);
        QCOMPARE(report.reEscalatedAfterDecline.at(1).declinedId, u"R7"_s);
        QCOMPARE(report.reEscalatedAfterDecline.at(1).reEscalationId, u"R8"_s);
        QCOMPARE(report.reEscalationRate(), std::optional(0.5));
    }

    void funnel_reachedAndTimeAtEachLevel()
    {
        const AnalyticsReport report = computeFixture();
        QCOMPARE(report.funnel[0].reached.count, 4);
        QCOMPARE(report.funnel[0].movedOn, 3); // R1, R2, and R4 (to R10)
        // 660, 2 400 and 2 460 business minutes (weekend and holiday skipped).
        QCOMPARE(report.funnel[0].medianMinutesAtLevel, std::optional<qint64>(2400));
        QCOMPARE(sorted(report.funnel[1].reached.requestIds), (QStringList {u"R3"_s, u"R6"_s}));
        QCOMPARE(report.funnel[1].medianMinutesAtLevel, std::optional<qint64>(1680));
        QCOMPARE(report.funnel[2].reached.count, 2);
        QCOMPARE(report.funnel[2].medianMinutesAtLevel, std::optional<qint64>(480));
        QCOMPARE(report.funnel[3].reached.count, 1);
        QCOMPARE(report.funnel[3].movedOn, 0);
        QCOMPARE(report.funnel[3].medianMinutesAtLevel, std::nullopt);
    }

    void accountsAndRefusals()
    {
        const AnalyticsReport report = computeFixture();
        QCOMPARE(report.topAccounts.size(), 2);
        QCOMPARE(report.topAccounts.at(0).account, u"Contoso"_s);
        QCOMPARE(report.topAccounts.at(0).level3.requestIds, QStringList {u"R7"_s});
        QCOMPARE(report.topAccounts.at(0).level4.requestIds, QStringList {u"R8"_s});
        QCOMPARE(report.topAccounts.at(1).account, u"Fabrikam, Inc."_s);
        QCOMPARE(report.refusedTooEarly.requestIds, QStringList {u"R4"_s});
        QCOMPARE(report.refusedOutage.requestIds, QStringList {u"R5"_s});
        QCOMPARE(report.acceptedEarly.count, 0); // R4 was declined
        QCOMPARE(report.handedOff.count, 0);
    }

    // R4 accepted early with a justification; R3 handed to another region.
    void earlyAcceptancesAndHandOffs_counted()
    {
        QList<EscalationRequest> requests = AnalyticsFixture::requests();
        for (EscalationRequest &r : requests) {
            if (r.id == u"R4"_s) {
                QVERIFY(r.decision);
                r.decision->kind = DecisionKind::Accept;
                r.decision->justification = u"Go-live is on Monday."_s;
                r.state = RequestState::Accepted;
            } else if (r.id == u"R3"_s) {
                r.handOff = HandOff {u"APAC"_s, r.team, QString(), u"Ruth"_s, r.requestedAt};
                // Two waits of 30 and 90 business minutes (R3 is raised in business hours).
                r.waits = {WaitingPeriod {u"Q1"_s, u"Ruth"_s, r.requestedAt.addSecs(60),
                                          r.requestedAt.addSecs(60 + 30 * 60), u"A1"_s}};
            } else if (r.id == u"R6"_s) {
                r.waits = {WaitingPeriod {u"Q2"_s, u"Ruth"_s, r.requestedAt.addSecs(60),
                                          r.requestedAt.addSecs(60 + 90 * 60), u"A2"_s}};
            }
        }
        const PolicyConfig policy = PolicyConfig::defaults();
        const EscalationAnalytics analytics(AnalyticsFixture::calendars(),
                                            ReviewClock(policy.review), EscalationPolicy(policy));
        AnalyticsFilter filter;
        filter.from = AnalyticsFixture::from();
        filter.to = AnalyticsFixture::to();
        const AnalyticsReport report = analytics.compute(requests, AnalyticsFixture::cases(),
                                                         filter, AnalyticsFixture::asOf());
        QCOMPARE(report.acceptedEarly.requestIds, QStringList {u"R4"_s});
        QCOMPARE(report.refusedTooEarly.requestIds, QStringList {u"R4"_s});
        QCOMPARE(report.handedOff.requestIds, QStringList {u"R3"_s});
        QCOMPARE(sorted(report.waitedOnRequester.requestIds), (QStringList {u"R3"_s, u"R6"_s}));
        QCOMPARE(report.waits, 2);
        QCOMPARE(report.medianWaitMinutes, std::optional<qint64>(30)); // nearest rank of 2
        QCOMPARE(report.p90WaitMinutes, std::optional<qint64>(90));
        const QJsonObject json = AnalyticsExport::toJson(report);
        QCOMPARE(json.value(u"acceptedEarly"_s).toObject().value(u"count"_s).toInt(), 1);
        QCOMPARE(json.value(u"waits"_s).toInt(), 2);
        QCOMPARE(json.value(u"medianWaitMinutes"_s).toInt(), 30);
        QCOMPARE(json.value(u"handedOff"_s).toObject().value(u"requests"_s).toArray(),
                 QJsonArray {u"R3"_s});
        QVERIFY(
            AnalyticsExport::toCsv(report, u"refusals"_s).contains(u"too_early_accepted,1,R4"_s));
    }

    void filters_narrowEveryFigure()
    {
        AnalyticsFilter apac;
        apac.from = AnalyticsFixture::from();
        apac.to = AnalyticsFixture::to();
        apac.team = u"APAC"_s;
        const AnalyticsReport byTeam = computeFixture(apac);
        QCOMPARE(byTeam.requests, 2);
        QCOMPARE(byTeam.weeks.size(), 2); // empty weeks stay, as gaps
        QCOMPARE(byTeam.weeks.at(1).raised.count, 0);
        QCOMPARE(byTeam.weeks.at(1).achievement(), std::nullopt);
        QCOMPARE(byTeam.declines.count, 2);
        QVERIFY(byTeam.reEscalatedAfterDecline.isEmpty());

        AnalyticsFilter high = apac;
        high.team.clear();
        high.levels = {3, 4};
        QCOMPARE(computeFixture(high).requests, 3);

        AnalyticsFilter account = apac;
        account.team.clear();
        account.account = u"Contoso"_s;
        account.severities = {Severity::S2};
        QCOMPARE(computeFixture(account).requests, 4); // R1, R6, R7, R8

        // A manager's own numbers: Cem decided R6 and R7.
        AnalyticsFilter cem = apac;
        cem.team.clear();
        cem.person = u"Cem"_s;
        const AnalyticsReport own = computeFixture(cem);
        QCOMPARE(own.requests, 2);
        QCOMPARE(own.managers.size(), 1);
        QCOMPARE(own.managers.at(0).declineRate(), std::optional(0.5));

        AnalyticsFilter firstWeek = apac;
        firstWeek.team.clear();
        firstWeek.to = QDate(2026, 4, 5);
        const AnalyticsReport week = computeFixture(firstWeek);
        QCOMPARE(week.weeks.size(), 1);
        QCOMPARE(week.requests, 5);
    }

    void lastWeeks_endsWithTheCurrentWeek()
    {
        const AnalyticsFilter f = AnalyticsFilter::lastWeeks(4, QDate(2026, 4, 8));
        QCOMPARE(f.from, QDate(2026, 3, 16));
        QCOMPARE(f.to, QDate(2026, 4, 12));
    }

    void json_holdsEveryFigureAndItsRequests()
    {
        const QJsonObject json = AnalyticsExport::toJson(computeFixture());
        QCOMPARE(json.value(u"from"_s).toString(), u"2026-03-30"_s);
        QCOMPARE(json.value(u"requests"_s).toInt(), 9);
        QCOMPARE(json.value(u"achievement"_s).toDouble(), 0.625);
        const QJsonObject first = json.value(u"weeks"_s).toArray().at(0).toObject();
        QCOMPARE(first.value(u"achievement"_s).toDouble(), 0.6);
        QCOMPARE(first.value(u"medianBusinessMinutesToDecision"_s).toInt(), 90);
        QCOMPARE(first.value(u"byLevel"_s).toObject().value(u"2"_s).toObject().value(u"requests"_s),
                 QJsonArray {u"R3"_s});
        const QJsonObject second = json.value(u"weeks"_s).toArray().at(1).toObject();
        QCOMPARE(second.value(u"achievement"_s).toDouble(), 0.6667);
        QVERIFY(json.value(u"funnel"_s)
                    .toArray()
                    .at(3)
                    .toObject()
                    .value(u"medianBusinessMinutesAtLevel"_s)
                    .isNull());
        QCOMPARE(json.value(u"reEscalationRate"_s).toDouble(), 0.5);
        QCOMPARE(json.value(u"refusedOutage"_s).toObject().value(u"count"_s).toInt(), 1);
    }

    void csv_tablesAreQuotedWhereNeeded()
    {
        const AnalyticsReport report = computeFixture();
        const QString weeks = AnalyticsExport::toCsv(report, u"weeks"_s);
        const QStringList lines = weeks.split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).startsWith(u"week,raised,level1,level2,level3,level4,"_s));
        QVERIFY2(lines.at(1).startsWith(u"2026-03-30,5,4,1,0,0,5,3,0.6000,90,360,"_s),
                 qPrintable(lines.at(1)));
        const QString accounts = AnalyticsExport::toCsv(report, u"accounts"_s);
        QCOMPARE(accounts, u"account,level3,level4\r\nContoso,1,1\r\n\"Fabrikam, Inc.\",1,0\r\n"_s);
        QCOMPARE(AnalyticsExport::toCsv(report, u"funnel"_s).split(u"\r\n"_s).at(4), u"4,1,0,"_s);
        QVERIFY(AnalyticsExport::toCsv(report, u"nonsense"_s).isEmpty());
        for (const QString &table : AnalyticsExport::tableNames())
            QVERIFY2(!AnalyticsExport::toCsv(report, table).isEmpty(), qPrintable(table));
    }
};

QTEST_GUILESS_MAIN(TestEscalationAnalytics)
#include "tst_escalationanalytics.moc"

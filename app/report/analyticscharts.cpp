#include "analyticscharts.h"

#include <QCoreApplication>
#include <QLocale>

namespace Escalation::AnalyticsCharts {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::AnalyticsCharts", text);
}

QString weekLabel(const QDate &monday)
{
    return monday.toString(QStringLiteral("dd/MM"));
}

} // namespace

QList<Reason> reasonOrder()
{
    return {Reason::TimeConstraint, Reason::ImpairedFunction, Reason::FirstResponseMissed,
            Reason::LackOfUpdates, Reason::Other};
}

BarChartData levelsByWeek(const AnalyticsReport &report)
{
    BarChartData data;
    for (int level = 1; level <= 4; ++level)
        data.series << tr("Level %1").arg(level);
    for (const AnalyticsWeek &w : report.weeks) {
        data.categories << weekLabel(w.monday);
        data.cells << QList<AnalyticsCount>(w.byLevel.begin(), w.byLevel.end());
    }
    return data;
}

BarChartData reasonsByWeek(const AnalyticsReport &report)
{
    BarChartData data;
    const QList<Reason> reasons = reasonOrder();
    for (Reason r : reasons)
        data.series << displayName(r);
    for (const AnalyticsWeek &w : report.weeks) {
        data.categories << weekLabel(w.monday);
        QList<AnalyticsCount> row;
        for (Reason r : reasons)
            row << w.byReason.value(r);
        data.cells << row;
    }
    return data;
}

BarChartData outcomes(const QList<AnalyticsOutcome> &outcomes)
{
    BarChartData data;
    data.orientation = Qt::Horizontal;
    data.series << tr("Accepted") << tr("Declined");
    for (const AnalyticsOutcome &o : outcomes) {
        data.categories << (o.name.isEmpty() ? tr("(unknown)") : o.name);
        data.cells << QList<AnalyticsCount> {o.accepted, o.declined};
    }
    return data;
}

BarChartData funnel(const AnalyticsReport &report)
{
    BarChartData data;
    data.orientation = Qt::Horizontal;
    data.series << tr("Reached");
    for (const AnalyticsLevel &l : report.funnel) {
        data.categories << tr("Level %1").arg(l.level);
        data.cells << QList<AnalyticsCount> {l.reached};
    }
    return data;
}

BarChartData accounts(const AnalyticsReport &report)
{
    BarChartData data;
    data.orientation = Qt::Horizontal;
    data.series << tr("Level 3") << tr("Level 4");
    for (const AnalyticsAccount &a : report.topAccounts) {
        data.categories << a.account;
        data.cells << QList<AnalyticsCount> {a.level3, a.level4};
    }
    return data;
}

BarChartData refusals(const AnalyticsReport &report)
{
    BarChartData data;
    data.orientation = Qt::Horizontal;
    data.series << tr("Refused");
    data.categories << tr("Too early") << tr("S1 outage") << tr("Accepted early");
    data.cells << QList<AnalyticsCount> {report.refusedTooEarly}
               << QList<AnalyticsCount> {report.refusedOutage}
               << QList<AnalyticsCount> {report.acceptedEarly};
    return data;
}

} // namespace Escalation::AnalyticsCharts

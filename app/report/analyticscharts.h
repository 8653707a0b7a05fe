#pragma once

// What each analytics chart shows, built from a report: the same data for
// the Analytics view and the PDF, so that both draw the same bars and every
// segment keeps the requests it counts.

#include "barchartpainter.h"

#include <escalationanalytics.h>

namespace Escalation::AnalyticsCharts {

// Requests raised per week, stacked by level (1–4).
BarChartData levelsByWeek(const AnalyticsReport &report);
// Requests raised per week, stacked by reason.
BarChartData reasonsByWeek(const AnalyticsReport &report);
// Accepted and declined per manager or team, one horizontal bar each.
BarChartData outcomes(const QList<AnalyticsOutcome> &outcomes);
// The ladder funnel: how many requests reached each level.
BarChartData funnel(const AnalyticsReport &report);
// The accounts with the most level-3 and level-4 escalations.
BarChartData accounts(const AnalyticsReport &report);
// Requests refused as too early and as S1 outages.
BarChartData refusals(const AnalyticsReport &report);

// The reasons in the order the charts and tables show them.
QList<Reason> reasonOrder();

} // namespace Escalation::AnalyticsCharts

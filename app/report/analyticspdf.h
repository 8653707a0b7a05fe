#pragma once

// The analytics report as a PDF for a director's weekly review: the period
// and filter, the summary, the charts (achievement, escalations by level and
// by reason per week, the ladder funnel) and every table (weeks, reasons,
// managers, teams, the ladder, the accounts at level 3–4, the declines that
// came back). A4, paginated, text selectable.

#include <escalationanalytics.h>

#include <QString>

namespace Escalation::AnalyticsPdf {

// The document as HTML (what the PDF is typeset from), with the charts as
// the image resources "chart.png", "levels.png", "reasons.png" and
// "funnel.png".
QString html(const AnalyticsReport &report);

// Writes the PDF atomically (a failed write leaves no partial file); false
// with *error on failure. Needs a QGuiApplication (fonts).
bool write(const AnalyticsReport &report, const QString &fileName, QString *error);

} // namespace Escalation::AnalyticsPdf

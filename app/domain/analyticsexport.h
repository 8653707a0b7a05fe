#pragma once

// An analytics report as data for other programs: one JSON document with
// every figure (and the request ids behind each), or one table as CSV
// (RFC 4180: comma-separated, CRLF, fields quoted where needed). The CLI's
// `report` and the Analytics view's export write the same.

#include "escalationanalytics.h"

#include <QJsonObject>
#include <QStringList>

namespace Escalation::AnalyticsExport {

// The tables, by the names the CLI's --table takes.
QStringList tableNames(); // weeks, accounts, managers, teams, reescalations, funnel, refusals

QJsonObject toJson(const AnalyticsReport &report);
// Empty when table is not one of tableNames().
QString toCsv(const AnalyticsReport &report, const QString &table);

} // namespace Escalation::AnalyticsExport

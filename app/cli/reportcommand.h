#pragma once

// `escalation-desk-cli report`: how the escalation process performed over a
// period (EscalationAnalytics), from the local cache, as JSON or one table
// as CSV.

#include <QStringList>

namespace Escalation::Cli {

int runReport(const QStringList &arguments);

} // namespace Escalation::Cli

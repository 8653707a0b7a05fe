#pragma once

// `escalation-desk-cli deadline`: business-time deadlines from a calendar
// file, one at a time (optionally explained) or in batch from stdin.

#include <QStringList>

namespace Escalation::Cli {

// arguments[0] is the program and subcommand name as shown in --help.
int runDeadline(const QStringList &arguments);

} // namespace Escalation::Cli

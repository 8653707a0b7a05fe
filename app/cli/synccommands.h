#pragma once

// The portal-facing subcommands of escalation-desk-cli (DESIGN.md §4):
//   sync   --portal URL [--db FILE] [--once]
//   list   [--db FILE] [--json] [--state STATE]
//   decide REQUEST_ID accept|decline --text TEXT [--db FILE] [--portal URL]
//   whoami [--portal URL] [--db FILE] [--json]
//   export --format csv|json [--db FILE] [--output FILE]
// The token comes from the keychain or ESCALATION_DESK_TOKEN, never argv.

#include <QStringList>

namespace Escalation::Cli {

// arguments[0] is the program and subcommand name as shown in --help.
int runSync(const QStringList &arguments);
int runList(const QStringList &arguments);
int runDecide(const QStringList &arguments);
int runWhoami(const QStringList &arguments);
int runExport(const QStringList &arguments);

} // namespace Escalation::Cli

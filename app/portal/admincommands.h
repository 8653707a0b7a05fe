#pragma once

// escalation-portal's administration commands, run on the portal's
// database file without a server (one may run on the same file meanwhile):
//
//   escalation-portal user add --db FILE --name NAME --role ROLE [--team TEAM]
//   escalation-portal user list --db FILE
//   escalation-portal user revoke --db FILE ID
//   escalation-portal user rotate --db FILE ID
//   escalation-portal audit verify --db FILE
//
// Exit status: 0 success; 1 (audit verify) the log was changed; 2 bad usage
// or bad input, with a message naming it; 4 the database failed.

#include <QStringList>

namespace Escalation::Portal {

// arguments: the whole command line, the program's name first.
int runUserCommand(const QStringList &arguments);
int runAuditCommand(const QStringList &arguments);

} // namespace Escalation::Portal

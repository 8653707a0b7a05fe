#pragma once

// Exit statuses of escalation-desk-cli: a contract with the scripts and cron
// jobs that run it (DESIGN.md §4).

namespace Escalation::Cli {

enum ExitCode : int {
    ExitOk = 0,
    ExitBadInput = 2, // bad usage or bad input, with a message naming what was wrong
    ExitPortalFailed = 3, // the portal failed or could not be reached
    ExitStorageFailed = 4, // a local storage failure
    // The decision reached the backend, which refused it because the request
    // changed meanwhile (decided elsewhere, closed, re-escalated). It is kept
    // in the outbox as a conflict for the user to resolve; neither bad input
    // nor a backend failure, so scripts can tell it apart.
    ExitConflict = 5,
};

} // namespace Escalation::Cli

#pragma once

// The columns and roles of the escalation queue, shared by the model, the
// proxy, the delegates and every view built on the queue.

#include <Qt>

namespace Escalation {

namespace QueueColumn {
enum Column : int {
    // In the order a manager reads a row: how urgent, what, for whom, why.
    Countdown, // remaining business time until the review target
    ClockState,
    Level,
    Severity,
    CaseNumber,
    Subject,
    Account,
    Reason,
    Tier,
    Priority,
    Age, // age of the case
    Owner,
    Team,
    RequestedAt,
    State, // request state: pending, accepted, declined
    Pending, // actions of this desk still waiting for the portal
    Count // sentinel
};
} // namespace QueueColumn

namespace QueueRole {
enum Role : int {
    RawValueRole = Qt::UserRole + 1, // qint64 key the proxy sorts on
    SortRole = RawValueRole,
    RequestIdRole,
    CaseIdRole,
    ClockStateRole, // int(Escalation::ClockState)
    DueAtRole, // QDateTime (UTC) of the review target; invalid when answered
    RemainingSecondsRole, // business seconds left (negative when overdue)
    LevelRole,
    RequestStateRole, // int(Escalation::RequestState)
    PendingOutboxRole, // int: entries waiting for the portal
    OutageRole, // bool: the case is severity 1
    ClockPausedRole, // bool: the request's business calendar is closed now
    ClusterRole, // int(ClusterRowKind), from the queue's proxy
};
} // namespace QueueRole

// What a queue row is to a confirmed major-issue cluster.
enum class ClusterRowKind : int {
    None,
    Collapsed, // the cluster's row, standing for all of its requests
    Expanded, // the cluster's row, its requests shown below it
    Member, // a request shown below its cluster's row
};

} // namespace Escalation

#pragma once

// Puts a decision that conflicted at the portal beside the request as the
// portal has it now, as plain text, so the manager can compare both
// versions before deciding again. Nothing from the portal is rendered.

#include <QString>

#include <outboxentry.h>

namespace Escalation {

QString describeConflict(const OutboxEntry &entry);

} // namespace Escalation

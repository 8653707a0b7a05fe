#pragma once

// The flags a team lead watches besides the review clock: a case whose first
// response came (or is still coming) later than its target, and a case on
// which support has been silent for too long. Targets are wall-clock times
// from PolicyConfig.

#include "escalation.h"
#include "policyconfig.h"

#include <QDateTime>

namespace Escalation {

struct SlaFlags {
    bool firstResponseMissed = false;
    QDateTime firstResponseDueAt; // createdAt + target for severity and tier
    bool supportUpdateOverdue = false;
    QDateTime supportUpdateDueAt; // last support update (or creation) + allowed silence

    bool any() const { return firstResponseMissed || supportUpdateOverdue; }
};

// The flags of a case at now. A first response at exactly the target is in
// time; the allowed silence counts from the last support update, or from the
// case's creation when support never wrote.
SlaFlags evaluateSlaFlags(const Case &c, const QDateTime &now, const PolicyConfig &config);

} // namespace Escalation

#include "slaflags.h"

namespace Escalation {

SlaFlags evaluateSlaFlags(const Case &c, const QDateTime &now, const PolicyConfig &config)
{
    SlaFlags flags;
    if (!c.createdAt.isValid())
        return flags;
    flags.firstResponseDueAt =
        c.createdAt.addSecs(qint64(config.firstResponseTargetMinutesFor(c.severity, c.tier)) * 60)
            .toUTC();
    // Once answered, the answer's time decides for good; until then, now does.
    const QDateTime responded = c.firstResponseAt.isValid() ? c.firstResponseAt : now;
    flags.firstResponseMissed = responded > flags.firstResponseDueAt;

    const QDateTime lastUpdate =
        c.lastSupportUpdateAt.isValid() ? c.lastSupportUpdateAt : c.createdAt;
    flags.supportUpdateDueAt =
        lastUpdate.addSecs(qint64(config.supportUpdateMaxHoursFor(c.severity)) * 3600).toUTC();
    flags.supportUpdateOverdue = now > flags.supportUpdateDueAt;
    return flags;
}

} // namespace Escalation

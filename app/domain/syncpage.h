#pragma once

// One validated page of the portal's change feed (docs/portal-api.md), ready
// for the cache to commit in one transaction together with its cursor.

#include "escalation.h"

#include <QList>
#include <QStringList>

namespace Escalation {

struct SyncPage {
    QList<Case> cases;
    QList<EscalationRequest> requests;
    QStringList removedCaseIds;
    QStringList removedRequestIds;
    QString cursor; // store it only together with the page's rows
    bool hasMore = false;
};

} // namespace Escalation

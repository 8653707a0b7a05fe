#pragma once

// What one committed write to the cache changed. The store emits one per
// transaction; item models apply it incrementally (row inserts, removals,
// dataChanged) instead of reloading.

#include "escalation.h"

#include <QList>
#include <QStringList>

namespace Escalation {

struct ChangeSet {
    QList<Case> insertedCases;
    QList<Case> updatedCases;
    QStringList removedCaseIds;

    QList<EscalationRequest> insertedRequests;
    QList<EscalationRequest> updatedRequests;
    QStringList removedRequestIds;

    bool isEmpty() const
    {
        return insertedCases.isEmpty() && updatedCases.isEmpty() && removedCaseIds.isEmpty()
            && insertedRequests.isEmpty() && updatedRequests.isEmpty()
            && removedRequestIds.isEmpty();
    }
};

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::ChangeSet)

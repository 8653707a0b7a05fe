#include "storetypes.h"

#include "changeset.h"
#include "outboxentry.h"
#include "storelog.h"
#include "syncpage.h"

#include <optional>

Q_LOGGING_CATEGORY(lcStore, "escalation.store")

namespace Escalation {

void registerStoreMetaTypes()
{
    qRegisterMetaType<StoreError>();
    qRegisterMetaType<StoreOpenReport>();
    qRegisterMetaType<SyncState>();
    qRegisterMetaType<QueueSnapshot>();
    qRegisterMetaType<SyncPage>();
    qRegisterMetaType<ChangeSet>();
    qRegisterMetaType<OutboxEntry>();
    qRegisterMetaType<QList<OutboxEntry>>();
    qRegisterMetaType<EscalationRequest>();
    qRegisterMetaType<QList<EscalationRequest>>();
    qRegisterMetaType<std::optional<EscalationRequest>>();
}

} // namespace Escalation

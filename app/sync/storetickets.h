#pragma once

// Tickets for StoreWorker calls. The worker is shared by the models, the
// engine and the outbox, and every answer signal reaches all of them; a
// process-wide counter in its own range keeps the sync library's tickets
// from colliding with anyone else's.

#include <QtGlobal>

namespace Escalation {

quint64 nextSyncTicket();

} // namespace Escalation

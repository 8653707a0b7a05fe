#include "storetickets.h"

#include <atomic>

namespace Escalation {

quint64 nextSyncTicket()
{
    static std::atomic<quint64> next {0x5359'4E43'0000'0000ULL}; // "SYNC"
    return next.fetch_add(1, std::memory_order_relaxed);
}

} // namespace Escalation

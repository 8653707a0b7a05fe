#pragma once

// Test hook: makes the N-th database operation of a CacheStore fail, to prove
// that every failure point leaves the cache consistent. Every statement
// execution, BEGIN and COMMIT of the store counts as one operation. The
// application never installs one.

#include "storetypes.h"

namespace Escalation {

class FaultInjector final {
public:
    // Fail the operation numbered `n` (1-based, counted from now); 0 disarms.
    void failAt(int n, StoreError::Kind kind = StoreError::Io);
    void disarm() { failAt(0); }
    int operationsSeen() const { return m_seen; }
    bool fired() const { return m_fired; }

    // Called by the store before each operation; true means "fail this one".
    bool shouldFail(StoreError::Kind *kind);

private:
    int m_failAt = 0;
    int m_seen = 0;
    bool m_fired = false;
    StoreError::Kind m_kind = StoreError::Io;
};

} // namespace Escalation

#include "faultinjector.h"

namespace Escalation {

void FaultInjector::failAt(int n, StoreError::Kind kind)
{
    m_failAt = n;
    m_seen = 0;
    m_fired = false;
    m_kind = kind;
}

bool FaultInjector::shouldFail(StoreError::Kind *kind)
{
    ++m_seen;
    if (m_failAt <= 0 || m_seen != m_failAt)
        return false;
    m_fired = true;
    if (kind)
        *kind = m_kind;
    return true;
}

} // namespace Escalation

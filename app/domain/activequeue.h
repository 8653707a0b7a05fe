#pragma once

// Which requests the review queue holds: pending, accepted and declined.
// Superseded and closed requests stay in the cache (the ladder history needs
// them) but leave the queue. The one definition of the rule: the cache's SQL
// lists these states, the models ask isInActiveQueue().

#include "escalation.h"

#include <algorithm>
#include <array>

namespace Escalation {

inline constexpr std::array kActiveQueueStates {RequestState::Pending, RequestState::Accepted,
                                                RequestState::Declined};

constexpr bool isInActiveQueue(RequestState state)
{
    return std::find(kActiveQueueStates.begin(), kActiveQueueStates.end(), state)
        != kActiveQueueStates.end();
}

} // namespace Escalation

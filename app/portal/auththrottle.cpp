#include "auththrottle.h"

namespace Escalation::Portal {

AuthThrottle::AuthThrottle(int burst, std::chrono::milliseconds window)
    : m_burst(burst)
    , m_windowMs(window.count())
{
    m_clock.start();
}

void AuthThrottle::forgetOld(std::deque<qint64> &times, qint64 now) const
{
    while (!times.empty() && now - times.front() >= m_windowMs)
        times.pop_front();
}

std::optional<int> AuthThrottle::retryAfter(const QString &address)
{
    const auto it = m_failures.find(address);
    if (it == m_failures.end())
        return std::nullopt;
    const qint64 now = m_clock.elapsed();
    forgetOld(*it, now);
    if (it->empty()) {
        m_failures.erase(it);
        return std::nullopt;
    }
    if (qsizetype(it->size()) < m_burst)
        return std::nullopt;
    const qint64 waitMs = it->front() + m_windowMs - now;
    return int(std::max<qint64>(1, (waitMs + 999) / 1000));
}

void AuthThrottle::failed(const QString &address)
{
    std::deque<qint64> &times = m_failures[address];
    forgetOld(times, m_clock.elapsed());
    times.push_back(m_clock.elapsed());
}

} // namespace Escalation::Portal

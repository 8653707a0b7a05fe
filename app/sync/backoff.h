#pragma once

// Retry delays. Requests to the portal retry with "full jitter" exponential
// backoff (a uniform delay in [0, min(cap, base * 2^attempt)]), so that many
// clients coming back after an outage do not all knock at once; a
// Retry-After from the portal is a floor, never shortened.

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

class QRandomGenerator;

namespace Escalation {

class Backoff final {
public:
    // Full jitter: delays in [0, ceiling(attempt)].
    static Backoff fullJitter(std::chrono::milliseconds base, std::chrono::milliseconds cap);
    // Growing delays with a visible floor: [ceiling/2, ceiling]. Used where a
    // person watches the "next retry" time (the engine while offline) and a
    // zero delay would look like a busy loop.
    static Backoff equalJitter(std::chrono::milliseconds base, std::chrono::milliseconds cap);

    // min(cap, base * 2^attempt); attempt counts from 0.
    std::chrono::milliseconds ceiling(int attempt) const;

    // A random delay for the given attempt; rng defaults to the global one.
    std::chrono::milliseconds delay(int attempt, QRandomGenerator *rng = nullptr) const;

    // The delay honouring a server's Retry-After: never below it.
    std::chrono::milliseconds delay(int attempt,
                                    std::optional<std::chrono::milliseconds> retryAfter,
                                    QRandomGenerator *rng = nullptr) const;

    std::chrono::milliseconds base() const { return m_base; }
    std::chrono::milliseconds cap() const { return m_cap; }

private:
    Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, bool equal);
    std::chrono::milliseconds m_base;
    std::chrono::milliseconds m_cap;
    bool m_equal;
};

// Retry-After as seconds ("120") or an HTTP date; nullopt when absent or
// unreadable. Values are clamped to [0, 1 day] so a hostile header cannot
// park the client forever.
std::optional<std::chrono::milliseconds>
parseRetryAfter(const QByteArray &value, const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace Escalation

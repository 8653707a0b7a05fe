#pragma once

// Slows down token guessing: after `burst` failed authentications from one
// client address within `window`, that address is refused (429 with
// Retry-After) until its oldest failure in the window has aged out.

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <chrono>
#include <deque>
#include <optional>

namespace Escalation::Portal {

class AuthThrottle final {
public:
    explicit AuthThrottle(int burst = 10,
                          std::chrono::milliseconds window = std::chrono::seconds(60));

    // Seconds the address must wait, or nullopt if it may try.
    std::optional<int> retryAfter(const QString &address);
    void failed(const QString &address);

private:
    void forgetOld(std::deque<qint64> &times, qint64 now) const;

    int m_burst;
    qint64 m_windowMs;
    QElapsedTimer m_clock;
    QHash<QString, std::deque<qint64>> m_failures; // address -> failure times (ms)
};

} // namespace Escalation::Portal

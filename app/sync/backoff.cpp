#include "backoff.h"

#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>

using namespace std::chrono;

namespace Escalation {

Backoff::Backoff(milliseconds base, milliseconds cap, bool equal)
    : m_base(std::max(base, milliseconds(1)))
    , m_cap(std::max(cap, m_base))
    , m_equal(equal)
{
}

Backoff Backoff::fullJitter(milliseconds base, milliseconds cap)
{
    return Backoff(base, cap, false);
}

Backoff Backoff::equalJitter(milliseconds base, milliseconds cap)
{
    return Backoff(base, cap, true);
}

milliseconds Backoff::ceiling(int attempt) const
{
    // Doubling stops once the cap is reached, so large attempt counts cannot overflow.
    milliseconds c = m_base;
    for (int i = 0; i < attempt && c < m_cap; ++i)
        c *= 2;
    return std::min(c, m_cap);
}

milliseconds Backoff::delay(int attempt, QRandomGenerator *rng) const
{
    QRandomGenerator *g = rng ? rng : QRandomGenerator::global();
    const qint64 top = ceiling(attempt).count();
    const qint64 bottom = m_equal ? top / 2 : 0;
    return milliseconds(bottom + qint64(g->bounded(quint64(top - bottom + 1))));
}

milliseconds Backoff::delay(int attempt, std::optional<milliseconds> retryAfter,
                            QRandomGenerator *rng) const
{
    const milliseconds d = delay(attempt, rng);
    return retryAfter ? std::max(d, *retryAfter) : d;
}

std::optional<milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    constexpr qint64 maxSeconds = 24 * 3600;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt
                           : std::optional(milliseconds(std::min(seconds, maxSeconds) * 1000));
    // HTTP-date (RFC 9110 IMF-fixdate): "Sun, 06 Nov 1994 08:49:37 GMT".
    const QDateTime when = QLocale::c().toDateTime(
        QString::fromLatin1(v), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    const qint64 ms = std::clamp(now.msecsTo(utc), qint64(0), maxSeconds * 1000);
    return milliseconds(ms);
}

} // namespace Escalation

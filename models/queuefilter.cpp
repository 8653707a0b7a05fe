#include "queuefilter.h"

namespace Escalation {

QString QueueFilter::unownedToken()
{
    // Not a valid person name at the portal (names never start with a NUL).
    return QStringLiteral("\u0000unowned");
}

template<typename T> quint32 QueueFilter::maskOf(const QList<T> &values)
{
    quint32 mask = 0;
    for (const T &v : values) {
        const int bit = int(v);
        if (bit >= 0 && bit < 32)
            mask |= 1u << bit;
    }
    return mask;
}

void QueueFilter::setText(const QString &text)
{
    m_text = text.trimmed();
    m_foldedText = m_text.toCaseFolded();
}
void QueueFilter::setStates(const QList<RequestState> &states)
{
    m_states = maskOf(states);
}
void QueueFilter::setLevels(const QList<int> &levels)
{
    m_levels = maskOf(levels);
}
void QueueFilter::setSeverities(const QList<Severity> &severities)
{
    m_severities = maskOf(severities);
}
void QueueFilter::setTiers(const QList<SupportTier> &tiers)
{
    m_tiers = maskOf(tiers);
}
void QueueFilter::setReasons(const QList<Reason> &reasons)
{
    m_reasons = maskOf(reasons);
}
void QueueFilter::setClockStates(const QList<ClockState> &states)
{
    m_clockStates = maskOf(states);
}
void QueueFilter::setObligations(const QList<Obligation> &owed)
{
    m_owed = maskOf(owed);
}

bool QueueFilter::isEmpty() const
{
    return m_text.isEmpty() && m_states == 0 && m_levels == 0 && m_severities == 0 && m_tiers == 0
        && m_reasons == 0 && m_clockStates == 0 && m_owed == 0 && m_owner.isEmpty()
        && m_team.isEmpty();
}

bool QueueFilter::hasAttributes() const
{
    return m_states != 0 || m_levels != 0 || m_severities != 0 || m_tiers != 0 || m_reasons != 0
        || m_clockStates != 0 || m_owed != 0 || !m_owner.isEmpty() || !m_team.isEmpty();
}

bool QueueFilter::accepts(const QueueFilterSubject &row) const
{
    return acceptsAttributes(row) && acceptsText(row);
}

bool QueueFilter::acceptsAttributes(const QueueFilterSubject &row) const
{
    // Cheapest tests first: a keystroke re-filters 100 000 rows.
    if (!allows(m_states, int(row.state)) || !allows(m_levels, row.level)
        || !allows(m_severities, int(row.severity)) || !allows(m_tiers, int(row.tier))
        || !allows(m_reasons, int(row.reason)) || !allows(m_clockStates, int(row.clock)))
        return false;
    if (m_owed != 0 && (m_owed & row.owed) == 0)
        return false;
    if (!m_owner.isEmpty()) {
        if (m_owner == unownedToken() ? !row.owner.isEmpty() : row.owner != m_owner)
            return false;
    }
    return m_team.isEmpty() || row.team == m_team;
}

bool QueueFilter::acceptsText(const QueueFilterSubject &row) const
{
    if (m_text.isEmpty())
        return true;
    for (QStringView field : row.foldedText) {
        if (field.contains(m_foldedText))
            return true;
    }
    return acceptsRequestId(row.requestId);
}

} // namespace Escalation

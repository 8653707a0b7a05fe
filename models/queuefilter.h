#pragma once

// What the user wants to see of the queue: free text plus sets of states,
// levels, severities, tiers, reasons, clock states, an owner and a team.
// A plain value: the proxy only asks it whether a row passes, so the rules
// are testable without any model (and another view can reuse them).

#include "reviewclock.h"

#include <escalation.h>
#include <escalationpolicy.h>

#include <QList>
#include <QString>
#include <QStringView>

#include <array>

namespace Escalation {

// The fields of one queue row the filter looks at. Views into the model's
// strings; valid while the row is.
struct QueueFilterSubject {
    QStringView requestId;
    QStringView owner; // as written, for the owner filter
    QStringView team; // as written, for the team filter
    // Owner, team, requester, case number, subject and account, case-folded
    // (QString::toCaseFolded) so that the text search is a plain substring
    // search: 100 000 rows per keystroke.
    std::array<QStringView, 6> foldedText;
    RequestState state = RequestState::Pending;
    int level = 1;
    Severity severity = Severity::S3;
    SupportTier tier = SupportTier::Standard;
    Reason reason = Reason::Other;
    ClockState clock = ClockState::OnTrack;
    // Bits of Obligation still owed; filled only when the filter asks
    // (QueueFilter::hasObligations), since it lives outside the queue model.
    quint8 owed = 0;
};

class QueueFilter final {
public:
    // Owner filter value that matches requests nobody has taken yet.
    static QString unownedToken();

    // Matched case-insensitively as a substring of the request id, case
    // number, subject, account, owner, team or requester.
    void setText(const QString &text);
    QString text() const { return m_text; }

    // An empty set accepts every value.
    void setStates(const QList<RequestState> &states);
    void setLevels(const QList<int> &levels);
    void setSeverities(const QList<Severity> &severities);
    void setTiers(const QList<SupportTier> &tiers);
    void setReasons(const QList<Reason> &reasons);
    void setClockStates(const QList<ClockState> &states);
    // Only requests that still owe one of these; empty: any request.
    void setObligations(const QList<Obligation> &owed);
    // Exact name; empty accepts everyone, unownedToken() the unowned rows.
    void setOwner(const QString &owner) { m_owner = owner; }
    void setTeam(const QString &team) { m_team = team; }

    QString owner() const { return m_owner; }
    QString team() const { return m_team; }
    // The chosen values (empty: any), in ascending order.
    QList<RequestState> states() const { return valuesOf<RequestState>(m_states); }
    QList<int> levels() const { return valuesOf<int>(m_levels); }
    QList<Severity> severities() const { return valuesOf<Severity>(m_severities); }
    QList<SupportTier> tiers() const { return valuesOf<SupportTier>(m_tiers); }
    QList<Reason> reasons() const { return valuesOf<Reason>(m_reasons); }
    QList<ClockState> clockStates() const { return valuesOf<ClockState>(m_clockStates); }
    QList<Obligation> obligations() const { return valuesOf<Obligation>(m_owed); }
    bool hasObligations() const { return m_owed != 0; }
    bool acceptsState(RequestState s) const { return allows(m_states, int(s)); }
    bool acceptsLevel(int level) const { return allows(m_levels, level); }
    bool acceptsSeverity(Severity s) const { return allows(m_severities, int(s)); }
    bool acceptsTier(SupportTier t) const { return allows(m_tiers, int(t)); }
    bool acceptsReason(Reason r) const { return allows(m_reasons, int(r)); }
    bool acceptsClockState(ClockState c) const { return allows(m_clockStates, int(c)); }

    bool isEmpty() const;
    bool accepts(const QueueFilterSubject &row) const;

    // accepts() in two halves, for a caller (the proxy) that answers the
    // field part of the text test itself, testing each distinct field value
    // once per search rather than each row's fields:
    // accepts(s) == acceptsAttributes(s)
    //               && (!hasText() || a folded field contains foldedText()
    //                   || acceptsRequestId(s.requestId)).
    bool hasText() const { return !m_text.isEmpty(); }
    bool hasAttributes() const;
    bool acceptsAttributes(const QueueFilterSubject &row) const;
    const QString &foldedText() const { return m_foldedText; }
    bool acceptsRequestId(QStringView requestId) const
    {
        return requestId.contains(m_text, Qt::CaseInsensitive);
    }
    bool acceptsText(const QueueFilterSubject &row) const;

    friend bool operator==(const QueueFilter &, const QueueFilter &) = default;

private:
    static bool allows(quint32 mask, int bit) { return mask == 0 || (mask & (1u << bit)) != 0; }
    template<typename T> static quint32 maskOf(const QList<T> &values);
    template<typename T> static QList<T> valuesOf(quint32 mask)
    {
        QList<T> values;
        for (int bit = 0; bit < 32; ++bit)
            if (mask & (1u << bit))
                values.append(T(bit));
        return values;
    }

    QString m_text;
    QString m_foldedText;
    quint32 m_states = 0;
    quint32 m_levels = 0;
    quint32 m_severities = 0;
    quint32 m_tiers = 0;
    quint32 m_reasons = 0;
    quint32 m_clockStates = 0;
    quint32 m_owed = 0;
    QString m_owner;
    QString m_team;
};

} // namespace Escalation

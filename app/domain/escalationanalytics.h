#pragma once

// How the escalation process performed over a period, from the requests'
// own history: review-target achievement and business time to decision per
// week, escalations by level and reason, the accounts behind level 3 and 4,
// accept and decline rates per manager and team, declines that came back
// as re-escalations within 7 days, the ladder funnel, and requests refused
// as too early or as S1 outages. Pure: the caller reads the requests (off
// the GUI thread) and gets every figure with the request ids behind it,
// so that a view can list them. Definitions are in docs/analytics.md.

#include "calendarregistry.h"
#include "escalation.h"
#include "escalationpolicy.h"
#include "reviewclock.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QStringList>

#include <array>
#include <optional>

namespace Escalation {

// Which requests count: raised within [from, to] (UTC dates, inclusive),
// and matching every criterion that is set.
struct AnalyticsFilter {
    QDate from;
    QDate to;
    QString team; // empty: any
    QString account; // empty: any
    // A manager's own numbers: requests this person owns or decided.
    QString person; // empty: anyone
    QList<int> levels; // empty: any
    QList<Reason> reasons;
    QList<Severity> severities;
    QList<SupportTier> tiers;

    // The last `weeks` whole ISO weeks up to and including the week of today.
    static AnalyticsFilter lastWeeks(int weeks, const QDate &today);
    bool accepts(const EscalationRequest &request, const Case *caseRecord) const;
};

// A figure and the requests it counts, for the drill-down.
struct AnalyticsCount {
    int count = 0;
    QStringList requestIds;
    void add(const QString &id)
    {
        ++count;
        requestIds.append(id);
    }
};

struct AnalyticsWeek {
    QDate monday; // ISO week start
    AnalyticsCount raised;
    std::array<AnalyticsCount, 4> byLevel; // levels 1..4
    QHash<Reason, AnalyticsCount> byReason;
    // Reviews whose target has come: decided, or undecided and overdue.
    AnalyticsCount reviewsDue;
    AnalyticsCount onTime; // decided before the review target
    // Business minutes from raised to decision, decided requests only.
    std::optional<qint64> medianMinutesToDecision;
    std::optional<qint64> p90MinutesToDecision;

    // onTime / reviewsDue, nullopt when nothing was due.
    std::optional<double> achievement() const;
};

struct AnalyticsAccount {
    QString account;
    AnalyticsCount level3;
    AnalyticsCount level4;
    int total() const { return level3.count + level4.count; }
};

struct AnalyticsOutcome {
    QString name; // manager (who decided) or team
    AnalyticsCount accepted;
    AnalyticsCount declined;
    std::optional<double> declineRate() const;
};

struct AnalyticsReEscalation {
    QString declinedId;
    QString reEscalationId;
    QString caseNumber;
    QDateTime declinedAt;
    QDateTime reEscalatedAt;
};

struct AnalyticsLevel {
    int level = 0;
    AnalyticsCount reached; // requests raised at this level
    // Business minutes from raised to the next level being raised, for the
    // requests that were re-escalated; nullopt when none was.
    std::optional<qint64> medianMinutesAtLevel;
    int movedOn = 0; // how many of them were re-escalated
};

struct AnalyticsReport {
    AnalyticsFilter filter;
    QDateTime computedAt;
    int requests = 0; // in the period and filter
    QList<AnalyticsWeek> weeks; // every ISO week of the period, oldest first
    QList<AnalyticsAccount> topAccounts; // by level-3 + level-4 requests, at most 10
    QList<AnalyticsOutcome> managers; // by name
    QList<AnalyticsOutcome> teams; // by name
    AnalyticsCount declines;
    QList<AnalyticsReEscalation> reEscalatedAfterDecline; // within 7 days
    std::array<AnalyticsLevel, 4> funnel;
    AnalyticsCount refusedTooEarly;
    AnalyticsCount refusedOutage;
    // Of the too-early ones: accepted anyway, with the manager's justification.
    AnalyticsCount acceptedEarly;
    // Handed to another region's team (follow-the-sun) at least once.
    AnalyticsCount handedOff;
    // Waiting on the requester: the requests that waited, how often they
    // were asked, and the business minutes per wait (an open one up to now).
    AnalyticsCount waitedOnRequester;
    int waits = 0;
    std::optional<qint64> medianWaitMinutes;
    std::optional<qint64> p90WaitMinutes;

    std::optional<double> reEscalationRate() const;
    // Over the whole period, like the weekly figures.
    std::optional<double> achievement() const;
};

class EscalationAnalytics final {
public:
    EscalationAnalytics(CalendarRegistry calendars, ReviewClock clock, EscalationPolicy policy);

    // requests: every request the cache holds (re-escalations after the
    // period count for the 7-day rule); cases by id. now: what "overdue"
    // is measured against.
    AnalyticsReport compute(const QList<EscalationRequest> &requests,
                            const QHash<QString, Case> &cases, const AnalyticsFilter &filter,
                            const QDateTime &now) const;

    // Nearest-rank percentile (p in 0..100) of sorted values; nullopt if none.
    static std::optional<qint64> percentile(const QList<qint64> &sorted, int p);

private:
    CalendarRegistry m_calendars;
    ReviewClock m_clock;
    EscalationPolicy m_policy;
};

} // namespace Escalation

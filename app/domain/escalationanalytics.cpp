#include "escalationanalytics.h"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace Escalation {

namespace {

constexpr qint64 ReEscalationWindowSecs = 7 * 24 * 3600;

QDate mondayOf(const QDate &date)
{
    return date.addDays(1 - date.dayOfWeek());
}

std::optional<double> share(int part, int whole)
{
    if (whole <= 0)
        return std::nullopt;
    return double(part) / double(whole);
}

// Calendars by id, looked up once each: find() copies the calendar.
class CalendarCache {
public:
    explicit CalendarCache(const CalendarRegistry &registry)
        : m_registry(registry)
    {
    }
    const BusinessCalendar &forId(const QString &id)
    {
        auto it = m_cache.find(id);
        if (it == m_cache.end())
            it = m_cache.insert(id, m_registry.find(id).calendar);
        return *it;
    }

private:
    const CalendarRegistry &m_registry;
    QHash<QString, BusinessCalendar> m_cache;
};

QList<AnalyticsOutcome> sortedOutcomes(const QMap<QString, AnalyticsOutcome> &byName)
{
    return byName.values(); // QMap: by name
}

} // namespace

AnalyticsFilter AnalyticsFilter::lastWeeks(int weeks, const QDate &today)
{
    AnalyticsFilter filter;
    const QDate monday = mondayOf(today);
    filter.from = monday.addDays(-7 * (std::max(weeks, 1) - 1));
    filter.to = monday.addDays(6);
    return filter;
}

bool AnalyticsFilter::accepts(const EscalationRequest &request, const Case *caseRecord) const
{
    const QDate raised = request.requestedAt.toUTC().date();
    if ((from.isValid() && raised < from) || (to.isValid() && raised > to))
        return false;
    if (!team.isEmpty() && request.team != team)
        return false;
    if (!person.isEmpty() && request.owner != person
        && !(request.decision && request.decision->by == person))
        return false;
    if (!levels.isEmpty() && !levels.contains(request.level))
        return false;
    if (!reasons.isEmpty() && !reasons.contains(request.reason))
        return false;
    if (!account.isEmpty() || !severities.isEmpty() || !tiers.isEmpty()) {
        if (!caseRecord)
            return false;
        if (!account.isEmpty() && caseRecord->account != account)
            return false;
        if (!severities.isEmpty() && !severities.contains(caseRecord->severity))
            return false;
        if (!tiers.isEmpty() && !tiers.contains(caseRecord->tier))
            return false;
    }
    return true;
}

std::optional<double> AnalyticsWeek::achievement() const
{
    return share(onTime.count, reviewsDue.count);
}

std::optional<double> AnalyticsOutcome::declineRate() const
{
    return share(declined.count, accepted.count + declined.count);
}

std::optional<double> AnalyticsReport::reEscalationRate() const
{
    return share(int(reEscalatedAfterDecline.size()), declines.count);
}

std::optional<double> AnalyticsReport::achievement() const
{
    int onTime = 0;
    int due = 0;
    for (const AnalyticsWeek &week : weeks) {
        onTime += week.onTime.count;
        due += week.reviewsDue.count;
    }
    return share(onTime, due);
}

EscalationAnalytics::EscalationAnalytics(CalendarRegistry calendars, ReviewClock clock,
                                         EscalationPolicy policy)
    : m_calendars(std::move(calendars))
    , m_clock(std::move(clock))
    , m_policy(std::move(policy))
{
}

std::optional<qint64> EscalationAnalytics::percentile(const QList<qint64> &sorted, int p)
{
    if (sorted.isEmpty())
        return std::nullopt;
    // Nearest rank: the smallest value with at least p % of the values at or
    // below it. The median of 4 values is the 2nd.
    const auto rank = qsizetype(std::ceil(double(p) / 100.0 * double(sorted.size())));
    return sorted.at(std::clamp<qsizetype>(rank, 1, sorted.size()) - 1);
}

AnalyticsReport EscalationAnalytics::compute(const QList<EscalationRequest> &requests,
                                             const QHash<QString, Case> &cases,
                                             const AnalyticsFilter &filter,
                                             const QDateTime &now) const
{
    AnalyticsReport report;
    report.filter = filter;
    report.computedAt = now;
    const qint64 nowSecs = now.toSecsSinceEpoch();
    CalendarCache calendars(m_calendars);

    // Every ISO week of the period, even an empty one: a chart shows gaps.
    QDate first = filter.from;
    QDate last = filter.to;
    if (!first.isValid() || !last.isValid()) {
        for (const EscalationRequest &r : requests) {
            const QDate d = r.requestedAt.toUTC().date();
            first = !first.isValid() || d < first ? d : first;
            last = !last.isValid() || d > last ? d : last;
        }
    }
    QHash<QDate, qsizetype> weekIndex;
    QList<QList<qint64>> minutesByWeek;
    if (first.isValid() && last.isValid()) {
        for (QDate monday = mondayOf(first); monday <= last; monday = monday.addDays(7)) {
            weekIndex.insert(monday, report.weeks.size());
            AnalyticsWeek week;
            week.monday = monday;
            report.weeks.append(week);
            minutesByWeek.append(QList<qint64>());
        }
    }

    // Re-escalations by the request they re-escalate (from the whole cache:
    // one raised after the period still tells on a decline within it).
    QHash<QString, const EscalationRequest *> successorOf;
    for (const EscalationRequest &r : requests) {
        if (r.previousRequestId.isEmpty())
            continue;
        const EscalationRequest *&known = successorOf[r.previousRequestId];
        if (!known || r.requestedAt < known->requestedAt)
            known = &r;
    }

    QMap<QString, AnalyticsOutcome> managers;
    QMap<QString, AnalyticsOutcome> teams;
    QHash<QString, AnalyticsAccount> accounts;
    std::array<QList<qint64>, 4> minutesAtLevel;
    QList<qint64> waitMinutes;
    for (int level = 1; level <= 4; ++level)
        report.funnel[level - 1].level = level;

    for (const EscalationRequest &r : requests) {
        const auto caseIt = cases.constFind(r.caseId);
        const Case *c = caseIt == cases.constEnd() ? nullptr : &*caseIt;
        if (!filter.accepts(r, c))
            continue;
        ++report.requests;
        const BusinessCalendar &calendar = calendars.forId(r.calendarId);
        const qint64 raisedSecs = r.requestedAt.toSecsSinceEpoch();
        const int levelIndex = std::clamp(r.level, 1, 4) - 1;

        // Refusals: an S1 outage is never an escalation; a request raised
        // before the minimum case age is too early.
        if (c) {
            const Eligibility eligibility = m_policy.checkEligibility(*c, r);
            if (eligibility.verdict == Eligibility::Verdict::RefusedOutage)
                report.refusedOutage.add(r.id);
            else if (eligibility.verdict == Eligibility::Verdict::TooEarly)
                report.refusedTooEarly.add(r.id);
            if (eligibility.verdict == Eligibility::Verdict::TooEarly && r.decision
                && r.decision->kind == DecisionKind::Accept)
                report.acceptedEarly.add(r.id);
        }
        if (r.handOff)
            report.handedOff.add(r.id);
        if (!r.waits.isEmpty()) {
            report.waitedOnRequester.add(r.id);
            report.waits += int(r.waits.size());
            for (const qint64 seconds :
                 pausedBusinessSeconds(calendar, pausesOf(r, NoInstant), nowSecs))
                waitMinutes.append(seconds / 60);
        }

        // The week it was raised in.
        const qsizetype w = weekIndex.value(mondayOf(r.requestedAt.toUTC().date()), -1);
        if (w >= 0) {
            AnalyticsWeek &week = report.weeks[w];
            week.raised.add(r.id);
            week.byLevel[levelIndex].add(r.id);
            week.byReason[r.reason].add(r.id);
            const qint64 decidedSecs = r.decision ? r.decision->at.toSecsSinceEpoch() : NoInstant;
            const ReviewTimes times =
                m_clock.times(calendar, raisedSecs, decidedSecs, pausesOf(r, decidedSecs));
            if (r.decision) {
                week.reviewsDue.add(r.id);
                if (times.answeredInTime())
                    week.onTime.add(r.id);
                minutesByWeek[w].append(calendar.businessMinutesBetween(raisedSecs, decidedSecs));
            } else if (r.state == RequestState::Pending && times.dueAt <= nowSecs) {
                week.reviewsDue.add(r.id); // overdue and still undecided: a miss
            }
        }

        // Outcomes, per manager who decided and per team.
        if (r.decision) {
            const bool accepted = r.decision->kind == DecisionKind::Accept;
            for (auto [map, name] :
                 {std::pair {&managers, r.decision->by}, std::pair {&teams, r.team}}) {
                const QString key = name.isEmpty() ? QString() : name;
                AnalyticsOutcome &outcome = (*map)[key];
                outcome.name = key;
                (accepted ? outcome.accepted : outcome.declined).add(r.id);
            }
            if (!accepted) {
                report.declines.add(r.id);
                const EscalationRequest *next = successorOf.value(r.id);
                if (next
                    && next->requestedAt.toSecsSinceEpoch() - r.decision->at.toSecsSinceEpoch()
                        <= ReEscalationWindowSecs)
                    report.reEscalatedAfterDecline.append({r.id, next->id, c ? c->number : r.caseId,
                                                           r.decision->at, next->requestedAt});
            }
        }

        // The accounts behind level 3 and 4.
        if (r.level >= 3 && c) {
            AnalyticsAccount &account = accounts[c->account];
            account.account = c->account;
            (r.level == 3 ? account.level3 : account.level4).add(r.id);
        }

        // The funnel: reached, and the business time until the next level.
        AnalyticsLevel &level = report.funnel[levelIndex];
        level.reached.add(r.id);
        if (const EscalationRequest *next = successorOf.value(r.id)) {
            ++level.movedOn;
            minutesAtLevel[levelIndex].append(
                calendar.businessMinutesBetween(raisedSecs, next->requestedAt.toSecsSinceEpoch()));
        }
    }

    for (qsizetype w = 0; w < report.weeks.size(); ++w) {
        QList<qint64> &minutes = minutesByWeek[w];
        std::sort(minutes.begin(), minutes.end());
        report.weeks[w].medianMinutesToDecision = percentile(minutes, 50);
        report.weeks[w].p90MinutesToDecision = percentile(minutes, 90);
    }
    for (int i = 0; i < 4; ++i) {
        std::sort(minutesAtLevel[i].begin(), minutesAtLevel[i].end());
        report.funnel[i].medianMinutesAtLevel = percentile(minutesAtLevel[i], 50);
    }
    std::sort(waitMinutes.begin(), waitMinutes.end());
    report.medianWaitMinutes = percentile(waitMinutes, 50);
    report.p90WaitMinutes = percentile(waitMinutes, 90);

    report.topAccounts = accounts.values();
    std::sort(report.topAccounts.begin(), report.topAccounts.end(),
              [](const AnalyticsAccount &a, const AnalyticsAccount &b) {
                  if (a.total() != b.total())
                      return a.total() > b.total();
                  if (a.level4.count != b.level4.count)
                      return a.level4.count > b.level4.count;
                  return a.account < b.account;
              });
    if (report.topAccounts.size() > 10)
        report.topAccounts.resize(10);
    report.managers = sortedOutcomes(managers);
    report.teams = sortedOutcomes(teams);
    std::sort(report.reEscalatedAfterDecline.begin(), report.reEscalatedAfterDecline.end(),
              [](const AnalyticsReEscalation &a, const AnalyticsReEscalation &b) {
                  return a.declinedAt < b.declinedAt;
              });
    return report;
}

} // namespace Escalation

#include "requestlookup.h"

#include <algorithm>

namespace Escalation {

RequestLookup::~RequestLookup() = default;

void RequestLookup::requestsForCases(const QStringList &caseIds, QObject *context,
                                     const RequestsReceiver &done) const
{
    Q_UNUSED(context)
    QList<EscalationRequest> found;
    for (const QString &caseId : caseIds)
        found += requestsForCase(caseId);
    done(found);
}

std::optional<RequestHistory> RequestLookup::history(const QString &) const
{
    return std::nullopt;
}

QHash<QString, QString> RequestLookup::teamCalendars() const
{
    return {};
}

QHash<QString, QString> InMemoryRequestLookup::teamCalendars() const
{
    // The calendar most of a team's requests run on.
    QHash<QString, QHash<QString, int>> counts;
    for (const EscalationRequest &r : m_requests)
        if (!r.team.isEmpty())
            ++counts[r.team][r.calendarId];
    QHash<QString, QString> calendars;
    for (auto team = counts.cbegin(); team != counts.cend(); ++team) {
        const auto &perCalendar = team.value();
        const auto most = std::max_element(perCalendar.cbegin(), perCalendar.cend());
        calendars.insert(team.key(), most.key());
    }
    return calendars;
}

void InMemoryRequestLookup::insert(const RequestHistory &history)
{
    m_histories.insert(history.requestId, history);
}

std::optional<RequestHistory> InMemoryRequestLookup::history(const QString &requestId) const
{
    const auto it = m_histories.constFind(requestId);
    return it == m_histories.cend() ? std::nullopt : std::optional(it.value());
}

void InMemoryRequestLookup::insert(const EscalationRequest &request)
{
    m_requests.insert(request.id, request);
}
void InMemoryRequestLookup::insert(const Case &c)
{
    m_cases.insert(c.id, c);
}

std::optional<EscalationRequest> InMemoryRequestLookup::request(const QString &id) const
{
    const auto it = m_requests.constFind(id);
    return it == m_requests.cend() ? std::nullopt : std::optional(it.value());
}

std::optional<Case> InMemoryRequestLookup::caseRecord(const QString &id) const
{
    const auto it = m_cases.constFind(id);
    return it == m_cases.cend() ? std::nullopt : std::optional(it.value());
}

QList<EscalationRequest> InMemoryRequestLookup::requestsForCase(const QString &caseId) const
{
    QList<EscalationRequest> result;
    for (const EscalationRequest &r : m_requests) {
        if (r.caseId == caseId)
            result.append(r);
    }
    std::sort(result.begin(), result.end(), [](const auto &a, const auto &b) {
        return a.requestedAt != b.requestedAt ? a.requestedAt < b.requestedAt : a.level < b.level;
    });
    return result;
}

} // namespace Escalation

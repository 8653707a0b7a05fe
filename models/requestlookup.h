#pragma once

// Where the details pane and the ladder read a request in full (summary,
// notes, decision, the case's earlier levels). The queue model keeps only
// what the table shows; the full records come from the cache on demand.
// The desktop app implements this over a read-only CacheStore; tests over
// a few records in memory.

#include <escalation.h>

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Escalation {

class RequestLookup {
public:
    virtual ~RequestLookup();
    virtual std::optional<EscalationRequest> request(const QString &id) const = 0;
    virtual std::optional<Case> caseRecord(const QString &id) const = 0;
    // Every request of the case, all levels, oldest first.
    virtual QList<EscalationRequest> requestsForCase(const QString &caseId) const = 0;
};

// A lookup over records held in memory: fixtures, demos and tests.
class InMemoryRequestLookup final : public RequestLookup {
public:
    void insert(const EscalationRequest &request);
    void insert(const Case &c);
    std::optional<EscalationRequest> request(const QString &id) const override;
    std::optional<Case> caseRecord(const QString &id) const override;
    QList<EscalationRequest> requestsForCase(const QString &caseId) const override;

private:
    QHash<QString, EscalationRequest> m_requests;
    QHash<QString, Case> m_cases;
};

} // namespace Escalation

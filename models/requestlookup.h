#pragma once

// Where the details pane and the ladder read a request in full (summary,
// notes, decision, the case's earlier levels). The queue model keeps only
// what the table shows; the full records come from the cache on demand.
// The desktop app implements this over a read-only CacheStore; tests over
// a few records in memory.

#include <escalation.h>
#include <requesthistory.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QObject;

namespace Escalation {

class RequestLookup {
public:
    virtual ~RequestLookup();
    virtual std::optional<EscalationRequest> request(const QString &id) const = 0;
    virtual std::optional<Case> caseRecord(const QString &id) const = 0;
    // Every request of the case, all levels, oldest first.
    virtual QList<EscalationRequest> requestsForCase(const QString &caseId) const = 0;

    using RequestsReceiver = std::function<void(const QList<EscalationRequest> &)>;
    // Every request of these cases, handed to done in context's thread; not
    // at all if context is gone by then. For models, which must not wait
    // for a read: the default answers at once through requestsForCase(),
    // right for lookups in memory; a lookup over the cache reads on a pool
    // thread instead.
    virtual void requestsForCases(const QStringList &caseIds, QObject *context,
                                  const RequestsReceiver &done) const;
    // The request's timeline as last fetched from the backend; nullopt when
    // it never was (the default: a lookup without histories).
    virtual std::optional<RequestHistory> history(const QString &requestId) const;
    // Every team, with the calendar its requests run on (the teams a
    // request may be handed to). The default knows none.
    virtual QHash<QString, QString> teamCalendars() const;
};

// A lookup over records held in memory: fixtures, demos and tests.
class InMemoryRequestLookup final : public RequestLookup {
public:
    void insert(const EscalationRequest &request);
    void insert(const Case &c);
    void insert(const RequestHistory &history);
    std::optional<EscalationRequest> request(const QString &id) const override;
    std::optional<Case> caseRecord(const QString &id) const override;
    QList<EscalationRequest> requestsForCase(const QString &caseId) const override;
    std::optional<RequestHistory> history(const QString &requestId) const override;
    QHash<QString, QString> teamCalendars() const override;

private:
    QHash<QString, RequestHistory> m_histories;
    QHash<QString, EscalationRequest> m_requests;
    QHash<QString, Case> m_cases;
};

} // namespace Escalation

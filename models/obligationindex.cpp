#include "obligationindex.h"

#include "queuemodel.h"
#include "requestlookup.h"

namespace Escalation {

ObligationIndex::ObligationIndex(const RequestLookup *history, QObject *parent)
    : QObject(parent)
    , m_history(history)
{
}

bool ObligationIndex::hasAnalysis(const EscalationRequest &r)
{
    return r.level >= 3 && r.analysis && !r.analysis->text.trimmed().isEmpty();
}

void ObligationIndex::noteCaseAnalysis(const EscalationRequest &r)
{
    if (!hasAnalysis(r))
        return;
    const auto it = m_caseAnalysis.constFind(r.caseId);
    if (it == m_caseAnalysis.cend() || it->at < r.analysis->at)
        m_caseAnalysis.insert(r.caseId, *r.analysis);
}

void ObligationIndex::loadSnapshot(const QList<EscalationRequest> &requests)
{
    m_entries.clear();
    m_idsByCase.clear();
    m_caseAnalysis.clear();
    m_historyConsulted.clear();
    for (const EscalationRequest &r : requests) {
        noteCaseAnalysis(r);
        if (r.level < 3 || !QueueModel::belongsInQueue(r.state))
            continue;
        m_entries.insert(r.id,
                         {r.caseId, r.level, hasAnalysis(r) ? r.analysis : std::nullopt,
                          r.ownerAcknowledgement});
        m_idsByCase.insert(r.caseId, r.id);
    }
    Q_EMIT reloaded();
}

void ObligationIndex::applyChangeSet(const ChangeSet &changes)
{
    QStringList changed;
    const auto forget = [&](const QString &id) {
        const auto it = m_entries.constFind(id);
        if (it == m_entries.cend())
            return;
        m_idsByCase.remove(it->caseId, id);
        m_entries.erase(it);
        changed << id;
    };
    for (const QString &id : changes.removedRequestIds)
        forget(id);
    for (const QString &caseId : changes.removedCaseIds) {
        const QStringList ids = m_idsByCase.values(caseId);
        for (const QString &id : ids)
            forget(id);
        m_caseAnalysis.remove(caseId);
        m_historyConsulted.remove(caseId);
    }
    const auto upsert = [&](const EscalationRequest &r) {
        const bool hadCaseAnalysis = m_caseAnalysis.contains(r.caseId);
        noteCaseAnalysis(r);
        if (r.level < 3 || !QueueModel::belongsInQueue(r.state)) {
            forget(r.id);
        } else {
            const Entry e {r.caseId, r.level, hasAnalysis(r) ? r.analysis : std::nullopt,
                           r.ownerAcknowledgement};
            const auto it = m_entries.constFind(r.id);
            if (it == m_entries.cend())
                m_idsByCase.insert(r.caseId, r.id);
            m_entries.insert(r.id, e);
            changed << r.id;
        }
        // An analysis arriving on one request settles the case's others.
        if (!hadCaseAnalysis && m_caseAnalysis.contains(r.caseId))
            changed << m_idsByCase.values(r.caseId);
    };
    for (const EscalationRequest &r : changes.insertedRequests)
        upsert(r);
    for (const EscalationRequest &r : changes.updatedRequests)
        upsert(r);
    if (changed.isEmpty())
        return;
    changed.removeDuplicates();
    Q_EMIT statusChanged(changed);
}

void ObligationIndex::consultHistory(const QString &caseId) const
{
    if (!m_history || m_historyConsulted.contains(caseId))
        return;
    m_historyConsulted.insert(caseId);
    for (const EscalationRequest &r : m_history->requestsForCase(caseId)) {
        if (!hasAnalysis(r))
            continue;
        const auto it = m_caseAnalysis.constFind(caseId);
        if (it == m_caseAnalysis.cend() || it->at < r.analysis->at)
            m_caseAnalysis.insert(caseId, *r.analysis);
    }
}

std::optional<ObligationStatus> ObligationIndex::status(const QString &requestId) const
{
    const auto it = m_entries.constFind(requestId);
    if (it == m_entries.cend())
        return std::nullopt;
    ObligationStatus s;
    s.level = it->level;
    s.analysis = it->analysis;
    s.acknowledgement = it->acknowledgement;
    if (!s.analysis) {
        // Only requests that re-escalated past level 3 can inherit one.
        if (!m_caseAnalysis.contains(it->caseId) && it->level >= 4)
            consultHistory(it->caseId);
        const auto found = m_caseAnalysis.constFind(it->caseId);
        if (found != m_caseAnalysis.cend())
            s.analysis = found.value();
    }
    return s;
}

int ObligationIndex::analysesOwed() const
{
    int n = 0;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        n += status(it.key())->analysisOwed() ? 1 : 0;
    return n;
}

int ObligationIndex::acknowledgementsOwed() const
{
    int n = 0;
    for (const Entry &e : m_entries)
        n += e.level >= 4 && !e.acknowledgement ? 1 : 0;
    return n;
}

} // namespace Escalation

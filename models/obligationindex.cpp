#include "obligationindex.h"

#include "requestlookup.h"

#include <activequeue.h>

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

bool ObligationIndex::noteCaseAnalysis(const EscalationRequest &r)
{
    if (!hasAnalysis(r))
        return false;
    const auto it = m_caseAnalysis.constFind(r.caseId);
    if (it != m_caseAnalysis.cend() && !(it->at < r.analysis->at))
        return false;
    m_caseAnalysis.insert(r.caseId, *r.analysis);
    return true;
}

bool ObligationIndex::needsHistory(const Entry &e) const
{
    // Only requests that re-escalated past level 3 can inherit an analysis.
    return m_history && e.level >= 4 && !e.analysis && !m_caseAnalysis.contains(e.caseId);
}

void ObligationIndex::readHistory(QStringList caseIds)
{
    caseIds.removeDuplicates();
    caseIds.removeIf([this](const QString &id) { return m_historyReading.contains(id); });
    if (caseIds.isEmpty())
        return;
    for (const QString &id : std::as_const(caseIds))
        m_historyReading.insert(id);
    m_history->requestsForCases(caseIds, this,
                                [this, caseIds](const QList<EscalationRequest> &requests) {
                                    onHistoryRead(caseIds, requests);
                                });
}

void ObligationIndex::onHistoryRead(const QStringList &caseIds,
                                    const QList<EscalationRequest> &requests)
{
    for (const QString &id : caseIds)
        m_historyReading.remove(id);
    QSet<QString> settled;
    for (const EscalationRequest &r : requests) {
        // A case that left the queue meanwhile stays forgotten.
        if (m_idsByCase.contains(r.caseId) && noteCaseAnalysis(r))
            settled.insert(r.caseId);
    }
    QStringList changed;
    for (const QString &caseId : std::as_const(settled))
        changed << m_idsByCase.values(caseId);
    if (!changed.isEmpty())
        Q_EMIT statusChanged(changed);
}

void ObligationIndex::loadSnapshot(const QList<EscalationRequest> &requests)
{
    m_entries.clear();
    m_idsByCase.clear();
    m_caseAnalysis.clear();
    for (const EscalationRequest &r : requests) {
        noteCaseAnalysis(r);
        if (r.level < 3 || !isInActiveQueue(r.state))
            continue;
        m_entries.insert(r.id,
                         {r.caseId, r.level, hasAnalysis(r) ? r.analysis : std::nullopt,
                          r.ownerAcknowledgement});
        m_idsByCase.insert(r.caseId, r.id);
    }
    Q_EMIT reloaded();
    QStringList unsettled;
    for (const Entry &e : std::as_const(m_entries)) {
        if (needsHistory(e))
            unsettled << e.caseId;
    }
    readHistory(unsettled);
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
    }
    QStringList unsettled;
    const auto upsert = [&](const EscalationRequest &r) {
        const bool hadCaseAnalysis = m_caseAnalysis.contains(r.caseId);
        noteCaseAnalysis(r);
        if (r.level < 3 || !isInActiveQueue(r.state)) {
            forget(r.id);
        } else {
            const Entry e {r.caseId, r.level, hasAnalysis(r) ? r.analysis : std::nullopt,
                           r.ownerAcknowledgement};
            const auto it = m_entries.constFind(r.id);
            if (it == m_entries.cend())
                m_idsByCase.insert(r.caseId, r.id);
            m_entries.insert(r.id, e);
            changed << r.id;
            // Asked again on every update: the history may have grown.
            if (needsHistory(e))
                unsettled << r.caseId;
        }
        // An analysis arriving on one request settles the case's others.
        if (!hadCaseAnalysis && m_caseAnalysis.contains(r.caseId))
            changed << m_idsByCase.values(r.caseId);
    };
    for (const EscalationRequest &r : changes.insertedRequests)
        upsert(r);
    for (const EscalationRequest &r : changes.updatedRequests)
        upsert(r);
    if (!changed.isEmpty()) {
        changed.removeDuplicates();
        Q_EMIT statusChanged(changed);
    }
    readHistory(unsettled);
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

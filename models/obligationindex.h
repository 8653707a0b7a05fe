#pragma once

// What the level-3 and level-4 requests of the queue still owe, by request
// id: the full analysis level 3 requires (an analysis recorded on an earlier
// level-3 request of the same case counts, as in
// EscalationPolicy::outstandingObligations) and the level-4 owner's
// acknowledgement. Fed by the same snapshot and change sets as the queue;
// holds only the few fields the director's columns need, so that status()
// (asked from the director model's data()) only reads memory. The one fact
// the change sets may lack, an analysis on a superseded level-3 request
// that left the queue before the snapshot, is asked of the history in the
// background when a level-4 request arrives without one.

#include <changeset.h>
#include <escalation.h>

#include <QHash>
#include <QObject>
#include <QSet>

#include <optional>

namespace Escalation {

class RequestLookup;

struct ObligationStatus {
    int level = 0;
    std::optional<Analysis> analysis; // recorded (here or earlier in the case)
    std::optional<OwnerAcknowledgement> acknowledgement; // level 4

    bool analysisOwed() const { return level >= 3 && !analysis; }
    bool acknowledgementOwed() const { return level >= 4 && !acknowledgement; }
};

class ObligationIndex final : public QObject {
    Q_OBJECT
public:
    // history (may be null; must outlive the index) answers for requests
    // that left the queue, e.g. the superseded level-3 request whose
    // analysis a level-4 request inherits; its answer arrives as
    // statusChanged.
    explicit ObligationIndex(const RequestLookup *history = nullptr, QObject *parent = nullptr);

    void loadSnapshot(const QList<EscalationRequest> &requests);
    void applyChangeSet(const ChangeSet &changes);

    // nullopt for requests below level 3 or unknown ones.
    std::optional<ObligationStatus> status(const QString &requestId) const;
    int analysesOwed() const;
    int acknowledgementsOwed() const;

Q_SIGNALS:
    void statusChanged(const QStringList &requestIds);
    void reloaded();

private:
    struct Entry {
        QString caseId;
        int level = 0;
        std::optional<Analysis> analysis;
        std::optional<OwnerAcknowledgement> acknowledgement;
    };
    static bool hasAnalysis(const EscalationRequest &r);
    bool noteCaseAnalysis(const EscalationRequest &r);
    bool needsHistory(const Entry &e) const;
    void readHistory(QStringList caseIds);
    void onHistoryRead(const QStringList &caseIds, const QList<EscalationRequest> &requests);

    const RequestLookup *m_history;
    QHash<QString, Entry> m_entries; // level >= 3 requests in the queue
    QMultiHash<QString, QString> m_idsByCase; // case id -> those request ids
    QHash<QString, Analysis> m_caseAnalysis; // the latest analysis of a case at level >= 3
    QSet<QString> m_historyReading; // cases whose history is being read
};

} // namespace Escalation

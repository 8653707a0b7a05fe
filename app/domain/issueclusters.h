#pragma once

// Major-issue clusters: when an outage hits, many customers escalate the
// same problem within a short time, each a request of its own. This finds
// them among the open requests: two requests belong together when they
// were raised within the window of each other and their cases' subjects say
// the same (word overlap, Jaccard on normalised words; subjects that only
// partly agree count when the requesters' summaries agree too), and a
// cluster is what those links connect, once it spans enough cases. A
// manager confirms a proposed cluster before anything is decided for it.

#include "escalation.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

namespace Escalation {

struct IssueCluster {
    QString title; // the subject most of its cases share
    QStringList requestIds; // in the order raised
    QDateTime firstRaised;
    QDateTime lastRaised;
    int accounts = 0; // distinct customer accounts
};

struct IssueClusterOptions {
    qint64 windowSecs = 2 * 3600; // raised within this of another member
    double subjectSimilarity = 0.5; // Jaccard of the subjects' words
    double weakSubjectSimilarity = 0.3; // enough when the summaries agree:
    double summarySimilarity = 0.5; // Jaccard of the summaries' words
    int minimumCases = 3; // distinct cases (customers' reports), not requests
};

class IssueClusters final {
public:
    // The words a text is compared by: lower case, without numbers, short
    // words and the most common English ones.
    static QSet<QString> words(const QString &text);
    static double similarity(const QSet<QString> &a, const QSet<QString> &b);

    // Clusters among the pending requests, largest first.
    static QList<IssueCluster> find(const QList<EscalationRequest> &requests,
                                    const QHash<QString, Case> &cases,
                                    const IssueClusterOptions &options = {});
};

} // namespace Escalation

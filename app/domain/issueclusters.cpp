#include "issueclusters.h"

#include <QRegularExpression>

#include <algorithm>
#include <numeric>

namespace Escalation {

namespace {

const QSet<QString> &stopWords()
{
    static const QSet<QString> words = [] {
        QSet<QString> set;
        for (const char *w :
             {"the",       "and",   "for",   "with",    "after", "before", "from",   "into",
              "when",      "are",   "was",   "not",     "our",   "their",  "they",   "this",
              "that",      "since", "has",   "have",    "been",  "all",    "any",    "but",
              "can",       "out",   "off",   "per",     "via",   "who",    "why",    "how",
              "its",       "too",   "now",   "still",   "again", "need",   "needs",  "customer",
              "customers", "case",  "issue", "problem", "users", "user",   "please", "urgent",
              "show",      "shows"})
            set.insert(QString::fromLatin1(w));
        return set;
    }();
    return words;
}

// Union-find over request indexes.
struct Components {
    std::vector<int> parent;
    explicit Components(int n)
        : parent(std::size_t(n))
    {
        std::iota(parent.begin(), parent.end(), 0);
    }
    int root(int i)
    {
        while (parent[std::size_t(i)] != i)
            i = parent[std::size_t(i)] = parent[std::size_t(parent[std::size_t(i)])];
        return i;
    }
    void join(int a, int b) { parent[std::size_t(root(a))] = root(b); }
};

} // namespace

QSet<QString> IssueClusters::words(const QString &text)
{
    static const QRegularExpression separator(QStringLiteral("[^\\p{L}]+"));
    QSet<QString> result;
    for (const QString &word : text.toCaseFolded().split(separator, Qt::SkipEmptyParts)) {
        if (word.size() < 3 || stopWords().contains(word))
            continue;
        // A light stemming, so that "rejects", "rejected" and "rejecting" meet.
        QString stem = word;
        for (const char *suffix : {"ing", "ed", "es", "s"}) {
            const QLatin1String s(suffix);
            if (stem.size() > s.size() + 3 && stem.endsWith(s)) {
                stem.chop(s.size());
                break;
            }
        }
        result.insert(stem);
    }
    return result;
}

double IssueClusters::similarity(const QSet<QString> &a, const QSet<QString> &b)
{
    if (a.isEmpty() || b.isEmpty())
        return 0.0;
    // Counted without building the intersection: this runs for every pair
    // raised within the window of each other.
    const QSet<QString> &small = a.size() <= b.size() ? a : b;
    const QSet<QString> &large = a.size() <= b.size() ? b : a;
    qsizetype shared = 0;
    for (const QString &word : small)
        shared += large.contains(word) ? 1 : 0;
    return double(shared) / double(a.size() + b.size() - shared);
}

QList<IssueCluster> IssueClusters::find(const QList<EscalationRequest> &requests,
                                        const QHash<QString, Case> &cases,
                                        const IssueClusterOptions &options)
{
    struct Item {
        const EscalationRequest *request;
        const Case *caseRecord;
        qint64 raised;
        QSet<QString> subject;
        QSet<QString> summary;
    };
    std::vector<Item> items;
    for (const EscalationRequest &r : requests) {
        const auto c = cases.constFind(r.caseId);
        if (r.state != RequestState::Pending || c == cases.cend() || c->isOutage())
            continue;
        items.push_back(
            {&r, &*c, r.requestedAt.toSecsSinceEpoch(), words(c->subject), words(r.summary)});
    }
    // In order raised, so that each request is compared with those within
    // the window after it only.
    std::sort(items.begin(), items.end(),
              [](const Item &a, const Item &b) { return a.raised < b.raised; });
    Components components(int(items.size()));
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (std::size_t j = i + 1; j < items.size(); ++j) {
            if (items[j].raised - items[i].raised > options.windowSecs)
                break;
            if (items[i].caseRecord == items[j].caseRecord)
                continue; // the same case is a re-escalation, not a cluster
            const double subject = similarity(items[i].subject, items[j].subject);
            // Subjects that half agree count when the requesters describe
            // the same too; summaries alone never link (they share boilerplate).
            if (subject >= options.subjectSimilarity
                || (subject >= options.weakSubjectSimilarity
                    && similarity(items[i].summary, items[j].summary) >= options.summarySimilarity))
                components.join(int(i), int(j));
        }
    }
    QHash<int, QList<int>> groups;
    for (int i = 0; i < int(items.size()); ++i)
        groups[components.root(i)].append(i);
    QList<IssueCluster> clusters;
    for (const QList<int> &members : std::as_const(groups)) {
        QSet<const Case *> distinctCases;
        for (int i : members)
            distinctCases.insert(items[std::size_t(i)].caseRecord);
        if (distinctCases.size() < options.minimumCases)
            continue;
        IssueCluster cluster;
        QHash<QString, int> subjects;
        QSet<QString> accounts;
        // Case subjects often end in a number ("… (48)"): counted without it.
        static const QRegularExpression trailingNumber(QStringLiteral("\\s*[(#]?\\d+\\)?$"));
        for (int i : members) {
            const Item &item = items[std::size_t(i)];
            cluster.requestIds << item.request->id;
            ++subjects[QString(item.caseRecord->subject).remove(trailingNumber)];
            accounts.insert(item.caseRecord->account);
        }
        cluster.firstRaised = items[std::size_t(members.constFirst())].request->requestedAt;
        cluster.lastRaised = items[std::size_t(members.constLast())].request->requestedAt;
        cluster.accounts = int(accounts.size());
        // The most common subject names it; ties: the first raised.
        int best = 0;
        for (int i : members) {
            const QString subject =
                QString(items[std::size_t(i)].caseRecord->subject).remove(trailingNumber);
            if (subjects.value(subject) > best) {
                best = subjects.value(subject);
                cluster.title = subject;
            }
        }
        clusters.append(cluster);
    }
    std::sort(clusters.begin(), clusters.end(), [](const IssueCluster &a, const IssueCluster &b) {
        return a.requestIds.size() != b.requestIds.size()
            ? a.requestIds.size() > b.requestIds.size()
            : a.firstRaised < b.firstRaised;
    });
    return clusters;
}

} // namespace Escalation

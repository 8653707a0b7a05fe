#pragma once

// The major-issue clusters a manager confirmed. The queue shows each as one
// row, its first request raised standing for all of them, which expands to
// show every request in it; an action on the collapsed row applies to each
// request (each still its own outbox entry). Kept in the settings as JSON
// (toJson/fromJson), so that a restart keeps the queue as the manager left it.

#include <issueclusters.h>

#include <QHash>
#include <QObject>

#include <functional>

namespace Escalation {

struct ConfirmedCluster {
    QString title;
    QStringList requestIds; // in the order raised; the first one is the key
    bool expanded = false;

    QString key() const { return requestIds.value(0); }
    bool operator==(const ConfirmedCluster &) const = default;
};

class QueueClusters final : public QObject {
    Q_OBJECT
public:
    explicit QueueClusters(QObject *parent = nullptr);

    // Confirms a proposal, or adds its new requests to the confirmed cluster
    // that holds its first one. A request belongs to one cluster at most:
    // requests already in another cluster stay there.
    void confirm(const IssueCluster &cluster);
    void dissolve(const QString &key);
    // Forgets the clusters none of whose requests is still open: their
    // issue has been answered.
    void forgetAnswered(const std::function<bool(const QString &requestId)> &isOpen);
    void setExpanded(const QString &key, bool expanded);
    void toggleExpanded(const QString &key);

    const QList<ConfirmedCluster> &clusters() const { return m_clusters; }
    bool isEmpty() const { return m_clusters.isEmpty(); }
    // The cluster holding this request, or nullptr.
    const ConfirmedCluster *clusterOf(const QString &requestId) const;
    const ConfirmedCluster *cluster(const QString &key) const;
    // The requests of a proposal no confirmed cluster holds yet.
    QStringList unconfirmedIds(const IssueCluster &proposal) const;

    QByteArray toJson() const;
    // Replaces the clusters; false (and nothing changes) when the text is
    // not a list of clusters this desk wrote.
    bool fromJson(const QByteArray &json, QString *error = nullptr);

Q_SIGNALS:
    // Membership changed (confirm, dissolve, load): the queue regroups.
    void membershipChanged();
    // One cluster opened or closed.
    void expandedChanged(const QString &key, bool expanded);

private:
    void reindex();

    QList<ConfirmedCluster> m_clusters;
    QHash<QString, int> m_indexOf; // request id → index into m_clusters
};

} // namespace Escalation

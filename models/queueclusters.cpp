#include "queueclusters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace Escalation {

QueueClusters::QueueClusters(QObject *parent)
    : QObject(parent)
{
}

void QueueClusters::confirm(const IssueCluster &proposal)
{
    const QStringList added = unconfirmedIds(proposal);
    if (added.isEmpty())
        return;
    // A proposal grows from its first request: more reports of a confirmed
    // issue join the cluster that holds it.
    const auto existing = m_indexOf.constFind(proposal.requestIds.value(0));
    if (existing != m_indexOf.cend()) {
        m_clusters[*existing].requestIds += added;
    } else {
        ConfirmedCluster cluster;
        cluster.title = proposal.title;
        cluster.requestIds = added;
        m_clusters.append(cluster);
    }
    reindex();
    Q_EMIT membershipChanged();
}

void QueueClusters::dissolve(const QString &key)
{
    const auto it = m_indexOf.constFind(key);
    if (it == m_indexOf.cend() || m_clusters.at(*it).key() != key)
        return;
    m_clusters.removeAt(*it);
    reindex();
    Q_EMIT membershipChanged();
}

void QueueClusters::forgetAnswered(const std::function<bool(const QString &)> &isOpen)
{
    const qsizetype before = m_clusters.size();
    m_clusters.removeIf([&isOpen](const ConfirmedCluster &c) {
        return std::none_of(c.requestIds.cbegin(), c.requestIds.cend(), isOpen);
    });
    if (m_clusters.size() == before)
        return;
    reindex();
    Q_EMIT membershipChanged();
}

void QueueClusters::setExpanded(const QString &key, bool expanded)
{
    const auto it = m_indexOf.constFind(key);
    if (it == m_indexOf.cend() || m_clusters.at(*it).key() != key
        || m_clusters.at(*it).expanded == expanded)
        return;
    m_clusters[*it].expanded = expanded;
    Q_EMIT expandedChanged(key, expanded);
}

void QueueClusters::toggleExpanded(const QString &key)
{
    if (const ConfirmedCluster *c = cluster(key))
        setExpanded(key, !c->expanded);
}

const ConfirmedCluster *QueueClusters::clusterOf(const QString &requestId) const
{
    const auto it = m_indexOf.constFind(requestId);
    return it == m_indexOf.cend() ? nullptr : &m_clusters.at(*it);
}

const ConfirmedCluster *QueueClusters::cluster(const QString &key) const
{
    const ConfirmedCluster *c = clusterOf(key);
    return c && c->key() == key ? c : nullptr;
}

QStringList QueueClusters::unconfirmedIds(const IssueCluster &proposal) const
{
    QStringList ids;
    for (const QString &id : proposal.requestIds)
        if (!m_indexOf.contains(id))
            ids << id;
    return ids;
}

void QueueClusters::reindex()
{
    m_indexOf.clear();
    for (int i = 0; i < m_clusters.size(); ++i)
        for (const QString &id : m_clusters.at(i).requestIds)
            m_indexOf.insert(id, i);
}

QByteArray QueueClusters::toJson() const
{
    QJsonArray list;
    for (const ConfirmedCluster &c : m_clusters)
        list.append(
            QJsonObject {{QStringLiteral("title"), c.title},
                         {QStringLiteral("requestIds"), QJsonArray::fromStringList(c.requestIds)},
                         {QStringLiteral("expanded"), c.expanded}});
    return QJsonDocument(QJsonObject {{QStringLiteral("confirmedClusters"), list}})
        .toJson(QJsonDocument::Compact);
}

bool QueueClusters::fromJson(const QByteArray &json, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError)
        return fail(parse.errorString());
    const QJsonValue list = doc.object().value(QStringLiteral("confirmedClusters"));
    if (!list.isArray())
        return fail(tr("no list of confirmed clusters"));
    QList<ConfirmedCluster> clusters;
    QSet<QString> seen;
    for (const QJsonValue &value : list.toArray()) {
        const QJsonObject o = value.toObject();
        ConfirmedCluster c;
        c.title = o.value(QStringLiteral("title")).toString();
        c.expanded = o.value(QStringLiteral("expanded")).toBool();
        for (const QJsonValue &id : o.value(QStringLiteral("requestIds")).toArray()) {
            const QString text = id.toString();
            if (text.isEmpty() || seen.contains(text))
                return fail(tr("a cluster names a request twice or names none"));
            seen.insert(text);
            c.requestIds << text;
        }
        if (c.title.isEmpty() || c.requestIds.isEmpty())
            return fail(tr("a cluster without a title or requests"));
        clusters << c;
    }
    m_clusters = clusters;
    reindex();
    Q_EMIT membershipChanged();
    return true;
}

} // namespace Escalation

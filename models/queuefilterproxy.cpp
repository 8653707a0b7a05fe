#include "queuefilterproxy.h"

#include "obligationindex.h"
#include "queueclusters.h"
#include "queuemodel.h"

#include <algorithm>
#include <utility>

namespace Escalation {

QueueFilterProxy::QueueFilterProxy(QueueModel *source, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(source)
{
    Q_ASSERT(m_source);
    m_sourceAlive = source;
    watchSource();
    rebuild(QAbstractItemModel::NoLayoutChangeHint);
}

QueueFilterProxy::~QueueFilterProxy()
{
    if (m_sourceAlive)
        m_source->releaseSortKeys(m_sortColumn);
}

void QueueFilterProxy::watchSource()
{
    connect(m_source, &QAbstractItemModel::dataChanged, this,
            &QueueFilterProxy::onSourceDataChanged);
    connect(m_source, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    onSourceRowsInserted(first, last);
            });
    connect(m_source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    onSourceRowsAboutToBeRemoved(first, last);
            });
    connect(m_source, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    onSourceRowsRemoved(first, last);
            });
    // The queue model never moves rows or changes its layout; should it, the
    // mapping is rebuilt with persistent indexes carried by source index.
    connect(m_source, &QAbstractItemModel::layoutAboutToBeChanged, this,
            &QueueFilterProxy::onSourceLayoutAboutToBeChanged);
    connect(m_source, &QAbstractItemModel::layoutChanged, this,
            &QueueFilterProxy::onSourceLayoutChanged);
    connect(m_source, &QAbstractItemModel::rowsAboutToBeMoved, this,
            &QueueFilterProxy::onSourceLayoutAboutToBeChanged);
    connect(m_source, &QAbstractItemModel::rowsMoved, this,
            &QueueFilterProxy::onSourceLayoutChanged);
    connect(m_source, &QAbstractItemModel::modelAboutToBeReset, this,
            &QueueFilterProxy::beginResetModel);
    connect(m_source, &QAbstractItemModel::modelReset, this, &QueueFilterProxy::onSourceReset);
    connect(m_source, &QAbstractItemModel::headerDataChanged, this,
            [this](Qt::Orientation orientation, int first, int last) {
                if (orientation == Qt::Horizontal)
                    Q_EMIT headerDataChanged(orientation, first, last);
            });
}

// --- the model interface ------------------------------------------------------

int QueueFilterProxy::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_proxyToSource.size());
}

int QueueFilterProxy::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_source->columnCount();
}

QVariant QueueFilterProxy::data(const QModelIndex &index, int role) const
{
    const QModelIndex source = mapToSource(index);
    const int lead = source.isValid() ? leadOf(source.row()) : -1;
    if (role == QueueRole::ClusterRole) {
        if (lead < 0)
            return int(ClusterRowKind::None);
        if (lead != source.row())
            return int(ClusterRowKind::Member);
        return int(m_clusterRows.constFind(lead)->expanded ? ClusterRowKind::Expanded
                                                           : ClusterRowKind::Collapsed);
    }
    if (lead < 0)
        return m_source->data(source, role);
    if (lead != source.row()) {
        // A request inside an open cluster: indented under its cluster's row.
        if (role == Qt::DisplayRole && index.column() == QueueColumn::Subject)
            return QString(QStringLiteral("    ") + m_source->data(source, role).toString());
        return m_source->data(source, role);
    }
    const ClusterRows &cluster = *m_clusterRows.constFind(lead);
    const auto title = [this, &cluster] {
        const ConfirmedCluster *confirmed = m_clusters ? m_clusters->cluster(cluster.key) : nullptr;
        return confirmed ? confirmed->title : QString();
    };
    const int count = int(cluster.rows.size());
    if (role == Qt::DisplayRole && index.column() == QueueColumn::Subject)
        return QStringLiteral("%1 %2").arg(
            cluster.expanded ? QStringLiteral("▾") : QStringLiteral("▸"),
            tr("Major issue (%n requests): %1", nullptr, count).arg(title()));
    if (role == Qt::ToolTipRole && index.column() == QueueColumn::Subject)
        return cluster.expanded ? tr("Left arrow or click ▾: show the cluster as one row again")
                                : tr("One row for %n requests: an action on it answers each of "
                                     "them. Right arrow or click ▸: show them",
                                     nullptr, count);
    if (role == Qt::AccessibleDescriptionRole)
        return QString((cluster.expanded
                            ? tr("Major issue “%1”, %n requests, expanded.", nullptr, count)
                            : tr("Major issue “%1”, %n requests, collapsed.", nullptr, count))
                           .arg(title())
                       + QLatin1Char(' ') + m_source->data(source, role).toString());
    return m_source->data(source, role);
}

Qt::ItemFlags QueueFilterProxy::flags(const QModelIndex &index) const
{
    return m_source->flags(mapToSource(index));
}

QVariant QueueFilterProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal)
        return m_source->headerData(section, orientation, role);
    return QAbstractTableModel::headerData(section, orientation, role);
}

QHash<int, QByteArray> QueueFilterProxy::roleNames() const
{
    return m_source->roleNames();
}

QModelIndex QueueFilterProxy::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || proxyIndex.model() != this
        || proxyIndex.row() >= int(m_proxyToSource.size()))
        return {};
    return m_source->index(m_proxyToSource[std::size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex QueueFilterProxy::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != m_source
        || sourceIndex.row() >= int(m_sourceToProxy.size()))
        return {};
    const int row = m_sourceToProxy[std::size_t(sourceIndex.row())];
    return row >= 0 ? index(row, sourceIndex.column()) : QModelIndex();
}

QString QueueFilterProxy::requestIdAt(int proxyRow) const
{
    if (proxyRow < 0 || proxyRow >= int(m_proxyToSource.size()))
        return {};
    return m_source->requestIdAt(m_proxyToSource[std::size_t(proxyRow)]);
}

int QueueFilterProxy::rowOf(const QString &requestId) const
{
    const int sourceRow = m_source->rowOf(requestId);
    if (sourceRow < 0 || sourceRow >= int(m_sourceToProxy.size()))
        return -1;
    return m_sourceToProxy[std::size_t(sourceRow)];
}

QString QueueFilterProxy::clusterKeyAt(int proxyRow) const
{
    if (m_leadOf.empty() || proxyRow < 0 || proxyRow >= int(m_proxyToSource.size()))
        return {};
    const int source = m_proxyToSource[std::size_t(proxyRow)];
    return leadOf(source) == source ? m_clusterRows.constFind(source)->key : QString();
}

int QueueFilterProxy::clusterRowOf(const QString &key) const
{
    for (auto it = m_clusterRows.cbegin(); it != m_clusterRows.cend(); ++it)
        if (it->key == key)
            return m_sourceToProxy[std::size_t(it.key())];
    return -1;
}

QStringList QueueFilterProxy::requestIdsAt(int proxyRow) const
{
    if (proxyRow < 0 || proxyRow >= int(m_proxyToSource.size()))
        return {};
    const int source = m_proxyToSource[std::size_t(proxyRow)];
    if (leadOf(source) != source)
        return {m_source->requestIdAt(source)};
    const ClusterRows &cluster = *m_clusterRows.constFind(source);
    if (cluster.expanded)
        return {m_source->requestIdAt(source)};
    QStringList ids;
    for (int row : cluster.rows)
        ids << m_source->requestIdAt(row);
    return ids;
}

std::vector<std::pair<int, int>> QueueFilterProxy::collapsedClusterRows() const
{
    std::vector<std::pair<int, int>> rows;
    for (auto it = m_clusterRows.cbegin(); it != m_clusterRows.cend(); ++it) {
        const int shownAt = m_sourceToProxy[std::size_t(it.key())];
        if (!it->expanded && shownAt >= 0)
            rows.emplace_back(shownAt, int(it->rows.size()));
    }
    return rows;
}

// --- major-issue clusters --------------------------------------------------------

void QueueFilterProxy::setClusters(const QueueClusters *clusters)
{
    if (m_clusters)
        disconnect(m_clusters, nullptr, this, nullptr);
    m_clusters = clusters;
    if (clusters) {
        connect(clusters, &QueueClusters::membershipChanged, this, [this] {
            mapClusters();
            rebuild(QAbstractItemModel::NoLayoutChangeHint);
        });
        connect(clusters, &QueueClusters::expandedChanged, this,
                &QueueFilterProxy::onClusterExpanded);
    }
    mapClusters();
    rebuild(QAbstractItemModel::NoLayoutChangeHint);
}

bool QueueFilterProxy::mapClusters()
{
    m_leadOf.clear();
    m_clusterRows.clear();
    QStringList leadIds;
    if (m_clusters && !m_clusters->isEmpty()) {
        m_leadOf.assign(std::size_t(m_source->rowCount()), -1);
        for (const ConfirmedCluster &c : m_clusters->clusters()) {
            ClusterRows cluster {c.key(), {}, c.expanded};
            // The first request raised that the queue still holds leads.
            for (const QString &id : c.requestIds) {
                const int row = m_source->rowOf(id);
                if (row >= 0)
                    cluster.rows.push_back(row);
            }
            if (cluster.rows.empty())
                continue;
            const int lead = cluster.rows.front();
            for (int row : cluster.rows)
                m_leadOf[std::size_t(row)] = lead;
            leadIds << m_source->requestIdAt(lead);
            m_clusterRows.insert(lead, std::move(cluster));
        }
    }
    leadIds.sort();
    const bool changed = leadIds != m_leadIds;
    m_leadIds = leadIds;
    return changed;
}

void QueueFilterProxy::onClusterExpanded(const QString &key, bool expanded)
{
    for (auto it = m_clusterRows.begin(); it != m_clusterRows.end(); ++it) {
        if (it->key != key)
            continue;
        it->expanded = expanded;
        const int lead = it.key();
        const std::vector<int> members(it->rows.begin() + 1, it->rows.end());
        if (expanded) {
            std::vector<int> shown;
            for (int row : members)
                if (m_sourceToProxy[std::size_t(row)] < 0 && acceptsRow(row))
                    shown.push_back(row);
            insertRows(std::move(shown));
        } else {
            std::vector<int> hidden;
            for (int row : members)
                if (m_sourceToProxy[std::size_t(row)] >= 0)
                    hidden.push_back(m_sourceToProxy[std::size_t(row)]);
            removeRows(std::move(hidden));
        }
        if (const int row = m_sourceToProxy[std::size_t(lead)]; row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        return;
    }
}

// --- filter and order ----------------------------------------------------------

void QueueFilterProxy::setFilter(const QueueFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    rankRows(m_sortColumn);
    rebuild(QAbstractItemModel::NoLayoutChangeHint);
}

void QueueFilterProxy::setBaseFilter(const QueueFilter &filter)
{
    if (filter == m_base)
        return;
    m_base = filter;
    rankRows(m_sortColumn);
    rebuild(QAbstractItemModel::NoLayoutChangeHint);
}

void QueueFilterProxy::setRequestSet(const std::optional<QSet<QString>> &requestIds)
{
    if (requestIds == m_requestSet)
        return;
    m_requestSet = requestIds;
    rankRows(m_sortColumn);
    rebuild(QAbstractItemModel::NoLayoutChangeHint);
}

void QueueFilterProxy::setObligations(const ObligationIndex *obligations)
{
    if (m_obligations)
        disconnect(m_obligations, nullptr, this, nullptr);
    m_obligations = obligations;
    const auto refilter = [this] {
        if (m_filter.hasObligations() || m_base.hasObligations())
            rebuild(QAbstractItemModel::NoLayoutChangeHint);
    };
    if (obligations) {
        connect(obligations, &ObligationIndex::statusChanged, this, refilter);
        connect(obligations, &ObligationIndex::reloaded, this, refilter);
    }
    refilter();
}

void QueueFilterProxy::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= QueueColumn::Count)
        column = -1;
    if (column != m_sortColumn) {
        m_source->retainSortKeys(column);
        m_source->releaseSortKeys(m_sortColumn);
    }
    m_sortColumn = column;
    m_sortOrder = order;
    rankRows(column);
    beginLayout(QAbstractItemModel::VerticalSortHint);
    sortRows(m_proxyToSource);
    mapFrom(0);
    endLayout(QAbstractItemModel::VerticalSortHint);
}

bool QueueFilterProxy::acceptsRow(int sourceRow) const
{
    const int lead = leadOf(sourceRow);
    if (lead < 0)
        return acceptsOwnRow(sourceRow);
    const ClusterRows &cluster = *m_clusterRows.constFind(lead);
    if (lead != sourceRow)
        return cluster.expanded && acceptsOwnRow(sourceRow);
    // The cluster's row shows while any of its requests would.
    return std::any_of(cluster.rows.begin(), cluster.rows.end(),
                       [this](int row) { return acceptsOwnRow(row); });
}

bool QueueFilterProxy::acceptsOwnRow(int sourceRow) const
{
    if (m_requestSet && !m_requestSet->contains(m_source->requestIdView(sourceRow).toString()))
        return false;
    if (m_filter.isEmpty() && m_base.isEmpty())
        return true;
    // The text first: while the user types it rejects most rows, and those
    // need no subject.
    if (!acceptsText(m_base, m_baseSearch, sourceRow)
        || !acceptsText(m_filter, m_filterSearch, sourceRow))
        return false;
    if (!m_filter.hasAttributes() && !m_base.hasAttributes())
        return true;
    QueueFilterSubject subject = m_source->attributeSubject(sourceRow);
    if ((m_filter.hasObligations() || m_base.hasObligations()) && m_obligations) {
        if (const std::optional<ObligationStatus> status =
                m_obligations->status(subject.requestId.toString())) {
            if (status->analysisOwed())
                subject.owed |= 1u << int(Obligation::FullAnalysis);
            if (status->acknowledgementOwed())
                subject.owed |= 1u << int(Obligation::OwnerAcknowledgement);
        }
    }
    return m_base.acceptsAttributes(subject) && m_filter.acceptsAttributes(subject);
}

bool QueueFilterProxy::acceptsText(const QueueFilter &filter,
                                   std::optional<QueueModel::TextSearch> &search,
                                   int sourceRow) const
{
    if (!filter.hasText())
        return true;
    if (!search || search->foldedText() != filter.foldedText())
        search = m_source->textSearch(filter.foldedText(), search ? &*search : nullptr);
    return m_source->textFieldsMatch(sourceRow, *search)
        || filter.acceptsRequestId(m_source->requestIdView(sourceRow));
}

bool QueueFilterProxy::lessThan(int a, int b) const
{
    const int column = m_sortColumn;
    if (column == m_rankColumn)
        return m_rank[std::size_t(a)] < m_rank[std::size_t(b)];
    const qint64 ka = m_source->sortKey(a, column);
    const qint64 kb = m_source->sortKey(b, column);
    if (ka != kb)
        return ka < kb;
    // Ties by the review target, then by order of arrival: a stable, useful
    // order ("most urgent first") within equal keys.
    const qint64 da = m_source->sortKey(a, QueueColumn::Countdown);
    const qint64 db = m_source->sortKey(b, QueueColumn::Countdown);
    if (da != db)
        return da < db;
    return a < b;
}

bool QueueFilterProxy::before(int a, int b) const
{
    if (!m_leadOf.empty()) {
        // A cluster sorts where its lead sorts, the lead first, its other
        // requests after it in the order shown.
        const int la = leadOf(a) < 0 ? a : leadOf(a);
        const int lb = leadOf(b) < 0 ? b : leadOf(b);
        if (la != lb)
            return beforeUngrouped(la, lb);
        if (a == b)
            return false;
        if (a == la || b == lb)
            return a == la;
    }
    return beforeUngrouped(a, b);
}

bool QueueFilterProxy::beforeUngrouped(int a, int b) const
{
    if (m_sortColumn < 0)
        return a < b;
    return m_sortOrder == Qt::AscendingOrder ? lessThan(a, b) : lessThan(b, a);
}

void QueueFilterProxy::sortRows(std::vector<int> &rows) const
{
    if (m_leadOf.empty() && m_sortColumn >= 0 && m_sortColumn == m_rankColumn) {
        const auto &rank = m_rank;
        if (m_sortOrder == Qt::AscendingOrder)
            std::sort(rows.begin(), rows.end(), [&rank](int a, int b) {
                return rank[std::size_t(a)] < rank[std::size_t(b)];
            });
        else
            std::sort(rows.begin(), rows.end(), [&rank](int a, int b) {
                return rank[std::size_t(b)] < rank[std::size_t(a)];
            });
        return;
    }
    std::sort(rows.begin(), rows.end(), [this](int a, int b) { return before(a, b); });
}

void QueueFilterProxy::rankRows(int column)
{
    if (column < 0 || column >= QueueColumn::Count) {
        forgetRanks();
        return;
    }
    if (column == m_rankColumn)
        return;
    m_source->awaitTextRanks(column);
    // The order of lessThan() by one std::sort of plain keys: sorting by the
    // ranks then compares two ints per step instead of looking up keys and
    // collation ranks.
    struct Keyed {
        qint64 key;
        qint64 due;
        int row;
    };
    const int rows = m_source->rowCount();
    std::vector<Keyed> keyed(std::size_t(rows), Keyed {});
    for (int row = 0; row < rows; ++row)
        keyed[std::size_t(row)] = {m_source->sortKey(row, column),
                                   m_source->sortKey(row, QueueColumn::Countdown), row};
    std::sort(keyed.begin(), keyed.end(), [](const Keyed &a, const Keyed &b) {
        if (a.key != b.key)
            return a.key < b.key;
        if (a.due != b.due)
            return a.due < b.due;
        return a.row < b.row;
    });
    m_rank.resize(std::size_t(rows));
    for (int i = 0; i < rows; ++i)
        m_rank[std::size_t(keyed[std::size_t(i)].row)] = i;
    m_rankColumn = column;
}

// --- keeping the mapping ---------------------------------------------------------

void QueueFilterProxy::mapFrom(int proxyRow)
{
    for (auto row = std::size_t(proxyRow); row < m_proxyToSource.size(); ++row)
        m_sourceToProxy[std::size_t(m_proxyToSource[row])] = int(row);
}

void QueueFilterProxy::beginLayout(QAbstractItemModel::LayoutChangeHint hint)
{
    Q_EMIT layoutAboutToBeChanged({}, hint);
    m_layoutFrom = persistentIndexList();
    m_layoutSourceRows.clear();
    m_layoutSourceRows.reserve(std::size_t(m_layoutFrom.size()));
    for (const QModelIndex &index : std::as_const(m_layoutFrom)) {
        const auto row = std::size_t(index.row());
        m_layoutSourceRows.push_back(row < m_proxyToSource.size() ? m_proxyToSource[row] : -1);
    }
}

void QueueFilterProxy::endLayout(QAbstractItemModel::LayoutChangeHint hint)
{
    QModelIndexList to;
    to.reserve(m_layoutFrom.size());
    for (qsizetype i = 0; i < m_layoutFrom.size(); ++i) {
        const int source = m_layoutSourceRows[std::size_t(i)];
        const int row = source >= 0 && source < int(m_sourceToProxy.size())
            ? m_sourceToProxy[std::size_t(source)]
            : -1;
        to.append(row >= 0 ? index(row, m_layoutFrom.at(i).column()) : QModelIndex());
    }
    changePersistentIndexList(m_layoutFrom, to);
    m_layoutFrom.clear();
    m_layoutSourceRows.clear();
    Q_EMIT layoutChanged({}, hint);
}

void QueueFilterProxy::rebuild(QAbstractItemModel::LayoutChangeHint hint)
{
    beginLayout(hint);
    fillMapping();
    endLayout(hint);
}

void QueueFilterProxy::fillMapping()
{
    const int rows = m_source->rowCount();
    m_sourceToProxy.assign(std::size_t(rows), -1);
    m_proxyToSource.clear();
    for (int row = 0; row < rows; ++row) {
        if (acceptsRow(row))
            m_proxyToSource.push_back(row);
    }
    sortRows(m_proxyToSource);
    mapFrom(0);
}

void QueueFilterProxy::insertRows(std::vector<int> rows)
{
    if (rows.empty())
        return;
    sortRows(rows);
    // Where each new row goes among the rows shown: each place is at or
    // after the previous one, since both lists are sorted.
    const auto shown = m_proxyToSource.cbegin();
    const int count = int(m_proxyToSource.size());
    std::vector<int> at(rows.size());
    int places = 0;
    for (std::size_t j = 0; j < rows.size(); ++j) {
        const int from = j == 0 ? 0 : at[j - 1];
        const int row = rows[j];
        at[j] = int(std::partition_point(shown + from, m_proxyToSource.cend(),
                                         [this, row](int other) { return before(other, row); })
                    - shown);
        if (j == 0 || at[j] != at[j - 1])
            ++places;
    }

    if (places <= MaxRowSignalsPerBatch) {
        // A few places: ordinary insertions, the last place first so that
        // the earlier places keep their numbers.
        std::size_t end = rows.size();
        while (end > 0) {
            std::size_t begin = end - 1;
            while (begin > 0 && at[begin - 1] == at[begin])
                --begin;
            const int first = at[begin];
            beginInsertRows({}, first, first + int(end - begin) - 1);
            m_proxyToSource.insert(m_proxyToSource.begin() + first, rows.begin() + qsizetype(begin),
                                   rows.begin() + qsizetype(end));
            mapFrom(first);
            endInsertRows();
            end = begin;
        }
        return;
    }

    // Many places: the rows arrive at the end in one insertion, then one
    // layout change merges them into place (no comparisons: the places are
    // known).
    beginInsertRows({}, count, count + int(rows.size()) - 1);
    m_proxyToSource.insert(m_proxyToSource.end(), rows.begin(), rows.end());
    mapFrom(count);
    endInsertRows();

    beginLayout(QAbstractItemModel::VerticalSortHint);
    std::vector<int> merged;
    merged.reserve(m_proxyToSource.size());
    int next = 0;
    for (std::size_t j = 0; j < rows.size(); ++j) {
        while (next < at[j])
            merged.push_back(m_proxyToSource[std::size_t(next++)]);
        merged.push_back(rows[j]);
    }
    while (next < count)
        merged.push_back(m_proxyToSource[std::size_t(next++)]);
    m_proxyToSource = std::move(merged);
    mapFrom(at.front());
    endLayout(QAbstractItemModel::VerticalSortHint);
}

void QueueFilterProxy::removeRows(std::vector<int> proxyRows)
{
    if (proxyRows.empty())
        return;
    std::sort(proxyRows.begin(), proxyRows.end());
    proxyRows.erase(std::unique(proxyRows.begin(), proxyRows.end()), proxyRows.end());
    int runs = 1;
    for (std::size_t i = 1; i < proxyRows.size(); ++i)
        runs += proxyRows[i] != proxyRows[i - 1] + 1 ? 1 : 0;

    if (runs <= MaxRowSignalsPerBatch) {
        // Bottom-up, one removal per contiguous run.
        std::size_t end = proxyRows.size();
        while (end > 0) {
            std::size_t begin = end - 1;
            while (begin > 0 && proxyRows[begin - 1] == proxyRows[begin] - 1)
                --begin;
            const int first = proxyRows[begin];
            const int last = proxyRows[end - 1];
            beginRemoveRows({}, first, last);
            for (int row = first; row <= last; ++row)
                m_sourceToProxy[std::size_t(m_proxyToSource[std::size_t(row)])] = -1;
            m_proxyToSource.erase(m_proxyToSource.begin() + first,
                                  m_proxyToSource.begin() + last + 1);
            mapFrom(first);
            endRemoveRows();
            end = begin;
        }
        return;
    }

    // Scattered: one layout change gathers them at the end, one removal
    // takes them away.
    const int count = int(m_proxyToSource.size());
    const int kept = count - int(proxyRows.size());
    beginLayout(QAbstractItemModel::VerticalSortHint);
    std::vector<int> reordered;
    reordered.reserve(m_proxyToSource.size());
    std::size_t gone = 0;
    for (int row = 0; row < count; ++row) {
        if (gone < proxyRows.size() && proxyRows[gone] == row)
            ++gone;
        else
            reordered.push_back(m_proxyToSource[std::size_t(row)]);
    }
    for (int row : std::as_const(proxyRows))
        reordered.push_back(m_proxyToSource[std::size_t(row)]);
    m_proxyToSource = std::move(reordered);
    mapFrom(proxyRows.front());
    endLayout(QAbstractItemModel::VerticalSortHint);

    beginRemoveRows({}, kept, count - 1);
    for (int row = kept; row < count; ++row)
        m_sourceToProxy[std::size_t(m_proxyToSource[std::size_t(row)])] = -1;
    m_proxyToSource.resize(std::size_t(kept));
    endRemoveRows();
}

void QueueFilterProxy::resortChanged(const std::vector<int> &sourceRows)
{
    if (m_sortColumn < 0 || sourceRows.empty())
        return;
    // In order when each changed row is in order with its neighbours: the
    // unchanged rows were, and every pair of neighbours is then checked.
    // (Unless rows outside this signal changed as well; see below.)
    const int count = int(m_proxyToSource.size());
    const bool inOrder = std::all_of(sourceRows.begin(), sourceRows.end(), [&](int source) {
        const int row = m_sourceToProxy[std::size_t(source)];
        return (row == 0 || !before(source, m_proxyToSource[std::size_t(row - 1)]))
            && (row + 1 == count || !before(m_proxyToSource[std::size_t(row + 1)], source));
    });
    if (inOrder)
        return;
    beginLayout(QAbstractItemModel::VerticalSortHint);
    std::vector<char> moving(m_proxyToSource.size(), 0);
    for (int source : sourceRows)
        moving[std::size_t(m_sourceToProxy[std::size_t(source)])] = 1;
    std::vector<int> staying;
    staying.reserve(m_proxyToSource.size());
    for (std::size_t row = 0; row < m_proxyToSource.size(); ++row) {
        if (!moving[row])
            staying.push_back(m_proxyToSource[row]);
    }
    const auto inShownOrder = [this](int a, int b) { return before(a, b); };
    if (std::is_sorted(staying.begin(), staying.end(), inShownOrder)) {
        std::vector<int> moved = sourceRows;
        sortRows(moved);
        std::merge(staying.begin(), staying.end(), moved.begin(), moved.end(),
                   m_proxyToSource.begin(), inShownOrder);
    } else {
        // Other rows changed too and their signals are still to come (the
        // model updates a whole change set, then signals it run by run):
        // one sort puts them all in place, and their own signals then find
        // them there.
        sortRows(m_proxyToSource);
    }
    mapFrom(0);
    endLayout(QAbstractItemModel::VerticalSortHint);
}

// --- following the source ----------------------------------------------------------

void QueueFilterProxy::onSourceRowsInserted(int first, int last)
{
    forgetRanks();
    const int count = last - first + 1;
    if (first < int(m_sourceToProxy.size())) {
        for (int &source : m_proxyToSource) {
            if (source >= first)
                source += count;
        }
    }
    m_sourceToProxy.insert(m_sourceToProxy.begin() + first, std::size_t(count), -1);
    if (mapClusters()) {
        rebuild(QAbstractItemModel::NoLayoutChangeHint);
        return;
    }
    std::vector<int> accepted;
    accepted.reserve(std::size_t(count));
    for (int row = first; row <= last; ++row) {
        if (acceptsRow(row))
            accepted.push_back(row);
        // A request joining a cluster can bring its hidden cluster row back.
        const int lead = leadOf(row);
        if (lead >= 0 && lead != row && (lead < first || lead > last)
            && m_sourceToProxy[std::size_t(lead)] < 0 && acceptsRow(lead))
            accepted.push_back(lead);
    }
    std::sort(accepted.begin(), accepted.end());
    accepted.erase(std::unique(accepted.begin(), accepted.end()), accepted.end());
    insertRows(std::move(accepted));
}

void QueueFilterProxy::onSourceRowsAboutToBeRemoved(int first, int last)
{
    forgetRanks();
    std::vector<int> shown;
    for (int row = first; row <= last && row < int(m_sourceToProxy.size()); ++row) {
        m_regroupAfterRemoval = m_regroupAfterRemoval || leadOf(row) >= 0;
        if (m_sourceToProxy[std::size_t(row)] >= 0)
            shown.push_back(m_sourceToProxy[std::size_t(row)]);
    }
    removeRows(std::move(shown));
}

void QueueFilterProxy::onSourceRowsRemoved(int first, int last)
{
    forgetRanks();
    const int count = last - first + 1;
    m_sourceToProxy.erase(m_sourceToProxy.begin() + first, m_sourceToProxy.begin() + last + 1);
    for (int &source : m_proxyToSource) {
        if (source > last)
            source -= count;
    }
    // A cluster lost a request: its row may now stand for others or none.
    if (std::exchange(m_regroupAfterRemoval, false)) {
        dropClusterRows(first, last);
        rebuild(QAbstractItemModel::NoLayoutChangeHint);
    } else if (!m_leadOf.empty()) {
        dropClusterRows(first, last);
    }
}

void QueueFilterProxy::dropClusterRows(int first, int last)
{
    // The source's ids are not renumbered until all of its removals are
    // done, so the rows are moved here rather than looked up again.
    const int count = last - first + 1;
    QHash<int, ClusterRows> moved;
    QStringList leadIds;
    m_leadOf.assign(std::size_t(m_source->rowCount()), -1);
    for (ClusterRows &cluster : m_clusterRows) {
        std::vector<int> rows;
        for (int row : cluster.rows)
            if (row < first || row > last)
                rows.push_back(row > last ? row - count : row);
        if (rows.empty())
            continue;
        for (int row : rows)
            m_leadOf[std::size_t(row)] = rows.front();
        leadIds << m_source->requestIdAt(rows.front());
        cluster.rows = std::move(rows);
        moved.insert(cluster.rows.front(), std::move(cluster));
    }
    m_clusterRows = std::move(moved);
    leadIds.sort();
    m_leadIds = leadIds;
}

void QueueFilterProxy::onSourceDataChanged(const QModelIndex &topLeft,
                                           const QModelIndex &bottomRight, const QList<int> &roles)
{
    forgetRanks();
    if (!topLeft.isValid() || !bottomRight.isValid()) {
        rebuild(QAbstractItemModel::NoLayoutChangeHint);
        return;
    }
    std::vector<int> changed;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        changed.push_back(row);
        // A cluster's row shows and sorts by its requests: look at all of them.
        if (const int lead = leadOf(row); lead >= 0)
            for (int member : m_clusterRows.constFind(lead)->rows)
                changed.push_back(member);
    }
    if (!m_leadOf.empty()) {
        std::sort(changed.begin(), changed.end());
        changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    }
    std::vector<int> left, entered, stayed;
    for (int row : changed) {
        const int shownAt = m_sourceToProxy[std::size_t(row)];
        const bool accepted = acceptsRow(row);
        if (shownAt >= 0 && !accepted)
            left.push_back(shownAt);
        else if (shownAt < 0 && accepted)
            entered.push_back(row);
        else if (shownAt >= 0)
            stayed.push_back(row);
    }
    removeRows(std::move(left));
    resortChanged(stayed);
    insertRows(std::move(entered));

    // The rows that stayed changed in place (wherever they are now).
    std::vector<int> rows;
    rows.reserve(stayed.size());
    for (int source : stayed)
        rows.push_back(m_sourceToProxy[std::size_t(source)]);
    std::sort(rows.begin(), rows.end());
    const int firstColumn = topLeft.column();
    const int lastColumn = bottomRight.column();
    int runs = 0;
    for (std::size_t i = 0; i < rows.size(); ++i)
        runs += i == 0 || rows[i] != rows[i - 1] + 1 ? 1 : 0;
    if (runs > MaxRowSignalsPerBatch) {
        Q_EMIT dataChanged(index(rows.front(), firstColumn), index(rows.back(), lastColumn), roles);
        return;
    }
    std::size_t begin = 0;
    while (begin < rows.size()) {
        std::size_t end = begin + 1;
        while (end < rows.size() && rows[end] == rows[end - 1] + 1)
            ++end;
        Q_EMIT dataChanged(index(rows[begin], firstColumn), index(rows[end - 1], lastColumn),
                           roles);
        begin = end;
    }
}

void QueueFilterProxy::onSourceLayoutAboutToBeChanged()
{
    Q_EMIT layoutAboutToBeChanged();
    m_layoutFrom = persistentIndexList();
    m_layoutSourceIndexes.clear();
    for (const QModelIndex &index : std::as_const(m_layoutFrom))
        m_layoutSourceIndexes.append(QPersistentModelIndex(mapToSource(index)));
}

void QueueFilterProxy::onSourceLayoutChanged()
{
    forgetRanks();
    mapClusters();
    rankRows(m_sortColumn);
    fillMapping();
    QModelIndexList to;
    to.reserve(m_layoutFrom.size());
    for (qsizetype i = 0; i < m_layoutFrom.size(); ++i) {
        const QModelIndex source = m_layoutSourceIndexes.at(i);
        to.append(mapFromSource(source));
    }
    changePersistentIndexList(m_layoutFrom, to);
    m_layoutFrom.clear();
    m_layoutSourceIndexes.clear();
    Q_EMIT layoutChanged();
}

void QueueFilterProxy::onSourceReset()
{
    forgetRanks();
    m_filterSearch.reset();
    m_baseSearch.reset();
    mapClusters();
    // After a load every row is sorted at once: ranked first, so that the
    // sort compares two ints per step.
    rankRows(m_sortColumn);
    fillMapping();
    endResetModel();
}

} // namespace Escalation

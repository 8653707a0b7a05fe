#pragma once

// Sorts and filters the queue. A proxy of its own, not a
// QSortFilterProxyModel: that one inserts every new row of a batch into its
// sorted mapping as an interval of its own, each interval moving the whole
// mapping and every view's sections, so a first sync of N rows cost O(N²).
// Here a batch of k rows is sorted once (O(k log k)) and merged into the
// sorted mapping in one pass (O(n + k)): scattered rows arrive as one
// rowsInserted at the end followed by one layout change that moves them
// into place, with persistent indexes (selection, current row) carried
// along. A handful of rows still arrive as ordinary row insertions.
//
// Sorting compares the model's precomputed integer keys
// (QueueModel::sortKey), never strings; filtering asks a QueueFilter about
// each row. Only rows that change are re-sorted or re-filtered. A whole sort
// (a header click, a new filter) first ranks every row once with std::sort
// so that the sort itself compares two ints per step; the text filter tests
// each distinct field value once per search (QueueModel::TextSearch), then
// each row by the ids of its fields.

#include "queuefilter.h"
#include "queuemodel.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>

#include <optional>
#include <vector>

namespace Escalation {

class ObligationIndex;
class QueueClusters;

class QueueFilterProxy final : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit QueueFilterProxy(QueueModel *source, QObject *parent = nullptr);
    ~QueueFilterProxy() override;

    void setFilter(const QueueFilter &filter);
    const QueueFilter &filter() const { return m_filter; }

    // Restricts the proxy further, independently of the user's filter: a
    // view (the director's, say) fixes which rows it shows at all.
    void setBaseFilter(const QueueFilter &filter);
    const QueueFilter &baseFilter() const { return m_base; }

    // Shows only these requests (a drill-down from the analytics), on top of
    // both filters; nullopt shows every request again.
    void setRequestSet(const std::optional<QSet<QString>> &requestIds);
    const std::optional<QSet<QString>> &requestSet() const { return m_requestSet; }

    // What the level-3 and level-4 requests owe, for a filter on
    // obligations (without it such a filter shows nothing). The proxy
    // filters again when the index reports a change.
    void setObligations(const ObligationIndex *obligations);

    // Groups the confirmed major-issue clusters: each shows as one row (its
    // first request raised, the cluster's "lead") sorted where that request
    // sorts, shown when any of its requests passes the filters; expanded, its
    // other requests follow right below it, each shown when it passes.
    void setClusters(const QueueClusters *clusters);
    // The cluster's key (its first request) when the row is a cluster's
    // row, empty otherwise.
    QString clusterKeyAt(int proxyRow) const;
    // The row of the cluster with this key, or -1 when it is not shown.
    int clusterRowOf(const QString &key) const;
    // The requests a row stands for: every request of a collapsed cluster
    // the queue holds, else the row's own.
    QStringList requestIdsAt(int proxyRow) const;
    // The collapsed clusters' rows shown, with how many requests each
    // stands for.
    std::vector<std::pair<int, int>> collapsedClusterRows() const;

    // column -1: the source's order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    QueueModel *sourceModel() const { return m_source; }
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const;

    QString requestIdAt(int proxyRow) const;
    // The proxy row showing this request, or -1 when it is filtered out.
    int rowOf(const QString &requestId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    // More separate places than this in one batch and the batch is merged
    // by a layout change instead of row insertions or removals (each of
    // which costs every listener O(rows)).
    static constexpr int MaxRowSignalsPerBatch = 16;

    void watchSource();
    bool acceptsRow(int sourceRow) const;
    bool acceptsOwnRow(int sourceRow) const;
    bool acceptsText(const QueueFilter &filter, std::optional<QueueModel::TextSearch> &search,
                     int sourceRow) const;
    // Whether source row a comes before b in the sort column's ascending
    // order (ties: review target, then source order).
    bool lessThan(int a, int b) const;
    // Whether a comes before b as shown (sort order applied; source order
    // when unsorted).
    bool before(int a, int b) const;
    bool beforeUngrouped(int a, int b) const;
    void sortRows(std::vector<int> &sourceRows) const;
    void rankRows(int column);
    void forgetRanks() { m_rankColumn = -1; }

    // Mapping maintenance. Each keeps m_proxyToSource sorted and
    // m_sourceToProxy its inverse, with the model signals a view expects.
    void insertRows(std::vector<int> sourceRows);
    void removeRows(std::vector<int> proxyRows);
    void resortChanged(const std::vector<int> &sourceRows);
    void rebuild(QAbstractItemModel::LayoutChangeHint hint);
    // Filters and sorts every source row afresh, without signals.
    void fillMapping();
    void mapFrom(int proxyRow);
    void beginLayout(QAbstractItemModel::LayoutChangeHint hint);
    void endLayout(QAbstractItemModel::LayoutChangeHint hint);

    void onSourceRowsInserted(int first, int last);
    void onSourceRowsAboutToBeRemoved(int first, int last);
    void onSourceRowsRemoved(int first, int last);
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                             const QList<int> &roles);
    void onSourceLayoutAboutToBeChanged();
    void onSourceLayoutChanged();
    void onSourceReset();

    // The confirmed clusters, by source row. Recomputed whenever source
    // rows come or go; true when a cluster's lead changed (a regroup).
    struct ClusterRows {
        QString key;
        std::vector<int> rows; // source rows, the lead first
        bool expanded = false;
    };
    bool mapClusters();
    void dropClusterRows(int firstSourceRow, int lastSourceRow);
    int leadOf(int sourceRow) const
    {
        return m_leadOf.empty() ? -1 : m_leadOf[std::size_t(sourceRow)];
    }
    void onClusterExpanded(const QString &key, bool expanded);

    QueueModel *m_source;
    QPointer<QueueModel> m_sourceAlive; // for the destructor: the source may go first
    QueueFilter m_filter;
    QueueFilter m_base;
    std::optional<QSet<QString>> m_requestSet;
    QPointer<const ObligationIndex> m_obligations;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;

    // Source rows in the order shown, and each source row's place in it
    // (-1: filtered out).
    std::vector<int> m_proxyToSource;
    std::vector<int> m_sourceToProxy;

    // Persistent indexes across a layout change, by source row (or, across
    // the source's own layout change, by source index).
    QModelIndexList m_layoutFrom;
    std::vector<int> m_layoutSourceRows;
    QList<QPersistentModelIndex> m_layoutSourceIndexes;

    // Each source row's place in the order lessThan() defines, for column
    // m_rankColumn; -1 when the source changed since it was computed.
    std::vector<int> m_rank;
    int m_rankColumn = -1;
    // The text searches of the two filters, made at first use.
    mutable std::optional<QueueModel::TextSearch> m_filterSearch;
    mutable std::optional<QueueModel::TextSearch> m_baseSearch;

    QPointer<const QueueClusters> m_clusters;
    // Each source row's cluster lead (the lead itself for a lead), -1 for a
    // request in no cluster; empty when there are no clusters.
    std::vector<int> m_leadOf;
    QHash<int, ClusterRows> m_clusterRows; // by the lead's source row
    QStringList m_leadIds;
    bool m_regroupAfterRemoval = false;
};

} // namespace Escalation

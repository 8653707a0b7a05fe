#pragma once

// The director's table: the queue's level-3 and level-4 requests (a
// QueueFilterProxy with a fixed level filter underneath) with two columns
// the queue does not have — whether the level-3 analysis is owed or
// recorded, and who acknowledged level-4 ownership or that it is owed.
// The queue's own columns pass through unchanged, so its delegate, sort
// keys and roles work here too; the extra columns answer the queue roles
// of their row (request id, clock state) as well.

#include "queuecolumns.h"

#include <QIdentityProxyModel>
#include <QPersistentModelIndex>

namespace Escalation {

class ObligationIndex;
class QueueFilterProxy;
class QueueModel;

class DirectorModel final : public QIdentityProxyModel {
    Q_OBJECT
public:
    // Columns after the queue's own.
    enum ExtraColumn : int {
        AnalysisColumn = QueueColumn::Count,
        OwnerColumn,
        ColumnCount // sentinel
    };
    enum Role : int {
        AnalysisOwedRole = QueueRole::OutageRole + 100, // bool
        AcknowledgementOwedRole, // bool
    };

    // queue and obligations must outlive the model.
    DirectorModel(QueueModel *queue, const ObligationIndex *obligations, QObject *parent = nullptr);

    // The level filter underneath: sort it, look requests up in it.
    QueueFilterProxy *levelProxy() const { return m_levels; }
    QString requestIdAt(int row) const;
    int rowOf(const QString &requestId) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    bool isExtra(int column) const { return column >= QueueColumn::Count; }
    void onStatusChanged(const QStringList &requestIds);
    void onSourceLayoutAboutToBeChanged(const QList<QPersistentModelIndex> &parents,
                                        QAbstractItemModel::LayoutChangeHint hint);
    void onSourceLayoutChanged(const QList<QPersistentModelIndex> &parents,
                               QAbstractItemModel::LayoutChangeHint hint);

    QueueFilterProxy *m_levels;
    const ObligationIndex *m_obligations;
    // Persistent indexes of the extra columns across a re-sort underneath:
    // the source knows no such columns, so they are carried by their row.
    QList<QPersistentModelIndex> m_layoutSources;
    QList<int> m_layoutColumns;
};

} // namespace Escalation

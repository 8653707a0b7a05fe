#pragma once

// Sorts and filters the queue. Sorting compares the model's precomputed
// integer keys (QueueModel::sortKey) — never strings — and filtering asks a
// QueueFilter about each row. Only rows that change are re-sorted or
// re-filtered (the source never emits whole-column dataChanged).

#include "queuefilter.h"

#include <QSortFilterProxyModel>

namespace Escalation {

class QueueModel;

class QueueFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit QueueFilterProxy(QueueModel *source, QObject *parent = nullptr);

    void setFilter(const QueueFilter &filter);
    const QueueFilter &filter() const { return m_filter; }

    // Restricts the proxy further, independently of the user's filter: a
    // view (the director's, say) fixes which rows it shows at all.
    void setBaseFilter(const QueueFilter &filter);
    const QueueFilter &baseFilter() const { return m_base; }

    QString requestIdAt(int proxyRow) const;
    // The proxy row showing this request, or -1 when it is filtered out.
    int rowOf(const QString &requestId) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QueueModel *m_source;
    QueueFilter m_filter;
    QueueFilter m_base;
};

} // namespace Escalation

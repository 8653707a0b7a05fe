#pragma once

// Sorts and filters the queue. Sorting compares the model's precomputed
// integer keys (QueueModel::sortKey) — never strings — and filtering asks a
// QueueFilter about each row. Only rows that change are re-sorted or
// re-filtered (the source never emits whole-column dataChanged).
// A whole sort (a header click, a new filter) first ranks every row once with
// std::sort, so that QSortFilterProxyModel's own sort compares two ints per
// step; the text filter searches one string of folded fields per row.

#include "queuefilter.h"

#include <QSortFilterProxyModel>

#include <vector>

namespace Escalation {

class QueueModel;

class QueueFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit QueueFilterProxy(QueueModel *source, QObject *parent = nullptr);

    void setFilter(const QueueFilter &filter);
    const QueueFilter &filter() const { return m_filter; }

    // Restricts the proxy further, independently of the user's filter: a
    // view (the director's, say) fixes which rows it shows at all.
    void setBaseFilter(const QueueFilter &filter);
    const QueueFilter &baseFilter() const { return m_base; }

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QString requestIdAt(int proxyRow) const;
    // The proxy row showing this request, or -1 when it is filtered out.
    int rowOf(const QString &requestId) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void watchSource();
    void rankRows(int column);
    void forgetRanks() { m_rankColumn = -1; }
    bool acceptsText(const QueueFilter &filter, int sourceRow) const;
    // A row's folded text fields joined by QueueFilter::TextSeparator, then
    // its request id as written (searched case-insensitively on its own).
    struct JoinedText {
        QString text; // null until first needed and after the row changes
        qsizetype idFrom = 0;
    };
    const JoinedText &joinedText(int sourceRow) const;

    QueueModel *m_source;
    QueueFilter m_filter;
    QueueFilter m_base;
    // Each source row's place in the order lessThan() defines, for column
    // m_rankColumn; -1 when the source changed since it was computed.
    std::vector<int> m_rank;
    int m_rankColumn = -1;
    // One per source row: the text filter reads contiguous memory and
    // copies no string.
    mutable std::vector<JoinedText> m_joinedText;
};

} // namespace Escalation

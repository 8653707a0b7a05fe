#include "queuefilterproxy.h"

#include "queuemodel.h"

namespace Escalation {

QueueFilterProxy::QueueFilterProxy(QueueModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setSortRole(QueueRole::RawValueRole);
    setDynamicSortFilter(true);
}

void QueueFilterProxy::setFilter(const QueueFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    // A full rebuild (filter once, sort once) instead of invalidateFilter():
    // QSortFilterProxyModel merges newly accepted rows into a sorted proxy
    // one by one, which takes seconds when a keystroke brings back most of
    // 100 000 rows. Persistent indexes (the selection) survive either way.
    invalidate();
}

void QueueFilterProxy::setBaseFilter(const QueueFilter &filter)
{
    if (filter == m_base)
        return;
    m_base = filter;
    invalidate();
}

QString QueueFilterProxy::requestIdAt(int proxyRow) const
{
    const QModelIndex source = mapToSource(index(proxyRow, 0));
    return source.isValid() ? m_source->requestIdAt(source.row()) : QString();
}

int QueueFilterProxy::rowOf(const QString &requestId) const
{
    const int sourceRow = m_source->rowOf(requestId);
    if (sourceRow < 0)
        return -1;
    return mapFromSource(m_source->index(sourceRow, 0)).row();
}

bool QueueFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    if (m_filter.isEmpty() && m_base.isEmpty())
        return true;
    const QueueFilterSubject subject = m_source->filterSubject(sourceRow);
    return m_base.accepts(subject) && m_filter.accepts(subject);
}

bool QueueFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int column = left.column();
    const qint64 a = m_source->sortKey(left.row(), column);
    const qint64 b = m_source->sortKey(right.row(), column);
    if (a != b)
        return a < b;
    // Ties by the review target, then by id order of arrival: a stable,
    // useful order ("most urgent first") within equal keys.
    const qint64 da = m_source->sortKey(left.row(), QueueColumn::Countdown);
    const qint64 db = m_source->sortKey(right.row(), QueueColumn::Countdown);
    if (da != db)
        return da < db;
    return left.row() < right.row();
}

} // namespace Escalation

#include "queuefilterproxy.h"

#include "queuemodel.h"

#include <algorithm>

namespace Escalation {

QueueFilterProxy::QueueFilterProxy(QueueModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    watchSource();
    setSourceModel(source);
    setSortRole(QueueRole::RawValueRole);
    setDynamicSortFilter(true);
}

void QueueFilterProxy::watchSource()
{
    // Connected before setSourceModel(), so that these run before
    // QSortFilterProxyModel's own handlers of the same signals, which call
    // lessThan() and filterAcceptsRow() on the changed rows.
    connect(m_source, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                forgetRanks();
                if (!topLeft.isValid() || !bottomRight.isValid()) {
                    m_joinedText.clear();
                    return;
                }
                const std::size_t end =
                    std::min(std::size_t(bottomRight.row()) + 1, m_joinedText.size());
                for (std::size_t row = std::size_t(topLeft.row()); row < end; ++row)
                    m_joinedText[row] = {};
            });
    connect(m_source, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                forgetRanks();
                const std::size_t count = std::size_t(last - first + 1);
                if (!parent.isValid()
                    && m_joinedText.size() + count == std::size_t(m_source->rowCount()))
                    m_joinedText.insert(m_joinedText.begin() + first, count, JoinedText {});
                else
                    m_joinedText.clear();
            });
    connect(m_source, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                forgetRanks();
                const std::size_t count = std::size_t(last - first + 1);
                if (!parent.isValid()
                    && m_joinedText.size() == std::size_t(m_source->rowCount()) + count)
                    m_joinedText.erase(m_joinedText.begin() + first,
                                       m_joinedText.begin() + last + 1);
                else
                    m_joinedText.clear();
            });
    const auto forgetAll = [this] {
        forgetRanks();
        m_joinedText.clear();
    };
    connect(m_source, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &QueueFilterProxy::forgetRanks);
    connect(m_source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            &QueueFilterProxy::forgetRanks);
    connect(m_source, &QAbstractItemModel::layoutAboutToBeChanged, this,
            &QueueFilterProxy::forgetRanks);
    connect(m_source, &QAbstractItemModel::modelAboutToBeReset, this,
            &QueueFilterProxy::forgetRanks);
    connect(m_source, &QAbstractItemModel::rowsMoved, this, forgetAll);
    connect(m_source, &QAbstractItemModel::layoutChanged, this, forgetAll);
    // After a load, QSortFilterProxyModel sorts every row again: with the
    // ranks in place that sort compares two ints per step.
    connect(m_source, &QAbstractItemModel::modelReset, this, [this, forgetAll] {
        forgetAll();
        if (dynamicSortFilter())
            rankRows(sortColumn());
    });
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
    // The same order as the slow path of lessThan(), by one std::sort:
    // QSortFilterProxyModel's stable sort then compares two ints per step
    // instead of looking up keys and collation ranks.
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

void QueueFilterProxy::sort(int column, Qt::SortOrder order)
{
    rankRows(column);
    QSortFilterProxyModel::sort(column, order);
}

void QueueFilterProxy::setFilter(const QueueFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    rankRows(sortColumn());
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
    rankRows(sortColumn());
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
    // The text first: while the user types it rejects most rows, and those
    // need no subject.
    if (!acceptsText(m_base, sourceRow) || !acceptsText(m_filter, sourceRow))
        return false;
    if (!m_filter.hasAttributes() && !m_base.hasAttributes())
        return true;
    const QueueFilterSubject subject = m_source->attributeSubject(sourceRow);
    return m_base.acceptsAttributes(subject) && m_filter.acceptsAttributes(subject);
}

bool QueueFilterProxy::acceptsText(const QueueFilter &filter, int sourceRow) const
{
    if (!filter.hasText())
        return true;
    if (!filter.canSearchJoined())
        return filter.acceptsText(m_source->filterSubject(sourceRow));
    const JoinedText &joined = joinedText(sourceRow);
    const QStringView text(joined.text);
    return filter.acceptsJoinedText(text.first(joined.idFrom), text.sliced(joined.idFrom));
}

const QueueFilterProxy::JoinedText &QueueFilterProxy::joinedText(int sourceRow) const
{
    const auto rows = std::size_t(m_source->rowCount());
    if (m_joinedText.size() != rows) {
        m_joinedText.clear();
        m_joinedText.resize(rows);
    }
    JoinedText &joined = m_joinedText[std::size_t(sourceRow)];
    if (joined.text.isNull()) {
        const QueueFilterSubject subject = m_source->filterSubject(sourceRow);
        qsizetype size = subject.requestId.size();
        for (QStringView field : subject.foldedText)
            size += field.size() + 1;
        joined.text.reserve(size);
        for (QStringView field : subject.foldedText) {
            joined.text.append(field);
            joined.text.append(QueueFilter::TextSeparator);
        }
        joined.idFrom = joined.text.size();
        joined.text.append(subject.requestId);
    }
    return joined;
}

bool QueueFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int column = left.column();
    if (column == m_rankColumn)
        return m_rank[std::size_t(left.row())] < m_rank[std::size_t(right.row())];
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

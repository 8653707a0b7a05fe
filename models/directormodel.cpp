#include "directormodel.h"

#include "obligationindex.h"
#include "queuefilterproxy.h"
#include "queuemodel.h"

#include <QColor>
#include <QLocale>

namespace Escalation {

DirectorModel::DirectorModel(QueueModel *queue, const ObligationIndex *obligations, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_levels(new QueueFilterProxy(queue, this))
    , m_obligations(obligations)
{
    QueueFilter levels;
    levels.setLevels({3, 4});
    m_levels->setBaseFilter(levels);
    setSourceModel(m_levels);
    // QIdentityProxyModel maps persistent indexes through mapToSource, which
    // has nothing for the extra columns; these handlers carry them instead.
    disconnect(m_levels, &QAbstractItemModel::layoutAboutToBeChanged, this, nullptr);
    disconnect(m_levels, &QAbstractItemModel::layoutChanged, this, nullptr);
    connect(m_levels, &QAbstractItemModel::layoutAboutToBeChanged, this,
            &DirectorModel::onSourceLayoutAboutToBeChanged);
    connect(m_levels, &QAbstractItemModel::layoutChanged, this,
            &DirectorModel::onSourceLayoutChanged);
    connect(obligations, &ObligationIndex::statusChanged, this, &DirectorModel::onStatusChanged);
    connect(obligations, &ObligationIndex::reloaded, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, AnalysisColumn), index(rowCount() - 1, OwnerColumn));
    });
}

QString DirectorModel::requestIdAt(int row) const
{
    return m_levels->requestIdAt(row);
}

int DirectorModel::rowOf(const QString &requestId) const
{
    return m_levels->rowOf(requestId);
}

int DirectorModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QModelIndex DirectorModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!isExtra(column))
        return QIdentityProxyModel::index(row, column, parent);
    if (parent.isValid() || row < 0 || row >= rowCount() || column >= ColumnCount)
        return {};
    return createIndex(row, column);
}

QModelIndex DirectorModel::parent(const QModelIndex &child) const
{
    if (child.isValid() && isExtra(child.column()))
        return {};
    return QIdentityProxyModel::parent(child);
}

QModelIndex DirectorModel::sibling(int row, int column, const QModelIndex &idx) const
{
    // A flat table: any cell of the same parent (none) is index(row, column).
    if (!idx.isValid())
        return {};
    return index(row, column);
}

QModelIndex DirectorModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (proxyIndex.isValid() && isExtra(proxyIndex.column()))
        return {};
    return QIdentityProxyModel::mapToSource(proxyIndex);
}

bool DirectorModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0;
}

Qt::ItemFlags DirectorModel::flags(const QModelIndex &index) const
{
    if (index.isValid() && isExtra(index.column()))
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    return QIdentityProxyModel::flags(index);
}

void DirectorModel::sort(int column, Qt::SortOrder order)
{
    // The extra columns sort as the level: owed items live at level 3 and 4.
    m_levels->sort(isExtra(column) ? int(QueueColumn::Level) : column, order);
}

QVariant DirectorModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !isExtra(index.column()))
        return QIdentityProxyModel::data(index, role);
    const QString id = requestIdAt(index.row());
    const std::optional<ObligationStatus> status = m_obligations->status(id);
    const bool analysis = index.column() == AnalysisColumn;
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        if (!status)
            return QString();
        if (analysis) {
            if (status->analysis)
                return tr("recorded by %1").arg(status->analysis->by);
            return tr("owed");
        }
        if (status->level < 4)
            return QStringLiteral("—"); // level 3 owes no owner: the tooltip says so
        if (status->acknowledgement)
            return tr("%1 (acknowledged)").arg(status->acknowledgement->by);
        return tr("owed");
    case Qt::ToolTipRole:
        if (!status)
            return {};
        if (analysis) {
            if (status->analysis)
                return tr("Full analysis recorded by %1 on %2")
                    .arg(status->analysis->by,
                         locale.toString(status->analysis->at.toLocalTime(), QLocale::ShortFormat));
            return tr("Level 3 requires a full analysis of why the case needed level 3; none is "
                      "recorded yet.");
        }
        if (status->acknowledgement)
            return tr("Level-4 ownership acknowledged by %1 on %2")
                .arg(status->acknowledgement->by,
                     locale.toString(status->acknowledgement->at.toLocalTime(),
                                     QLocale::ShortFormat));
        if (status->level >= 4)
            return tr("At level 4 the VP of Support takes personal ownership; the acknowledgement "
                      "is still owed.");
        return tr("Only level 4 needs the VP of Support's acknowledgement.");
    case AnalysisOwedRole:
        return status && status->analysisOwed();
    case AcknowledgementOwedRole:
        return status && status->acknowledgementOwed();
    case Qt::ForegroundRole:
        if (status
            && ((analysis && status->analysisOwed())
                || (!analysis && status->acknowledgementOwed())))
            return QColor(0xb0, 0x3a, 0x00); // the warning colour of the ladder's owed items
        return {};
    case QueueRole::RawValueRole:
        if (!status)
            return qint64(0);
        return qint64(analysis ? (status->analysisOwed() ? 1 : 0)
                               : (status->acknowledgementOwed() ? 1 : 0));
    default:
        // Row-wide roles (request id, clock state, ...) as on the first column.
        if (role > Qt::UserRole)
            return QIdentityProxyModel::data(QIdentityProxyModel::index(index.row(), 0), role);
        return {};
    }
}

QVariant DirectorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || !isExtra(section))
        return QIdentityProxyModel::headerData(section, orientation, role);
    const bool tip = role == Qt::ToolTipRole;
    if (role != Qt::DisplayRole && !tip)
        return {};
    if (section == AnalysisColumn)
        return tip ? tr("The full analysis level 3 requires: owed, or who recorded it")
                   : tr("Analysis");
    if (section == OwnerColumn)
        return tip ? tr("The VP of Support who acknowledged level-4 ownership, or owed")
                   : tr("Level-4 owner");
    return {};
}

void DirectorModel::onStatusChanged(const QStringList &requestIds)
{
    for (const QString &id : requestIds) {
        const int row = rowOf(id);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, AnalysisColumn), index(row, OwnerColumn));
    }
}

void DirectorModel::onSourceLayoutAboutToBeChanged(const QList<QPersistentModelIndex> &parents,
                                                   QAbstractItemModel::LayoutChangeHint hint)
{
    Q_UNUSED(parents)
    Q_EMIT layoutAboutToBeChanged({}, hint);
    const QModelIndexList persistent = persistentIndexList();
    m_layoutSources.clear();
    m_layoutColumns.clear();
    m_layoutSources.reserve(persistent.size());
    m_layoutColumns.reserve(persistent.size());
    for (const QModelIndex &proxy : persistent) {
        m_layoutColumns << proxy.column();
        const QModelIndex carrier = isExtra(proxy.column()) ? index(proxy.row(), 0) : proxy;
        m_layoutSources << QPersistentModelIndex(mapToSource(carrier));
    }
}

void DirectorModel::onSourceLayoutChanged(const QList<QPersistentModelIndex> &parents,
                                          QAbstractItemModel::LayoutChangeHint hint)
{
    Q_UNUSED(parents)
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    // persistentIndexList() returns the same order as when it was taken,
    // as long as no persistent index was created or destroyed in between.
    for (qsizetype i = 0; i < m_layoutSources.size(); ++i) {
        QModelIndex mapped = mapFromSource(m_layoutSources.at(i));
        const int column = m_layoutColumns.at(i);
        if (mapped.isValid() && isExtra(column))
            mapped = index(mapped.row(), column);
        after << mapped;
    }
    if (after.size() == before.size())
        changePersistentIndexList(before, after);
    m_layoutSources.clear();
    m_layoutColumns.clear();
    Q_EMIT layoutChanged({}, hint);
}

} // namespace Escalation

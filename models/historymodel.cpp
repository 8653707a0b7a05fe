#include "historymodel.h"

#include <permissions.h>

#include <QFont>
#include <QLocale>

namespace Escalation {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HistoryModel::setHistory(const RequestHistory &history)
{
    if (history.requestId != m_requestId) {
        beginResetModel();
        m_requestId = history.requestId;
        m_entries = history.entries;
        endResetModel();
        return;
    }
    // The same request: keep the rows both versions share, replace the rest.
    const QList<HistoryEntry> &next = history.entries;
    qsizetype common = 0;
    while (common < m_entries.size() && common < next.size() && m_entries[common] == next[common])
        ++common;
    if (common < m_entries.size()) {
        beginRemoveRows({}, int(common), int(m_entries.size() - 1));
        m_entries.resize(common);
        endRemoveRows();
    }
    if (common < next.size()) {
        beginInsertRows({}, int(common), int(next.size() - 1));
        m_entries.append(next.mid(common));
        endInsertRows();
    }
}

void HistoryModel::clear()
{
    beginResetModel();
    m_requestId.clear();
    m_entries.clear();
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryModel::actorText(const HistoryEntry &entry)
{
    return entry.actorName.isEmpty() ? tr("someone") : entry.actorName;
}

QString HistoryModel::roleText(const HistoryEntry &entry)
{
    const std::optional<UserRole> role = userRoleFromCode(entry.actorRole);
    return role ? displayName(*role) : QString();
}

QString HistoryModel::whatText(const HistoryEntry &entry)
{
    if (entry.refused) // the reason is short and says what the role may do
        return tr("tried to %1; refused: %2")
            .arg(historyAttemptText(entry.action), entry.text.simplified());
    const QString action = historyActionText(entry.action);
    // The text as one paragraph, bounded: the view wraps it, the tooltip
    // has all of it.
    QString text = entry.text.simplified();
    if (text.size() > MaxShownText)
        text = text.left(MaxShownText - 1) + QChar(0x2026);
    return text.isEmpty() ? action : tr("%1: %2").arg(action, text);
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const HistoryEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case When:
            return QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat);
        case Who:
            return actorText(e);
        case What:
            return whatText(e);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Who) // the name whole (the column elides it), and the role
            return roleText(e).isEmpty() ? e.actorName
                                         : tr("%1 · %2").arg(e.actorName, roleText(e));
        return e.text.isEmpty() ? QVariant() : QVariant(e.text);
    case Qt::FontRole:
        if (e.refused) { // nothing changed: set apart from what did
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        break;
    case ActionRole:
        return e.action;
    case AtRole:
        return e.at;
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When:
        return tr("When");
    case Who:
        return tr("Who");
    case What:
        return tr("What");
    }
    return {};
}

} // namespace Escalation

#pragma once

// A request's timeline as rows (when, who, what) for the details pane's
// History section. Fed whole histories; a refresh of the same request
// that adds entries at the end (the usual case: a write was applied)
// becomes rowsInserted for those rows only, so the selection and the
// scroll position stay. Another request replaces the rows.

#include <requesthistory.h>

#include <QAbstractTableModel>

namespace Escalation {

class HistoryModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { When, Who, What, ColumnCount };
    enum Role { ActionRole = Qt::UserRole + 1, AtRole };

    explicit HistoryModel(QObject *parent = nullptr);

    void setHistory(const RequestHistory &history);
    void clear();
    QString requestId() const { return m_requestId; }
    const QList<HistoryEntry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The name; "someone" when the backend gave none.
    static QString actorText(const HistoryEntry &entry);
    // "Escalation manager" (the Who column's tooltip); empty when not a user's.
    static QString roleText(const HistoryEntry &entry);
    // "accepted: Engineering joins at 15:00." (the text cut at MaxShownText).
    static QString whatText(const HistoryEntry &entry);
    static constexpr int MaxShownText = 400;

private:
    QString m_requestId;
    QList<HistoryEntry> m_entries;
};

} // namespace Escalation

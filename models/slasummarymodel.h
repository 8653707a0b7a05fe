#pragma once

// The team lead's numbers: per escalation manager (owner) or per team, how
// many requests are open now, approaching and breached now, and how many
// were answered and how many breached today and this week. Follows the
// queue model's own signals — a row inserted, removed or changed adjusts
// only its group's counts — and tells views about the changed groups once
// per debounce interval, so a burst of syncs or clock changes costs one
// repaint, never a recount of 100 000 rows.

#include <reviewclock.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QTimeZone>
#include <QTimer>

#include <array>
#include <set>
#include <vector>

namespace Escalation {

class QueueModel;
class ReviewClockService;

class SlaSummaryModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Grouping : quint8 { Owner, Team };
    enum Column : int {
        Name,
        OpenNow,
        OnTrackNow,
        ApproachingNow,
        BreachedNow,
        AnsweredToday,
        BreachedToday,
        AnsweredThisWeek,
        BreachedThisWeek,
        ColumnCount // sentinel
    };
    enum Role : int {
        RawValueRole = Qt::UserRole + 1, // int count, or the name for Name
        GroupRole, // the group's name as the queue writes it
    };

    struct Counts {
        std::array<int, ColumnCount> values {}; // indexed by Column; values[Name] unused
        int value(Column c) const { return values[std::size_t(c)]; }
        friend bool operator==(const Counts &, const Counts &) = default;
    };

    // Both must outlive the model.
    SlaSummaryModel(QueueModel *queue, ReviewClockService *clock, Grouping grouping,
                    QObject *parent = nullptr);

    Grouping grouping() const { return m_grouping; }
    // "Today" and "this week" are days in this zone (default: the system's),
    // and the week starts on this day (default: the system locale's).
    void setTimeZone(const QTimeZone &zone);
    void setFirstDayOfWeek(Qt::DayOfWeek day);
    // An inactive model counts nothing and ignores the queue; activating it
    // counts every row once. Views activate it when first shown, so a desk
    // that never opens the SLA monitor never pays for it. Active by default.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    // How long to gather changes before views hear of them.
    void setDebounceInterval(int msecs) { m_debounce.setInterval(msecs); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    QStringList groups() const;
    Counts counts(const QString &group) const;
    Counts totals() const { return m_totals; }
    // The instants at which "today" and "this week" began (epoch seconds).
    qint64 todayStart() const { return m_todayStart; }
    qint64 weekStart() const { return m_weekStart; }

public Q_SLOTS:
    // Emits the pending dataChanged at once (tests; the debounce timer).
    void flush();
    // Recounts every row: a new day or week began, or the zone changed.
    void recount();

Q_SIGNALS:
    // The numbers changed (after the debounce); charts repaint on it.
    void summaryChanged();

private:
    // What one request adds to its group: bit i set adds 1 to column i.
    struct Contribution {
        int group = -1;
        quint16 bits = 0;
    };
    struct Group {
        QString name;
        Counts counts;
    };

    Contribution evaluate(int queueRow, qint64 now);
    int groupIndex(QStringView name);
    void apply(const Contribution &c, int sign);
    // The queue's rows first..last arrived, are about to leave, changed.
    void addQueueRows(int first, int last);
    void removeQueueRows(int first, int last);
    void updateQueueRows(int first, int last);
    void computePeriods(qint64 now);
    void scheduleMidnight();
    void markDirty(int group);

    QueueModel *m_queue;
    ReviewClockService *m_clock;
    Grouping m_grouping;
    QTimeZone m_zone;
    Qt::DayOfWeek m_firstDay;
    bool m_active = true;
    qint64 m_todayStart = 0;
    qint64 m_weekStart = 0;
    qint64 m_tomorrowStart = 0;

    std::vector<Group> m_groups; // rows of this model, in order of arrival
    QMultiHash<size_t, int> m_groupByHash; // qHash(name) -> group; looked up by view, no copy
    std::vector<Contribution> m_byRow; // one per queue row, in the queue's row order
    Counts m_totals;
    std::set<int> m_dirty;
    QTimer m_debounce;
    QTimer m_midnight;
};

} // namespace Escalation

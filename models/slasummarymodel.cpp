#include "slasummarymodel.h"

#include "queuecolumns.h"
#include "queuemodel.h"
#include "reviewclockservice.h"

#include <QLocale>

#include <algorithm>

namespace Escalation {

namespace {

constexpr quint16 bit(SlaSummaryModel::Column c)
{
    return quint16(1u << int(c));
}

// Late enough after midnight that a day has surely begun in every zone rule.
constexpr qint64 MidnightSlackMs = 2000;

} // namespace

SlaSummaryModel::SlaSummaryModel(QueueModel *queue, ReviewClockService *clock, Grouping grouping,
                                 QObject *parent)
    : QAbstractTableModel(parent)
    , m_queue(queue)
    , m_clock(clock)
    , m_grouping(grouping)
    , m_zone(QTimeZone::systemTimeZone())
    , m_firstDay(QLocale::system().firstDayOfWeek())
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &SlaSummaryModel::flush);
    m_midnight.setSingleShot(true);
    connect(&m_midnight, &QTimer::timeout, this, &SlaSummaryModel::recount);

    connect(queue, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &where, int first, int last) {
                if (!where.isValid())
                    addQueueRows(first, last);
            });
    connect(queue, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &where, int first, int last) {
                if (!where.isValid())
                    removeQueueRows(first, last);
            });
    connect(queue, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                updateQueueRows(topLeft.row(), bottomRight.row());
            });
    // The counts follow the queue's rows one to one; the queue never moves
    // rows, but should it ever, a recount keeps them right.
    connect(queue, &QAbstractItemModel::modelReset, this, &SlaSummaryModel::recount);
    connect(queue, &QAbstractItemModel::rowsMoved, this, &SlaSummaryModel::recount);
    connect(queue, &QAbstractItemModel::layoutChanged, this, &SlaSummaryModel::recount);
    recount();
}

void SlaSummaryModel::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (active) {
        recount();
        return;
    }
    // Counts that no longer follow the queue would be wrong: drop them.
    beginResetModel();
    m_groups.clear();
    m_groupByHash.clear();
    m_byRow.clear();
    m_totals = {};
    m_dirty.clear();
    endResetModel();
    m_midnight.stop();
    m_debounce.stop();
}

void SlaSummaryModel::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    recount();
}

void SlaSummaryModel::setFirstDayOfWeek(Qt::DayOfWeek day)
{
    m_firstDay = day;
    recount();
}

void SlaSummaryModel::computePeriods(qint64 now)
{
    const QDate today = QDateTime::fromSecsSinceEpoch(now, m_zone).date();
    const auto startOf = [this](QDate day) { return day.startOfDay(m_zone).toSecsSinceEpoch(); };
    m_todayStart = startOf(today);
    m_tomorrowStart = startOf(today.addDays(1));
    const int back = (today.dayOfWeek() - int(m_firstDay) + 7) % 7;
    m_weekStart = startOf(today.addDays(-back));
}

void SlaSummaryModel::scheduleMidnight()
{
    const qint64 waitMs = (m_tomorrowStart - m_clock->nowSecs()) * 1000 + MidnightSlackMs;
    // Re-checked at least hourly: timers drift across a suspend.
    m_midnight.start(std::chrono::milliseconds(std::clamp<qint64>(waitMs, 1000, 3600 * 1000)));
}

SlaSummaryModel::Contribution SlaSummaryModel::evaluate(int queueRow, qint64 now)
{
    const QModelIndex first = m_queue->index(queueRow, 0);
    const auto state = RequestState(first.data(QueueRole::RequestStateRole).toInt());
    const auto clock = ClockState(first.data(QueueRole::ClockStateRole).toInt());
    const int column = m_grouping == Grouping::Owner ? QueueColumn::Owner : QueueColumn::Team;
    QString name = m_queue->index(queueRow, column).data(Qt::DisplayRole).toString();
    if (name.isEmpty())
        name = m_grouping == Grouping::Owner ? tr("unowned") : tr("no team");

    Contribution c;
    c.group = groupIndex(name);
    if (state == RequestState::Pending) {
        c.bits |= bit(OpenNow);
        switch (clock) {
        case ClockState::OnTrack:
            c.bits |= bit(OnTrackNow);
            break;
        case ClockState::Approaching:
            c.bits |= bit(ApproachingNow);
            break;
        case ClockState::Breached:
            c.bits |= bit(BreachedNow);
            break;
        case ClockState::Waiting: // open, but the requester's turn
        case ClockState::Answered:
            break;
        }
    }
    // Only answered and breached requests have an instant that counts for
    // today or this week; the others (most of the queue) skip the lookup.
    if (state == RequestState::Pending && clock != ClockState::Breached)
        return c;
    const std::optional<ReviewTimes> times = m_clock->times(m_queue->requestIdAt(queueRow));
    if (!times)
        return c;
    const qint64 answered = times->answeredAt;
    const qint64 due = times->dueAt;
    if (answered != NoInstant && answered <= now) {
        if (answered >= m_todayStart)
            c.bits |= bit(AnsweredToday);
        if (answered >= m_weekStart)
            c.bits |= bit(AnsweredThisWeek);
    }
    // A breach belongs to the period in which its target passed unanswered.
    const bool breached =
        due != NoInstant && due <= now && (answered == NoInstant || answered >= due);
    if (breached) {
        if (due >= m_todayStart)
            c.bits |= bit(BreachedToday);
        if (due >= m_weekStart)
            c.bits |= bit(BreachedThisWeek);
    }
    return c;
}

int SlaSummaryModel::groupIndex(QStringView name)
{
    const size_t hash = qHash(name);
    for (auto it = m_groupByHash.constFind(hash); it != m_groupByHash.cend() && it.key() == hash;
         ++it) {
        if (m_groups[std::size_t(it.value())].name == name)
            return it.value();
    }
    const int row = int(m_groups.size());
    beginInsertRows({}, row, row);
    m_groups.push_back({name.toString(), {}});
    m_groupByHash.insert(hash, row);
    endInsertRows();
    return row;
}

void SlaSummaryModel::apply(const Contribution &c, int sign)
{
    if (c.group < 0 || c.bits == 0)
        return;
    Counts &counts = m_groups[std::size_t(c.group)].counts;
    for (int col = OpenNow; col < ColumnCount; ++col) {
        if (c.bits & (1u << col)) {
            counts.values[std::size_t(col)] += sign;
            m_totals.values[std::size_t(col)] += sign;
        }
    }
    markDirty(c.group);
}

void SlaSummaryModel::markDirty(int group)
{
    m_dirty.insert(group);
    if (!m_debounce.isActive())
        m_debounce.start();
}

void SlaSummaryModel::addQueueRows(int first, int last)
{
    if (!m_active)
        return;
    const qint64 now = m_clock->nowSecs();
    std::vector<Contribution> added;
    added.reserve(std::size_t(last - first + 1));
    for (int row = first; row <= last; ++row) {
        added.push_back(evaluate(row, now));
        apply(added.back(), +1);
    }
    m_byRow.insert(m_byRow.begin() + first, added.begin(), added.end());
}

void SlaSummaryModel::removeQueueRows(int first, int last)
{
    if (!m_active)
        return;
    for (int row = first; row <= last; ++row)
        apply(m_byRow[std::size_t(row)], -1);
    m_byRow.erase(m_byRow.begin() + first, m_byRow.begin() + last + 1);
}

void SlaSummaryModel::updateQueueRows(int first, int last)
{
    if (!m_active)
        return;
    const qint64 now = m_clock->nowSecs();
    if (now >= m_tomorrowStart) {
        recount();
        return;
    }
    for (int row = first; row <= last; ++row) {
        const Contribution c = evaluate(row, now);
        Contribution &old = m_byRow[std::size_t(row)];
        if (old.group == c.group && old.bits == c.bits)
            continue;
        apply(old, -1);
        apply(c, +1);
        old = c;
    }
}

void SlaSummaryModel::recount()
{
    if (!m_active)
        return;
    const qint64 now = m_clock->nowSecs();
    computePeriods(now);
    beginResetModel();
    m_groups.clear();
    m_groupByHash.clear();
    m_byRow.clear();
    m_totals = {};
    m_dirty.clear();
    endResetModel();
    // Groups appear as rows are counted; the reset above already told views
    // the model is empty, so the inserts that follow are consistent.
    const int rows = m_queue->rowCount();
    m_byRow.reserve(std::size_t(rows));
    for (int row = 0; row < rows; ++row) {
        m_byRow.push_back(evaluate(row, now));
        apply(m_byRow.back(), +1);
    }
    scheduleMidnight();
    flush();
}

void SlaSummaryModel::flush()
{
    m_debounce.stop();
    if (m_dirty.empty())
        return;
    // One signal per contiguous run of changed groups.
    int runStart = -1;
    int previous = -2;
    const auto emitRun = [this](int from, int to) {
        Q_EMIT dataChanged(index(from, OpenNow), index(to, ColumnCount - 1));
    };
    for (int g : m_dirty) {
        if (g != previous + 1) {
            if (runStart >= 0)
                emitRun(runStart, previous);
            runStart = g;
        }
        previous = g;
    }
    emitRun(runStart, previous);
    m_dirty.clear();
    Q_EMIT summaryChanged();
}

int SlaSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int SlaSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SlaSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Group &g = m_groups[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == Name)
            return g.name;
        return QLocale().toString(g.counts.values[std::size_t(column)]);
    case RawValueRole:
        if (column == Name)
            return g.name;
        return g.counts.values[std::size_t(column)];
    case GroupRole:
        return g.name;
    case Qt::TextAlignmentRole:
        return column == Name ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                              : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant SlaSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    const bool tip = role == Qt::ToolTipRole;
    if (role != Qt::DisplayRole && !tip)
        return {};
    switch (Column(section)) {
    case Name:
        if (m_grouping == Grouping::Owner)
            return tip ? tr("Escalation manager who owns the requests") : tr("Manager");
        return tip ? tr("Team the requests belong to") : tr("Team");
    case OpenNow:
        return tip ? tr("Requests waiting for an answer now") : tr("Open");
    case OnTrackNow:
        return tip ? tr("Open requests with enough review time left") : tr("On track");
    case ApproachingNow:
        return tip ? tr("Open requests close to their review target now") : tr("Approaching");
    case BreachedNow:
        return tip ? tr("Open requests past their review target now") : tr("Breached");
    case AnsweredToday:
        return tip ? tr("Requests answered since midnight") : tr("Answered today");
    case BreachedToday:
        return tip ? tr("Review targets missed since midnight") : tr("Breached today");
    case AnsweredThisWeek:
        return tip ? tr("Requests answered since the week began") : tr("Answered this week");
    case BreachedThisWeek:
        return tip ? tr("Review targets missed since the week began") : tr("Breached this week");
    case ColumnCount:
        break;
    }
    return {};
}

QStringList SlaSummaryModel::groups() const
{
    QStringList names;
    names.reserve(qsizetype(m_groups.size()));
    for (const Group &g : m_groups)
        names << g.name;
    return names;
}

SlaSummaryModel::Counts SlaSummaryModel::counts(const QString &group) const
{
    const size_t hash = qHash(group);
    for (auto it = m_groupByHash.constFind(hash); it != m_groupByHash.cend() && it.key() == hash;
         ++it) {
        if (m_groups[std::size_t(it.value())].name == group)
            return m_groups[std::size_t(it.value())].counts;
    }
    return {};
}

} // namespace Escalation

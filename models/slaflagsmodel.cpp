#include "slaflagsmodel.h"

#include "durationtext.h"
#include "requestlookup.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace Escalation {

namespace {
constexpr qint64 MaxWakeIntervalMs = 60 * 1000;

qint64 secsOf(const QDateTime &t)
{
    return t.isValid() ? t.toSecsSinceEpoch() : 0;
}
} // namespace

SlaFlagsModel::SlaFlagsModel(const PolicyConfig &config, const RequestLookup *lookup,
                             QObject *parent)
    : QAbstractTableModel(parent)
    , m_config(config)
    , m_lookup(lookup)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_wakeTimer.setSingleShot(true);
    connect(&m_wakeTimer, &QTimer::timeout, this, &SlaFlagsModel::updateNow);
}

void SlaFlagsModel::setNowFunction(NowFunction now)
{
    m_now = std::move(now);
    updateNow();
}

SlaFlagsModel::Tracked SlaFlagsModel::trackedFrom(const Case &c)
{
    Tracked t;
    t.createdAt = secsOf(c.createdAt);
    t.respondedAt = secsOf(c.firstResponseAt);
    t.lastSupportAt = secsOf(c.lastSupportUpdateAt);
    t.severity = c.severity;
    t.tier = c.tier;
    return t;
}

void SlaFlagsModel::computeDues(Tracked &t) const
{
    // The same arithmetic as evaluateSlaFlags(), kept in seconds.
    t.firstResponseDue =
        t.createdAt + qint64(m_config.firstResponseTargetMinutesFor(t.severity, t.tier)) * 60;
    const qint64 lastUpdate = t.lastSupportAt != 0 ? t.lastSupportAt : t.createdAt;
    t.supportDue = lastUpdate + qint64(m_config.supportUpdateMaxHoursFor(t.severity)) * 3600;
}

void SlaFlagsModel::evaluate(Tracked &t, qint64 now)
{
    if (t.createdAt == 0) {
        t.missed = t.overdue = false;
        return;
    }
    t.missed = (t.respondedAt != 0 ? t.respondedAt : now) > t.firstResponseDue;
    t.overdue = now > t.supportDue;
}

void SlaFlagsModel::setPolicy(const PolicyConfig &config)
{
    m_config = config;
    const qint64 now = nowSecs();
    for (auto it = m_tracked.begin(); it != m_tracked.end(); ++it) {
        computeDues(it.value());
        evaluate(it.value(), now);
        pushWake(it.key(), it.value(), now);
    }
    for (auto it = m_tracked.cbegin(); it != m_tracked.cend(); ++it)
        syncRow(it.key(), it.value(), nullptr);
    scheduleWake();
    Q_EMIT countsChanged();
}

void SlaFlagsModel::loadSnapshot(const QHash<QString, Case> &cases)
{
    beginResetModel();
    m_tracked.clear();
    m_rows.clear();
    m_rowOf.clear();
    m_heap.clear();
    m_firstResponseMissed = m_supportOverdue = 0;
    const qint64 now = nowSecs();
    m_tracked.reserve(cases.size());
    for (const Case &c : cases) {
        Tracked t = trackedFrom(c);
        computeDues(t);
        evaluate(t, now);
        m_tracked.insert(c.id, t);
        pushWake(c.id, t, now);
        if (t.flagged()) {
            m_rowOf.insert(c.id, int(m_rows.size()));
            m_rows.push_back(
                {c.id, c.number, c.account, c.subject, c.assignee, c.severity, c.tier, t});
            m_firstResponseMissed += t.missed ? 1 : 0;
            m_supportOverdue += t.overdue ? 1 : 0;
        }
    }
    endResetModel();
    scheduleWake();
    Q_EMIT countsChanged();
}

void SlaFlagsModel::applyChangeSet(const ChangeSet &changes)
{
    const qint64 now = nowSecs();
    const int missedBefore = m_firstResponseMissed;
    const int overdueBefore = m_supportOverdue;
    for (const QString &id : changes.removedCaseIds)
        remove(id);
    for (const Case &c : changes.insertedCases)
        upsert(c, now);
    for (const Case &c : changes.updatedCases)
        upsert(c, now);
    scheduleWake();
    if (missedBefore != m_firstResponseMissed || overdueBefore != m_supportOverdue)
        Q_EMIT countsChanged();
}

void SlaFlagsModel::upsert(const Case &c, qint64 now)
{
    Tracked t = trackedFrom(c);
    computeDues(t);
    evaluate(t, now);
    m_tracked.insert(c.id, t);
    pushWake(c.id, t, now);
    syncRow(c.id, t, &c);
}

void SlaFlagsModel::remove(const QString &caseId)
{
    const auto it = m_tracked.find(caseId);
    if (it == m_tracked.end())
        return;
    Tracked cleared = it.value();
    cleared.missed = cleared.overdue = false;
    syncRow(caseId, cleared, nullptr);
    m_tracked.erase(it);
}

void SlaFlagsModel::syncRow(const QString &caseId, const Tracked &t, const Case *c)
{
    const int row = rowOfCase(caseId);
    if (row >= 0) {
        FlagRow &r = m_rows[std::size_t(row)];
        m_firstResponseMissed -= r.t.missed ? 1 : 0;
        m_supportOverdue -= r.t.overdue ? 1 : 0;
        if (!t.flagged()) {
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            m_rowOf.remove(caseId);
            for (int i = row; i < int(m_rows.size()); ++i)
                m_rowOf[m_rows[std::size_t(i)].caseId] = i;
            endRemoveRows();
            return;
        }
        r.t = t;
        if (c) {
            r.number = c->number;
            r.account = c->account;
            r.subject = c->subject;
            r.assignee = c->assignee;
            r.severity = c->severity;
            r.tier = c->tier;
        }
        m_firstResponseMissed += t.missed ? 1 : 0;
        m_supportOverdue += t.overdue ? 1 : 0;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    if (!t.flagged())
        return;
    FlagRow r;
    r.caseId = caseId;
    r.t = t;
    r.severity = t.severity;
    r.tier = t.tier;
    std::optional<Case> looked;
    if (!c && m_lookup) {
        looked = m_lookup->caseRecord(caseId);
        if (looked)
            c = &*looked;
    }
    if (c) {
        r.number = c->number;
        r.account = c->account;
        r.subject = c->subject;
        r.assignee = c->assignee;
    } else {
        r.number = caseId; // better than nothing: the id still finds the case
    }
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.push_back(std::move(r));
    m_rowOf.insert(caseId, at);
    endInsertRows();
    m_firstResponseMissed += t.missed ? 1 : 0;
    m_supportOverdue += t.overdue ? 1 : 0;
}

void SlaFlagsModel::pushWake(const QString &caseId, const Tracked &t, qint64 now)
{
    // A flag turns on one second after its target (a response exactly at the
    // target is in time); only targets still ahead need a wake.
    const auto push = [&](qint64 due) {
        if (due + 1 > now) {
            m_heap.push_back({due + 1, caseId});
            std::push_heap(m_heap.begin(), m_heap.end(), std::greater<>());
        }
    };
    if (t.createdAt == 0)
        return;
    if (!t.missed && t.respondedAt == 0)
        push(t.firstResponseDue);
    if (!t.overdue)
        push(t.supportDue);
}

void SlaFlagsModel::updateNow()
{
    const qint64 now = nowSecs();
    const int missedBefore = m_firstResponseMissed;
    const int overdueBefore = m_supportOverdue;
    while (!m_heap.empty() && m_heap.front().at <= now) {
        std::pop_heap(m_heap.begin(), m_heap.end(), std::greater<>());
        const QString id = std::move(m_heap.back().caseId);
        m_heap.pop_back();
        const auto it = m_tracked.find(id);
        if (it == m_tracked.end())
            continue;
        Tracked &t = it.value();
        const bool wasMissed = t.missed;
        const bool wasOverdue = t.overdue;
        evaluate(t, now);
        if (t.missed != wasMissed || t.overdue != wasOverdue)
            syncRow(id, t, nullptr);
    }
    // Silence durations in the flagged rows grow; views repaint them from
    // their own tick, so no signal is needed for that.
    scheduleWake();
    if (missedBefore != m_firstResponseMissed || overdueBefore != m_supportOverdue)
        Q_EMIT countsChanged();
}

void SlaFlagsModel::scheduleWake()
{
    // The heap grows with every update of a case; rebuild it when stale
    // entries dominate.
    if (m_heap.size() > 4 * std::size_t(m_tracked.size()) + 1024) {
        const qint64 now = nowSecs();
        m_heap.clear();
        for (auto it = m_tracked.cbegin(); it != m_tracked.cend(); ++it)
            pushWake(it.key(), it.value(), now);
    }
    if (m_heap.empty()) {
        m_wakeTimer.stop();
        return;
    }
    const qint64 waitMs = m_heap.front().at * 1000 - m_now();
    m_wakeTimer.start(std::chrono::milliseconds(std::clamp<qint64>(waitMs, 0, MaxWakeIntervalMs)));
}

int SlaFlagsModel::rowOfCase(const QString &caseId) const
{
    return m_rowOf.value(caseId, -1);
}

int SlaFlagsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SlaFlagsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 SlaFlagsModel::sortKey(const FlagRow &row, int column) const
{
    const qint64 now = nowSecs();
    switch (column) {
    case Severity:
        return int(row.severity);
    case Tier:
        return int(row.tier);
    case FirstResponse:
        if (!row.t.missed)
            return -1;
        return (row.t.respondedAt != 0 ? row.t.respondedAt : now) - row.t.firstResponseDue;
    case SupportSilence:
        return now - (row.t.lastSupportAt != 0 ? row.t.lastSupportAt : row.t.createdAt);
    default:
        return 0;
    }
}

QVariant SlaFlagsModel::display(const FlagRow &row, int column) const
{
    const qint64 now = nowSecs();
    switch (column) {
    case CaseNumber:
        return row.number;
    case Account:
        return row.account;
    case Subject:
        return row.subject;
    case Severity:
        return displayName(row.severity);
    case Tier:
        return displayName(row.tier);
    case Assignee:
        return row.assignee;
    case FirstResponse:
        if (!row.t.missed)
            return tr("in time");
        if (row.t.respondedAt != 0)
            return tr("%1 late").arg(
                DurationText::compact(row.t.respondedAt - row.t.firstResponseDue));
        return tr("none yet, %1 overdue").arg(DurationText::compact(now - row.t.firstResponseDue));
    case SupportSilence: {
        const qint64 silent =
            now - (row.t.lastSupportAt != 0 ? row.t.lastSupportAt : row.t.createdAt);
        if (!row.t.overdue)
            return tr("%1 (within limit)").arg(DurationText::compact(silent));
        return row.t.lastSupportAt != 0 ? tr("silent for %1").arg(DurationText::compact(silent))
                                        : tr("no update for %1").arg(DurationText::compact(silent));
    }
    default:
        return {};
    }
}

QVariant SlaFlagsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FlagRow &row = m_rows[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        if (column == FirstResponse)
            return tr("First response was due %1")
                .arg(QLocale().toString(
                    QDateTime::fromSecsSinceEpoch(row.t.firstResponseDue).toLocalTime(),
                    QLocale::ShortFormat));
        if (column == SupportSilence)
            return tr("A support update was due %1")
                .arg(QLocale().toString(
                    QDateTime::fromSecsSinceEpoch(row.t.supportDue).toLocalTime(),
                    QLocale::ShortFormat));
        if (column == Subject)
            return row.subject;
        return {};
    case RawValueRole: {
        switch (column) {
        case CaseNumber:
            return row.number;
        case Account:
            return row.account;
        case Subject:
            return row.subject;
        case Assignee:
            return row.assignee;
        default:
            return sortKey(row, column);
        }
    }
    case CaseIdRole:
        return row.caseId;
    case FirstResponseMissedRole:
        return row.t.missed;
    case SupportUpdateOverdueRole:
        return row.t.overdue;
    default:
        return {};
    }
}

QVariant SlaFlagsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    const bool tip = role == Qt::ToolTipRole;
    if (role != Qt::DisplayRole && !tip)
        return {};
    switch (Column(section)) {
    case CaseNumber:
        return tr("Case");
    case Account:
        return tr("Account");
    case Subject:
        return tr("Subject");
    case Severity:
        return tr("Severity");
    case Tier:
        return tr("Tier");
    case Assignee:
        return tip ? tr("Support engineer assigned to the case") : tr("Assignee");
    case FirstResponse:
        return tip
            ? tr("Whether the first response met its target for the case's severity and tier")
            : tr("First response");
    case SupportSilence:
        return tip ? tr("Time since support last wrote on the case") : tr("Support silence");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Escalation

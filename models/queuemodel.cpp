#include "queuemodel.h"

#include "durationtext.h"
#include "modelslogging.h"
#include "queuefilter.h"
#include "reviewclockservice.h"

#include <activequeue.h>

#include <QDateTime>
#include <QFutureWatcher>
#include <QLocale>
#include <QPromise>
#include <QScopeGuard>
#include <QThreadPool>

#include <algorithm>
#include <limits>
#include <memory>
#include <system_error>
#include <thread>

namespace Escalation {

namespace {

constexpr qint64 Last = std::numeric_limits<qint64>::max();

qint64 toSecs(const QDateTime &dt)
{
    return dt.isValid() ? dt.toSecsSinceEpoch() : 0;
}

// Most urgent first when sorted ascending.
qint64 clockUrgency(ClockState s)
{
    switch (s) {
    case Escalation::ClockState::Breached:
        return 0;
    case Escalation::ClockState::Approaching:
        return 1;
    case Escalation::ClockState::OnTrack:
        return 2;
    case Escalation::ClockState::Waiting: // the requester's turn
        return 3;
    case Escalation::ClockState::Answered:
        return 4;
    }
    return 5;
}

} // namespace

QueueModel::QueueModel(ReviewClockService *clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
    Q_ASSERT(m_clock);
    m_textIndex[QueueColumn::Account] = &m_accounts;
    m_textIndex[QueueColumn::CaseNumber] = &m_caseNumbers;
    m_textIndex[QueueColumn::Subject] = &m_subjects;
    m_textIndex[QueueColumn::Owner] = &m_people;
    m_textIndex[QueueColumn::Team] = &m_teams;
    connect(m_clock, &ReviewClockService::clockStatesChanged, this,
            &QueueModel::onClockStatesChanged);
}

QueueModel::~QueueModel() = default;

void QueueModel::loadSnapshot(const QList<EscalationRequest> &requests,
                              const QHash<QString, Case> &cases)
{
    beginResetModel();
    for (const Row &row : m_rows)
        m_clock->untrack(row.id);
    m_rows.clear();
    m_rowById.clear();
    m_requestIdsByCase.clear();
    for (auto &keys : m_keys)
        keys.clear();
    // Sized up front: a load of 100 000 rows would otherwise rehash every
    // table several times.
    m_cases.reserve(std::size_t(cases.size()));
    m_caseStoredAt.reserve(std::size_t(cases.size()));
    m_caseSlotById.reserve(cases.size());
    for (CollationIndex *index : {&m_caseNumbers, &m_subjects, &m_accounts})
        index->reserve(int(cases.size()));
    m_clock->reserve(int(requests.size()));
    m_requestIdsByCase.reserve(requests.size());
    // Cases and rows fill disjoint tables (case slots and the case columns'
    // indexes; rows, people, teams and the clock), so the cases are stored
    // on a second thread meanwhile: at 60 000 rows each half takes about a
    // hundred milliseconds of a start the user waits for. The rows find
    // their case slots once both are done.
    const auto storeCases = [this, &cases] {
        for (const Case &c : cases)
            storeCase(c);
    };
    std::thread caseThread;
    if (cases.size() >= 1000) {
        try {
            caseThread = std::thread(storeCases);
        } catch (const std::system_error &) {
            storeCases(); // no thread to be had: one after the other
        }
    } else {
        storeCases();
    }
    const auto joinCases = qScopeGuard([&caseThread] {
        if (caseThread.joinable())
            caseThread.join();
    });
    m_rows.reserve(std::size_t(requests.size()));
    m_rowById.reserve(requests.size());
    for (const EscalationRequest &r : requests) {
        if (!isInActiveQueue(r.state) || m_rowById.contains(r.id))
            continue;
        Row row;
        fillRowFields(row, r);
        m_rowById.insert(row.id, int(m_rows.size()));
        m_requestIdsByCase.insert(row.caseId, row.id);
        m_rows.push_back(std::move(row));
    }
    if (caseThread.joinable())
        caseThread.join();
    for (Row &row : m_rows)
        row.caseSlot = caseSlotFor(row.caseId);
    endResetModel();
    qCDebug(lcModels) << "queue loaded:" << m_rows.size() << "requests," << cases.size() << "cases";
    rankTextInBackground();
}

void QueueModel::rankTextInBackground()
{
    // Collating 100 000 subjects takes most of a second: done on the pool
    // while the user looks at the queue, not on the first click on a header.
    for (CollationIndex *index :
         {&m_caseNumbers, &m_subjects, &m_accounts, &m_statuses, &m_people, &m_teams}) {
        if (index->hasRanks() || index->size() < 1000)
            continue;
        const QList<QString> values = index->values();
        const QLocale locale = index->locale();
        auto promise = std::make_shared<QPromise<std::vector<int>>>();
        auto begun = std::make_shared<std::atomic<bool>>(false);
        auto *watcher = new QFutureWatcher<std::vector<int>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this,
                [this, watcher, index, n = int(values.size())] {
                    if (watcher->future().resultCount() > 0)
                        index->adoptOrder(watcher->future().result(), n);
                    m_pendingOrders.remove(index);
                    watcher->deleteLater();
                });
        watcher->setFuture(promise->future());
        promise->start();
        m_pendingOrders.insert(index, {index, promise->future(), begun, int(values.size())});
        QThreadPool::globalInstance()->start([promise, begun, values, locale] {
            *begun = true;
            promise->addResult(CollationIndex::computeOrder(values, locale));
            promise->finish();
        });
    }
}

void QueueModel::awaitTextRanks(int column)
{
    if (column < 0 || column >= QueueColumn::Count)
        return;
    const CollationIndex *text = m_textIndex[std::size_t(column)];
    const auto it = text ? m_pendingOrders.constFind(text) : m_pendingOrders.cend();
    if (it == m_pendingOrders.cend() || !*it->begun)
        return; // nothing in flight, or still queued: computing here is as quick
    PendingOrder pending = *it; // a copy: waitForFinished() is not const
    pending.future.waitForFinished();
    if (pending.future.resultCount() > 0)
        pending.index->adoptOrder(pending.future.result(), pending.count);
}

bool QueueModel::textRanksReady() const
{
    for (const CollationIndex *index :
         {&m_caseNumbers, &m_subjects, &m_accounts, &m_statuses, &m_people, &m_teams}) {
        if (!index->hasRanks() && index->size() >= 1000)
            return false;
    }
    return true;
}

void QueueModel::storeCase(const Case &c)
{
    const int slot = caseSlotFor(c.id);
    CaseRow &row = m_cases[std::size_t(slot)];
    row.number = m_caseNumbers.intern(c.number);
    row.subject = m_subjects.intern(c.subject);
    row.account = m_accounts.intern(c.account);
    row.status = m_statuses.intern(c.status);
    row.tier = c.tier;
    row.severity = c.severity;
    row.priority = c.priority;
    row.createdAt = toSecs(c.createdAt);
    row.known = true;
    m_caseStoredAt[std::size_t(slot)] = ++m_caseClock;
}

int QueueModel::caseSlotFor(const QString &caseId)
{
    const auto it = m_caseSlotById.constFind(caseId);
    if (it != m_caseSlotById.cend())
        return it.value();
    const int slot = int(m_cases.size());
    CaseRow row;
    row.id = caseId;
    m_cases.push_back(std::move(row));
    m_caseStoredAt.push_back(++m_caseClock);
    m_caseSlotById.insert(caseId, slot);
    return slot;
}

void QueueModel::fillRow(Row &row, const EscalationRequest &r)
{
    fillRowFields(row, r);
    row.caseSlot = caseSlotFor(r.caseId);
}

void QueueModel::fillRowFields(Row &row, const EscalationRequest &r)
{
    row.id = r.id;
    row.caseId = r.caseId;
    row.owner = m_people.intern(r.owner);
    row.team = m_teams.intern(r.team);
    row.requestedBy = m_people.intern(r.requestedBy);
    row.requestedAt = toSecs(r.requestedAt);
    row.level = quint8(std::clamp(r.level, 1, 4));
    row.reason = r.reason;
    row.state = r.state;
    const ReviewClockService::Entry clock = m_clock->track(r);
    row.dueAt = clock.dueAt;
    row.clock = clock.state;
}

void QueueModel::applyChangeSet(const ChangeSet &changes)
{
    if (changes.isEmpty())
        return;

    // Cases first, so that rows inserted below find theirs.
    QList<int> touchedRows;
    const auto upsertCases = [&](const QList<Case> &cases) {
        for (const Case &c : cases) {
            storeCase(c);
            for (auto it = m_requestIdsByCase.constFind(c.id);
                 it != m_requestIdsByCase.cend() && it.key() == c.id; ++it) {
                const int row = rowOf(it.value());
                if (row >= 0)
                    touchedRows.append(row);
            }
        }
    };
    upsertCases(changes.insertedCases);
    upsertCases(changes.updatedCases);

    // Removals: deleted requests, requests that left the active queue, and
    // the requests of deleted cases.
    QList<int> removed;
    for (const QString &id : changes.removedRequestIds) {
        const int row = rowOf(id);
        if (row >= 0)
            removed.append(row);
    }
    for (const QString &caseId : changes.removedCaseIds) {
        for (auto it = m_requestIdsByCase.constFind(caseId);
             it != m_requestIdsByCase.cend() && it.key() == caseId; ++it) {
            const int row = rowOf(it.value());
            if (row >= 0)
                removed.append(row);
        }
    }

    QList<const EscalationRequest *> inserts;
    QList<const EscalationRequest *> updates;
    const auto classify = [&](const QList<EscalationRequest> &requests) {
        for (const EscalationRequest &r : requests) {
            const int row = rowOf(r.id);
            if (!isInActiveQueue(r.state)) {
                if (row >= 0)
                    removed.append(row);
            } else if (row >= 0) {
                updates.append(&r);
            } else {
                inserts.append(&r);
            }
        }
    };
    classify(changes.insertedRequests);
    classify(changes.updatedRequests);

    // Updates in place, before removals shift the rows.
    for (const EscalationRequest *r : std::as_const(updates)) {
        const int row = rowOf(r->id);
        Row &target = m_rows[std::size_t(row)];
        const int pending = target.pendingOutbox;
        if (target.caseId != r->caseId)
            m_requestIdsByCase.remove(target.caseId, target.id);
        const bool caseChanged = target.caseId != r->caseId;
        fillRow(target, *r);
        target.pendingOutbox = pending;
        if (caseChanged)
            m_requestIdsByCase.insert(target.caseId, target.id);
        touchedRows.append(row);
    }
    for (int row : std::as_const(touchedRows))
        refreshKeys(row);
    emitRowsChanged(touchedRows, 0, QueueColumn::Count - 1);

    removeRowsAt(removed);
    insertRequests(inserts);

    for (const QString &caseId : changes.removedCaseIds) {
        const auto it = m_caseSlotById.constFind(caseId);
        if (it != m_caseSlotById.cend()) {
            m_cases[std::size_t(it.value())].known = false;
            m_caseStoredAt[std::size_t(it.value())] = ++m_caseClock;
        }
    }
}

void QueueModel::removeRowsAt(QList<int> rows)
{
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int row : std::as_const(rows)) {
        const Row &r = m_rows[std::size_t(row)];
        m_clock->untrack(r.id);
        m_rowById.remove(r.id);
        m_requestIdsByCase.remove(r.caseId, r.id);
    }
    // Bottom-up in contiguous runs: one signal pair per run, and the rows
    // above a run keep their numbers while it goes.
    int end = int(rows.size());
    while (end > 0) {
        int begin = end - 1;
        while (begin > 0 && rows[begin - 1] == rows[begin] - 1)
            --begin;
        const int first = rows[begin];
        const int last = rows[end - 1];
        beginRemoveRows({}, first, last);
        for (auto &keys : m_keys) {
            if (keys.size() == m_rows.size())
                keys.erase(keys.begin() + first, keys.begin() + last + 1);
        }
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
        end = begin;
    }
    reindexFrom(rows.first());
}

void QueueModel::insertRequests(const QList<const EscalationRequest *> &requests)
{
    if (requests.isEmpty())
        return;
    QList<const EscalationRequest *> unique;
    unique.reserve(requests.size());
    QSet<QString> seen;
    for (const EscalationRequest *r : requests) {
        if (!seen.contains(r->id)) {
            seen.insert(r->id);
            unique.append(r);
        }
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(unique.size()) - 1);
    for (const EscalationRequest *r : std::as_const(unique)) {
        Row row;
        fillRow(row, *r);
        m_rowById.insert(row.id, int(m_rows.size()));
        m_requestIdsByCase.insert(row.caseId, row.id);
        m_rows.push_back(std::move(row));
        for (int column = 0; column < QueueColumn::Count; ++column) {
            std::vector<qint64> &keys = m_keys[std::size_t(column)];
            if (keys.size() + 1 == m_rows.size())
                keys.push_back(storedKey(m_rows.back(), column));
        }
    }
    endInsertRows();
}

void QueueModel::reindexFrom(int firstRow)
{
    for (int row = firstRow; row < int(m_rows.size()); ++row)
        m_rowById[m_rows[std::size_t(row)].id] = row;
}

void QueueModel::emitRowsChanged(QList<int> rows, int firstColumn, int lastColumn)
{
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    int begin = 0;
    while (begin < int(rows.size())) {
        int end = begin + 1;
        while (end < int(rows.size()) && rows[end] == rows[end - 1] + 1)
            ++end;
        Q_EMIT dataChanged(index(rows[begin], firstColumn), index(rows[end - 1], lastColumn));
        begin = end;
    }
}

void QueueModel::setPendingOutbox(const QHash<QString, int> &pendingByRequestId)
{
    QList<int> changed;
    for (int row = 0; row < int(m_rows.size()); ++row) {
        Row &r = m_rows[std::size_t(row)];
        const int pending = pendingByRequestId.value(r.id, 0);
        if (pending != r.pendingOutbox) {
            r.pendingOutbox = pending;
            refreshKeys(row);
            changed.append(row);
        }
    }
    // The whole row: the delegate marks pending rows in every cell.
    emitRowsChanged(changed, 0, QueueColumn::Count - 1);
}

void QueueModel::onClockStatesChanged(const QStringList &requestIds)
{
    QList<int> changed;
    changed.reserve(requestIds.size());
    for (const QString &id : requestIds) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        Row &r = m_rows[std::size_t(row)];
        const ReviewClockService::Entry e = m_clock->entry(id);
        if (e.state != r.clock || e.dueAt != r.dueAt) {
            r.clock = e.state;
            r.dueAt = e.dueAt;
            refreshKeys(row);
            changed.append(row);
        }
    }
    emitRowsChanged(changed, QueueColumn::Countdown, QueueColumn::ClockState);
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : QueueColumn::Count;
}

int QueueModel::rowOf(const QString &requestId) const
{
    return m_rowById.value(requestId, -1);
}

QString QueueModel::requestIdAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[std::size_t(row)].id : QString();
}

const QueueModel::CaseRow *QueueModel::caseOf(const Row &row) const
{
    const CaseRow &c = m_cases[std::size_t(row.caseSlot)];
    return c.known ? &c : nullptr;
}

qint64 QueueModel::storedKey(const Row &r, int column) const
{
    const CaseRow *c = caseOf(r);
    switch (column) {
    case QueueColumn::Countdown:
        return r.clock == ClockState::Answered ? Last : r.dueAt;
    case QueueColumn::ClockState:
        return clockUrgency(r.clock);
    case QueueColumn::Level:
        return r.level;
    case QueueColumn::Severity:
        return c ? qint64(c->severity) : Last;
    case QueueColumn::Tier:
        return c ? qint64(c->tier) : Last;
    case QueueColumn::Priority:
        return c ? -qint64(c->priority) : Last; // high first
    case QueueColumn::Reason:
        return qint64(r.reason);
    case QueueColumn::Account:
        return c ? c->account : Last;
    case QueueColumn::CaseNumber:
        return c ? c->number : Last;
    case QueueColumn::Subject:
        return c ? c->subject : Last;
    case QueueColumn::Age:
        return c ? -c->createdAt : Last; // youngest first
    case QueueColumn::Owner:
        return r.owner;
    case QueueColumn::Team:
        return r.team;
    case QueueColumn::RequestedAt:
        return r.requestedAt;
    case QueueColumn::State:
        return qint64(r.state);
    case QueueColumn::Pending:
        return r.pendingOutbox;
    default:
        return 0;
    }
}

void QueueModel::buildKeys(int column) const
{
    std::vector<qint64> &keys = m_keys[std::size_t(column)];
    keys.resize(m_rows.size());
    for (std::size_t row = 0; row < m_rows.size(); ++row)
        keys[row] = storedKey(m_rows[row], column);
}

void QueueModel::retainSortKeys(int column)
{
    if (column >= 0 && column < QueueColumn::Count)
        ++m_keyUsers[std::size_t(column)];
}

void QueueModel::releaseSortKeys(int column)
{
    if (column < 0 || column >= QueueColumn::Count || m_keyUsers[std::size_t(column)] == 0)
        return;
    if (--m_keyUsers[std::size_t(column)] == 0 && column != QueueColumn::Countdown)
        std::vector<qint64>().swap(m_keys[std::size_t(column)]);
}

void QueueModel::refreshKeys(int row)
{
    for (int column = 0; column < QueueColumn::Count; ++column) {
        std::vector<qint64> &keys = m_keys[std::size_t(column)];
        if (keys.size() == m_rows.size())
            keys[std::size_t(row)] = storedKey(m_rows[std::size_t(row)], column);
    }
}

QStringList QueueModel::distinctValues(int column) const
{
    if (column != QueueColumn::Owner && column != QueueColumn::Team)
        return {};
    const CollationIndex &index = column == QueueColumn::Owner ? m_people : m_teams;
    std::vector<bool> seen(std::size_t(index.size()), false);
    for (const Row &r : m_rows)
        seen[std::size_t(column == QueueColumn::Owner ? r.owner : r.team)] = true;
    std::vector<int> ids;
    for (int id = 1; id < index.size(); ++id) {
        if (seen[std::size_t(id)])
            ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end(),
              [&index](int a, int b) { return index.rank(a) < index.rank(b); });
    QStringList values;
    values.reserve(qsizetype(ids.size()));
    for (int id : ids)
        values.append(index.value(id));
    return values;
}

QueueFilterSubject QueueModel::attributeSubject(int row) const
{
    const Row &r = m_rows[std::size_t(row)];
    QueueFilterSubject s;
    s.requestId = r.id;
    s.owner = m_people.value(r.owner);
    s.team = m_teams.value(r.team);
    s.state = r.state;
    s.level = r.level;
    s.reason = r.reason;
    s.clock = r.clock;
    if (const CaseRow *c = caseOf(r)) {
        s.severity = c->severity;
        s.tier = c->tier;
    }
    return s;
}

QueueModel::TextSearch QueueModel::textSearch(const QString &foldedText,
                                              const TextSearch *previous) const
{
    TextSearch search;
    search.m_foldedText = foldedText;
    // A value that does not contain "re" does not contain "rel" either.
    const bool narrower = previous && foldedText.contains(previous->m_foldedText);
    const auto test = [&](const CollationIndex &index, std::vector<char> TextSearch::*field) {
        std::vector<char> &matches = search.*field;
        const std::vector<char> *before = narrower ? &(previous->*field) : nullptr;
        matches.resize(std::size_t(index.size()));
        for (int id = 0; id < index.size(); ++id) {
            const bool candidate =
                !before || id >= int(before->size()) || (*before)[std::size_t(id)];
            matches[std::size_t(id)] = candidate && index.folded(id).contains(foldedText) ? 1 : 0;
        }
    };
    test(m_people, &TextSearch::m_people);
    test(m_teams, &TextSearch::m_teams);
    test(m_caseNumbers, &TextSearch::m_caseNumbers);
    test(m_subjects, &TextSearch::m_subjects);
    test(m_accounts, &TextSearch::m_accounts);
    search.m_caseClock = m_caseClock;
    search.m_cases.resize(m_cases.size());
    for (std::size_t slot = 0; slot < m_cases.size(); ++slot) {
        const CaseRow &c = m_cases[slot];
        search.m_cases[slot] = c.known
                && (search.m_caseNumbers[std::size_t(c.number)]
                    || search.m_subjects[std::size_t(c.subject)]
                    || search.m_accounts[std::size_t(c.account)])
            ? 1
            : 0;
    }
    return search;
}

bool QueueModel::textFieldsMatch(int row, const TextSearch &search) const
{
    const auto matches = [&search](const CollationIndex &index, const std::vector<char> &known,
                                   int id) {
        return id < int(known.size()) ? known[std::size_t(id)] != 0
                                      : index.folded(id).contains(search.m_foldedText);
    };
    const Row &r = m_rows[std::size_t(row)];
    if (matches(m_people, search.m_people, r.owner) || matches(m_teams, search.m_teams, r.team)
        || matches(m_people, search.m_people, r.requestedBy))
        return true;
    const auto slot = std::size_t(r.caseSlot);
    if (slot < search.m_cases.size() && m_caseStoredAt[slot] <= search.m_caseClock)
        return search.m_cases[slot] != 0;
    const CaseRow *c = caseOf(r); // new or changed since the search was made
    return c
        && (matches(m_caseNumbers, search.m_caseNumbers, c->number)
            || matches(m_subjects, search.m_subjects, c->subject)
            || matches(m_accounts, search.m_accounts, c->account));
}

QueueFilterSubject QueueModel::filterSubject(int row) const
{
    QueueFilterSubject s = attributeSubject(row);
    const Row &r = m_rows[std::size_t(row)];
    s.foldedText[0] = m_people.folded(r.owner);
    s.foldedText[1] = m_teams.folded(r.team);
    s.foldedText[2] = m_people.folded(r.requestedBy);
    if (const CaseRow *c = caseOf(r)) {
        s.foldedText[3] = m_caseNumbers.folded(c->number);
        s.foldedText[4] = m_subjects.folded(c->subject);
        s.foldedText[5] = m_accounts.folded(c->account);
    }
    return s;
}

QVariant QueueModel::displayData(const Row &r, int column) const
{
    const CaseRow *c = caseOf(r);
    const QLocale locale;
    switch (column) {
    case QueueColumn::Countdown: {
        const QString text = DurationText::countdown(r.clock, m_clock->remainingSeconds(r.id));
        // A paused clock explains why a smaller countdown can sort after a
        // larger one: rows sort by the instant the target falls due.
        return m_clock->isPaused(r.id) ? tr("%1 ⏸").arg(text) : text;
    }
    case QueueColumn::ClockState:
        return displayName(r.clock);
    case QueueColumn::Level:
        return tr("L%1").arg(r.level);
    case QueueColumn::Severity:
        if (!c)
            return {};
        return c->severity == Escalation::Severity::S1 ? tr("S1 outage")
                                                       : tr("S%1").arg(int(c->severity));
    case QueueColumn::Tier:
        return c ? displayName(c->tier) : QVariant();
    case QueueColumn::Priority:
        return c ? displayName(c->priority) : QVariant();
    case QueueColumn::Reason:
        return displayName(r.reason);
    case QueueColumn::Account:
        return c ? m_accounts.value(c->account) : QVariant();
    case QueueColumn::CaseNumber:
        return c ? m_caseNumbers.value(c->number) : QVariant();
    case QueueColumn::Subject:
        return c ? m_subjects.value(c->subject) : QVariant();
    case QueueColumn::Age:
        return c && c->createdAt > 0 ? DurationText::compact(m_clock->nowSecs() - c->createdAt)
                                     : QVariant();
    case QueueColumn::Owner:
        return r.owner == 0 ? tr("unowned") : m_people.value(r.owner);
    case QueueColumn::Team:
        return m_teams.value(r.team);
    case QueueColumn::RequestedAt:
        return locale.toString(QDateTime::fromSecsSinceEpoch(r.requestedAt).toLocalTime(),
                               QLocale::ShortFormat);
    case QueueColumn::State:
        return displayName(r.state);
    case QueueColumn::Pending:
        return r.pendingOutbox > 0 ? tr("%n pending", nullptr, r.pendingOutbox) : QString();
    default:
        return {};
    }
}

QString QueueModel::spokenRow(const Row &r) const
{
    // Most urgent facts first, as a person triaging reads a row.
    QStringList parts;
    parts << displayName(r.clock);
    if (r.clock != ClockState::Answered) {
        QString countdown = DurationText::spokenCountdown(r.clock, m_clock->remainingSeconds(r.id));
        if (m_clock->isPaused(r.id))
            countdown = tr("%1, clock paused").arg(countdown);
        parts << countdown;
    }
    parts << tr("level %1").arg(r.level);
    const CaseRow *c = caseOf(r);
    if (c) {
        parts << (c->severity == Severity::S1 ? tr("severity 1 outage")
                                              : tr("severity %1").arg(int(c->severity)));
        parts << tr("case %1").arg(m_caseNumbers.value(c->number));
    }
    parts << (r.owner == 0 ? tr("nobody has taken it")
                           : tr("taken by %1").arg(m_people.value(r.owner)));
    if (c)
        parts << m_subjects.value(c->subject);
    return parts.join(QStringLiteral(", "));
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(r, index.column());
    case Qt::AccessibleTextRole:
        // What a screen reader says for the cell: the countdown without its
        // pause glyph, the pause in words.
        if (index.column() == QueueColumn::Countdown) {
            const QString text = DurationText::countdown(r.clock, m_clock->remainingSeconds(r.id));
            return m_clock->isPaused(r.id) ? tr("%1, clock paused").arg(text) : text;
        }
        return displayData(r, index.column());
    case Qt::AccessibleDescriptionRole:
        return spokenRow(r);
    case Qt::ToolTipRole:
        if (index.column() == QueueColumn::Countdown && r.clock != ClockState::Answered) {
            const QString due =
                tr("Review due %1")
                    .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(r.dueAt).toLocalTime(),
                                            QLocale::LongFormat));
            return m_clock->isPaused(r.id) ? due + QLatin1Char('\n')
                    + tr("The clock is paused: its business calendar is closed now.")
                                           : due;
        }
        if (index.column() == QueueColumn::Subject)
            return displayData(r, index.column());
        if (index.column() == QueueColumn::Pending && r.pendingOutbox > 0)
            return tr("Waiting for the portal to confirm %n action(s)", nullptr, r.pendingOutbox);
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case QueueColumn::Countdown:
        case QueueColumn::Age:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case QueueColumn::Level:
        case QueueColumn::Severity:
            return QVariant::fromValue(Qt::AlignHCenter | Qt::AlignVCenter);
        default:
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case QueueRole::RawValueRole: {
        // From the key array when one is kept; a cell read builds none.
        const std::vector<qint64> &keys = m_keys[std::size_t(index.column())];
        return keys.size() == m_rows.size()
            ? sortKey(index.row(), index.column())
            : rankedKey(storedKey(r, index.column()), index.column());
    }
    case QueueRole::RequestIdRole:
        return r.id;
    case QueueRole::CaseIdRole:
        return r.caseId;
    case QueueRole::ClockStateRole:
        return int(r.clock);
    case QueueRole::DueAtRole:
        return r.clock == ClockState::Answered ? QDateTime()
                                               : QDateTime::fromSecsSinceEpoch(r.dueAt, Qt::UTC);
    case QueueRole::RemainingSecondsRole:
        return m_clock->remainingSeconds(r.id);
    case QueueRole::LevelRole:
        return int(r.level);
    case QueueRole::RequestStateRole:
        return int(r.state);
    case QueueRole::PendingOutboxRole:
        return r.pendingOutbox;
    case QueueRole::ClockPausedRole:
        return m_clock->isPaused(r.id);
    case QueueRole::OutageRole: {
        const CaseRow *c = caseOf(r);
        return c && c->severity == Escalation::Severity::S1;
    }
    default:
        return {};
    }
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const bool tip = role == Qt::ToolTipRole;
    switch (section) {
    case QueueColumn::Countdown:
        return tip ? tr("Business time left until the 4-business-hour review target")
                   : tr("Review due");
    case QueueColumn::ClockState:
        return tip ? tr("On track, approaching, breached or answered") : tr("Clock");
    case QueueColumn::Level:
        return tip ? tr("Escalation level 1–4") : tr("Level");
    case QueueColumn::Severity:
        return tip ? tr("Case severity (S1 is an outage)") : tr("Sev");
    case QueueColumn::Tier:
        return tip ? tr("Support tier") : tr("Tier");
    case QueueColumn::Priority:
        return tip ? tr("Customer priority") : tr("Priority");
    case QueueColumn::Reason:
        return tip ? tr("Why the customer escalated") : tr("Reason");
    case QueueColumn::Account:
        return tip ? tr("Customer account") : tr("Account");
    case QueueColumn::CaseNumber:
        return tip ? tr("Case number") : tr("Case");
    case QueueColumn::Subject:
        return tip ? tr("Case subject") : tr("Subject");
    case QueueColumn::Age:
        return tip ? tr("Time since the case was opened") : tr("Case age");
    case QueueColumn::Owner:
        return tip ? tr("Escalation manager who took the request") : tr("Owner");
    case QueueColumn::Team:
        return tip ? tr("Team") : tr("Team");
    case QueueColumn::RequestedAt:
        return tip ? tr("When the escalation was requested") : tr("Requested");
    case QueueColumn::State:
        return tip ? tr("Request state") : tr("State");
    case QueueColumn::Pending:
        return tip ? tr("Actions of this desk not yet confirmed by the portal") : tr("Outbox");
    default:
        return {};
    }
}

QHash<int, QByteArray> QueueModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(QueueRole::RawValueRole, "rawValue");
    names.insert(QueueRole::RequestIdRole, "requestId");
    names.insert(QueueRole::CaseIdRole, "caseId");
    names.insert(QueueRole::ClockStateRole, "clockState");
    names.insert(QueueRole::DueAtRole, "dueAt");
    names.insert(QueueRole::RemainingSecondsRole, "remainingSeconds");
    names.insert(QueueRole::LevelRole, "level");
    names.insert(QueueRole::RequestStateRole, "requestState");
    names.insert(QueueRole::PendingOutboxRole, "pendingOutbox");
    names.insert(QueueRole::OutageRole, "outage");
    names.insert(QueueRole::ClockPausedRole, "clockPaused");
    return names;
}

} // namespace Escalation

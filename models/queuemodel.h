#pragma once

// The live escalation queue: one row per active escalation request, with the
// case it belongs to. Loaded once from a snapshot of the cache, then fed only
// by change sets — rows are inserted, removed or changed in place, never
// reset — so selection and scroll position survive every sync and tick.
// Every column has a precomputed integer sort key (RawValueRole), which the
// proxy compares instead of strings.

#include "collationindex.h"
#include "queuecolumns.h"
#include "reviewclock.h"

#include <changeset.h>
#include <escalation.h>

#include <QAbstractTableModel>
#include <QFuture>
#include <QHash>
#include <QStringList>

#include <array>
#include <atomic>
#include <limits>
#include <memory>
#include <vector>

namespace Escalation {

class ReviewClockService;
struct QueueFilterSubject;

class QueueModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    // The clock service computes each row's review deadline and tells the
    // model when a row's clock state changes. It must outlive the model.
    explicit QueueModel(ReviewClockService *clock, QObject *parent = nullptr);
    ~QueueModel() override;

    // The initial load (the only reset this model ever does).
    void loadSnapshot(const QList<EscalationRequest> &requests, const QHash<QString, Case> &cases);
    // Applies one committed change set as row inserts, removals and
    // dataChanged on the rows it touches.
    void applyChangeSet(const ChangeSet &changes);
    // Pending outbox entries per request id; rows whose count changes are
    // updated, all others untouched.
    void setPendingOutbox(const QHash<QString, int> &pendingByRequestId);

    // The same answer as QAbstractTableModel's, without its virtual calls of
    // rowCount() and columnCount(): the proxy's sort makes two indexes per
    // comparison, a million comparisons per sort of 100 000 rows.
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override
    {
        const bool valid = !parent.isValid() && row >= 0 && column >= 0 && row < int(m_rows.size())
            && column < QueueColumn::Count;
        return valid ? createIndex(row, column) : QModelIndex();
    }
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Row lookups for views that track requests by id, not by row.
    int rowOf(const QString &requestId) const;
    QString requestIdAt(int row) const;
    // The precomputed sort key of a cell; what RawValueRole returns. Keys
    // live in one dense array per column (built on the first sort by that
    // column, kept current by every change), so a sort of 100 000 rows
    // reads contiguous memory instead of chasing rows and cases.
    qint64 sortKey(int row, int column) const
    {
        std::vector<qint64> &keys = m_keys[std::size_t(column)];
        if (keys.size() != m_rows.size())
            buildKeys(column);
        return rankedKey(keys[std::size_t(row)], column);
    }
    // Key arrays are 8 bytes a row each: kept only for the columns a proxy
    // sorts by (and the review target, every sort's tie-break). A proxy
    // retains the column it sorts by and releases it when it sorts by
    // another.
    void retainSortKeys(int column);
    void releaseSortKeys(int column);
    bool keepsSortKeys(int column) const
    {
        return !m_rows.empty() && m_keys[std::size_t(column)].size() == m_rows.size();
    }
    // The owners or teams (column Owner or Team) that occur in the queue,
    // sorted, for filter drop-downs. One pass over the rows.
    QStringList distinctValues(int column) const;
    // The fields a QueueFilter looks at, for one row.
    QueueFilterSubject filterSubject(int row) const;
    // One text search over the six folded text fields (owner, team,
    // requester, case number, subject, account): which interned values
    // contain the folded text, each distinct value tested once, so that a
    // row tests ids instead of strings and no row keeps a copy of its
    // text. Values interned after it was made are tested as rows meet them.
    class TextSearch {
    public:
        const QString &foldedText() const { return m_foldedText; }

    private:
        friend class QueueModel;
        QString m_foldedText;
        std::vector<char> m_people, m_teams, m_caseNumbers, m_subjects, m_accounts;
        // Per case slot: number, subject or account matched, as the case
        // stood at m_caseClock (rows read one byte, not their case).
        std::vector<char> m_cases;
        quint64 m_caseClock = 0;
    };
    // previous: the search this one narrows, if any (the user typed on):
    // only the values that matched it are tested again.
    TextSearch textSearch(const QString &foldedText, const TextSearch *previous = nullptr) const;
    // Whether one of the row's folded text fields contains the search text.
    bool textFieldsMatch(int row, const TextSearch &search) const;
    // The request id of a row, without a copy (row must be valid).
    QStringView requestIdView(int row) const { return m_rows[std::size_t(row)].id; }
    // The same without the case-folded text, for filters on attributes
    // only: folding every subject and account the first time costs tens of
    // milliseconds that a filter by state or level never needs.
    QueueFilterSubject attributeSubject(int row) const;

    // Whether every text column's collation order is known, so that the
    // first sort by any column is as fast as the next. After a load the
    // orders are computed on a worker thread.
    bool textRanksReady() const;
    // Before a sort by a text column: if that column's collation order is
    // being computed on the pool right now, waits for it (it is partly done)
    // instead of computing it all over again on this thread.
    void awaitTextRanks(int column);

private:
    static constexpr qint64 LastKey = std::numeric_limits<qint64>::max();

    struct CaseRow {
        QString id;
        int number = 0; // CollationIndex ids
        int subject = 0;
        int account = 0;
        int status = 0;
        SupportTier tier = SupportTier::Standard;
        Severity severity = Severity::S3;
        CustomerPriority priority = CustomerPriority::Normal;
        qint64 createdAt = 0; // epoch seconds
        bool known = false; // false: the case has not arrived yet
    };
    struct Row {
        QString id;
        QString caseId;
        int caseSlot = -1;
        int owner = 0; // CollationIndex ids
        int team = 0;
        int requestedBy = 0;
        qint64 requestedAt = 0; // epoch seconds
        qint64 dueAt = 0; // epoch seconds; the review target
        quint8 level = 1;
        Reason reason = Reason::Other;
        RequestState state = RequestState::Pending;
        ClockState clock = ClockState::OnTrack;
        int pendingOutbox = 0;
    };

    void fillRow(Row &row, const EscalationRequest &request);
    // Everything of a row but its case slot (which touches the case tables).
    void fillRowFields(Row &row, const EscalationRequest &request);
    int caseSlotFor(const QString &caseId);
    void storeCase(const Case &c);
    void removeRowsAt(QList<int> rows);
    void insertRequests(const QList<const EscalationRequest *> &requests);
    void emitRowsChanged(QList<int> rows, int firstColumn, int lastColumn);
    void reindexFrom(int firstRow);
    void onClockStatesChanged(const QStringList &requestIds);
    void rankTextInBackground();
    const CaseRow *caseOf(const Row &row) const;
    QVariant displayData(const Row &row, int column) const;
    // The row as one sentence a person can act on, for screen readers.
    QString spokenRow(const Row &row) const;
    // The key of a cell as stored: the raw number, or for text columns the
    // interned id (its rank can change as new strings arrive; the id not).
    qint64 storedKey(const Row &row, int column) const;
    void buildKeys(int column) const;
    qint64 rankedKey(qint64 stored, int column) const
    {
        const CollationIndex *text = m_textIndex[std::size_t(column)];
        return text && stored != LastKey ? text->rank(int(stored)) : stored;
    }
    void refreshKeys(int row);

    ReviewClockService *m_clock;
    std::vector<Row> m_rows;
    QHash<QString, int> m_rowById;
    std::vector<CaseRow> m_cases;
    // When each case slot was last stored, on m_caseClock: a text search
    // made before that tests the case's fields afresh.
    std::vector<quint64> m_caseStoredAt;
    quint64 m_caseClock = 0;
    QHash<QString, int> m_caseSlotById;
    QMultiHash<QString, QString> m_requestIdsByCase;

    // One interning index per text column; the strings live here once.
    CollationIndex m_caseNumbers;
    CollationIndex m_subjects;
    CollationIndex m_accounts;
    CollationIndex m_statuses;
    CollationIndex m_people; // owners and requesters
    CollationIndex m_teams;

    std::array<const CollationIndex *, QueueColumn::Count> m_textIndex {};
    // Collation orders being computed on the pool, by index.
    struct PendingOrder {
        CollationIndex *index = nullptr; // the one to adopt the order
        QFuture<std::vector<int>> future;
        std::shared_ptr<std::atomic<bool>> begun; // the pool thread took it up
        int count = 0;
    };
    QHash<const CollationIndex *, PendingOrder> m_pendingOrders;
    mutable std::array<std::vector<qint64>, QueueColumn::Count> m_keys;
    std::array<int, QueueColumn::Count> m_keyUsers {};
};

} // namespace Escalation

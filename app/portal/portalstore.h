#pragma once

// The portal's state: every case and request in memory, a sequence-ordered
// index that serves the change feed in O(page) per page, the idempotency
// store and the application log, and (optionally) a PortalDatabase that
// each change is written through before it becomes visible.
//
// Invariant kept for the feed: a request's sequence number is always above
// its case's, so a client paging from any cursor meets a case no later than
// the first request that refers to it. A change to a case therefore
// re-sequences that case's requests after it.

#include "datagenerator.h"
#include "escalation.h"
#include "portaldatabase.h"
#include "requesthistory.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace Escalation::Portal {

// An HTTP answer produced by a write (status and JSON body).
struct WriteResult {
    int status = 200;
    QByteArray body;
};

struct ActionInput {
    QString action; // accept | decline | note | take_ownership | analysis | acknowledge | hand_off
    QString text;
    QString justification; // accept before the minimum case age: why
    QString team; // hand_off: the team that takes the request over
    QString actor; // the name recorded as owner, author, decider
    QString actorId; // the portal user who acts; empty for the portal's own activity
    QString actorRole;
    std::optional<qint64> version;
};

// The requester's answer to a manager's question (the customer side).
struct ReplyInput {
    QString text;
    QString by; // who answered on the customer's side, if given
    QString actor; // the portal user who wrote it
    QString actorId;
    QString actorRole;
};

struct EscalationInput {
    Reason reason = Reason::Other;
    QString summary;
    QString requestedBy;
    QString previousRequestId;
};

struct ChangesPage {
    QByteArray body;
    qint64 cursor = 0;
    bool hasMore = false;
};

class PortalStore final : public QObject {
    Q_OBJECT

public:
    explicit PortalStore(QObject *parent = nullptr);
    ~PortalStore() override;

    // Opens (or creates) the portal's database (a SQLite file or a
    // postgresql:// locator) and loads what it holds. Without a call to
    // this the store lives in memory only.
    //
    // Several portals may share one PostgreSQL database. Each keeps the
    // whole state in memory as a single portal does, and:
    // - every write takes the writers' lock (PortalDatabase::begin), first
    //   catches up with what the others committed, then decides on that
    //   state and commits while still holding the lock. Writers take turns,
    //   so sequence numbers are handed out in commit order and a portal
    //   that sees change N has seen every change before it: the feed has
    //   no gaps, whichever portal a client asks;
    // - an idempotency key is looked up in the database under that lock, so
    //   the same write sent to two portals at once is applied once;
    // - a commit NOTIFYs the others, which catch up at once and wake their
    //   long polls; a poll of the last sequence every few seconds covers a
    //   lost notice.
    bool openDatabase(const QString &path, QString *error);

    bool isEmpty() const { return m_feed.empty(); }
    // Takes generated records into an empty store, in one transaction.
    // `seeded` (optional) is false when another portal sharing the database
    // filled it first; the store then holds what that one stored.
    bool populate(GeneratedData data, QString *error, bool *seeded = nullptr);
    // Reads what other portals sharing the database committed since this
    // one last looked (nothing to do on a database of its own).
    bool catchUp();
    // How often a portal on a shared database looks for changes besides the
    // notices (0: notices only).
    void setSharedPoll(std::chrono::milliseconds interval);
    // Catches up when a client names a cursor beyond what this portal has
    // seen: one another portal sharing the database handed out.
    void catchUpTo(qint64 cursor)
    {
        if (cursor > m_sequence && !m_turnOpen)
            catchUp();
    }

    qint64 lastSequence() const { return m_sequence; }
    qint64 caseCount() const { return qint64(m_caseIndex.size()); }
    qint64 requestCount() const { return qint64(m_requestIndex.size()); }

    // The change feed page after `since` (docs/portal-api.md). A cursor from
    // before this store's first sequence, or beyond its last one, comes from
    // an earlier life of the portal: the client gets everything again.
    ChangesPage changes(qint64 since, int limit) const;

    const Case *findCase(QStringView id) const;
    const EscalationRequest *findRequest(QStringView id) const;
    // The time the portal stamps on what happens now (whole seconds).
    QDateTime now() const;
    QByteArray caseJson(QStringView id) const;
    QByteArray requestJson(QStringView id) const;
    QList<const EscalationRequest *> requestsOfCase(QStringView caseId) const;
    // A team some request belongs to: the teams a hand-off may go to.
    bool knowsTeam(const QString &team) const;

    // Idempotent writes. `fingerprint` identifies what the key was used for;
    // a key reused for something else is refused.
    std::optional<WriteResult> storedAnswer(const QString &key,
                                            const QByteArray &fingerprint) const;
    WriteResult applyAction(const QString &requestId, const ActionInput &input, const QString &key,
                            const QByteArray &fingerprint);
    WriteResult createEscalation(const QString &caseId, const EscalationInput &input,
                                 const QString &key, const QByteArray &fingerprint);
    // Ends the request's wait on its requester with the answer.
    WriteResult answerQuestion(const QString &requestId, const ReplyInput &input,
                               const QString &key, const QByteArray &fingerprint);
    int applicationCount(const QString &key) const { return m_applications.value(key); }
    // Keeps a refusal decided outside the store (403) under its key, as
    // the store's own refusals are; a retry gets the same answer.
    WriteResult remember(const QString &key, const QByteArray &fingerprint, WriteResult result);

    // Changes made by the portal's own activity (no idempotency key).
    bool updateCase(const Case &updated);
    bool addCase(Case created);
    bool closeCase(const QString &caseId);
    bool removeCase(const QString &caseId);
    QString nextCaseId();
    // A random live case / request, for the activity; nullptr if none.
    const Case *caseAt(qint64 index) const;
    const EscalationRequest *requestAt(qint64 index) const;
    qint64 caseSlots() const { return qint64(m_cases.size()); }
    qint64 requestSlots() const { return qint64(m_requests.size()); }

Q_SIGNALS:
    // A change was committed; `sequence` is the new last sequence number.
    void changed(qint64 sequence);
    // An action was applied to a request (for its timeline).
    void recorded(const QString &requestId, const Escalation::Portal::HistoryEntry &entry);

private:
    struct CaseSlot {
        Case data;
        qint64 sequence = 0;
        mutable QByteArray json;
        std::vector<int> requestSlots;
        bool removed = false;
    };
    struct RequestSlot {
        EscalationRequest data;
        qint64 sequence = 0;
        mutable QByteArray json;
        int caseSlot = -1;
        bool removed = false;
    };
    enum class RefKind : quint8 { Case, Request, RemovedCase, RemovedRequest };
    struct FeedRef {
        RefKind kind;
        int index; // slot, or tombstone index
    };
    // Everything one write changes, committed together.
    struct Mutation {
        std::vector<Case> cases;
        std::vector<EscalationRequest> requests;
        QStringList removedCases;
        QStringList removedRequests;
        // Idempotency bookkeeping that commits atomically with the change.
        QString key;
        std::optional<StoredAnswer> answer;
        QString appliedTarget;
        QString appliedAction;
    };

    // A write's turn on a shared database (see openDatabase); on a database
    // of its own, or none, it does nothing.
    class WriteTurn {
    public:
        WriteTurn(PortalStore *store, const QString &key);
        ~WriteTurn();
        WriteTurn(const WriteTurn &) = delete;
        WriteTurn &operator=(const WriteTurn &) = delete;
        bool ok() const { return m_ok; }

    private:
        PortalStore *m_store;
        bool m_ok = true;
    };
    // What a write answers before deciding anything: the answer already
    // stored under its key (another portal may have stored it), or the
    // failure to take its turn.
    std::optional<WriteResult> startWrite(const WriteTurn &turn, const QString &key,
                                          const QByteArray &fingerprint) const;
    bool beginWrite();
    bool finishWrite(qint64 sequence);
    void applyStored(const DatabaseSnapshot &delta);
    // Puts a record's new state (or its removal) into memory and the feed,
    // in place of what it replaces.
    void placeCase(Case c, qint64 sequence, QByteArray json);
    void placeRequest(EscalationRequest r, qint64 sequence, QByteArray json);
    void placeRemoval(const StoredTombstone &tombstone);

    WriteResult error(int status, QStringView code, const QString &message,
                      const QByteArray &details = {}) const;
    bool commit(Mutation &mutation);
    // Commits one request's new state as the answer to a keyed write;
    // its JSON record, or nullopt if the change could not be stored.
    std::optional<QByteArray> commitRequest(const EscalationRequest &updated, const QString &action,
                                            const QString &key, const QByteArray &fingerprint);
    qint64 baseSequence() const { return m_baseSequence; }
    const QByteArray &jsonOf(const CaseSlot &slot) const;
    const QByteArray &jsonOf(const RequestSlot &slot) const;

    std::vector<CaseSlot> m_cases;
    std::vector<RequestSlot> m_requests;
    std::vector<StoredTombstone> m_tombstones;
    QHash<QString, int> m_caseIndex;
    QHash<QString, int> m_requestIndex;
    std::map<qint64, FeedRef> m_feed;
    QHash<QString, StoredAnswer> m_answers;
    QHash<QString, int> m_applications;
    qint64 m_sequence = 0;
    qint64 m_baseSequence = 0;
    qint64 m_nextCaseSerial = DataGenerator::firstCaseSerial;
    qint64 m_nextRequestSerial = DataGenerator::firstRequestSerial;
    qint64 m_nextNoteSerial = 1;
    std::unique_ptr<PortalDatabase> m_db;
    bool m_turnOpen = false; // a write transaction holds the writers' lock
    QTimer *m_pollShared = nullptr;
};

} // namespace Escalation::Portal

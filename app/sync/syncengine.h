#pragma once

// Keeps the local cache in step with the portal. A first sync pages through
// the change feed from cursor "0"; later syncs continue from the stored
// cursor. Pages are parsed on a pool thread and committed by the
// StoreWorker (cursor in the same transaction); the engine fetches the next
// page while the previous one commits, and only ever moves its own cursor
// after a commit. Between syncs it waits for changes (long polling where the
// backend has push, polling otherwise) and, when the backend is down,
// retries with growing, capped delays until it recovers by itself. It reaches
// the backend only through a PortalConnector: the native portal contract or
// a ticketing system such as Request Tracker.

#include "portalconnector.h"
#include "recordparser.h"
#include "storetypes.h"
#include "storeworker.h"
#include "syncstatus.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace Escalation {

class PortalClient;

// How one sync run ended (for --once and for tests).
struct SyncOutcome {
    enum class Failure : quint8 { None, Portal, Data, Store };
    Failure failure = Failure::None;
    TransportError portalError = TransportError::None;
    QString message;
    int pages = 0;
    qint64 records = 0;
    bool ok() const { return failure == Failure::None; }
};

struct SyncEngineOptions {
    int pageSize = 1000;
    std::chrono::milliseconds pollInterval {std::chrono::seconds(15)};
    std::chrono::seconds waitTimeout {25};
    bool usePush = true;
    std::chrono::milliseconds retryBase {std::chrono::seconds(2)};
    std::chrono::milliseconds retryCap {std::chrono::minutes(5)};
    int maxPagesInFlight = 2; // fetched but not yet committed
    // A page with invalid records is fetched again this many times before
    // they are skipped for good: an answer garbled on the way (a proxy, a
    // portal hiccup) then costs no records, since the cursor moves past them.
    int invalidPageRefetches = 3;
    // How often the cache's pending requests are checked against a backend
    // whose change feed can miss removals (PortalConnector::reconcile(); RT
    // never returns a deleted ticket). The first cycle after a start that is
    // not a first sync checks too; zero: every cycle.
    std::chrono::milliseconds reconcileInterval {std::chrono::minutes(10)};
    ParseLimits limits;
};

class SyncEngine final : public QObject {
    Q_OBJECT
public:
    // connector and store must outlive the engine; store lives on its own thread.
    SyncEngine(PortalConnector *connector, StoreWorker *store, SyncEngineOptions options = {},
               QObject *parent = nullptr);
    // The native portal contract through client (a NativeConnector the
    // engine owns); client must outlive the engine.
    SyncEngine(PortalClient *client, StoreWorker *store, SyncEngineOptions options = {},
               QObject *parent = nullptr);
    ~SyncEngine() override;

    // Keeps syncing: a sync now, then push/poll and retries, until stop().
    // state: as StoreWorker::open() answered.
    void start(const SyncState &state, int pendingOutbox);
    // One sync to the portal's current state, no waiting for changes and no
    // retries beyond the client's own; cycleFinished reports the outcome.
    void runOnce(const SyncState &state);
    void stop();

    SyncStatus status() const { return m_status; }
    QString committedCursor() const { return m_committedCursor; }

public Q_SLOTS:
    // Sync now (the user pressed refresh, or the token was fixed).
    void syncNow();

Q_SIGNALS:
    void statusChanged(const Escalation::SyncStatus &status);
    void recordsSkipped(const QList<Escalation::RecordDiagnostic> &skipped);
    void cycleFinished(const Escalation::SyncOutcome &outcome);

private:
    struct ReadyPage {
        SyncPage page;
        qint64 records = 0;
    };

    void beginCycle();
    void fetchNext();
    void onPageAnswer(quint64 generation, const QString &since, const ConnectorResult &result);
    void onPageParsed(quint64 generation, const QString &since, PageParseResult parsed);
    void onWaitAnswer(quint64 generation, const ConnectorResult &result);
    void commitNext();
    void onPageCommitted(const StoreResult<void> &answer, const QString &cursor);
    void finishCycleIfDone();
    bool reconciliationDue() const;
    void reconcile();
    void onPendingIds(quint64 generation, const StoreResult<QStringList> &ids);
    void onReconcileAnswer(quint64 generation, const ConnectorResult &result);
    void cycleSucceeded();
    void cycleFailed(SyncOutcome outcome, bool transient, bool autoRetry);
    void watch();
    void schedule(std::chrono::milliseconds delay);
    void setState(SyncStatus::State state, const QString &message = {});
    void emitStatus();

    PortalConnector *m_connector;
    QPointer<StoreWorker> m_store;
    SyncEngineOptions m_options;
    SyncStatus m_status;

    bool m_running = false; // start() was called and not stopped
    bool m_continuous = false;
    bool m_cycleActive = false;
    bool m_cycleAgain = false; // a change was announced during a running cycle
    quint64 m_generation = 0; // bumps on every cycle end; late answers of old cycles are dropped
    QString m_committedCursor; // last cursor the store committed
    QString m_fetchCursor; // cursor of the next page to fetch
    bool m_fetchDone = false; // the last page of this cycle was fetched
    bool m_fetchActive = false; // a page is being fetched or parsed
    // Parsed pages wait here and go to the store one at a time, in order:
    // a page must never commit after an earlier one failed.
    QList<ReadyPage> m_ready;
    bool m_committing = false; // the store is committing a page (one at a time)
    qint64 m_commitRecords = 0;
    QElapsedTimer m_commitTimer;
    QString m_etagSince; // the "since" the stored ETag answers
    QByteArray m_etag;
    int m_retryAttempt = 0;
    QString m_refetchSince; // the page fetched again for its invalid records
    int m_refetches = 0;
    QTimer m_timer; // next cycle (retry or poll)
    bool m_reconciled = false; // this cycle checked the pending requests
    QElapsedTimer m_sinceReconcile; // invalid: not checked since the start
    QPointer<ConnectorCall> m_job; // running page fetch, reconciliation or wait for changes
    SyncOutcome m_cycleOutcome;
};

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::SyncOutcome)

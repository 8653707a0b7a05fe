#include "syncengine.h"

#include "backoff.h"
#include "nativeconnector.h"
#include "storeworker.h"
#include "synclogging.h"

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace Escalation {

SyncEngine::SyncEngine(PortalClient *client, StoreWorker *store, SyncEngineOptions options,
                       QObject *parent)
    : SyncEngine(new NativeConnector(client), store, std::move(options), parent)
{
    m_connector->setParent(this);
}

SyncEngine::SyncEngine(PortalConnector *connector, StoreWorker *store, SyncEngineOptions options,
                       QObject *parent)
    : QObject(parent)
    , m_connector(connector)
    , m_store(store)
    , m_options(std::move(options))
    , m_timer(this)
{
    qRegisterMetaType<Escalation::ConnectorResult>();
    qRegisterMetaType<Escalation::SyncStatus>();
    qRegisterMetaType<Escalation::SyncOutcome>();
    qRegisterMetaType<QList<Escalation::RecordDiagnostic>>();
    registerStoreMetaTypes();
    m_options.pageSize = std::clamp(m_options.pageSize, 1, 1000);
    m_options.maxPagesInFlight = std::max(1, m_options.maxPagesInFlight);
    m_status.push = m_options.usePush;
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SyncEngine::beginCycle);
    connect(store, &StoreWorker::outboxPendingChanged, this, [this](int pending) {
        if (m_status.pendingOutbox != pending) {
            m_status.pendingOutbox = pending;
            emitStatus();
        }
    });
}

SyncEngine::~SyncEngine()
{
    if (ConnectorCall *job = m_job)
        job->abort();
}

void SyncEngine::start(const SyncState &state, int pendingOutbox)
{
    m_committedCursor = state.cursor;
    m_status.lastSuccessAt = state.lastSuccessAt;
    m_status.pendingOutbox = pendingOutbox;
    m_running = true;
    m_continuous = true;
    beginCycle();
}

void SyncEngine::runOnce(const SyncState &state)
{
    m_committedCursor = state.cursor;
    m_status.lastSuccessAt = state.lastSuccessAt;
    m_running = true;
    m_continuous = false;
    beginCycle();
}

void SyncEngine::stop()
{
    m_running = false;
    m_timer.stop();
    ++m_generation;
    if (ConnectorCall *job = m_job)
        job->abort();
    m_cycleActive = false;
    m_ready.clear();
    setState(SyncStatus::State::Idle);
}

void SyncEngine::syncNow()
{
    if (!m_running)
        return;
    if (m_cycleActive) {
        m_cycleAgain = true;
        return;
    }
    // Stop a long poll or a pending retry: the user wants a sync now.
    m_timer.stop();
    ++m_generation;
    if (ConnectorCall *job = m_job)
        job->abort();
    m_retryAttempt = 0;
    beginCycle();
}

void SyncEngine::beginCycle()
{
    if (!m_running)
        return;
    if (m_cycleActive) {
        m_cycleAgain = true;
        return;
    }
    if (ConnectorCall *job = m_job) { // a wait for changes still running
        ++m_generation;
        job->abort();
    }
    m_cycleActive = true;
    m_cycleAgain = false;
    m_fetchDone = false;
    m_fetchActive = false;
    m_ready.clear();
    m_reconciled = false;
    m_cycleOutcome = SyncOutcome();
    m_fetchCursor = m_committedCursor.isEmpty() ? u"0"_s : m_committedCursor;
    m_status.firstSync = m_committedCursor.isEmpty() || m_committedCursor == u"0"_s;
    m_status.pagesDone = 0;
    m_status.recordsDone = 0;
    // Offline stays visible until the portal answers again.
    if (m_status.state != SyncStatus::State::Offline)
        setState(SyncStatus::State::Syncing);
    fetchNext();
}

void SyncEngine::fetchNext()
{
    if (!m_cycleActive || m_fetchDone || m_fetchActive)
        return;
    // Read ahead while the store commits, but keep memory bounded.
    if (m_ready.size() + (m_committing ? 1 : 0) >= m_options.maxPagesInFlight)
        return;
    m_fetchActive = true;
    const QString since = m_fetchCursor;
    FetchOptions options;
    options.pageSize = m_options.pageSize;
    options.interactive = !m_continuous;
    options.etag = since == m_etagSince ? m_etag : QByteArray();
    options.limits = m_options.limits;
    ConnectorCall *job = m_connector->fetchChanges(since, options);
    m_job = job;
    const quint64 generation = m_generation;
    connect(job, &ConnectorCall::finished, this,
            [this, generation, since](const ConnectorResult &r) {
                onPageAnswer(generation, since, r);
            });
}

void SyncEngine::onPageAnswer(quint64 generation, const QString &since,
                              const ConnectorResult &result)
{
    if (generation != m_generation || !m_cycleActive)
        return;
    if (!result.ok()) {
        m_fetchActive = false;
        SyncOutcome outcome;
        outcome.failure = SyncOutcome::Failure::Portal;
        outcome.portalError = result.error;
        outcome.message = result.message;
        cycleFailed(outcome, result.isTransient(), !result.needsUser());
        return;
    }
    if (result.notModified) {
        // Nothing after `since`: the cycle ends once earlier pages are in.
        m_fetchActive = false;
        m_fetchDone = true;
        finishCycleIfDone();
        return;
    }
    m_etagSince = since;
    m_etag = result.etag;
    onPageParsed(generation, since, result.page);
}

void SyncEngine::onPageParsed(quint64 generation, const QString &since, PageParseResult parsed)
{
    if (generation != m_generation || !m_cycleActive)
        return;
    m_fetchActive = false;
    if (!parsed.ok || (parsed.page.hasMore && parsed.page.cursor == since)) {
        SyncOutcome outcome;
        outcome.failure = SyncOutcome::Failure::Data;
        outcome.message = parsed.ok
            ? tr("The portal's change feed did not advance past cursor %1.").arg(since)
            : tr("The portal sent an unusable page of changes: %1").arg(parsed.error);
        cycleFailed(outcome, false, true);
        return;
    }
    // A 304 must mean "nothing after since". That holds only for the tag of
    // an empty last page: a page with records may fail to commit, or the
    // cursor may move back (a replayed page), and a 304 for it would then
    // end the sync short of the portal's state until the portal changes.
    const bool emptyPage = parsed.page.cases.isEmpty() && parsed.page.requests.isEmpty()
        && parsed.page.removedCaseIds.isEmpty() && parsed.page.removedRequestIds.isEmpty()
        && !parsed.page.hasMore;
    if (!emptyPage) {
        m_etagSince.clear();
        m_etag.clear();
    }
    if (!parsed.skipped.isEmpty()) {
        if (m_refetchSince != since) {
            m_refetchSince = since;
            m_refetches = 0;
        }
        if (m_refetches < m_options.invalidPageRefetches) {
            ++m_refetches;
            qCInfo(lcSync) << "the page after cursor" << since << "has" << parsed.skipped.size()
                           << "invalid records; fetching it again";
            fetchNext(); // m_fetchCursor is still `since`
            return;
        }
    }
    if (!parsed.skipped.isEmpty()) {
        // Logged with ids and reasons (never record contents) so an
        // administrator can find the broken records at the portal.
        for (qsizetype i = 0; i < parsed.skipped.size() && i < 20; ++i) {
            const RecordDiagnostic &d = parsed.skipped.at(i);
            qCWarning(lcSync).noquote()
                << "skipped" << d.kind << d.index << d.id << "-" << d.reason;
        }
        if (parsed.skipped.size() > 20)
            qCWarning(lcSync) << "skipped" << parsed.skipped.size() - 20
                              << "more records in this page";
        m_status.skippedRecords += parsed.skipped.size();
        Q_EMIT recordsSkipped(parsed.skipped);
    }
    ReadyPage ready;
    ready.records = parsed.page.cases.size() + parsed.page.requests.size()
        + parsed.page.removedCaseIds.size() + parsed.page.removedRequestIds.size();
    m_fetchCursor = parsed.page.cursor;
    m_fetchDone = !parsed.page.hasMore;
    ready.page = std::move(parsed.page);
    m_ready.append(std::move(ready));
    if (m_status.state == SyncStatus::State::Offline || m_status.state == SyncStatus::State::Error)
        setState(SyncStatus::State::Syncing);
    commitNext();
    fetchNext();
}

void SyncEngine::commitNext()
{
    if (m_committing || m_ready.isEmpty() || !m_store)
        return;
    ReadyPage next = m_ready.takeFirst();
    m_committing = true;
    m_commitRecords = next.records;
    m_commitTimer.start();
    const QString cursor = next.page.cursor;
    // The answer comes back even after stop(): the page is committed (or
    // not) all the same, and the next cycle starts from what the store holds.
    whenAnswered(
        m_store->applySyncPage(std::move(next.page)), this,
        [this, cursor](const StoreResult<void> &answer) { onPageCommitted(answer, cursor); });
}

void SyncEngine::onPageCommitted(const StoreResult<void> &answer, const QString &cursor)
{
    m_committing = false;
    if (!answer) {
        m_ready.clear();
        if (!m_cycleActive)
            return;
        SyncOutcome outcome;
        outcome.failure = SyncOutcome::Failure::Store;
        outcome.message = tr("The local cache could not store the portal's changes: %1")
                              .arg(answer.error().message);
        cycleFailed(outcome, false, true);
        return;
    }
    m_committedCursor = cursor;
    qCDebug(lcSync) << "committed" << m_commitRecords << "records in" << m_commitTimer.elapsed()
                    << "ms";
    ++m_status.pagesDone;
    m_status.recordsDone += m_commitRecords;
    ++m_cycleOutcome.pages;
    m_cycleOutcome.records += m_commitRecords;
    if (m_cycleActive) {
        emitStatus();
        commitNext();
        fetchNext();
        finishCycleIfDone();
    }
}

void SyncEngine::finishCycleIfDone()
{
    if (!m_cycleActive || !m_fetchDone || m_fetchActive || !m_ready.isEmpty() || m_committing)
        return;
    if (m_status.firstSync && !m_sinceReconcile.isValid())
        m_sinceReconcile.start(); // a first sync has just brought everything there is
    if (reconciliationDue())
        reconcile();
    else
        cycleSucceeded();
}

bool SyncEngine::reconciliationDue() const
{
    if (m_reconciled || !m_store || !m_connector->needsReconciliation())
        return false;
    return !m_sinceReconcile.isValid()
        || m_sinceReconcile.elapsed() >= m_options.reconcileInterval.count();
}

// Asks the store for the pending requests' ids; the answer comes back to
// this engine, dropped if the engine is gone.
void SyncEngine::reconcile()
{
    m_reconciled = true;
    m_fetchActive = true; // the cycle waits for the reconciliation like for a page
    const quint64 generation = m_generation;
    whenAnswered(
        m_store->pendingRequestIds(), this,
        [this, generation](const StoreResult<QStringList> &ids) { onPendingIds(generation, ids); });
}

void SyncEngine::onPendingIds(quint64 generation, const StoreResult<QStringList> &ids)
{
    if (generation != m_generation || !m_cycleActive)
        return;
    if (!ids) {
        // The page commits would have failed too; the next cycle tries again.
        qCWarning(lcSync).noquote()
            << "cannot read the pending requests to reconcile:" << ids.error().message;
        m_fetchActive = false;
        finishCycleIfDone();
        return;
    }
    ConnectorCall *job = m_connector->reconcile(*ids);
    m_job = job;
    connect(job, &ConnectorCall::finished, this,
            [this, generation](const ConnectorResult &r) { onReconcileAnswer(generation, r); });
}

void SyncEngine::onReconcileAnswer(quint64 generation, const ConnectorResult &result)
{
    if (generation != m_generation || !m_cycleActive)
        return;
    m_fetchActive = false;
    if (!result.ok() || !result.page.ok) {
        SyncOutcome outcome;
        outcome.failure = result.ok() ? SyncOutcome::Failure::Data : SyncOutcome::Failure::Portal;
        outcome.portalError = result.error;
        outcome.message = result.ok() ? result.page.error : result.message;
        cycleFailed(outcome, result.isTransient(), !result.needsUser());
        return;
    }
    m_sinceReconcile.start();
    if (!result.page.page.removedRequestIds.isEmpty()) {
        qCInfo(lcSync) << "removing" << result.page.page.removedRequestIds.size()
                       << "requests the backend no longer has";
        // Committed like a page of the feed, at the cursor already reached.
        ReadyPage ready;
        ready.page.removedRequestIds = result.page.page.removedRequestIds;
        ready.page.cursor = m_fetchCursor;
        ready.records = ready.page.removedRequestIds.size();
        m_ready.append(std::move(ready));
        commitNext();
    }
    finishCycleIfDone();
}

void SyncEngine::cycleSucceeded()
{
    m_cycleActive = false;
    ++m_generation;
    m_retryAttempt = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_status.lastSuccessAt = now;
    m_status.offlineSince = QDateTime();
    m_status.nextRetryAt = QDateTime();
    // Nobody waits for it: a failure is logged by the store, and the next
    // success writes it again.
    if (StoreWorker *store = m_store)
        store->recordSyncSuccess(now);
    qCDebug(lcSync) << "up to date at cursor" << m_committedCursor << "after"
                    << m_cycleOutcome.pages << "pages";
    setState(SyncStatus::State::UpToDate);
    Q_EMIT cycleFinished(m_cycleOutcome);
    if (!m_running || !m_continuous)
        return;
    if (m_cycleAgain)
        beginCycle();
    else
        watch();
}

void SyncEngine::cycleFailed(SyncOutcome outcome, bool transient, bool autoRetry)
{
    m_cycleActive = false;
    ++m_generation;
    m_ready.clear();
    outcome.pages = m_cycleOutcome.pages;
    outcome.records = m_cycleOutcome.records;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    qCWarning(lcSync).noquote() << "sync failed:" << outcome.message;
    if (StoreWorker *store = m_store)
        store->recordSyncError(outcome.message, now);
    if (transient && !m_status.offlineSince.isValid())
        m_status.offlineSince = now;
    if (!transient)
        m_status.offlineSince = QDateTime();
    m_status.nextRetryAt = QDateTime();
    if (m_running && m_continuous && autoRetry) {
        const Backoff backoff = Backoff::equalJitter(m_options.retryBase, m_options.retryCap);
        const milliseconds delay = backoff.delay(m_retryAttempt++, std::nullopt);
        m_status.nextRetryAt = now.addMSecs(delay.count());
        m_timer.start(delay);
    }
    setState(transient ? SyncStatus::State::Offline : SyncStatus::State::Error, outcome.message);
    Q_EMIT cycleFinished(outcome);
}

void SyncEngine::watch()
{
    if (!m_running || !m_continuous)
        return;
    if (!m_status.push) {
        m_timer.start(m_options.pollInterval);
        return;
    }
    ConnectorCall *job = m_connector->waitForChanges(m_committedCursor, m_options.waitTimeout);
    m_job = job;
    const quint64 generation = m_generation;
    connect(job, &ConnectorCall::finished, this,
            [this, generation](const ConnectorResult &r) { onWaitAnswer(generation, r); });
}

void SyncEngine::onWaitAnswer(quint64 generation, const ConnectorResult &r)
{
    if (generation != m_generation || !m_running || m_cycleActive)
        return;
    if (r.waitUnsupported) {
        // No push at this backend: poll the change feed instead.
        qCInfo(lcSync).noquote() << m_connector->displayTarget() << "has no push; polling every"
                                 << m_options.pollInterval.count() << "ms";
        m_status.push = false;
        emitStatus();
        m_timer.start(m_options.pollInterval);
    } else if (r.ok()) {
        if (r.changed)
            beginCycle();
        else
            watch(); // nothing changed within the timeout
    } else {
        // A broken wait says little; a sync tells whether the backend is
        // reachable and sets Offline with its retry schedule if not.
        const bool unreachable =
            r.error == TransportError::Network || r.error == TransportError::Timeout;
        m_timer.start(unreachable ? milliseconds(500) : m_options.pollInterval);
    }
}

void SyncEngine::setState(SyncStatus::State state, const QString &message)
{
    m_status.state = state;
    m_status.message = message;
    emitStatus();
}

void SyncEngine::emitStatus()
{
    Q_EMIT statusChanged(m_status);
}

} // namespace Escalation

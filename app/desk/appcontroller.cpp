#include "appcontroller.h"

#include "desklogging.h"

#include <analyticsview.h>
#include <cachestore.h>
#include <calendarregistry.h>
#include <connectorfactory.h>
#include <deskfeatures.h>
#include <desksettings.h>
#include <detailspane.h>
#include <escalationanalytics.h>
#include <historysync.h>
#include <mainwindow.h>
#include <outbox.h>
#include <policyconfig.h>
#include <portalconnector.h>
#include <portalcredentials.h>
#include <queuemodel.h>
#include <replytemplates.h>
#include <reviewclockservice.h>
#include <storeworker.h>
#include <syncindicator.h>

#include <QStandardPaths>
#include <QThreadPool>
#include <QTimer>

#ifdef __GLIBC__
#include <malloc.h>
#endif

Q_LOGGING_CATEGORY(lcDesk, "escalation.desk")

namespace Escalation {

namespace {
void releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

// Whatever the settings could not give (a missing calendars folder, a
// malformed policy file, an out-of-range threshold) is logged; the shipped
// values stand in for it.
void logProblems(const QStringList &problems)
{
    QStringList unique = problems;
    unique.removeDuplicates();
    for (const QString &p : std::as_const(unique))
        qCWarning(lcDesk).noquote() << p;
}
} // namespace

AppController::AppController(DeskOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    registerStoreMetaTypes();
    qRegisterMetaType<SyncStatus>();
    m_settings = new DeskSettings(this);
    QStringList problems;
    const PolicyConfig policy = m_settings->effectivePolicy(&problems);
    CalendarRegistry calendars = m_settings->calendars(&problems);
    logProblems(problems);
    m_clock = new ReviewClockService(calendars, ReviewClock(policy.review), this);
    m_model = new QueueModel(m_clock, this);

    // Who the desk acts as before the backend is asked: the last identity
    // this backend confirmed, said to be such, else the settings.
    m_user.identity.name = QString();
    m_user.identity.role = userRoleFor(m_options.role);
    if (const auto cached = m_settings->lastIdentity(identityKey())) {
        m_user.identity = *cached;
        m_user.source = SignedInUser::Source::Cached;
        m_user.note = tr("The portal has not been asked yet.");
    }

    DeskContext context;
    context.model = m_model;
    context.clock = m_clock;
    context.lookup = &m_lookup;
    context.policy = EscalationPolicy(policy);
    context.role = deskRoleFor(m_user.identity.role);
    context.userName = m_options.userName;
    context.templates = m_settings->replyTemplates();
    m_window = std::make_unique<MainWindow>(std::move(context));
    m_window->setSignedInUser(m_user);
    m_features = new DeskFeatures(m_window.get(), m_model, m_clock, &m_lookup, m_settings);
    // The analytics read the cache on a connection of their own, on a pool
    // thread, as the CLI's `report` does.
    m_features->analyticsView()->setSource([database = m_options.database,
                                            analytics = std::make_shared<const EscalationAnalytics>(
                                                calendars, ReviewClock(policy.review),
                                                EscalationPolicy(policy))](
                                               const AnalyticsFilter &filter) {
        StoreError error;
        std::unique_ptr<CacheStore> store =
            CacheStore::open(database, nullptr, &error, CacheStore::OpenMode::ReadOnly);
        StoreResult<QueueSnapshot> loaded = store
            ? store->loadRaisedSince(filter.from.startOfDay(Qt::UTC))
            : StoreResult<QueueSnapshot>(error);
        if (!loaded) {
            qCWarning(lcDesk) << "analytics could not read the cache:" << loaded.error().message;
            AnalyticsReport empty;
            empty.filter = filter;
            return empty;
        }
        return analytics->compute(loaded->requests, loaded->cases, filter,
                                  QDateTime::currentDateTimeUtc());
    });

    m_worker = new StoreWorker(m_options.database);
    m_worker->moveToThread(&m_storeThread);
    connect(&m_storeThread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Change sets reach the models one way: the worker's changeSetCommitted,
    // whatever caused the write (a sync page, a delivered decision).
    connect(m_worker, &StoreWorker::changeSetCommitted, m_model, &QueueModel::applyChangeSet);
    connect(m_worker, &StoreWorker::changeSetCommitted, m_window.get(),
            &MainWindow::onChangeSetCommitted);
    connect(m_worker, &StoreWorker::changeSetCommitted, m_features, &DeskFeatures::applyChangeSet);
}

AppController::~AppController()
{
    if (m_engine)
        m_engine->stop();
    // The window goes before the model and clock it shows.
    m_window.reset();
    m_storeThread.quit();
    m_storeThread.wait();
}

void AppController::start()
{
    m_startClock.start();
    m_window->restoreSettings();
    m_features->showViewForRole(deskRoleFor(m_user.identity.role));
    m_window->show();
    m_window->syncIndicator()->setCacheOnly(tr("Opening the cache…"));
    m_storeThread.start();
    whenAnswered(m_worker->open(), this,
                 [this](const StoreResult<StoreWorker::Opened> &opened) { onStoreOpened(opened); });
}

void AppController::onStoreOpened(const StoreResult<StoreWorker::Opened> &opened)
{
    if (!opened) {
        Q_EMIT fatalError(tr("The local cache %1 cannot be opened: %2")
                              .arg(m_options.database, opened.error().message));
        return;
    }
    const StoreOpenReport &report = opened->report;
    if (!report.movedAsidePath.isEmpty()) {
        qCWarning(lcDesk) << "damaged cache moved aside to" << report.movedAsidePath << "; rescued"
                          << report.salvagedOutboxEntries << "outbox entries";
    }
    m_timings.cacheOpenedMs = m_startClock.elapsed();
    m_syncState = opened->state;
    m_pendingAtOpen = opened->pendingOutbox;
    // The queue first: the store thread reads it while this thread opens
    // the details pane's read-only connection.
    whenAnswered(m_worker->loadActiveQueue(), this,
                 [this](const StoreResult<QueueSnapshot> &snapshot) { onQueueLoaded(snapshot); });
    QString error;
    if (!m_lookup.open(m_options.database, &error))
        qCWarning(lcDesk) << "details will be empty: cannot open the cache for reading:" << error;
}

void AppController::onQueueLoaded(const StoreResult<QueueSnapshot> &snapshot)
{
    if (!snapshot) {
        // Nothing to show and nothing to merge change sets into: no sync.
        qCWarning(lcDesk).noquote()
            << "the cached queue cannot be read:" << snapshot.error().message;
        m_window->syncIndicator()->setCacheOnly(snapshot.error().message);
        return;
    }
    m_timings.queueReadMs = m_startClock.elapsed();
    m_model->loadSnapshot(snapshot->requests, snapshot->cases);
    m_features->loadSnapshot(snapshot->requests, snapshot->cases);
    m_window->syncIndicator()->setPendingOutbox(m_pendingAtOpen);
    m_timings.queueShownMs = m_startClock.elapsed();
    qCInfo(lcDesk) << "start: cache opened after" << m_timings.cacheOpenedMs
                   << "ms, queue read after" << m_timings.queueReadMs << "ms, shown after"
                   << m_timings.queueShownMs << "ms;" << m_model->rowCount() << "rows";
    Q_EMIT queueShown(m_model->rowCount());
    // The snapshot is freed when this slot returns; the heap it leaves on
    // the store threads' arenas goes back to the system (tens of MB at
    // 100 000 requests) instead of staying resident all day. On the pool:
    // trimming takes tens of milliseconds the first paint should not wait for.
    QTimer::singleShot(0, this, [] { QThreadPool::globalInstance()->start(&releaseFreedMemory); });
    // The queue is on screen from the cache; now catch up with the portal.
    startSync();
    // History older than the retention goes, after the start's reads.
    const int months = m_settings->retentionMonths();
    whenAnswered(m_worker->pruneHistory(QDateTime::currentDateTimeUtc().addMonths(-months)), this,
                 [months](const StoreResult<int> &pruned) {
                     if (!pruned)
                         qCWarning(lcDesk)
                             << "history older than" << months
                             << "months could not be removed:" << pruned.error().message;
                     else if (*pruned > 0)
                         qCInfo(lcDesk) << "removed" << *pruned << "requests older than" << months
                                        << "months (the analytics retention)";
                 });
}

void AppController::startSync()
{
    SyncIndicator *indicator = m_window->syncIndicator();
    if (!m_options.portal.isValid() || m_options.portal.isEmpty()) {
        indicator->setCacheOnly(
            tr("No portal configured: showing the cache only (start with --portal URL)"));
        return;
    }
    indicator->setCacheOnly(tr("Connecting to %1…").arg(m_options.portal.toDisplayString()));

    // The same backend the command line reaches (BackendConfig): the pin
    // trusted in Settings unless ESCALATION_DESK_PIN_SHA256 overrides it,
    // the rt/ group for Request Tracker.
    QStringList unreadable;
    const BackendConfig backend =
        BackendConfig::resolve(*m_settings, m_options.connector, m_options.portal, &unreadable);
    logProblems(unreadable);
    m_connector = ConnectorFactory::create(backend, this);
    m_engine = new SyncEngine(m_connector, m_worker, {}, this);
    m_outbox = new Outbox(m_connector, m_worker, {}, this);
    m_history = new HistorySync(m_connector, m_worker, this);

    // History: from the cache at once (the pane reads it), refreshed here.
    DetailsPane *details = m_window->detailsPane();
    details->setHistoryLive(true);
    connect(m_window.get(), &MainWindow::historyWanted, m_history, &HistorySync::refresh);
    connect(m_history, &HistorySync::updated, details, &DetailsPane::historyUpdated);
    connect(m_history, &HistorySync::failed, details, &DetailsPane::historyFailed);
    connect(m_history, &HistorySync::unavailable, details, &DetailsPane::historyUnavailable);
    // A write to the request changes its timeline.
    connect(m_outbox, &Outbox::delivered, m_history,
            [this](const OutboxEntry &entry) { m_history->refresh(entry.requestId); });
    connect(m_outbox, &Outbox::refused, m_window.get(), &MainWindow::onActionRefused);
    connect(m_outbox, &Outbox::refused, this, &AppController::updatePendingRows);
    // Offline at start: ask who signed in again once the backend answers.
    connect(m_engine, &SyncEngine::statusChanged, this, [this](const SyncStatus &status) {
        if (!m_userConfirmed && status.state == SyncStatus::State::UpToDate)
            askWhoAmI();
    });

    connect(m_engine, &SyncEngine::statusChanged, indicator, &SyncIndicator::setStatus);
    connect(m_window.get(), &MainWindow::syncRequested, m_engine, &SyncEngine::syncNow);
    connect(m_window.get(), &MainWindow::syncRequested, m_outbox, &Outbox::pushNow);
    connect(m_window.get(), &MainWindow::actionSubmitted, m_outbox,
            [this](const QString &requestId, OutboxAction action, const QString &text,
                   qint64 baseVersion, const ActionDetails &carried) {
                // The portal records the token's user; the name is kept for display.
                m_outbox->submit(requestId, action, text,
                                 m_user.known() ? m_user.identity.name : m_options.userName,
                                 baseVersion, carried);
            });
    connect(m_outbox, &Outbox::saved, m_window.get(), [this](const OutboxEntry &entry) {
        m_window->onActionSaved(entry);
        updatePendingRows();
    });
    connect(m_outbox, &Outbox::saveFailed, m_window.get(), &MainWindow::onActionFailed);
    connect(m_outbox, &Outbox::rejected, m_window.get(), &MainWindow::onActionRejected);
    connect(m_outbox, &Outbox::conflicted, m_window.get(), &MainWindow::onActionConflicted);
    connect(m_outbox, &Outbox::delivered, m_window.get(), &MainWindow::onActionDelivered);
    for (auto signal : {&Outbox::loaded, &Outbox::idle})
        connect(m_outbox, signal, this, &AppController::updatePendingRows);
    connect(m_outbox, &Outbox::delivered, this, &AppController::updatePendingRows);
    connect(m_outbox, &Outbox::rejected, this, &AppController::updatePendingRows);
    connect(m_outbox, &Outbox::conflicted, this, &AppController::updatePendingRows);
    connect(m_outbox, &Outbox::pendingCountChanged, indicator, &SyncIndicator::setPendingOutbox);

    // The token: keychain, or ESCALATION_DESK_TOKEN for scripted runs.
    m_credentials = new PortalCredentials(m_options.portal, this);
    connect(
        m_credentials, &PortalCredentials::tokenRead, this,
        [this, indicator](const TokenLookup &lookup) {
            if (!lookup.found()) {
                indicator->setCacheOnly(lookup.error.isEmpty()
                                            ? tr("No portal token: showing the cache only")
                                            : lookup.error);
                qCWarning(lcDesk).noquote() << lookup.error;
                return;
            }
            const QStringList problems = ConnectorFactory::authorize(m_connector, lookup.token);
            if (!problems.isEmpty()) {
                indicator->setCacheOnly(
                    tr("Request Tracker cannot be used: %1").arg(problems.join(QLatin1Char(' '))));
                qCWarning(lcDesk).noquote() << problems.join(QLatin1Char(' '));
                return;
            }
            askWhoAmI();
            m_engine->start(m_syncState, m_pendingAtOpen);
            m_outbox->start();
            if (const QString shown = m_window->detailsPane()->requestId(); !shown.isEmpty())
                m_history->refresh(shown);
        });
    m_credentials->read();
}

QString AppController::identityKey() const
{
    return m_options.connector + QLatin1Char(' ')
        + m_options.portal.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

void AppController::askWhoAmI()
{
    if (m_whoAmI || !m_connector)
        return;
    ConnectorCall *call = m_connector->whoAmI();
    m_whoAmI = call;
    connect(call, &ConnectorCall::finished, this,
            [this](const ConnectorResult &result) { onWhoAmI(result); });
}

void AppController::onWhoAmI(const ConnectorResult &result)
{
    if (result.error == TransportError::Canceled)
        return;
    if (result.ok() && result.identity && !result.identityUnsupported) {
        m_userConfirmed = true;
        m_settings->setLastIdentity(identityKey(), *result.identity);
        applyUser({*result.identity, SignedInUser::Source::Portal, QString()});
        return;
    }
    if (result.identityUnsupported) {
        // Request Tracker (or a portal before accounts): the role of the
        // settings, the name the backend's configuration has, else ours.
        m_userConfirmed = true;
        SignedInUser user;
        user.identity.role = userRoleFor(m_options.role);
        user.identity.name = result.identity && !result.identity->name.isEmpty()
            ? result.identity->name
            : m_options.userName;
        user.source = SignedInUser::Source::Settings;
        user.note = result.message;
        applyUser(user);
        return;
    }
    // Not answered (offline, refused token): keep what is known and say why.
    qCWarning(lcDesk).noquote() << "cannot tell who is signed in:" << result.message;
    SignedInUser user = m_user;
    if (user.source == SignedInUser::Source::Portal)
        user.source = SignedInUser::Source::Cached;
    if (result.error == TransportError::Unauthorized) {
        // The portal was asked and refused the token: nobody is signed in.
        user.identity = UserIdentity();
        user.identity.role = userRoleFor(m_options.role);
        user.source = SignedInUser::Source::Settings;
    }
    user.note = result.message;
    applyUser(user);
}

void AppController::applyUser(const SignedInUser &user)
{
    const DeskRole before = deskRoleFor(m_user.identity.role);
    m_user = user;
    m_window->setSignedInUser(user);
    // The role's view comes first when the role turned out to be another.
    const DeskRole after = deskRoleFor(user.identity.role);
    if (after != before)
        m_features->showViewForRole(after);
    qCInfo(lcDesk).noquote() << "signed in as" << user.identity.name << toCode(user.identity.role);
}

void AppController::updatePendingRows()
{
    QHash<QString, int> pending;
    for (const OutboxEntry &entry : m_outbox->entries()) {
        if (entry.status == OutboxStatus::Pending)
            ++pending[entry.requestId];
    }
    m_model->setPendingOutbox(pending);
    m_window->syncIndicator()->setPendingOutbox(m_outbox->pendingCount());
}

} // namespace Escalation

#include "appcontroller.h"

#include <calendarregistry.h>
#include <deskfeatures.h>
#include <desksettings.h>
#include <mainwindow.h>
#include <nativeconnector.h>
#include <outbox.h>
#include <policyconfig.h>
#include <portalclient.h>
#include <queuemodel.h>
#include <replytemplates.h>
#include <reviewclockservice.h>
#include <rtconnector.h>
#include <storeworker.h>
#include <syncindicator.h>
#include <tokenstore.h>

#include <QLoggingCategory>
#include <QSettings>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTimer>

#ifdef __GLIBC__
#include <malloc.h>
#endif

Q_LOGGING_CATEGORY(lcDesk, "escalation.desk")

namespace Escalation {

namespace {
// The desk's own range of StoreWorker tickets ("DESK"), apart from the sync
// library's.
quint64 nextDeskTicket()
{
    static quint64 next = 0x4445'534B'0000'0000ULL;
    return next++;
}

void releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

PolicyConfig loadPolicy()
{
    // A user file beside the settings overrides the shipped defaults.
    const QString path =
        QStandardPaths::locate(QStandardPaths::AppConfigLocation, QStringLiteral("policy.json"));
    if (path.isEmpty())
        return PolicyConfig::defaults();
    QStringList errors;
    const PolicyConfig defaults = PolicyConfig::defaults();
    const auto loaded = PolicyConfig::load(path, &errors, &defaults);
    for (const QString &e : std::as_const(errors))
        qCWarning(lcDesk).noquote() << e;
    return loaded.value_or(defaults);
}

CalendarRegistry loadCalendars(const DeskSettings &settings)
{
    // Built-in calendars, overridden by the user's folder (calendars/directory).
    QStringList errors;
    CalendarRegistry registry = settings.calendars(&errors);
    for (const QString &e : std::as_const(errors))
        qCWarning(lcDesk).noquote() << e;
    return registry;
}
} // namespace

AppController::AppController(DeskOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    registerStoreMetaTypes();
    qRegisterMetaType<SyncStatus>();
    m_settings = new DeskSettings(this);
    for (const QString &problem : m_settings->problems())
        qCWarning(lcDesk).noquote() << problem;
    const PolicyConfig policy = m_settings->policy(loadPolicy());
    m_clock = new ReviewClockService(loadCalendars(*m_settings), ReviewClock(policy.review), this);
    m_model = new QueueModel(m_clock, this);

    DeskContext context;
    context.model = m_model;
    context.clock = m_clock;
    context.lookup = &m_lookup;
    context.policy = EscalationPolicy(policy);
    context.role = m_options.role;
    context.userName = m_options.userName;
    context.templates = m_settings->replyTemplates();
    m_window = std::make_unique<MainWindow>(std::move(context));
    m_features = new DeskFeatures(m_window.get(), m_model, m_clock, &m_lookup, m_settings);

    m_worker = new StoreWorker(m_options.database);
    m_worker->moveToThread(&m_storeThread);
    connect(&m_storeThread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &StoreWorker::opened, this, &AppController::onStoreOpened);
    connect(m_worker, &StoreWorker::openFailed, this, [this](const StoreError &error) {
        Q_EMIT fatalError(
            tr("The local cache %1 cannot be opened: %2").arg(m_options.database, error.message));
    });
    connect(m_worker, &StoreWorker::queueLoaded, this, &AppController::onQueueLoaded);
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
    m_features->showViewForRole(m_options.role);
    m_window->show();
    m_window->syncIndicator()->setCacheOnly(tr("Opening the cache…"));
    m_storeThread.start();
    QMetaObject::invokeMethod(m_worker, &StoreWorker::openStore, Qt::QueuedConnection);
}

void AppController::onStoreOpened(const StoreOpenReport &report, const SyncState &state,
                                  int pendingOutbox)
{
    if (!report.movedAsidePath.isEmpty()) {
        qCWarning(lcDesk) << "damaged cache moved aside to" << report.movedAsidePath << "; rescued"
                          << report.salvagedOutboxEntries << "outbox entries";
    }
    m_timings.cacheOpenedMs = m_startClock.elapsed();
    m_syncState = state;
    m_pendingAtOpen = pendingOutbox;
    // The queue first: the store thread reads it while this thread opens
    // the details pane's read-only connection.
    m_queueTicket = nextDeskTicket();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, ticket = m_queueTicket] { worker->loadActiveQueue(ticket); },
        Qt::QueuedConnection);
    QString error;
    if (!m_lookup.open(m_options.database, &error))
        qCWarning(lcDesk) << "details will be empty: cannot open the cache for reading:" << error;
}

void AppController::onQueueLoaded(quint64 ticket, const QueueSnapshot &snapshot)
{
    if (ticket != m_queueTicket)
        return;
    m_timings.queueReadMs = m_startClock.elapsed();
    m_model->loadSnapshot(snapshot.requests, snapshot.cases);
    m_features->loadSnapshot(snapshot.requests, snapshot.cases);
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

    RtConnector *rt = nullptr;
    if (m_options.connector == QStringLiteral("rt")) {
        QSettings stored;
        QStringList problems;
        RtSettings rtSettings = RtSettings::fromSettings(stored, &problems);
        for (const QString &problem : std::as_const(problems))
            qCWarning(lcDesk).noquote() << problem;
        rtSettings.baseUrl = m_options.portal;
        rt = new RtConnector(rtSettings, nullptr, this);
        m_connector = rt;
    } else {
        PortalSettings settings;
        settings.baseUrl = m_options.portal;
        // The pin the user trusted in Settings; the environment overrides it for scripted runs.
        const QByteArray pinFromEnvironment = qgetenv("ESCALATION_DESK_PIN_SHA256");
        settings.pinnedCertificateSha256 = pinFromEnvironment.isEmpty()
            ? m_settings->trustedCertificateSha256()
            : pinFromEnvironment;
        m_client = new PortalClient(settings, nullptr, this);
        m_connector = new NativeConnector(m_client, this);
    }
    m_engine = new SyncEngine(m_connector, m_worker, {}, this);
    m_outbox = new Outbox(m_connector, m_worker, {}, this);

    connect(m_engine, &SyncEngine::statusChanged, indicator, &SyncIndicator::setStatus);
    connect(m_window.get(), &MainWindow::syncRequested, m_engine, &SyncEngine::syncNow);
    connect(m_window.get(), &MainWindow::syncRequested, m_outbox, &Outbox::pushNow);
    connect(m_window.get(), &MainWindow::actionSubmitted, m_outbox,
            [this](const QString &requestId, OutboxAction action, const QString &text,
                   qint64 baseVersion) {
                m_outbox->submit(requestId, action, text, m_options.userName, baseVersion);
            });
    connect(m_outbox, &Outbox::saved, m_window.get(), [this](quint64, const OutboxEntry &entry) {
        m_window->onActionSaved(entry);
        updatePendingRows();
    });
    connect(m_outbox, &Outbox::saveFailed, m_window.get(),
            [this](quint64, const QString &message) { m_window->onActionFailed(message); });
    connect(m_outbox, &Outbox::rejected, m_window.get(), &MainWindow::onActionRejected);
    connect(m_outbox, &Outbox::conflicted, m_window.get(), &MainWindow::onActionConflicted);
    for (auto signal : {&Outbox::loaded, &Outbox::idle})
        connect(m_outbox, signal, this, &AppController::updatePendingRows);
    connect(m_outbox, &Outbox::delivered, this, &AppController::updatePendingRows);
    connect(m_outbox, &Outbox::rejected, this, &AppController::updatePendingRows);
    connect(m_outbox, &Outbox::conflicted, this, &AppController::updatePendingRows);
    connect(m_outbox, &Outbox::pendingCountChanged, indicator, &SyncIndicator::setPendingOutbox);

    // The token: keychain, or ESCALATION_DESK_TOKEN for scripted runs.
    m_tokens = new TokenStore(TokenStore::keyForPortal(m_options.portal), this);
    connect(m_tokens, &TokenStore::tokenRead, this,
            [this, indicator, rt](const TokenLookup &lookup) {
                if (!lookup.found()) {
                    indicator->setCacheOnly(lookup.error.isEmpty()
                                                ? tr("No portal token: showing the cache only")
                                                : lookup.error);
                    qCWarning(lcDesk).noquote() << lookup.error;
                    return;
                }
                if (rt) {
                    rt->setSecret(lookup.token);
                    const QStringList problems = rt->settings().validate();
                    if (!problems.isEmpty()) {
                        indicator->setCacheOnly(tr("Request Tracker cannot be used: %1")
                                                    .arg(problems.join(QLatin1Char(' '))));
                        qCWarning(lcDesk).noquote() << problems.join(QLatin1Char(' '));
                        return;
                    }
                } else {
                    m_client->setToken(lookup.token);
                }
                m_engine->start(m_syncState, m_pendingAtOpen);
                m_outbox->start();
            });
    m_tokens->read();
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

#include "deskfeatures.h"

#include "analyticsview.h"
#include "clusterbar.h"
#include "regionhourslabel.h"
#include "savedviewsmenu.h"

#include <unownedbreachwatch.h>

#include <QStatusBar>

#include "deskappearance.h"
#include "desksettings.h"
#include "desktopcolorscheme.h"
#include "directorview.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "shortcuttext.h"
#include "slamonitorview.h"
#include "traynotifier.h"
#include "uilogging.h"
#include <queueclusters.h>
#include <queuefilterproxy.h>

#include <notificationpolicy.h>
#include <obligationindex.h>
#include <queuecolumns.h>
#include <queuemodel.h>
#include <reviewclockservice.h>
#include <slaflagsmodel.h>

#include <QAction>
#include <QMenu>
#include <QMenuBar>

#include <limits>

namespace Escalation {

QString DeskFeatures::viewIdFor(DeskRole role)
{
    switch (role) {
    case DeskRole::Manager:
        return queueViewId();
    case DeskRole::TeamLead:
        return teamLeadViewId();
    case DeskRole::Director:
        return directorViewId();
    }
    return queueViewId();
}

DeskFeatures::DeskFeatures(MainWindow *window, QueueModel *queue, ReviewClockService *clock,
                           const RequestLookup *lookup, DeskSettings *settings)
    : QObject(window)
    , m_window(window)
    , m_queue(queue)
    , m_settings(settings)
    , m_flags(new SlaFlagsModel(settings->policy(), lookup, this))
    , m_obligations(new ObligationIndex(lookup, this))
    , m_policy(new NotificationPolicy(this))
    , m_appearance(new DeskAppearance(DeskAppearance::startPalette(), this))
    , m_desktopScheme(new DesktopColorScheme(this))
{
    // Colours first, so that the views are built in them.
    m_appearance->setChoice(settings->appearance());
    connect(m_desktopScheme, &DesktopColorScheme::changed, m_appearance,
            &DeskAppearance::setDesktopPrefersDark);

    m_flags->setNowFunction([clock] { return clock->nowMSecs(); });

    m_teamLead = new SlaMonitorView(queue, clock, m_flags);
    m_director = new DirectorView(queue, clock, m_obligations, lookup);
    window->addView(teamLeadViewId(), tr("Team lead"), m_teamLead);
    window->addView(directorViewId(), tr("Director"), m_director);
    m_analytics = new AnalyticsView(lookup);
    window->addView(analyticsViewId(), tr("Analytics"), m_analytics);
    connect(m_analytics, &AnalyticsView::requestActivated, this, &DeskFeatures::activateRequest);
    connect(m_analytics, &AnalyticsView::requestsActivated, this,
            [window](const QString &title, const QStringList &ids) {
                window->showRequestSet(title, ids, analyticsViewId());
            });
    // A manager's analytics are their own numbers; team leads and directors
    // see everyone's.
    const auto followUser = [this, window] {
        const bool manager = window->signedInUser().identity.role == UserRole::EscalationManager;
        m_analytics->setPerson(manager ? window->context().userName : QString());
    };
    followUser();
    connect(window, &MainWindow::signedInUserChanged, this, followUser);
    // The queue's "Owes" filter asks the same index as the director's view.
    window->queueProxy()->setObligations(m_obligations);
    m_savedViews = new SavedViewsMenu(window, settings, this);
    m_clusters = window->clusterBar();
    // Confirmed clusters stay grouped across restarts.
    QueueClusters *confirmed = window->confirmedClusters();
    if (const QByteArray stored = settings->confirmedClusters(); !stored.isEmpty()) {
        QString error;
        if (!confirmed->fromJson(stored, &error))
            qCWarning(lcUi) << "the confirmed clusters in the settings cannot be read:" << error;
    }
    const auto saveClusters = [settings, confirmed] {
        settings->setConfirmedClusters(confirmed->isEmpty() ? QByteArray() : confirmed->toJson());
    };
    connect(confirmed, &QueueClusters::membershipChanged, this, saveClusters);
    connect(confirmed, &QueueClusters::expandedChanged, this, saveClusters);
    // Follow-the-sun: whose business hours are on, on the left of the status
    // bar (a passing message covers it for its few seconds).
    m_regionHours = new RegionHoursLabel(clock, window->statusBar());
    window->statusBar()->addWidget(m_regionHours, 1);
    connect(m_teamLead, &SlaMonitorView::requestActivated, this, &DeskFeatures::activateRequest);
    connect(m_teamLead, &SlaMonitorView::caseActivated, this, &DeskFeatures::activateCase);
    connect(m_director, &DirectorView::requestActivated, this, &DeskFeatures::activateRequest);

    m_policy->setWorkingHours(settings->workingHours());
    m_policy->setDescriber([this](const QString &id) { return describe(id); });
    m_policy->watch(clock);
    // A team lead hears of breached requests nobody has taken.
    m_unownedBreaches = new UnownedBreachWatch(queue, m_policy, this);
    m_unownedBreaches->setNowFunction([clock] { return clock->nowMSecs() / 1000; });
    m_unownedBreaches->setThresholdMinutes(settings->unownedBreachMinutes());
    const auto followRole = [this, window] {
        m_unownedBreaches->setEnabled(window->context().role == DeskRole::TeamLead);
    };
    followRole();
    connect(window, &MainWindow::signedInUserChanged, this, followRole);
    m_tray = new TrayNotifier(m_policy, settings, this);
    connect(m_tray, &TrayNotifier::requestActivated, this, &DeskFeatures::activateRequest);
    connect(m_tray, &TrayNotifier::windowRequested, window, [window] {
        window->showNormal();
        window->raise();
        window->activateWindow();
    });

    addSettingsAction();
}

void DeskFeatures::addSettingsAction()
{
    auto *settingsAction = new QAction(tr("&Settings…"), m_window);
    settingsAction->setObjectName(QStringLiteral("settingsAction"));
    // Not every platform binds Preferences to a key (X11 does not): then
    // Ctrl+, as most desktop programs use.
    settingsAction->setShortcuts(QKeySequence::keyBindings(QKeySequence::Preferences).isEmpty()
                                     ? QList {QKeySequence(Qt::CTRL | Qt::Key_Comma)}
                                     : QKeySequence::keyBindings(QKeySequence::Preferences));
    settingsAction->setMenuRole(QAction::PreferencesRole);
    const QString tip =
        tr("Portal, token, role, working hours, calendars, thresholds and reply templates");
    settingsAction->setStatusTip(tip);
    settingsAction->setToolTip(ShortcutText::withShortcut(tip, settingsAction->shortcuts()));
    connect(settingsAction, &QAction::triggered, this, &DeskFeatures::openSettings);
    // Beside Quit in the window's first menu, where desktop users look for it.
    const QList<QAction *> menus = m_window->menuBar()->actions();
    for (QAction *menuAction : menus) {
        QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        const QList<QAction *> items = menu->actions();
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (items.at(i)->shortcut() != QKeySequence(QKeySequence::Quit))
                continue;
            QAction *before =
                i > 0 && items.at(i - 1)->isSeparator() ? items.at(i - 1) : items.at(i);
            menu->insertAction(before, settingsAction);
            return;
        }
    }
    m_window->menuBar()->addMenu(tr("&Settings"))->addAction(settingsAction);
}

void DeskFeatures::loadSnapshot(const QList<EscalationRequest> &requests,
                                const QHash<QString, Case> &cases)
{
    m_flags->loadSnapshot(cases);
    m_obligations->loadSnapshot(requests);
    // A confirmed cluster all of whose requests were answered is history.
    // (Most starts have none: no pass over the whole queue for them.)
    if (QueueClusters *confirmed = m_window->confirmedClusters(); !confirmed->isEmpty()) {
        QSet<QString> open;
        for (const EscalationRequest &r : requests)
            if (r.state == RequestState::Pending)
                open.insert(r.id);
        confirmed->forgetAnswered([&open](const QString &id) { return open.contains(id); });
    }
    // After the first paint: proposals are not what a start waits for.
    m_clusters->scheduleRecompute();
}

void DeskFeatures::applyChangeSet(const ChangeSet &changes)
{
    // Follow-the-sun: a request just handed to this user's team, by someone
    // else, is news for them (the policy tells of each hand-off once).
    const SignedInUser &user = m_window->signedInUser();
    if (user.known() && !user.identity.team.isEmpty()) {
        for (const EscalationRequest &r : changes.updatedRequests)
            if (r.handOff && r.isOpen() && r.handOff->toTeam == user.identity.team
                && r.team == user.identity.team && r.handOff->by != user.identity.name)
                m_policy->observeHandOff(r.id, *r.handOff);
    }
    m_flags->applyChangeSet(changes);
    m_obligations->applyChangeSet(changes);
    m_clusters->scheduleRecompute();
}

void DeskFeatures::showViewForRole(DeskRole role)
{
    m_window->showView(viewIdFor(role));
}

void DeskFeatures::openSettings()
{
    SettingsDialog dialog(m_settings, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // What applies at once; the rest is read at the next start.
    m_policy->setWorkingHours(m_settings->workingHours());
    m_unownedBreaches->setThresholdMinutes(m_settings->unownedBreachMinutes());
    m_appearance->setChoice(m_settings->appearance());
    Q_EMIT settingsChanged();
}

void DeskFeatures::activateRequest(const QString &requestId)
{
    if (requestId.isEmpty())
        return;
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
    m_window->showRequest(requestId);
}

void DeskFeatures::activateCase(const QString &caseId)
{
    QString newest;
    qint64 newestAt = std::numeric_limits<qint64>::min();
    for (int row = 0; row < m_queue->rowCount(); ++row) {
        const QModelIndex index = m_queue->index(row, QueueColumn::RequestedAt);
        if (index.data(QueueRole::CaseIdRole).toString() != caseId)
            continue;
        const qint64 at = index.data(QueueRole::RawValueRole).toLongLong();
        if (at > newestAt) {
            newestAt = at;
            newest = index.data(QueueRole::RequestIdRole).toString();
        }
    }
    activateRequest(newest);
}

QString DeskFeatures::describe(const QString &requestId) const
{
    const int row = m_queue->rowOf(requestId);
    if (row < 0)
        return tr("Request %1").arg(requestId);
    const auto text = [&](int column) { return m_queue->index(row, column).data().toString(); };
    return tr("Case %1 (%2, level %3): %4")
        .arg(text(QueueColumn::CaseNumber), text(QueueColumn::Account),
             m_queue->index(row, 0).data(QueueRole::LevelRole).toString(),
             text(QueueColumn::Subject));
}

} // namespace Escalation

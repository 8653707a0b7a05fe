#include "mainwindow.h"

#include "actiondialog.h"
#include "bulkactiondialog.h"
#include "clusterbar.h"
#include "conflictdescription.h"
#include "desksettings.h"
#include "detailspane.h"
#include "filterbar.h"
#include "handoffdialog.h"
#include "identityindicator.h"
#include "queueview.h"
#include "requestsetbanner.h"
#include "shortcutsdialog.h"
#include "shortcuttext.h"
#include "syncindicator.h"
#include "uilogging.h"

#include <queueclusters.h>
#include <queuecolumns.h>
#include <queuefilterproxy.h>
#include <queuemodel.h>
#include <requestlookup.h>
#include <reviewclockservice.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace Escalation {

namespace {
constexpr int StatusMessageMs = 6000;
} // namespace

MainWindow::MainWindow(DeskContext context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(std::move(context))
    , m_proxy(new QueueFilterProxy(m_context.model, this))
    , m_clusters(new QueueClusters(this))
    , m_pages(new QStackedWidget(this))
    , m_viewGroup(new QActionGroup(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setCentralWidget(m_pages);
    m_viewGroup->setExclusive(true);
    m_proxy->sort(QueueColumn::Countdown, Qt::AscendingOrder);
    m_proxy->setClusters(m_clusters);

    // Until the backend says who signed in, the role of the settings.
    m_user.identity.role = userRoleFor(m_context.role);
    m_user.identity.name = QString();

    createActions();
    createQueuePage();
    addView(QStringLiteral("queue"), tr("Queue"), m_splitter->parentWidget());
    applyDeskRole(m_context.role);

    m_identity = new IdentityIndicator(this);
    m_identity->setUser(m_user);
    statusBar()->addPermanentWidget(m_identity);
    m_sync = new SyncIndicator(this);
    statusBar()->addPermanentWidget(m_sync);
    statusBar()->setSizeGripEnabled(true);

    m_listRefresh.setSingleShot(true);
    m_listRefresh.setInterval(2000);
    connect(&m_listRefresh, &QTimer::timeout, this, &MainWindow::refreshFilterLists);
    connect(m_context.model, &QAbstractItemModel::modelReset, this,
            &MainWindow::refreshFilterLists);
    refreshFilterLists();
    updateActions();
    resize(1400, 860);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const auto make = [this](Action which, const QString &text, const QList<QKeySequence> &keys,
                             const QString &tip) {
        auto *action = new QAction(text, this);
        action->setShortcuts(keys);
        action->setToolTip(ShortcutText::withShortcut(tip, keys));
        action->setStatusTip(tip);
        m_tips.insert(which, tip);
        m_actions.insert(which, action);
        addAction(action); // shortcuts work wherever the focus is in the window
        return action;
    };
    connect(make(Action::Accept, tr("&Accept…"),
                 {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)},
                 tr("Accept the escalation with a plan of action")),
            &QAction::triggered, this, &MainWindow::acceptCurrent);
    connect(make(Action::Decline, tr("&Decline…"), {QKeySequence(Qt::CTRL | Qt::Key_D)},
                 tr("Decline the escalation with the automated reply")),
            &QAction::triggered, this, &MainWindow::declineCurrent);
    connect(make(Action::TakeOwnership, tr("&Take"), {QKeySequence(Qt::CTRL | Qt::Key_T)},
                 tr("Take ownership of the escalation")),
            &QAction::triggered, this, &MainWindow::takeCurrent);
    connect(
        make(Action::AddNote, tr("&Note…"), {QKeySequence(Qt::CTRL | Qt::Key_N)}, tr("Add a note")),
        &QAction::triggered, this, &MainWindow::noteCurrent);
    connect(make(Action::RecordAnalysis, tr("Ana&lysis…"), {QKeySequence(Qt::CTRL | Qt::Key_L)},
                 tr("Record the level-3 analysis")),
            &QAction::triggered, this, &MainWindow::analysisCurrent);
    connect(make(Action::Acknowledge, tr("Ac&knowledge…"), {QKeySequence(Qt::CTRL | Qt::Key_K)},
                 tr("Acknowledge ownership of the level-4 escalation")),
            &QAction::triggered, this, &MainWindow::acknowledgeCurrent);
    connect(make(Action::HandOff, tr("&Hand off…"), {QKeySequence(Qt::CTRL | Qt::Key_H)},
                 tr("Hand the escalation to a team in another region")),
            &QAction::triggered, this, &MainWindow::handOffCurrent);
    connect(make(Action::AskRequester, tr("Ask re&quester…"), {QKeySequence(Qt::CTRL | Qt::Key_I)},
                 tr("Ask the requester for information; the review clock pauses until they "
                    "answer")),
            &QAction::triggered, this, &MainWindow::askRequesterCurrent);
    connect(make(Action::ResumeReview, tr("&Resume review…"),
                 {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)},
                 tr("End the wait on the requester; the review clock runs again")),
            &QAction::triggered, this, &MainWindow::resumeReviewCurrent);
    connect(make(Action::NextRequest, tr("Next request"), {QKeySequence(Qt::ALT | Qt::Key_Down)},
                 tr("Move to the next request")),
            &QAction::triggered, this, [this] { m_view->moveCurrent(1); });
    connect(make(Action::PreviousRequest, tr("Previous request"),
                 {QKeySequence(Qt::ALT | Qt::Key_Up)}, tr("Move to the previous request")),
            &QAction::triggered, this, [this] { m_view->moveCurrent(-1); });
    connect(make(Action::FocusFilter, tr("&Filter"), {QKeySequence::Find},
                 tr("Search and filter the queue")),
            &QAction::triggered, this, [this] {
                showView(QStringLiteral("queue"));
                m_filterBar->focusSearch();
            });
    connect(make(Action::ClearFilter, tr("Clear filters"),
                 {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)}, tr("Show every request again")),
            &QAction::triggered, this, [this] {
                m_filterBar->clear();
                clearRequestSet();
            });
    connect(make(Action::SyncNow, tr("&Sync now"), {QKeySequence::Refresh},
                 tr("Ask the portal for changes now")),
            &QAction::triggered, this, &MainWindow::syncRequested);
    // `?` as on the web's busy tools; F1 where desktop users look for help.
    // A text field takes `?` as a letter first (Qt asks it before the
    // shortcut), so typing a question mark still works.
    connect(make(Action::KeyboardShortcuts, tr("&Keyboard shortcuts"),
                 {QKeySequence(Qt::Key_Question), QKeySequence(QKeySequence::HelpContents)},
                 tr("List every keyboard shortcut")),
            &QAction::triggered, this, &MainWindow::showKeyboardShortcuts);

    QMenu *deskMenu = menuBar()->addMenu(tr("&Desk"));
    deskMenu->addAction(action(Action::SyncNow));
    deskMenu->addSeparator();
    QAction *quit = deskMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setToolTip(ShortcutText::withShortcut(tr("Close the desk"), quit->shortcuts()));
    connect(quit, &QAction::triggered, this, &QWidget::close);

    // Every role has the menu; what its role may not do is disabled there
    // with the reason (the permission table decides, not the view).
    QMenu *requestMenu = menuBar()->addMenu(tr("&Request"));
    for (Action a : {Action::Accept, Action::Decline, Action::TakeOwnership, Action::AddNote,
                     Action::RecordAnalysis, Action::Acknowledge, Action::HandOff,
                     Action::AskRequester, Action::ResumeReview})
        requestMenu->addAction(action(a));
    requestMenu->addSeparator();
    requestMenu->addAction(action(Action::NextRequest));
    requestMenu->addAction(action(Action::PreviousRequest));

    m_triageBar = addToolBar(tr("Triage"));
    m_triageBar->setObjectName(QStringLiteral("triageToolBar"));
    m_triageBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (Action a : {Action::Accept, Action::Decline, Action::TakeOwnership, Action::AddNote,
                     Action::RecordAnalysis, Action::Acknowledge, Action::HandOff,
                     Action::AskRequester, Action::ResumeReview})
        m_triageBar->addAction(action(a));
    m_triageBar->addSeparator();
    m_triageBar->addAction(action(Action::SyncNow));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(action(Action::FocusFilter));
    m_viewMenu->addAction(action(Action::ClearFilter));
    m_viewMenu->addSeparator();
    m_viewBar = addToolBar(tr("Views"));
    m_viewBar->setObjectName(QStringLiteral("viewToolBar"));
    m_viewBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(action(Action::KeyboardShortcuts));
}

void MainWindow::createQueuePage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("queuePage"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 0);
    m_filterBar = new FilterBar(page);
    layout->addWidget(m_filterBar);
    connect(m_filterBar, &FilterBar::filterChanged, m_proxy, &QueueFilterProxy::setFilter);
    m_requestSetBanner = new RequestSetBanner(page);
    layout->addWidget(m_requestSetBanner);
    // Made here, between the filters and the table, so that Tab reaches its
    // buttons in reading order.
    m_clusterBar = new ClusterBar(this, m_context.model, m_context.lookup, m_clusters, page);
    m_clusterBar->setNowFunction([clock = m_context.clock] { return clock->nowMSecs() / 1000; });
    layout->addWidget(m_clusterBar);
    connect(m_requestSetBanner, &RequestSetBanner::showAllRequested, this, [this] {
        clearRequestSet();
        m_view->setFocus(Qt::OtherFocusReason);
    });
    connect(m_requestSetBanner, &RequestSetBanner::backRequested, this,
            [this] { showView(m_requestSetFrom); });

    m_splitter = new QSplitter(Qt::Horizontal, page);
    m_splitter->setObjectName(QStringLiteral("queueSplitter"));
    m_view = new QueueView(m_proxy, m_context.clock, m_splitter);
    m_view->setClusters(m_clusters);
    m_details = new DetailsPane(m_context.lookup, m_context.clock, m_context.policy, m_splitter);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({880, 520});
    layout->addWidget(m_splitter, 1);

    // J/K move through the queue while the table has the focus (in the
    // search field they are letters).
    for (auto [key, delta] : {std::pair {Qt::Key_J, 1}, std::pair {Qt::Key_K, -1}}) {
        auto *nav = new QAction(delta > 0 ? tr("Next request (in the queue table)")
                                          : tr("Previous request (in the queue table)"),
                                m_view);
        nav->setShortcut(QKeySequence(key));
        nav->setShortcutContext(Qt::WidgetShortcut);
        connect(nav, &QAction::triggered, m_view,
                [this, delta = delta] { m_view->moveCurrent(delta); });
        m_view->addAction(nav);
    }
    // Type, Enter, and the keyboard is in the results.
    connect(m_filterBar, &FilterBar::searchSubmitted, this, [this] {
        if (!m_view->currentIndex().isValid())
            m_view->moveCurrent(1);
        m_view->setFocus(Qt::ShortcutFocusReason);
    });
    // The view names the request; the pane reads it.
    connect(m_view, &QueueView::currentRequestChanged, m_details, &DetailsPane::setRequestId);
    connect(m_view, &QueueView::currentRequestChanged, this, &MainWindow::updateActions);
    connect(m_view, &QueueView::markedChanged, this, &MainWindow::updateActions);
    connect(m_details, &DetailsPane::historyWanted, this, &MainWindow::historyWanted);
    connect(m_context.model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_listRefresh.isActive())
            m_listRefresh.start();
    });
}

void MainWindow::addView(const QString &id, const QString &title, QWidget *view)
{
    if (m_viewPages.contains(id)) {
        qCWarning(lcUi) << "view" << id << "is already registered";
        return;
    }
    view->setParent(m_pages);
    m_pages->addWidget(view);
    m_viewPages.insert(id, view);
    m_viewOrder.append(id);
    auto *action = new QAction(title, m_viewGroup);
    action->setCheckable(true);
    action->setData(id);
    if (m_viewOrder.size() <= 9)
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + m_viewOrder.size())));
    action->setToolTip(
        ShortcutText::withShortcut(tr("Show the %1 view").arg(title), action->shortcuts()));
    connect(action, &QAction::triggered, this, [this, id] { showView(id); });
    m_viewActions.insert(id, action);
    m_viewMenu->addAction(action);
    m_viewBar->addAction(action);
    // One view needs no switcher.
    m_viewBar->setVisible(m_viewOrder.size() > 1);
    if (m_viewOrder.size() == 1)
        showView(id);
}

void MainWindow::showView(const QString &id)
{
    QWidget *page = m_viewPages.value(id);
    if (!page)
        return;
    m_pages->setCurrentWidget(page);
    m_viewActions.value(id)->setChecked(true);
    // Triage actions belong to the queue page.
    if (m_triageBar)
        m_triageBar->setEnabled(id == QStringLiteral("queue"));
}

bool MainWindow::showRequest(const QString &requestId)
{
    showView(QStringLiteral("queue"));
    if (m_view->selectRequest(requestId))
        return true;
    // Hidden by the user's filter: show everything rather than nothing.
    // The bar may already be empty (the filter came from elsewhere), so the
    // proxy is told directly as well.
    m_filterBar->clear();
    m_proxy->setFilter(m_filterBar->filter());
    clearRequestSet();
    return m_view->selectRequest(requestId);
}

int MainWindow::showRequestSet(const QString &title, const QStringList &requestIds,
                               const QString &fromViewId)
{
    showView(QStringLiteral("queue"));
    // The user's filter would hide some of them for reasons unrelated to
    // the figure; the set alone decides.
    m_filterBar->clear();
    m_proxy->setFilter(m_filterBar->filter());
    const QSet<QString> ids(requestIds.cbegin(), requestIds.cend());
    m_proxy->setRequestSet(ids);
    const QAction *from = m_viewActions.value(fromViewId);
    const QString fromTitle = from ? from->text() : tr("the queue");
    m_requestSetFrom = fromViewId;
    m_requestSetBanner->backButton()->setVisible(from != nullptr);
    m_requestSetBanner->showSet(title, m_proxy->rowCount(), int(ids.size()), fromTitle);
    if (m_proxy->rowCount() > 0) {
        m_view->selectRequest(m_proxy->requestIdAt(0));
        m_view->setFocus(Qt::OtherFocusReason);
    }
    return m_proxy->rowCount();
}

void MainWindow::clearRequestSet()
{
    m_proxy->setRequestSet(std::nullopt);
    m_requestSetBanner->hide();
}

QString MainWindow::currentViewId() const
{
    return m_viewPages.key(m_pages->currentWidget());
}

void MainWindow::restoreSettings()
{
    const DeskSettings::WindowLayout layout = DeskSettings().windowLayout();
    restoreGeometry(layout.geometry);
    restoreState(layout.state);
    m_splitter->restoreState(layout.splitter);
    if (!layout.queueHeader.isEmpty()
        && !m_view->horizontalHeader()->restoreState(layout.queueHeader))
        qCWarning(lcUi) << "ignoring a stored queue header layout that does not fit";
    if (m_viewPages.contains(layout.view))
        showView(layout.view);
}

void MainWindow::saveSettings() const
{
    DeskSettings::WindowLayout layout;
    layout.geometry = saveGeometry();
    layout.state = saveState();
    layout.splitter = m_splitter->saveState();
    layout.queueHeader = m_view->horizontalHeader()->saveState();
    layout.view = currentViewId();
    DeskSettings().setWindowLayout(layout);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

void MainWindow::refreshFilterLists()
{
    m_filterBar->setOwners(m_context.model->distinctValues(QueueColumn::Owner));
    m_filterBar->setTeams(m_context.model->distinctValues(QueueColumn::Team));
}

void MainWindow::onChangeSetCommitted(const ChangeSet &changes)
{
    const QString id = m_details->requestId();
    if (id.isEmpty())
        return;
    const auto &current = m_details->request();
    const QString caseId = current ? current->caseId : QString();
    bool touched =
        changes.removedRequestIds.contains(id) || changes.removedCaseIds.contains(caseId);
    for (const auto *list : {&changes.insertedRequests, &changes.updatedRequests}) {
        for (const EscalationRequest &r : *list)
            touched =
                touched || r.id == id || r.caseId == caseId; // a new level of the same case, too
    }
    for (const auto *list : {&changes.insertedCases, &changes.updatedCases}) {
        for (const Case &c : *list)
            touched = touched || c.id == caseId;
    }
    if (touched) {
        m_details->reload();
        updateActions();
    }
}

void MainWindow::gate(Action which, OutboxAction outboxAction, bool applicable)
{
    const Permission permission = permissionFor(outboxAction);
    const bool allowed = hasPermission(m_user.identity.role, permission);
    QAction *a = action(which);
    a->setEnabled(allowed && applicable);
    // A refused action's shortcut does nothing, so its tooltip gives the
    // reason alone.
    const QString tip =
        allowed ? m_tips.value(which) : refusalReason(m_user.identity.role, permission);
    a->setToolTip(allowed ? ShortcutText::withShortcut(tip, a->shortcuts()) : tip);
    a->setStatusTip(tip);
}

void MainWindow::updateActions()
{
    const auto &r = m_details->request();
    const auto &c = m_details->caseRecord();
    const bool open = r && r->state == RequestState::Pending;
    const bool outage = c && c->isOutage();
    // Several marked: take, note and decline apply to those they fit.
    const bool bulk = m_view->markedCount() > 1;
    gate(Action::Accept, OutboxAction::Accept, (open && !outage) || bulk);
    // An outage may be declined: the reply points the requester to the outage process.
    gate(Action::Decline, OutboxAction::Decline, open || bulk);
    gate(Action::TakeOwnership, OutboxAction::TakeOwnership,
         bulk
             || (r && r->owner != m_context.userName
                 && (r->state == RequestState::Pending || r->state == RequestState::Accepted)));
    gate(Action::AddNote, OutboxAction::AddNote, r.has_value() || bulk);
    const bool analysisOwed = r && r->level >= 3
        && EscalationPolicy::outstandingObligations(*r,
                                                    m_context.lookup->requestsForCase(r->caseId))
               .contains(Obligation::FullAnalysis);
    gate(Action::RecordAnalysis, OutboxAction::RecordAnalysis, analysisOwed);
    const bool acknowledgementOwed = r && r->level == 4
        && EscalationPolicy::outstandingObligations(*r,
                                                    m_context.lookup->requestsForCase(r->caseId))
               .contains(Obligation::OwnerAcknowledgement);
    gate(Action::Acknowledge, OutboxAction::AcknowledgeOwnership, acknowledgementOwed);
    gate(Action::HandOff, OutboxAction::HandOff, open);
    const bool waiting = r && r->isWaitingOnRequester();
    gate(Action::AskRequester, OutboxAction::AskRequester, open && !waiting);
    gate(Action::ResumeReview, OutboxAction::ResumeReview, open && waiting);
}

void MainWindow::applyDeskRole(DeskRole role)
{
    m_context.role = role;
    // The platform adds the application's display name ("… — Escalation Desk").
    setWindowTitle(displayName(m_user.identity.role));
    // A director follows level 3 and 4 only, without the triage toolbar.
    QueueFilter base;
    if (role == DeskRole::Director)
        base.setLevels({3, 4});
    m_proxy->setBaseFilter(base);
    m_triageBar->setVisible(canTriage(role));
}

void MainWindow::setSignedInUser(const SignedInUser &user)
{
    m_user = user;
    if (user.known())
        m_context.userName = user.identity.name;
    m_identity->setUser(user);
    applyDeskRole(deskRoleFor(user.identity.role));
    updateActions();
    Q_EMIT signedInUserChanged(user);
}

QString MainWindow::subjectLine() const
{
    const auto &r = m_details->request();
    const auto &c = m_details->caseRecord();
    if (!r)
        return {};
    return c ? tr("%1 · %2 · level %3").arg(c->number, c->subject).arg(r->level)
             : tr("%1 · level %2").arg(r->id).arg(r->level);
}

bool MainWindow::runDialog(OutboxAction kind, const QString &initialText, const QString &warning)
{
    const auto &r = m_details->request();
    if (!r)
        return false;
    ActionDialog dialog(kind, subjectLine(), initialText, this);
    dialog.setWarning(warning);
    // DESIGN.md: too early goes back to standard triage, unless the manager
    // records why it cannot wait (the portal refuses it otherwise).
    if (kind == OutboxAction::Accept) {
        if (const auto &c = m_details->caseRecord()) {
            const Eligibility eligibility = m_context.policy.checkEligibility(*c, *r);
            if (eligibility.verdict == Eligibility::Verdict::TooEarly)
                dialog.requireJustification(
                    tr("Raised before the case's minimum age of %1 h: it can be escalated from "
                       "%2. Why can it not wait? (Required; the analytics count early "
                       "acceptances.)")
                        .arg(eligibility.minimumAgeHours)
                        .arg(QLocale().toString(eligibility.eligibleAt.toLocalTime(),
                                                QLocale::ShortFormat)));
        }
    }
    if (dialog.exec() != QDialog::Accepted)
        return false;
    Q_EMIT actionSubmitted(r->id, kind, dialog.text(), r->version,
                           ActionDetails {dialog.justification(), {}});
    return true;
}

void MainWindow::acceptCurrent()
{
    if (action(Action::Accept)->isEnabled() && m_view->markedCount() > 1)
        runBulk(OutboxAction::Accept);
    else if (action(Action::Accept)->isEnabled())
        runDialog(OutboxAction::Accept, QString(), QString());
}

QString MainWindow::declineReply(const Case &c, const EscalationRequest &r, const QString &reason,
                                 QStringList *unknown) const
{
    const Eligibility eligibility = m_context.policy.checkEligibility(c, r);
    QHash<QString, QString> values =
        ReplyTemplates::declineValues(c, r, reason, m_context.userName, eligibility);
    // A customer reads this: a plain date in UTC rather than ISO 8601.
    if (eligibility.eligibleAt.isValid())
        values.insert(
            QStringLiteral("eligibleAt"),
            eligibility.eligibleAt.toUTC().toString(QStringLiteral("d MMMM yyyy, HH:mm 'UTC'")));
    return ReplyTemplates::render(m_context.templates.text(ReplyTemplates::keyFor(eligibility)),
                                  values, unknown);
}

QString MainWindow::standardDeclineReason()
{
    return tr("the case is progressing through standard triage and does not need more visibility "
              "at this time.");
}

void MainWindow::declineCurrent()
{
    if (!action(Action::Decline)->isEnabled())
        return;
    if (m_view->markedCount() > 1) {
        runBulk(OutboxAction::Decline);
        return;
    }
    const auto &r = m_details->request();
    const Case c = m_details->caseRecord().value_or(Case {});
    QStringList unknown;
    const QString text = declineReply(c, *r, standardDeclineReason(), &unknown);
    const QString warning = unknown.isEmpty()
        ? QString()
        : tr("The template names placeholders this desk does not know: %1")
              .arg(unknown.join(QStringLiteral(", ")));
    runDialog(OutboxAction::Decline, text, warning);
}

void MainWindow::markAllShown()
{
    m_view->selectAll();
    m_view->setFocus(Qt::OtherFocusReason);
}

BulkActionDialog *MainWindow::bulkDialog() const
{
    return m_bulk;
}

void MainWindow::runBulk(OutboxAction kind)
{
    const QStringList marked = m_view->markedRequestIds();
    if (marked.size() > MaxBulkRequests) {
        // Ctrl+A on a whole queue is a slip, not a decision for thousands.
        auto *box = new QMessageBox(
            QMessageBox::Information, tr("Too many requests marked"),
            tr("One action takes at most %1 requests, and %2 are marked. Narrow the queue with "
               "the filters or a saved view first.")
                .arg(MaxBulkRequests)
                .arg(marked.size()),
            QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("bulkLimitBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    QList<BulkItem> items;
    for (const QString &id : marked) {
        BulkItem item;
        const std::optional<EscalationRequest> r = m_context.lookup->request(id);
        if (!r)
            continue;
        item.request = *r;
        item.caseRecord = m_context.lookup->caseRecord(r->caseId).value_or(Case {});
        const bool open = r->state == RequestState::Pending;
        if ((kind == OutboxAction::Decline || kind == OutboxAction::Accept) && !open)
            item.skipReason = tr("already %1").arg(displayName(r->state).toLower());
        else if (kind == OutboxAction::Accept && item.caseRecord.isOutage())
            item.skipReason = tr("an S1 outage: the outage process handles it");
        else if (kind == OutboxAction::Accept
                 && m_context.policy.checkEligibility(item.caseRecord, *r).verdict
                     == Eligibility::Verdict::TooEarly)
            item.skipReason = tr("raised too early: accept it on its own, with a justification");
        if (kind == OutboxAction::TakeOwnership) {
            if (r->owner == m_context.userName)
                item.skipReason = tr("already yours");
            else if (!open && r->state != RequestState::Accepted)
                item.skipReason = tr("already %1").arg(displayName(r->state).toLower());
        }
        items.append(item);
    }
    if (m_bulk)
        m_bulk->close();
    auto *dialog = new BulkActionDialog(
        kind, items,
        [this](const BulkItem &item, const QString &reason, QStringList *unknown) {
            return declineReply(item.caseRecord, item.request, reason, unknown);
        },
        kind == OutboxAction::Decline ? standardDeclineReason() : QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BulkActionDialog::submitted, this,
            [this](const QString &id, OutboxAction action, const QString &text, qint64 version) {
                Q_EMIT actionSubmitted(id, action, text, version, {});
            });
    connect(dialog, &BulkActionDialog::requestActivated, this, &MainWindow::showRequest);
    m_bulk = dialog;
    // Not modal: the results arrive while the user goes on with the queue.
    dialog->show();
}

void MainWindow::takeCurrent()
{
    if (action(Action::TakeOwnership)->isEnabled() && m_view->markedCount() > 1) {
        runBulk(OutboxAction::TakeOwnership);
        return;
    }
    const auto &r = m_details->request();
    if (!r || !action(Action::TakeOwnership)->isEnabled())
        return;
    // Taking needs no text; it is undoable by anyone taking it back.
    Q_EMIT actionSubmitted(r->id, OutboxAction::TakeOwnership, QString(), r->version, {});
}

void MainWindow::noteCurrent()
{
    if (action(Action::AddNote)->isEnabled() && m_view->markedCount() > 1)
        runBulk(OutboxAction::AddNote);
    else if (action(Action::AddNote)->isEnabled())
        runDialog(OutboxAction::AddNote, QString(), QString());
}

void MainWindow::analysisCurrent()
{
    if (action(Action::RecordAnalysis)->isEnabled())
        runDialog(OutboxAction::RecordAnalysis, QString(), QString());
}

void MainWindow::acknowledgeCurrent()
{
    if (action(Action::Acknowledge)->isEnabled())
        runDialog(OutboxAction::AcknowledgeOwnership, QString(), QString());
}

void MainWindow::handOffCurrent()
{
    const auto &r = m_details->request();
    if (!r || !action(Action::HandOff)->isEnabled())
        return;
    const qint64 now = m_context.clock->nowMSecs() / 1000;
    const QList<HandOffTarget> targets = HandOffTargets::rank(
        r->team, m_context.lookup->teamCalendars(), m_context.clock->calendars(), now);
    HandOffDialog dialog(subjectLine(), r->team, targets, now, this);
    if (dialog.exec() != QDialog::Accepted || dialog.team().isEmpty())
        return;
    Q_EMIT actionSubmitted(r->id, OutboxAction::HandOff, dialog.note(), r->version,
                           ActionDetails {{}, dialog.team()});
}

void MainWindow::askRequesterCurrent()
{
    if (action(Action::AskRequester)->isEnabled())
        runDialog(OutboxAction::AskRequester, QString(), QString());
}

void MainWindow::resumeReviewCurrent()
{
    if (action(Action::ResumeReview)->isEnabled())
        runDialog(OutboxAction::ResumeReview, QString(), QString());
}

void MainWindow::showKeyboardShortcuts()
{
    // One dialog at a time; `?` again brings it forward.
    if (!m_shortcuts) {
        m_shortcuts = new ShortcutsDialog(this);
        m_shortcuts->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_shortcuts->setEntries(ShortcutText::collect(this));
    m_shortcuts->show();
    m_shortcuts->raise();
    m_shortcuts->activateWindow();
}

void MainWindow::onActionSaved(const OutboxEntry &entry)
{
    if (m_bulk && m_bulk->tracks(entry)) {
        m_bulk->setResult(entry, BulkResult::Saved);
        return;
    }
    statusBar()->showMessage(
        tr("%1 saved for %2; it is sent to the portal and shown as pending until confirmed.")
            .arg(displayName(entry.action), entry.requestId),
        StatusMessageMs);
}

void MainWindow::onActionFailed(const QString &message)
{
    QMessageBox box(QMessageBox::Warning, tr("Action not saved"),
                    tr("The action could not be stored in the local outbox, so it was not sent."),
                    QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(message);
    box.exec();
}

void MainWindow::onActionDelivered(const OutboxEntry &entry)
{
    if (m_bulk)
        m_bulk->setResult(entry, BulkResult::Applied);
}

void MainWindow::onActionRejected(const OutboxEntry &entry)
{
    if (m_bulk && m_bulk->tracks(entry)) {
        m_bulk->setResult(entry, BulkResult::Rejected);
        return;
    }
    statusBar()->showMessage(tr("The portal refused %1 for %2: %3")
                                 .arg(displayName(entry.action), entry.requestId, entry.lastError),
                             StatusMessageMs * 2);
}

void MainWindow::onActionRefused(const OutboxEntry &entry)
{
    if (m_bulk && m_bulk->tracks(entry)) {
        m_bulk->setResult(entry, BulkResult::Refused);
        return;
    }
    // Kept in the outbox as refused, never retried: the role decides, not
    // the network.
    statusBar()->showMessage(tr("The portal refused %1 for %2: your role may not do this. %3")
                                 .arg(displayName(entry.action), entry.requestId, entry.lastError),
                             StatusMessageMs * 2);
}

void MainWindow::onActionConflicted(const OutboxEntry &entry)
{
    // A bulk action's conflicts are listed together in its dialog, not
    // one message box each.
    if (m_bulk && m_bulk->tracks(entry)) {
        m_bulk->setResult(entry, BulkResult::Conflict);
        return;
    }
    const QString summary = tr("%1 for %2 conflicts with a newer change at the portal; review the "
                               "request and decide again.")
                                .arg(displayName(entry.action), entry.requestId);
    statusBar()->showMessage(summary, StatusMessageMs * 2);

    // Both versions side by side, without blocking the queue: the decision
    // stays in the outbox either way.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Decision in conflict"), QString(),
                                QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("conflictBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText); // portal text is never rendered
    box->setText(summary + QStringLiteral("\n\n") + describeConflict(entry));
    // The answer to a conflict is a new decision on the request as it is now:
    // Enter takes the user (and the keyboard focus) there.
    QPushButton *show = box->addButton(tr("&Show request"), QMessageBox::AcceptRole);
    show->setObjectName(QStringLiteral("showConflictedRequest"));
    box->setDefaultButton(show);
    const QString requestId = entry.requestId;
    connect(show, &QPushButton::clicked, this, [this, requestId] {
        if (showRequest(requestId))
            m_view->setFocus(Qt::OtherFocusReason);
    });
    box->open();
}

} // namespace Escalation

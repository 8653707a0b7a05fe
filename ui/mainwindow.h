#pragma once

// The desk's main window: a role-aware toolbar of triage actions, a view
// switcher (the live queue is the first view; other views plug in with
// addView()), the queue page — filter bar, queue table and details pane —
// and a status bar that says how fresh the data is. Decisions leave through
// actionSubmitted() to the outbox; the window never talks to the portal.

#include "deskrole.h"

#include <changeset.h>
#include <escalationpolicy.h>
#include <outboxentry.h>
#include <permissions.h>
#include <replytemplates.h>

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAction;
class QActionGroup;
class QSplitter;
class QStackedWidget;
class QToolBar;

namespace Escalation {

class BulkActionDialog;
class ClusterBar;
class DetailsPane;
class FilterBar;
class RequestSetBanner;
class IdentityIndicator;
class QueueFilterProxy;
class QueueModel;
class QueueClusters;
class QueueView;
class RequestLookup;
class ShortcutsDialog;
class ReviewClockService;
class SyncIndicator;

// What the window works with; everything is owned elsewhere and outlives it.
struct DeskContext {
    QueueModel *model = nullptr;
    ReviewClockService *clock = nullptr;
    const RequestLookup *lookup = nullptr;
    EscalationPolicy policy;
    ReplyTemplates templates = ReplyTemplates::defaults();
    DeskRole role = DeskRole::Manager;
    QString userName; // the user's name until the backend says who signed in
};

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    enum class Action {
        Accept,
        Decline,
        TakeOwnership,
        AddNote,
        RecordAnalysis,
        Acknowledge,
        HandOff,
        AskRequester,
        ResumeReview,
        NextRequest,
        PreviousRequest,
        FocusFilter,
        ClearFilter,
        SyncNow,
        KeyboardShortcuts,
    };

    // The most requests one bulk action takes.
    static constexpr int MaxBulkRequests = 500;

    explicit MainWindow(DeskContext context, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a page to the view switcher (View menu and toolbar, Ctrl+1…9 in
    // order of addition). The window takes ownership of view. The queue is
    // registered first under the id "queue".
    void addView(const QString &id, const QString &title, QWidget *view);
    void showView(const QString &id);
    QString currentViewId() const;
    // The queue view with the request selected, clearing the filters when
    // they hide it; false when the queue does not hold it.
    bool showRequest(const QString &requestId);
    // The queue view showing only these requests (those the queue holds),
    // under a banner that names them and leads back to the view fromViewId
    // or to every request (also Ctrl+Shift+F). Returns how many it shows.
    int showRequestSet(const QString &title, const QStringList &requestIds,
                       const QString &fromViewId);
    void clearRequestSet();
    RequestSetBanner *requestSetBanner() const { return m_requestSetBanner; }
    // Possible major issues, above the queue table.
    ClusterBar *clusterBar() const { return m_clusterBar; }
    // The major-issue clusters a manager confirmed; the queue shows each as
    // one expandable row.
    QueueClusters *confirmedClusters() const { return m_clusters; }
    // Marks every request the queue shows, for a bulk action (Ctrl+A).
    void markAllShown();
    QStringList viewIds() const { return m_viewOrder; }

    QAction *action(Action which) const { return m_actions.value(which); }
    QueueView *queueView() const { return m_view; }
    BulkActionDialog *bulkDialog() const;
    QueueFilterProxy *queueProxy() const { return m_proxy; }
    DetailsPane *detailsPane() const { return m_details; }
    FilterBar *filterBar() const { return m_filterBar; }
    SyncIndicator *syncIndicator() const { return m_sync; }
    IdentityIndicator *identityIndicator() const { return m_identity; }
    const SignedInUser &signedInUser() const { return m_user; }
    QToolBar *triageToolBar() const { return m_triageBar; }
    QMenu *viewMenu() const { return m_viewMenu; }
    const DeskContext &context() const { return m_context; }

    // Restores geometry, splitter, header and view from the settings
    // (DeskSettings::windowLayout).
    void restoreSettings();
    void saveSettings() const;

public Q_SLOTS:
    // A committed change set: the details pane re-reads if it shows a
    // request or case the set touched; filter lists are refreshed.
    void onChangeSetCommitted(const Escalation::ChangeSet &changes);
    // The outbox stored an action (durable) or failed to.
    void onActionSaved(const Escalation::OutboxEntry &entry);
    void onActionFailed(const QString &message);
    void onActionRejected(const Escalation::OutboxEntry &entry);
    // The portal applied it (a bulk action shows it as applied).
    void onActionDelivered(const Escalation::OutboxEntry &entry);
    void onActionConflicted(const Escalation::OutboxEntry &entry);
    // The portal answered 403: the user's role may not; kept as refused.
    void onActionRefused(const Escalation::OutboxEntry &entry);

    // Who the desk acts as: the actions follow the role's permissions
    // (app/domain/permissions.h), disabled with the reason as tooltip; the
    // queue page follows the role's view (a director: levels 3 and 4, no
    // triage toolbar); the status bar says who it is and how it is known.
    void setSignedInUser(const Escalation::SignedInUser &user);

    void acceptCurrent();
    void declineCurrent();
    void takeCurrent();
    void noteCurrent();
    void analysisCurrent();
    void acknowledgeCurrent();
    // Follow-the-sun: hands the current request to another region's team.
    void handOffCurrent();
    // Waiting on the requester: ask (the clock pauses), or resume without an answer.
    void askRequesterCurrent();
    void resumeReviewCurrent();
    // Lists every shortcut of the window (Help → Keyboard shortcuts, `?`).
    void showKeyboardShortcuts();

Q_SIGNALS:
    // The user decided; the controller commits it to the outbox.
    void actionSubmitted(const QString &requestId, Escalation::OutboxAction action,
                         const QString &text, qint64 baseVersion,
                         const Escalation::ActionDetails &details);
    void syncRequested();
    // Who the desk acts as changed (setSignedInUser).
    void signedInUserChanged(const Escalation::SignedInUser &user);
    // The details pane shows a request: refresh its history in the background.
    void historyWanted(const QString &requestId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createQueuePage();
    void applyDeskRole(DeskRole role);
    // Enables action `which` when the role's permission and `applicable`
    // allow it; the tooltip says why not when the role is the reason.
    void gate(Action which, OutboxAction outboxAction, bool applicable);
    void updateActions();
    void refreshFilterLists();
    QString subjectLine() const;
    bool runDialog(OutboxAction action, const QString &initialText, const QString &warning);
    // Take, note or decline on every marked request (BulkActionDialog).
    void runBulk(OutboxAction action);
    // The reply of a decline for this request, from the template that fits it.
    QString declineReply(const Case &c, const EscalationRequest &r, const QString &reason,
                         QStringList *unknown) const;
    static QString standardDeclineReason();

    DeskContext m_context;
    QueueFilterProxy *m_proxy;
    QueueClusters *m_clusters;
    QueueView *m_view = nullptr;
    DetailsPane *m_details = nullptr;
    FilterBar *m_filterBar = nullptr;
    RequestSetBanner *m_requestSetBanner = nullptr;
    ClusterBar *m_clusterBar = nullptr;
    QString m_requestSetFrom; // the view the banner leads back to
    SyncIndicator *m_sync = nullptr;
    IdentityIndicator *m_identity = nullptr;
    SignedInUser m_user;
    QHash<Action, QString> m_tips; // what each action does, with its shortcut
    QSplitter *m_splitter = nullptr;
    QStackedWidget *m_pages;
    QToolBar *m_triageBar = nullptr;
    QToolBar *m_viewBar = nullptr;
    QMenu *m_viewMenu = nullptr;
    QActionGroup *m_viewGroup;
    QHash<QString, QWidget *> m_viewPages;
    QHash<QString, QAction *> m_viewActions;
    QStringList m_viewOrder;
    QHash<Action, QAction *> m_actions;
    QTimer m_listRefresh;
    QPointer<ShortcutsDialog> m_shortcuts;
    QPointer<BulkActionDialog> m_bulk; // the bulk action whose results are coming in
};

} // namespace Escalation

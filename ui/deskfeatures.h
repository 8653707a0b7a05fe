#pragma once

// Plugs the views and services beyond the manager's queue into the main
// window: the team lead's SLA monitor and the director's view (as pages of
// the view switcher, the role choosing the one shown first), the Settings
// entry, and the tray notifications of the review clock. It also feeds the
// models those views need besides the queue (case SLA flags, level-3/4
// obligations) from the same snapshot and change sets as the queue.

#include "deskrole.h"

#include <changeset.h>
#include <escalation.h>

#include <QHash>
#include <QObject>

namespace Escalation {

class AnalyticsView;
class DeskAppearance;
class DeskSettings;
class DesktopColorScheme;
class DirectorView;
class MainWindow;
class NotificationPolicy;
class ObligationIndex;
class QueueModel;
class RequestLookup;
class ReviewClockService;
class ClusterBar;
class RegionHoursLabel;
class SavedViewsMenu;
class SlaFlagsModel;
class SlaMonitorView;
class TrayNotifier;
class UnownedBreachWatch;

class DeskFeatures final : public QObject {
    Q_OBJECT
public:
    static QString teamLeadViewId() { return QStringLiteral("teamlead"); }
    static QString directorViewId() { return QStringLiteral("director"); }
    static QString queueViewId() { return QStringLiteral("queue"); }
    static QString viewIdFor(DeskRole role);

    // Everything must outlive the features, which live as long as window
    // (their parent).
    DeskFeatures(MainWindow *window, QueueModel *queue, ReviewClockService *clock,
                 const RequestLookup *lookup, DeskSettings *settings);

    // The initial load and every committed change, as the queue gets them.
    void loadSnapshot(const QList<EscalationRequest> &requests, const QHash<QString, Case> &cases);
    void applyChangeSet(const ChangeSet &changes);

    // Shows the view of the role (manager: the queue).
    void showViewForRole(DeskRole role);

    SlaMonitorView *teamLeadView() const { return m_teamLead; }
    DirectorView *directorView() const { return m_director; }
    SlaFlagsModel *slaFlags() const { return m_flags; }
    ObligationIndex *obligations() const { return m_obligations; }
    NotificationPolicy *notificationPolicy() const { return m_policy; }
    TrayNotifier *tray() const { return m_tray; }
    DeskAppearance *appearance() const { return m_appearance; }
    AnalyticsView *analyticsView() const { return m_analytics; }
    SavedViewsMenu *savedViews() const { return m_savedViews; }
    RegionHoursLabel *regionHours() const { return m_regionHours; }
    ClusterBar *clusters() const { return m_clusters; }
    UnownedBreachWatch *unownedBreaches() const { return m_unownedBreaches; }
    static QString analyticsViewId() { return QStringLiteral("analytics"); }

public Q_SLOTS:
    void openSettings();
    // Brings the window up with the request selected in the queue.
    void activateRequest(const QString &requestId);
    // The newest request of the case in the queue, if any.
    void activateCase(const QString &caseId);

Q_SIGNALS:
    // The settings dialog saved new values.
    void settingsChanged();

private:
    void addSettingsAction();
    QString describe(const QString &requestId) const;

    MainWindow *m_window;
    QueueModel *m_queue;
    DeskSettings *m_settings;
    SlaFlagsModel *m_flags;
    ObligationIndex *m_obligations;
    NotificationPolicy *m_policy;
    DeskAppearance *m_appearance;
    DesktopColorScheme *m_desktopScheme;
    SlaMonitorView *m_teamLead;
    AnalyticsView *m_analytics;
    SavedViewsMenu *m_savedViews;
    RegionHoursLabel *m_regionHours;
    ClusterBar *m_clusters;
    UnownedBreachWatch *m_unownedBreaches = nullptr;
    DirectorView *m_director;
    TrayNotifier *m_tray;
};

} // namespace Escalation

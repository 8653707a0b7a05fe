#pragma once

// The workstation's settings, typed: the backend and its address, the role,
// the user's name, the calendars folder and policy file, the review and SLA
// thresholds, the decline reply templates, the user's working hours, the
// trusted certificate pin and the main window's layout. Wraps QSettings
// (the keys are listed in docs/settings.md) and is the one place that reads
// and writes them; the rt/ group is parsed by RtSettings, reached through
// rtSettings(). Every getter falls back to the shipped default when a
// stored value is missing or unreadable, and says so through problems().
// The desktop app and escalation-desk-cli both read their configuration
// here, so that both compute the same clocks and reach the same backend
// (BackendConfig). The portal token is not here: it lives in the system
// keychain (PortalCredentials), never in this file.

#include "deskrole.h"

#include <calendarregistry.h>
#include <policyconfig.h>
#include <replytemplates.h>
#include <workinghours.h>

#include <QObject>
#include <QSettings>
#include <QStringList>
#include <QUrl>

#include <array>
#include <memory>
#include <optional>

namespace Escalation {

struct RtSettings;

class DeskSettings final : public QObject {
    Q_OBJECT
public:
    // The keys, for docs/settings.md and for tests.
    struct Keys {
        static QString connector() { return QStringLiteral("connector"); }
        static QString portalUrl() { return QStringLiteral("portal/url"); }
        static QString trustedCertificate()
        {
            return QStringLiteral("portal/trustedCertificateSha256");
        }
        static QString role() { return QStringLiteral("desk/role"); }
        static QString appearance() { return QStringLiteral("desk/appearance"); }
        static QString retentionMonths() { return QStringLiteral("analytics/retentionMonths"); }
        static QString unownedBreachMinutes()
        {
            return QStringLiteral("notifications/unownedBreachMinutes");
        }
        static QString userName() { return QStringLiteral("identity/name"); }
        static QString lastIdentityGroup() { return QStringLiteral("identity/last"); }
        static QString calendarsDirectory() { return QStringLiteral("calendars/directory"); }
        static QString approachingMode() { return QStringLiteral("review/approachingMode"); }
        static QString approachingMinutes() { return QStringLiteral("review/approachingMinutes"); }
        static QString approachingShare() { return QStringLiteral("review/approachingShare"); }
        static QString firstResponsePremium()
        {
            return QStringLiteral("sla/firstResponseMinutes/premium");
        }
        static QString firstResponseStandard()
        {
            return QStringLiteral("sla/firstResponseMinutes/standard");
        }
        static QString supportSilence() { return QStringLiteral("sla/supportSilenceHours"); }
        static QString templatesGroup() { return QStringLiteral("declineTemplates"); }
        static QString workingDays() { return QStringLiteral("workingHours/days"); }
        static QString workingFrom() { return QStringLiteral("workingHours/from"); }
        static QString workingTo() { return QStringLiteral("workingHours/to"); }
        static QString notified() { return QStringLiteral("notifications/notified"); }
        static QString windowGeometry() { return QStringLiteral("mainWindow/geometry"); }
        static QString windowState() { return QStringLiteral("mainWindow/state"); }
        static QString windowSplitter() { return QStringLiteral("mainWindow/splitter"); }
        static QString windowView() { return QStringLiteral("mainWindow/view"); }
        static QString queueHeader() { return QStringLiteral("queue/header"); }
        static QString savedViews() { return QStringLiteral("queue/savedViews"); }
        static QString confirmedClusters() { return QStringLiteral("queue/confirmedClusters"); }
    };

    // How the user left the main window: Qt's own opaque state blobs
    // (QWidget::saveGeometry, QMainWindow::saveState, QSplitter::saveState,
    // QHeaderView::saveState) and the id of the view shown.
    struct WindowLayout {
        QByteArray geometry;
        QByteArray state;
        QByteArray splitter;
        QByteArray queueHeader;
        QString view;
    };

    // The application's QSettings (organisation and application name).
    explicit DeskSettings(QObject *parent = nullptr);
    // An INI file at fileName: tests, and a portable setup.
    DeskSettings(const QString &fileName, QObject *parent);
    ~DeskSettings() override;

    QString fileName() const { return m_settings->fileName(); }
    // What could not be read from the stored values (translated), for the
    // status bar or a log; the defaults were used instead.
    QStringList problems() const;
    void sync();

    // Which backend to sync from: "native" (the portal contract) or "rt"
    // (Request Tracker); nullopt and *error for any other stored value.
    std::optional<QString> connector(QString *error) const;
    // The address stored for that backend: portal/url as typed, or rt/url
    // as RtSettings reads it; empty when unset.
    QString storedBackendUrl(const QString &connector) const;
    // The rt/ group (RtSettings::fromSettings): how to read Request Tracker.
    // What it could not read is added to *problems.
    RtSettings rtSettings(QStringList *problems) const;

    // Empty when unset: the desk then works from its cache alone.
    QUrl portalUrl() const;
    void setPortalUrl(const QUrl &url); // an empty URL removes the setting
    // Normalised hex (no separators), empty when no pin is set.
    QByteArray trustedCertificateSha256() const;
    void setTrustedCertificateSha256(const QByteArray &normalizedHex);

    DeskRole role() const;
    void setRole(DeskRole role);

    // Colours: the desktop's light or dark choice (the default), or one the
    // user fixed. Stored as desktop, light, dark or high-contrast.
    enum class Appearance : quint8 { Desktop, Light, Dark, HighContrast };
    Appearance appearance() const;
    void setAppearance(Appearance appearance);
    static QString displayName(Appearance appearance);

    // How long the cache keeps requests that left the queue, for the
    // analytics: 1 to 120 months, default 13 (a year and the month before).
    int retentionMonths() const;
    void setRetentionMonths(int months);
    static constexpr int DefaultRetentionMonths = 13;

    // A team lead's desk is told when a breached request has been left
    // without an owner this long (minutes; 0: never).
    int unownedBreachMinutes() const;
    void setUnownedBreachMinutes(int minutes);
    static constexpr int DefaultUnownedBreachMinutes = 30;

    // The name recorded with decisions, as set; empty when unset.
    QString userName() const;

    // The identity the portal at backend (a URL, with the connector kind)
    // last confirmed, for a start without the portal; nullopt when none is
    // cached for that backend. Never a token.
    std::optional<UserIdentity> lastIdentity(const QString &backend) const;
    void setLastIdentity(const QString &backend, const UserIdentity &identity);

    // The user's folder as set; empty when unset.
    QString calendarsDirectory() const;
    void setCalendarsDirectory(const QString &dir);
    // Used when no folder is set (and only if it exists): "calendars" in
    // the application's configuration folder.
    static QString defaultCalendarsDirectory();
    // The built-in calendars with the user's folder loaded over them.
    CalendarRegistry calendars(QStringList *errors) const;

    // The shipped policy (or base) with the user's thresholds applied.
    PolicyConfig policy() const { return policy(PolicyConfig::defaults()); }
    PolicyConfig policy(const PolicyConfig &base) const;
    // "policy.json" in the application's configuration folder, if there is
    // one: it overrides the shipped policy (docs/settings.md).
    static QString userPolicyFile();
    // What the review clocks run on: the shipped policy, the user's policy
    // file over it, the thresholds of these settings over both. What could
    // not be read is added to *errors; the defaults stand in for it.
    PolicyConfig effectivePolicy(QStringList *errors) const;
    void setApproachingMinutes(int minutes); // duration mode
    void setApproachingShare(double share); // share mode, 0 < share < 1
    void setFirstResponseMinutes(SupportTier tier, const std::array<int, 4> &minutesBySeverity);
    void setSupportSilenceHours(const std::array<int, 4> &hoursBySeverity);
    // Back to the shipped thresholds.
    void resetThresholds();

    // The shipped templates with the user's edits applied.
    ReplyTemplates replyTemplates() const;
    void setReplyTemplate(const QString &key, const QString &text);
    void resetReplyTemplate(const QString &key);

    WorkingHours workingHours() const;
    void setWorkingHours(const WorkingHours &hours);

    QStringList notifiedKeys() const;
    void setNotifiedKeys(const QStringList &keys);

    WindowLayout windowLayout() const;
    void setWindowLayout(const WindowLayout &layout);

    // The user's own saved views of the queue, as the file that shares
    // them (SavedViews::toFile); empty when there are none.
    QByteArray savedViewsFile() const;
    void setSavedViewsFile(const QByteArray &file);
    // The major-issue clusters confirmed on this desk (QueueClusters::toJson).
    QByteArray confirmedClusters() const;
    void setConfirmedClusters(const QByteArray &json);

    // Parses "30, 60, 240, 480": four positive whole numbers.
    static std::optional<std::array<int, 4>> parseFour(const QString &text,
                                                       QString *error = nullptr);
    static QString formatFour(const std::array<int, 4> &values);

Q_SIGNALS:
    // Something changed: views that follow settings re-read them.
    void changed();

private:
    std::optional<std::array<int, 4>> readFour(const QString &key) const;

    std::unique_ptr<QSettings> m_settings;
    mutable QStringList m_problems;
};

} // namespace Escalation

#pragma once

// The desk's tray icon and its pop-ups. NotificationPolicy decides what to
// say and when (once per request and state, nothing outside working hours);
// this class only shows it and turns a click on a pop-up into
// requestActivated(id), which the main window answers by selecting the
// request. The notified keys are saved, so a restart repeats nothing.

#include <notificationpolicy.h>

#include <QObject>
#include <QSystemTrayIcon>

class QAction;
class QMenu;

namespace Escalation {

class DeskSettings;

class TrayNotifier final : public QObject {
    Q_OBJECT
public:
    // policy and settings (may be null) must outlive the notifier.
    TrayNotifier(NotificationPolicy *policy, DeskSettings *settings, QObject *parent = nullptr);
    ~TrayNotifier() override;

    // False where the desktop has no tray (then nothing pops up, and the
    // queue's colours remain the only signal).
    bool isTrayAvailable() const;
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    // The last notification shown; what a click on the pop-up opens.
    const DeskNotification &lastShown() const { return m_last; }
    int shownCount() const { return m_shown; }

public Q_SLOTS:
    void show(const Escalation::DeskNotification &notification);
    // The user clicked the last pop-up (QSystemTrayIcon::messageClicked).
    void activateLast();

Q_SIGNALS:
    void requestActivated(const QString &requestId);
    // "Show window" from the tray menu or a click on the icon.
    void windowRequested();

private:
    void updateToolTip(int queued);

    NotificationPolicy *m_policy;
    DeskSettings *m_settings;
    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    DeskNotification m_last;
    int m_shown = 0;
};

} // namespace Escalation

#include "traynotifier.h"

#include "desksettings.h"
#include "uilogging.h"

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QMenu>
#include <QStyle>

namespace Escalation {

TrayNotifier::TrayNotifier(NotificationPolicy *policy, DeskSettings *settings, QObject *parent)
    : QObject(parent)
    , m_policy(policy)
    , m_settings(settings)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    // The app's icon when the desktop theme has it, else the embedded one;
    // a tray entry without any icon would be invisible.
    const QString embedded = QStringLiteral(":/icons/escalation-desk.svg");
    QIcon icon = QIcon::fromTheme(QStringLiteral("org.escalationdesk.EscalationDesk"));
    if (icon.isNull() && QFile::exists(embedded))
        icon = QIcon(embedded);
    if (icon.isNull())
        icon = QApplication::windowIcon();
    if (icon.isNull())
        icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
    m_tray->setIcon(icon);
    m_menu->addAction(tr("Show Escalation Desk"), this, &TrayNotifier::windowRequested);
    m_tray->setContextMenu(m_menu);
    updateToolTip(0);

    if (settings) {
        policy->restoreNotifiedKeys(settings->notifiedKeys());
        connect(policy, &NotificationPolicy::notifiedKeysChanged, this,
                [this] { m_settings->setNotifiedKeys(m_policy->notifiedKeys()); });
    }
    connect(policy, &NotificationPolicy::notificationReady, this, &TrayNotifier::show);
    connect(policy, &NotificationPolicy::queuedChanged, this, &TrayNotifier::updateToolTip);
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::activateLast);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    Q_EMIT windowRequested();
            });
    if (isTrayAvailable())
        m_tray->show();
    else
        qCInfo(lcUi) << "no system tray: review clock notifications will not pop up";
}

TrayNotifier::~TrayNotifier()
{
    // The menu has no QObject parent (QSystemTrayIcon does not own it).
    delete m_menu;
}

bool TrayNotifier::isTrayAvailable() const
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayNotifier::show(const DeskNotification &notification)
{
    m_last = notification;
    ++m_shown;
    const QSystemTrayIcon::MessageIcon icon = notification.state == ClockState::Breached
        ? QSystemTrayIcon::Critical
        : QSystemTrayIcon::Warning;
    if (m_tray->isVisible() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(notification.title, notification.message, icon, 15000);
}

void TrayNotifier::activateLast()
{
    if (!m_last.requestId.isEmpty())
        Q_EMIT requestActivated(m_last.requestId);
}

void TrayNotifier::updateToolTip(int queued)
{
    m_tray->setToolTip(
        queued > 0
            ? tr("Escalation Desk — %n notice(s) waiting for your working hours", nullptr, queued)
            : tr("Escalation Desk"));
}

} // namespace Escalation

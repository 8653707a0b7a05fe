#pragma once

// For a team lead: breached requests nobody has taken. A request still
// pending and unowned a set time after its review target passed is handed
// to the notification policy once (which keeps it for the team lead's
// working hours). Checked once a minute and when enabled, so a request
// crosses the threshold without any other event.

#include <QObject>
#include <QTimer>

#include <functional>

namespace Escalation {

class NotificationPolicy;
class QueueModel;

class UnownedBreachWatch final : public QObject {
    Q_OBJECT
public:
    using NowFunction = std::function<qint64()>; // epoch seconds

    UnownedBreachWatch(QueueModel *queue, NotificationPolicy *policy, QObject *parent = nullptr);

    // 0 minutes, or not enabled: nothing is reported.
    void setThresholdMinutes(int minutes);
    int thresholdMinutes() const { return m_minutes; }
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    void setNowFunction(NowFunction now) { m_now = std::move(now); }

    // Hands every request past the threshold to the policy (which tells of
    // each once); returns how many are past it.
    int check();

private:
    QueueModel *m_queue;
    NotificationPolicy *m_policy;
    NowFunction m_now;
    QTimer m_timer;
    int m_minutes = 0;
    bool m_enabled = false;
};

} // namespace Escalation

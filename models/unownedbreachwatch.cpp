#include "unownedbreachwatch.h"

#include "notificationpolicy.h"
#include "queuefilter.h"
#include "queuemodel.h"

#include <QDateTime>

namespace Escalation {

UnownedBreachWatch::UnownedBreachWatch(QueueModel *queue, NotificationPolicy *policy,
                                       QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_policy(policy)
    , m_now([] { return QDateTime::currentSecsSinceEpoch(); })
{
    m_timer.setInterval(60 * 1000);
    // Once a minute, not on every row change: a sync changes thousands of
    // rows, and a minute is well within the tens of minutes watched for.
    connect(&m_timer, &QTimer::timeout, this, &UnownedBreachWatch::check);
}

void UnownedBreachWatch::setThresholdMinutes(int minutes)
{
    m_minutes = std::max(0, minutes);
    setEnabled(m_enabled);
}

void UnownedBreachWatch::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (m_enabled && m_minutes > 0) {
        m_timer.start();
        check();
    } else {
        m_timer.stop();
    }
}

int UnownedBreachWatch::check()
{
    if (!m_enabled || m_minutes <= 0)
        return 0;
    const qint64 latestDue = m_now() - qint64(m_minutes) * 60;
    QList<std::pair<QString, QDateTime>> past;
    for (int row = 0; row < m_queue->rowCount(); ++row) {
        const QueueFilterSubject s = m_queue->attributeSubject(row);
        if (s.clock != ClockState::Breached || s.state != RequestState::Pending
            || !s.owner.isEmpty())
            continue;
        const QDateTime due =
            m_queue->index(row, QueueColumn::Countdown).data(QueueRole::DueAtRole).toDateTime();
        if (!due.isValid() || due.toSecsSinceEpoch() > latestDue)
            continue;
        past.append({s.requestId.toString(), due});
    }
    m_policy->observeUnownedBreaches(past);
    return int(past.size());
}

} // namespace Escalation

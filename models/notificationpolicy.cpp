#include "notificationpolicy.h"

#include "modelslogging.h"
#include "reviewclockservice.h"

#include <algorithm>

namespace Escalation {

namespace {
// Timers longer than this are cut short, so that a suspended machine or a
// changed system clock delays a summary by at most a few minutes.
constexpr qint64 MaxFlushWaitMs = 5 * 60 * 1000;
} // namespace

NotificationPolicy::NotificationPolicy(QObject *parent)
    : QObject(parent)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
    , m_describe([](const QString &id) { return id; })
{
    qRegisterMetaType<Escalation::DeskNotification>();
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &NotificationPolicy::flushIfWorking);
}

void NotificationPolicy::setWorkingHours(const WorkingHours &hours)
{
    m_hours = hours;
    flushIfWorking();
    scheduleFlush();
}

void NotificationPolicy::setNowFunction(NowFunction now)
{
    m_now = std::move(now);
}

void NotificationPolicy::setDescriber(Describer describe)
{
    m_describe = std::move(describe);
}

void NotificationPolicy::watch(ReviewClockService *clock)
{
    connect(clock, &ReviewClockService::clockStatesChanged, this,
            [this, clock](const QStringList &ids) {
                for (const QString &id : ids)
                    observe(id, clock->entry(id).state);
            });
}

QString NotificationPolicy::keyOf(const QString &requestId, ClockState state)
{
    return requestId + QLatin1Char('|') + toCode(state);
}

bool NotificationPolicy::isQuietNow() const
{
    return !m_hours.contains(m_now());
}

void NotificationPolicy::remember(const QString &key)
{
    m_keys.insert(key);
    m_keyOrder.append(key);
    while (m_keyOrder.size() > MaxRememberedKeys)
        m_keys.remove(m_keyOrder.takeFirst());
    Q_EMIT notifiedKeysChanged();
}

void NotificationPolicy::restoreNotifiedKeys(const QStringList &keys)
{
    m_keys.clear();
    m_keyOrder.clear();
    for (const QString &key : keys) {
        if (!key.contains(QLatin1Char('|')) || m_keys.contains(key))
            continue;
        m_keys.insert(key);
        m_keyOrder.append(key);
    }
    while (m_keyOrder.size() > MaxRememberedKeys)
        m_keys.remove(m_keyOrder.takeFirst());
}

DeskNotification NotificationPolicy::make(const QString &requestId, ClockState state,
                                          const QDateTime &at) const
{
    DeskNotification n;
    n.requestId = requestId;
    n.state = state;
    n.at = at;
    n.title = state == ClockState::Breached ? tr("Review target missed") : tr("Review due soon");
    const QString who = m_describe(requestId);
    n.message = state == ClockState::Breached
        ? tr("%1 has not been answered within its review target.").arg(who)
        : tr("%1 is close to its review target.").arg(who);
    return n;
}

void NotificationPolicy::observe(const QString &requestId, ClockState state)
{
    if (state != ClockState::Approaching && state != ClockState::Breached)
        return;
    const QString key = keyOf(requestId, state);
    if (m_keys.contains(key))
        return;
    deliver(make(requestId, state, m_now()), key);
}

DeskNotification NotificationPolicy::makeUnowned(const QString &requestId,
                                                 const QDateTime &breachedAt) const
{
    DeskNotification n;
    n.requestId = requestId;
    n.state = ClockState::Breached;
    n.unowned = true;
    n.at = m_now();
    n.title = tr("Breached and not taken");
    const qint64 minutes = std::max<qint64>(0, breachedAt.secsTo(n.at) / 60);
    n.message = tr("%1 missed its review target %2 min ago and nobody has taken it.")
                    .arg(m_describe(requestId))
                    .arg(minutes);
    return n;
}

void NotificationPolicy::observeHandOff(const QString &requestId, const HandOff &handOff)
{
    const QString key =
        requestId + QStringLiteral("|handoff|") + QString::number(handOff.at.toSecsSinceEpoch());
    if (m_keys.contains(key))
        return;
    DeskNotification n;
    n.requestId = requestId;
    n.state = ClockState::Approaching;
    n.handedOver = true;
    n.at = m_now();
    n.title = tr("Handed to your team");
    n.message = handOff.text.isEmpty()
        ? tr("%1 was handed from %2 to %3 by %4.")
              .arg(m_describe(requestId), handOff.fromTeam, handOff.toTeam, handOff.by)
        : tr("%1 was handed from %2 to %3 by %4: %5")
              .arg(m_describe(requestId), handOff.fromTeam, handOff.toTeam, handOff.by,
                   handOff.text);
    deliver(n, key);
}

void NotificationPolicy::observeUnownedBreach(const QString &requestId, const QDateTime &breachedAt)
{
    observeUnownedBreaches({{requestId, breachedAt}});
}

void NotificationPolicy::observeUnownedBreaches(
    const QList<std::pair<QString, QDateTime>> &breaches)
{
    QList<std::pair<QString, QDateTime>> fresh;
    for (const auto &[id, at] : breaches)
        if (!m_keys.contains(id + QStringLiteral("|unowned")))
            fresh.append({id, at});
    if (fresh.isEmpty())
        return;
    if (fresh.size() == 1 || !m_hours.contains(m_now())) {
        // Quiet hours queue each; the summary at the start of work counts them.
        for (const auto &[id, at] : fresh)
            deliver(makeUnowned(id, at), id + QStringLiteral("|unowned"));
        return;
    }
    // The longest waiting first: a click opens it.
    std::sort(fresh.begin(), fresh.end(),
              [](const auto &a, const auto &b) { return a.second < b.second; });
    for (const auto &[id, at] : fresh)
        remember(id + QStringLiteral("|unowned"));
    DeskNotification n = makeUnowned(fresh.constFirst().first, fresh.constFirst().second);
    n.summarizedCount = int(fresh.size());
    n.title = tr("%1 breached requests nobody has taken").arg(fresh.size());
    n.message = tr("The longest waiting: %1").arg(n.message);
    Q_EMIT notificationReady(n);
}

void NotificationPolicy::deliver(const DeskNotification &n, const QString &key)
{
    remember(key);
    if (m_hours.contains(n.at)) {
        Q_EMIT notificationReady(n);
        return;
    }
    // A breach says more than the warning queued for the same request, and
    // an unowned breach more than the breach.
    const auto same =
        std::find_if(m_queued.begin(), m_queued.end(),
                     [&](const DeskNotification &q) { return q.requestId == n.requestId; });
    if (same != m_queued.end())
        *same = n;
    else
        m_queued.append(n);
    qCDebug(lcModels) << "quiet hours: queued" << key;
    Q_EMIT queuedChanged(int(m_queued.size()));
    scheduleFlush();
}

DeskNotification NotificationPolicy::summarize() const
{
    if (m_queued.size() == 1) {
        DeskNotification only = m_queued.constFirst();
        only.summarizedCount = 1;
        return only;
    }
    const auto breached =
        int(std::count_if(m_queued.cbegin(), m_queued.cend(), [](const DeskNotification &n) {
            return n.state == ClockState::Breached;
        }));
    const int approaching = int(m_queued.size()) - breached;
    // A click opens the first breach, or else the first warning.
    const auto first =
        std::find_if(m_queued.cbegin(), m_queued.cend(),
                     [](const DeskNotification &n) { return n.state == ClockState::Breached; });
    DeskNotification s = first != m_queued.cend() ? *first : m_queued.constFirst();
    s.summarizedCount = int(m_queued.size());
    s.title = tr("While you were away: %n review clock(s) changed", nullptr, int(m_queued.size()));
    s.message =
        tr("%1 missed the review target, %2 came close to it. Click to open the most urgent one.")
            .arg(breached)
            .arg(approaching);
    return s;
}

void NotificationPolicy::flushIfWorking()
{
    if (m_queued.isEmpty())
        return;
    if (isQuietNow()) {
        scheduleFlush();
        return;
    }
    const DeskNotification summary = summarize();
    m_queued.clear();
    Q_EMIT queuedChanged(0);
    Q_EMIT notificationReady(summary);
}

void NotificationPolicy::scheduleFlush()
{
    if (m_queued.isEmpty()) {
        m_flushTimer.stop();
        return;
    }
    const QDateTime now = m_now();
    const std::optional<QDateTime> start = m_hours.nextStart(now);
    if (!start) {
        m_flushTimer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(now.msecsTo(*start), 0, MaxFlushWaitMs);
    m_flushTimer.start(std::chrono::milliseconds(wait + 500));
}

} // namespace Escalation

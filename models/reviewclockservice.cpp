#include "reviewclockservice.h"

#include "modelslogging.h"

#include <QDateTime>

#include <algorithm>

namespace Escalation {

namespace {
// Long sleeps are cut short so that a suspended machine or a changed system
// clock is noticed within a minute.
constexpr qint64 MaxWakeIntervalMs = 60 * 1000;
} // namespace

ReviewClockService::ReviewClockService(CalendarRegistry calendars, ReviewClock clock,
                                       QObject *parent)
    : QObject(parent)
    , m_calendars(std::move(calendars))
    , m_clock(std::move(clock))
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_wakeTimer.setSingleShot(true);
    m_wakeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_wakeTimer, &QTimer::timeout, this, &ReviewClockService::updateNow);
    m_tickTimer.setInterval(1000);
    connect(&m_tickTimer, &QTimer::timeout, this, &ReviewClockService::countdownTick);
}

ReviewClockService::~ReviewClockService() = default;

void ReviewClockService::setNowFunction(NowFunction now)
{
    m_now = std::move(now);
    m_scheduledAt = NoInstant;
    scheduleWake();
}

quint16 ReviewClockService::calendarIndex(const QString &calendarId)
{
    const auto it = m_calendarIds.constFind(calendarId);
    if (it != m_calendarIds.cend())
        return it.value();
    const CalendarRegistry::Lookup found = m_calendars.find(calendarId);
    if (found.isFallback)
        qCWarning(lcModels) << "unknown calendar" << calendarId << "- using" << found.calendar.id();
    const auto index = quint16(m_calendarList.size());
    m_calendarList.push_back(found.calendar);
    m_calendarIds.insert(calendarId, index);
    return index;
}

CalendarRegistry::Lookup ReviewClockService::calendar(const QString &calendarId) const
{
    return m_calendars.find(calendarId);
}

ReviewClockService::Entry ReviewClockService::track(const EscalationRequest &request)
{
    const quint16 cal = calendarIndex(request.calendarId);
    const BusinessCalendar &calendar = m_calendarList[cal];
    const qint64 requestedAt =
        request.requestedAt.isValid() ? request.requestedAt.toSecsSinceEpoch() : 0;
    const qint64 answeredAt =
        request.state == RequestState::Pending ? NoInstant : ReviewClock::answeredAtOf(request);

    Tracked t;
    t.times = m_clock.times(calendar, requestedAt, answeredAt, pausesOf(request, answeredAt));
    t.calendar = cal;
    t.generation = m_nextGeneration++;
    const qint64 now = nowSecs();
    t.state = t.times.stateAt(now);
    m_tracked.insert(request.id, t);

    const qint64 next = t.times.nextStateChangeAt(now);
    if (next != NoInstant)
        push(next, t.generation, request.id);
    if (!m_tickTimer.isActive())
        m_tickTimer.start();
    return {t.times.dueAt, t.state};
}

void ReviewClockService::untrack(const QString &requestId)
{
    // Its heap entries become stale and are skipped when they surface.
    m_tracked.remove(requestId);
    if (m_tracked.isEmpty())
        m_tickTimer.stop();
}

ReviewClockService::Entry ReviewClockService::entry(const QString &requestId) const
{
    const auto it = m_tracked.constFind(requestId);
    if (it == m_tracked.cend())
        return {};
    return {it->times.dueAt, it->state};
}

std::optional<ReviewTimes> ReviewClockService::times(const QString &requestId) const
{
    const auto it = m_tracked.constFind(requestId);
    return it == m_tracked.cend() ? std::nullopt : std::optional(it->times);
}

qint64 ReviewClockService::remainingSeconds(const QString &requestId) const
{
    const auto it = m_tracked.constFind(requestId);
    if (it == m_tracked.cend())
        return 0;
    return ReviewClock::remainingBusinessSeconds(m_calendarList[it->calendar], it->times,
                                                 nowSecs());
}

bool ReviewClockService::isPaused(const QString &requestId) const
{
    const auto it = m_tracked.constFind(requestId);
    if (it == m_tracked.cend() || it->state == ClockState::Answered)
        return false;
    return !m_calendarList[it->calendar].isBusinessTime(nowSecs());
}

void ReviewClockService::push(qint64 at, quint32 generation, const QString &id)
{
    m_heap.push_back({at, generation, id});
    std::push_heap(m_heap.begin(), m_heap.end(), std::greater<>());
    if (m_heap.size() > 1024 && m_heap.size() > 2 * std::size_t(m_tracked.size()))
        compactHeap();
    if (at < m_scheduledAt)
        scheduleWake();
}

void ReviewClockService::compactHeap()
{
    std::erase_if(m_heap, [this](const Wake &w) {
        const auto it = m_tracked.constFind(w.id);
        return it == m_tracked.cend() || it->generation != w.generation;
    });
    std::make_heap(m_heap.begin(), m_heap.end(), std::greater<>());
}

void ReviewClockService::dropStale()
{
    while (!m_heap.empty()) {
        const Wake &top = m_heap.front();
        const auto it = m_tracked.constFind(top.id);
        if (it != m_tracked.cend() && it->generation == top.generation)
            return;
        std::pop_heap(m_heap.begin(), m_heap.end(), std::greater<>());
        m_heap.pop_back();
    }
}

qint64 ReviewClockService::nextWakeAt()
{
    dropStale();
    return m_heap.empty() ? NoInstant : m_heap.front().at;
}

void ReviewClockService::scheduleWake()
{
    const qint64 at = nextWakeAt();
    m_scheduledAt = at;
    if (at == NoInstant) {
        m_wakeTimer.stop();
        return;
    }
    const qint64 delay = std::clamp<qint64>(at * 1000 - nowMSecs(), 0, MaxWakeIntervalMs);
    m_wakeTimer.start(int(delay));
}

void ReviewClockService::updateNow()
{
    const qint64 now = nowSecs();
    QStringList changed;
    while (!m_heap.empty() && m_heap.front().at <= now) {
        std::pop_heap(m_heap.begin(), m_heap.end(), std::greater<>());
        Wake wake = std::move(m_heap.back());
        m_heap.pop_back();
        const auto it = m_tracked.find(wake.id);
        if (it == m_tracked.end() || it->generation != wake.generation)
            continue;
        const ClockState state = it->times.stateAt(now);
        if (state != it->state) {
            it->state = state;
            changed.append(wake.id);
        }
        const qint64 next = it->times.nextStateChangeAt(now);
        if (next != NoInstant) {
            m_heap.push_back({next, wake.generation, std::move(wake.id)});
            std::push_heap(m_heap.begin(), m_heap.end(), std::greater<>());
        }
    }
    scheduleWake();
    if (!changed.isEmpty()) {
        qCDebug(lcModels) << changed.size() << "review clocks changed state";
        Q_EMIT clockStatesChanged(changed);
    }
}

} // namespace Escalation

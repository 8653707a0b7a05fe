#pragma once

// The app's one review clock. It computes each request's approaching and due
// instants once (on the request's business calendar), keeps them in a
// min-heap of upcoming state changes, and wakes with a single timer exactly
// at the next change: only the requests whose state changed are reported.
// A separate once-a-second tick lets views repaint their visible countdown
// cells without touching the model.

#include <calendarregistry.h>
#include <escalation.h>
#include <reviewclock.h>

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>
#include <vector>

namespace Escalation {

class ReviewClockService final : public QObject {
    Q_OBJECT
public:
    // Milliseconds since the epoch; tests inject a fake clock.
    using NowFunction = std::function<qint64()>;

    ReviewClockService(CalendarRegistry calendars, ReviewClock clock, QObject *parent = nullptr);
    ~ReviewClockService() override;

    void setNowFunction(NowFunction now);
    qint64 nowMSecs() const { return m_now(); }
    qint64 nowSecs() const { return m_now() / 1000; }

    struct Entry {
        qint64 dueAt = NoInstant; // epoch seconds
        ClockState state = ClockState::Answered;
    };
    // Starts (or, for a known id, recomputes) the request's clock.
    Entry track(const EscalationRequest &request);
    // Room for n tracked requests, so that a bulk load does not rehash.
    void reserve(int n) { m_tracked.reserve(n); }
    void untrack(const QString &requestId);
    Entry entry(const QString &requestId) const;
    std::optional<ReviewTimes> times(const QString &requestId) const;
    // Business seconds until the review target; negative when overdue.
    qint64 remainingSeconds(const QString &requestId) const;
    // The request's calendar is closed now, so its countdown stands still
    // (nights, weekends, holidays). Answered requests are never paused.
    bool isPaused(const QString &requestId) const;
    int trackedCount() const { return int(m_tracked.size()); }

    // The calendar a request with this calendar id runs on (the default,
    // flagged as fallback, when the id is unknown).
    CalendarRegistry::Lookup calendar(const QString &calendarId) const;
    const CalendarRegistry &calendars() const { return m_calendars; }
    const ReviewClock &reviewClock() const { return m_clock; }

    // The instant (epoch seconds) of the next state change; NoInstant if none.
    qint64 nextWakeAt();

public Q_SLOTS:
    // Applies every state change due at now. The wake timer calls it; so may
    // anyone who moved the clock (tests, resume from suspend).
    void updateNow();

Q_SIGNALS:
    void clockStatesChanged(const QStringList &requestIds);
    void countdownTick();

private:
    struct Tracked {
        ReviewTimes times;
        quint32 generation = 0;
        quint16 calendar = 0;
        ClockState state = ClockState::OnTrack;
    };
    struct Wake {
        qint64 at;
        quint32 generation;
        QString id;
        bool operator>(const Wake &o) const { return at > o.at; }
    };

    quint16 calendarIndex(const QString &calendarId);
    void push(qint64 at, quint32 generation, const QString &id);
    void dropStale();
    void scheduleWake();
    void compactHeap();

    CalendarRegistry m_calendars;
    ReviewClock m_clock;
    NowFunction m_now;
    QHash<QString, Tracked> m_tracked;
    std::vector<Wake> m_heap; // min-heap on `at`, stale entries skipped lazily
    std::vector<BusinessCalendar> m_calendarList;
    QHash<QString, quint16> m_calendarIds;
    quint32 m_nextGeneration = 1;
    QTimer m_wakeTimer;
    QTimer m_tickTimer;
    qint64 m_scheduledAt = NoInstant;
};

} // namespace Escalation

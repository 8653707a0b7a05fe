#pragma once

// Decides when the desk tells its user about a review clock: once when a
// request enters "approaching", once when it breaches — never twice for the
// same request and state, also across restarts (the keys already notified
// are handed back for storage). Outside the user's working hours nothing
// pops up: notices wait in a queue and arrive as one summary when work
// starts. Widget-free, so that the rules are tested without a tray.

#include "escalation.h"
#include "reviewclock.h"
#include "workinghours.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <functional>

namespace Escalation {

class ReviewClockService;

struct DeskNotification {
    QString requestId; // what a click on it opens
    ClockState state = ClockState::Approaching;
    QString title;
    QString message; // plain text
    QDateTime at; // when the state was entered (as observed)
    int summarizedCount = 0; // > 0: a summary of this many queued notices
    bool unowned = false; // breached and left without an owner (for a team lead)
    bool handedOver = false; // handed to the user's team from another region

    friend bool operator==(const DeskNotification &, const DeskNotification &) = default;
};

class NotificationPolicy final : public QObject {
    Q_OBJECT
public:
    using NowFunction = std::function<QDateTime()>;
    // One line that names the request for a person: case number, account, subject.
    using Describer = std::function<QString(const QString &requestId)>;

    // The number of notified keys kept; older ones are forgotten first.
    static constexpr int MaxRememberedKeys = 5000;

    explicit NotificationPolicy(QObject *parent = nullptr);

    void setWorkingHours(const WorkingHours &hours);
    const WorkingHours &workingHours() const { return m_hours; }
    void setNowFunction(NowFunction now);
    void setDescriber(Describer describe);

    // Follows the clock service: every reported state change is observed.
    void watch(ReviewClockService *clock);

    // The request's clock entered state. Approaching and breached notify
    // (once per request and state); other states are ignored.
    void observe(const QString &requestId, ClockState state);
    // The request breached at breachedAt and nobody has taken it since:
    // tells a team lead once per request (queued in quiet hours like the rest).
    void observeUnownedBreach(const QString &requestId, const QDateTime &breachedAt);
    // Several at once (a check after a start or a quiet spell): one notice
    // that names how many, not one pop-up each.
    void observeUnownedBreaches(const QList<std::pair<QString, QDateTime>> &breaches);
    // The request was handed to the user's team (follow-the-sun): tells
    // once per hand-off, queued in quiet hours like the rest.
    void observeHandOff(const QString &requestId, const HandOff &handOff);

    bool isQuietNow() const;
    QList<DeskNotification> queued() const { return m_queued; }

    // Keys ("<request id>|<state code>") notified or queued so far, oldest
    // first; restore them after a restart so nothing is repeated.
    QStringList notifiedKeys() const { return m_keyOrder; }
    void restoreNotifiedKeys(const QStringList &keys);

public Q_SLOTS:
    // Delivers the queued notices as one summary when working time has
    // begun; a timer calls it at the next start of work.
    void flushIfWorking();

Q_SIGNALS:
    // Show this now (a pop-up).
    void notificationReady(const Escalation::DeskNotification &notification);
    void queuedChanged(int count);
    void notifiedKeysChanged();

private:
    static QString keyOf(const QString &requestId, ClockState state);
    void remember(const QString &key);
    DeskNotification make(const QString &requestId, ClockState state, const QDateTime &at) const;
    DeskNotification summarize() const;
    void scheduleFlush();
    void deliver(const DeskNotification &notification, const QString &key);
    DeskNotification makeUnowned(const QString &requestId, const QDateTime &breachedAt) const;

    WorkingHours m_hours;
    NowFunction m_now;
    Describer m_describe;
    QSet<QString> m_keys;
    QStringList m_keyOrder;
    QList<DeskNotification> m_queued;
    QTimer m_flushTimer;
};

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::DeskNotification)

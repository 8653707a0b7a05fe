#pragma once

// A business calendar: the working hours of one region or support tier, in
// its own IANA time zone, with yearly and one-off holidays. The review clock
// (4 business hours) and every deadline of the app run on it.
//
// Semantics (DESIGN.md §1, "Business calendar"):
// - An instant is business time when its local wall-clock time lies inside a
//   working interval of its local weekday and its local date is not a
//   holiday. Business time is the real time elapsed inside such instants. So
//   a local interval 01:00-03:00 counts 3 real hours on a fall-back night
//   (01:00-02:00 happens twice) and 1 hour on a spring-forward night
//   (02:00-03:00 does not exist).
// - A deadline is the instant at which the N-th business minute has elapsed:
//   240 minutes from 13:00 on a 09:00-17:00 day is 17:00 that day. Zero
//   minutes from an instant outside business hours is the next opening.
// - Instants are counted to the second; intervals are at minute resolution.
// - No horizon: deadlines any distance ahead are computed. Only a calendar
//   that stays closed for ten consecutive years gives no deadline.
//
// The fast path works on qint64 seconds since the epoch (UTC) against
// per-week tables that are built lazily, once, and shared between threads.
// Copies of a BusinessCalendar share those tables.

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <array>
#include <limits>
#include <memory>
#include <optional>

namespace Escalation {

// "No such instant": a deadline that never comes, or an invalid input.
inline constexpr qint64 NoInstant = std::numeric_limits<qint64>::max();

// One working interval of a day, in minutes after local midnight; end may be
// 1440 ("24:00"). Half-open: [startMinute, endMinute).
struct WorkInterval {
    int startMinute = 0;
    int endMinute = 0;
    friend bool operator==(const WorkInterval &, const WorkInterval &) = default;
};

// Index 0 is Monday, 6 is Sunday (Qt::DayOfWeek - 1).
using WeeklySchedule = std::array<QList<WorkInterval>, 7>;

// A holiday: yearly when year == 0 ("MM-DD"), one-off otherwise.
struct Holiday {
    int year = 0;
    int month = 1;
    int day = 1;
    bool isYearly() const { return year == 0; }
    bool matches(QDate date) const;
    QString toString() const; // "MM-DD" or "YYYY-MM-DD"
    friend bool operator==(const Holiday &, const Holiday &) = default;
};

// What a deadline was made of, so that a person can check it by hand.
struct DeadlineExplanation {
    struct CountedInterval {
        qint64 utcStart = 0; // epoch seconds
        qint64 utcEnd = 0;
        qint64 cumulativeSeconds = 0; // business time counted up to utcEnd
    };
    struct DstShift {
        qint64 at = 0; // epoch seconds
        int offsetBefore = 0; // seconds east of UTC
        int offsetAfter = 0;
    };

    // Waiting on the requester: business time here was not counted.
    struct Pause {
        qint64 from = 0;
        qint64 until = NoInstant; // NoInstant: still waiting
        qint64 businessSeconds = 0; // kept from the clock (up to its end, or up to now)
    };

    QString calendarName;
    QTimeZone timeZone;
    qint64 start = 0;
    qint64 minutes = 0;
    qint64 deadline = NoInstant;
    QList<CountedInterval> intervals;
    QList<Pause> pauses;
    qint64 secondsLeftWhenWaiting = 0; // with an open pause: what the clock still has
    QList<QDate> holidaysSkipped; // local dates that would have had working hours
    QList<DstShift> dstShifts;

    QString toText() const;
};

class BusinessCalendar final {
    Q_DECLARE_TR_FUNCTIONS(BusinessCalendar)
public:
    // A calendar open around the clock in UTC; useful as a last resort.
    BusinessCalendar();
    BusinessCalendar(QString id, QString name, const QTimeZone &zone, const WeeklySchedule &week,
                     const QList<Holiday> &holidays = {});

    // Reads the JSON calendar format of DESIGN.md. Errors name the source,
    // the key and what was expected; all problems found are reported.
    // The id is the "id" key if present, else the file's base name.
    static std::optional<BusinessCalendar> fromJson(const QByteArray &json,
                                                    const QString &sourceName, QStringList *errors);
    static std::optional<BusinessCalendar> load(const QString &path, QStringList *errors);

    // Holidays from an iCalendar file: every all-day VEVENT
    // (DTSTART;VALUE=DATE) becomes one-off holidays for each day it covers,
    // or a yearly holiday with RRULE:FREQ=YEARLY.
    static QList<Holiday> parseIcsHolidays(const QByteArray &ics, const QString &sourceName,
                                           QStringList *errors);

    QString id() const;
    QString name() const;
    QTimeZone timeZone() const;
    const WeeklySchedule &week() const;
    const QList<Holiday> &holidays() const;
    bool isHoliday(QDate localDate) const;

    // Fast path on epoch seconds. Returns NoInstant for negative minutes or
    // when the calendar never opens again.
    qint64 addBusinessMinutes(qint64 startSecs, qint64 minutes) const;
    qint64 addBusinessSeconds(qint64 startSecs, qint64 seconds) const;
    // Business time in [a, b); negative when b < a.
    qint64 businessSecondsBetween(qint64 a, qint64 b) const;
    qint64 businessMinutesBetween(qint64 a, qint64 b) const
    {
        return businessSecondsBetween(a, b) / 60;
    }
    bool isBusinessTime(qint64 secs) const;
    // The first business instant at or after secs (secs itself when open).
    qint64 nextOpening(qint64 secs) const { return addBusinessSeconds(secs, 0); }

    // Convenience API; results are in UTC, invalid for invalid input.
    QDateTime addBusinessMinutes(const QDateTime &start, qint64 minutes) const;
    qint64 businessMinutesBetween(const QDateTime &a, const QDateTime &b) const;

    DeadlineExplanation explain(qint64 startSecs, qint64 minutes) const;
    // The business intervals of [startSecs, endSecs), as explain() lists them
    // (none when endSecs is NoInstant).
    DeadlineExplanation explainBetween(qint64 startSecs, qint64 endSecs) const;
    DeadlineExplanation explain(const QDateTime &start, qint64 minutes) const;

    struct Data; // the schedule plus the shared week-table cache

private:
    std::shared_ptr<const Data> d;
};

} // namespace Escalation

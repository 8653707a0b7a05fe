#include "businesscalendar.h"

#include "domainlog.h"
#include "jsondescribe_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

constexpr qint64 kDay = 86400;
constexpr qint64 kWeek = 7 * kDay;
// Week tables are indexed by UTC weeks starting Monday 00:00 UTC. Weeks from
// 1900-01-01 (a Monday) for 300 years sit in a lock-free array; anything
// outside goes through a mutex-guarded map.
constexpr qint64 kFirstFastWeekStart = -2208988800; // 1900-01-01T00:00:00Z
constexpr qint64 kFastWeeks = 300 * 53;
// A calendar closed for this many consecutive weeks is treated as never
// opening again, so that a calendar without working time cannot hang us.
constexpr int kMaxClosedWeeks = 10 * 53;
constexpr qint64 kEpochJulianDay = 2440588; // 1970-01-01

constexpr qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Monday = 0; 1970-01-01 was a Thursday.
constexpr int weekdayOfEpochDay(qint64 day)
{
    return int(((day + 3) % 7 + 7) % 7);
}

QDate dateOfEpochDay(qint64 day)
{
    return QDate::fromJulianDay(day + kEpochJulianDay);
}

QDateTime utcDateTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

// One stretch of business time in UTC, with the business seconds of the
// week before it, so that a deadline inside the week is one subtraction.
struct Span {
    qint64 start;
    qint64 end;
    qint64 before;
};

struct WeekTable {
    qint64 begin = 0;
    qint64 total = 0; // business seconds in the week
    std::vector<Span> spans;
    std::vector<DeadlineExplanation::DstShift> shifts;
};

// A stretch [start, end) of UTC time during which the zone's offset is fixed.
struct OffsetSegment {
    qint64 start;
    qint64 end;
    int offset;
};

std::vector<OffsetSegment> offsetSegments(const QTimeZone &zone, qint64 from, qint64 to,
                                          std::vector<DeadlineExplanation::DstShift> *shifts)
{
    std::vector<OffsetSegment> segments;
    int offset = zone.offsetFromUtc(utcDateTime(from));
    qint64 segmentStart = from;
    if (zone.hasTransitions()) {
        const auto transitions = zone.transitions(utcDateTime(from), utcDateTime(to));
        for (const auto &t : transitions) {
            const qint64 at = t.atUtc.toSecsSinceEpoch();
            // transitions() is inclusive at both ends; only changes strictly
            // inside the range split it.
            if (at <= from || at >= to || t.offsetFromUtc == offset)
                continue;
            segments.push_back({segmentStart, at, offset});
            shifts->push_back({at, offset, t.offsetFromUtc});
            segmentStart = at;
            offset = t.offsetFromUtc;
        }
    }
    segments.push_back({segmentStart, to, offset});
    return segments;
}

QString formatOffset(int offsetSecs)
{
    const QChar sign = offsetSecs < 0 ? u'-' : u'+';
    const int abs = std::abs(offsetSecs);
    return u"UTC%1%2:%3"_s.arg(sign)
        .arg(abs / 3600, 2, 10, QChar(u'0'))
        .arg(abs % 3600 / 60, 2, 10, QChar(u'0'));
}

QString isoUtc(qint64 secs)
{
    return utcDateTime(secs).toString(Qt::ISODate);
}

} // namespace

struct BusinessCalendar::Data {
    QString id;
    QString name;
    QTimeZone zone;
    WeeklySchedule week;
    QList<Holiday> holidays;
    QSet<qint64> oneOffJulianDays;
    QSet<int> yearlyMonthDays; // month * 100 + day

    // The cache: built lazily, published once, never changed afterwards.
    mutable std::unique_ptr<std::atomic<const WeekTable *>[]> fastTables;
    mutable std::mutex mutex;
    mutable std::vector<std::unique_ptr<WeekTable>> ownedTables;
    mutable QHash<qint64, const WeekTable *> slowTables;

    Data()
        : fastTables(new std::atomic<const WeekTable *>[kFastWeeks]())
    {
    }

    bool isHoliday(QDate date) const
    {
        return oneOffJulianDays.contains(date.toJulianDay())
            || yearlyMonthDays.contains(date.month() * 100 + date.day());
    }

    const WeekTable &table(qint64 weekStart) const
    {
        const qint64 index = (weekStart - kFirstFastWeekStart) / kWeek;
        if (index >= 0 && index < kFastWeeks) {
            if (const WeekTable *t = fastTables[index].load(std::memory_order_acquire))
                return *t;
        }
        return buildAndPublish(weekStart, index);
    }

    const WeekTable &buildAndPublish(qint64 weekStart, qint64 index) const
    {
        const std::lock_guard lock(mutex);
        const bool fast = index >= 0 && index < kFastWeeks;
        // Another thread may have built it while we waited for the lock.
        if (fast) {
            if (const WeekTable *t = fastTables[index].load(std::memory_order_acquire))
                return *t;
        } else if (const WeekTable *t = slowTables.value(weekStart)) {
            return *t;
        }
        ownedTables.push_back(std::make_unique<WeekTable>(buildWeek(weekStart)));
        const WeekTable *built = ownedTables.back().get();
        if (fast)
            fastTables[index].store(built, std::memory_order_release);
        else
            slowTables.insert(weekStart, built);
        return *built;
    }

    // Maps the local working intervals of every local day touching the week
    // back to UTC, one constant-offset segment at a time, so DST gaps and
    // repeated hours fall out of the arithmetic.
    WeekTable buildWeek(qint64 weekStart) const
    {
        WeekTable table;
        table.begin = weekStart;
        const auto segments = offsetSegments(zone, weekStart, weekStart + kWeek, &table.shifts);
        for (const OffsetSegment &segment : segments)
            addSegmentSpans(segment, &table.spans);
        std::sort(table.spans.begin(), table.spans.end(),
                  [](const Span &a, const Span &b) { return a.start < b.start; });
        mergeTouchingSpans(&table.spans);
        for (Span &span : table.spans) {
            span.before = table.total;
            table.total += span.end - span.start;
        }
        return table;
    }

    void addSegmentSpans(const OffsetSegment &segment, std::vector<Span> *spans) const
    {
        const qint64 localFrom = segment.start + segment.offset;
        const qint64 localTo = segment.end + segment.offset;
        for (qint64 day = floorDiv(localFrom, kDay); day <= floorDiv(localTo - 1, kDay); ++day) {
            if (isHoliday(dateOfEpochDay(day)))
                continue;
            for (const WorkInterval &interval : week[weekdayOfEpochDay(day)]) {
                const qint64 from = std::max(day * kDay + interval.startMinute * 60, localFrom);
                const qint64 to = std::min(day * kDay + interval.endMinute * 60, localTo);
                if (from < to)
                    spans->push_back({from - segment.offset, to - segment.offset, 0});
            }
        }
    }

    static void mergeTouchingSpans(std::vector<Span> *spans)
    {
        std::size_t out = 0;
        for (std::size_t i = 0; i < spans->size(); ++i) {
            if (out > 0 && (*spans)[out - 1].end >= (*spans)[i].start)
                (*spans)[out - 1].end = std::max((*spans)[out - 1].end, (*spans)[i].end);
            else
                (*spans)[out++] = (*spans)[i];
        }
        spans->resize(out);
    }

    static qint64 weekStartOf(qint64 secs)
    {
        return kFirstFastWeekStart + floorDiv(secs - kFirstFastWeekStart, kWeek) * kWeek;
    }

    // Business seconds of the week before `secs` (which lies in the week).
    static qint64 businessBefore(const WeekTable &t, qint64 secs)
    {
        for (const Span &span : t.spans) {
            if (span.end > secs)
                return span.before + std::max<qint64>(0, secs - span.start);
        }
        return t.total;
    }

    // The instant at which `target` business seconds of the week have
    // elapsed; 0 < target <= t.total.
    static qint64 instantAt(const WeekTable &t, qint64 target)
    {
        for (const Span &span : t.spans) {
            if (span.before + (span.end - span.start) >= target)
                return span.start + (target - span.before);
        }
        Q_UNREACHABLE();
        return NoInstant;
    }
};

bool Holiday::matches(QDate date) const
{
    return date.month() == month && date.day() == day && (year == 0 || date.year() == year);
}

QString Holiday::toString() const
{
    const QString monthDay = u"%1-%2"_s.arg(month, 2, 10, QChar(u'0')).arg(day, 2, 10, QChar(u'0'));
    return year == 0 ? monthDay : u"%1-"_s.arg(year, 4, 10, QChar(u'0')) + monthDay;
}

BusinessCalendar::BusinessCalendar()
    : BusinessCalendar(u"always"_s, u"Always open"_s, QTimeZone::utc(), [] {
        WeeklySchedule week;
        for (auto &day : week)
            day = {WorkInterval {0, 1440}};
        return week;
    }())
{
}

BusinessCalendar::BusinessCalendar(QString id, QString name, const QTimeZone &zone,
                                   const WeeklySchedule &week, const QList<Holiday> &holidays)
{
    auto data = std::make_shared<Data>();
    data->id = std::move(id);
    data->name = std::move(name);
    data->zone = zone.isValid() ? zone : QTimeZone::utc();
    data->week = week;
    for (auto &day : data->week) {
        std::sort(day.begin(), day.end(), [](const WorkInterval &a, const WorkInterval &b) {
            return a.startMinute < b.startMinute;
        });
    }
    data->holidays = holidays;
    for (const Holiday &h : holidays) {
        if (h.isYearly())
            data->yearlyMonthDays.insert(h.month * 100 + h.day);
        else
            data->oneOffJulianDays.insert(QDate(h.year, h.month, h.day).toJulianDay());
    }
    d = std::move(data);
}

QString BusinessCalendar::id() const
{
    return d->id;
}
QString BusinessCalendar::name() const
{
    return d->name;
}
QTimeZone BusinessCalendar::timeZone() const
{
    return d->zone;
}
const WeeklySchedule &BusinessCalendar::week() const
{
    return d->week;
}
const QList<Holiday> &BusinessCalendar::holidays() const
{
    return d->holidays;
}
bool BusinessCalendar::isHoliday(QDate localDate) const
{
    return d->isHoliday(localDate);
}

qint64 BusinessCalendar::addBusinessMinutes(qint64 startSecs, qint64 minutes) const
{
    if (minutes < 0 || minutes > std::numeric_limits<qint64>::max() / 120)
        return NoInstant;
    return addBusinessSeconds(startSecs, minutes * 60);
}

qint64 BusinessCalendar::addBusinessSeconds(qint64 startSecs, qint64 seconds) const
{
    if (seconds < 0 || startSecs == NoInstant)
        return NoInstant;
    qint64 weekStart = Data::weekStartOf(startSecs);
    const WeekTable *t = &d->table(weekStart);
    qint64 need = seconds;

    // The start's own week: count from the start.
    for (const Span &span : t->spans) {
        if (span.end <= startSecs)
            continue;
        const qint64 from = std::max(startSecs, span.start);
        if (need == 0)
            return from;
        const qint64 target = span.before + (from - span.start) + need;
        if (target <= t->total)
            return Data::instantAt(*t, target);
        need = target - t->total;
        break;
    }

    // Whole weeks after it: one subtraction each until the week that holds it.
    for (int closedWeeks = 0; closedWeeks <= kMaxClosedWeeks;) {
        weekStart += kWeek;
        t = &d->table(weekStart);
        if (t->total == 0) {
            ++closedWeeks;
            continue;
        }
        closedWeeks = 0;
        if (need == 0)
            return t->spans.front().start;
        if (need <= t->total)
            return Data::instantAt(*t, need);
        need -= t->total;
    }
    return NoInstant;
}

qint64 BusinessCalendar::businessSecondsBetween(qint64 a, qint64 b) const
{
    if (b < a)
        return -businessSecondsBetween(b, a);
    const qint64 weekA = Data::weekStartOf(a);
    const qint64 weekB = Data::weekStartOf(b);
    const WeekTable &tableA = d->table(weekA);
    if (weekA == weekB)
        return Data::businessBefore(tableA, b) - Data::businessBefore(tableA, a);
    qint64 sum = tableA.total - Data::businessBefore(tableA, a);
    for (qint64 w = weekA + kWeek; w < weekB; w += kWeek)
        sum += d->table(w).total;
    return sum + Data::businessBefore(d->table(weekB), b);
}

bool BusinessCalendar::isBusinessTime(qint64 secs) const
{
    for (const Span &span : d->table(Data::weekStartOf(secs)).spans) {
        if (span.end > secs)
            return span.start <= secs;
    }
    return false;
}

QDateTime BusinessCalendar::addBusinessMinutes(const QDateTime &start, qint64 minutes) const
{
    if (!start.isValid())
        return {};
    const qint64 deadline = addBusinessMinutes(start.toSecsSinceEpoch(), minutes);
    return deadline == NoInstant ? QDateTime() : utcDateTime(deadline);
}

qint64 BusinessCalendar::businessMinutesBetween(const QDateTime &a, const QDateTime &b) const
{
    return businessMinutesBetween(a.toSecsSinceEpoch(), b.toSecsSinceEpoch());
}

DeadlineExplanation BusinessCalendar::explain(const QDateTime &start, qint64 minutes) const
{
    return explain(start.toSecsSinceEpoch(), minutes);
}

DeadlineExplanation BusinessCalendar::explain(qint64 startSecs, qint64 minutes) const
{
    DeadlineExplanation e = explainBetween(startSecs, addBusinessMinutes(startSecs, minutes));
    e.minutes = minutes;
    return e;
}

DeadlineExplanation BusinessCalendar::explainBetween(qint64 startSecs, qint64 endSecs) const
{
    DeadlineExplanation e;
    e.calendarName = d->name;
    e.timeZone = d->zone;
    e.start = startSecs;
    e.deadline = endSecs;
    if (endSecs == NoInstant) // the calendar never opens again: nothing to replay
        return e;
    e.minutes = businessSecondsBetween(startSecs, endSecs) / 60;

    // Replay the same week tables the deadline used, clipped to [start, deadline].
    qint64 counted = 0;
    for (qint64 w = Data::weekStartOf(startSecs); w <= e.deadline; w += kWeek) {
        const WeekTable &t = d->table(w);
        for (const Span &span : t.spans) {
            const qint64 from = std::max(span.start, startSecs);
            const qint64 to = std::min(span.end, e.deadline);
            if (from >= to)
                continue;
            counted += to - from;
            e.intervals.append({from, to, counted});
        }
        for (const auto &shift : t.shifts) {
            if (shift.at > startSecs && shift.at <= e.deadline)
                e.dstShifts.append(shift);
        }
    }

    const QDate firstDay = utcDateTime(startSecs).toTimeZone(d->zone).date();
    const QDate lastDay = utcDateTime(e.deadline).toTimeZone(d->zone).date();
    for (QDate day = firstDay; day <= lastDay; day = day.addDays(1)) {
        if (isHoliday(day) && !d->week[day.dayOfWeek() - 1].isEmpty())
            e.holidaysSkipped.append(day);
    }
    return e;
}

QString DeadlineExplanation::toText() const
{
    const auto local = [this](qint64 secs) {
        const QDateTime dt = utcDateTime(secs).toTimeZone(timeZone);
        return u"%1 %2"_s.arg(dt.toString(u"yyyy-MM-dd HH:mm"_s), formatOffset(dt.offsetFromUtc()));
    };
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("BusinessCalendar", text);
    };

    QStringList lines;
    lines << tr("Calendar: %1 (%2)").arg(calendarName, QString::fromUtf8(timeZone.id()));
    lines << tr("Start: %1 (local %2)").arg(isoUtc(start), local(start));
    lines << tr("Business minutes: %1").arg(minutes);
    const auto pauseLines = [&] {
        for (const Pause &p : pauses) {
            lines << (p.until == NoInstant
                          ? tr("Waiting on the requester since %1 (local %2): the clock stands "
                               "still; %3 business min so far")
                                .arg(isoUtc(p.from), local(p.from))
                                .arg(p.businessSeconds / 60)
                          : tr("Waiting on the requester from %1 to %2 (local %3 to %4): %5 "
                               "business min not counted")
                                .arg(isoUtc(p.from), isoUtc(p.until), local(p.from), local(p.until))
                                .arg(p.businessSeconds / 60));
        }
    };
    const bool waiting = !pauses.isEmpty() && pauses.constLast().until == NoInstant;
    if (deadline == NoInstant && !waiting) {
        lines << tr("Deadline: none (the calendar does not open again)");
        return lines.join(u'\n') + u'\n';
    }
    lines << tr("Counted intervals (local, then UTC):");
    if (intervals.isEmpty())
        lines << tr("  none (zero minutes: the deadline is the next opening)");
    for (const CountedInterval &i : intervals) {
        lines << tr("  %1 to %2  (%3 to %4)  %5 min, total %6 min")
                     .arg(local(i.utcStart), local(i.utcEnd), isoUtc(i.utcStart), isoUtc(i.utcEnd))
                     .arg((i.utcEnd - i.utcStart) / 60)
                     .arg(i.cumulativeSeconds / 60);
    }
    QStringList holidayTexts;
    for (const QDate &day : holidaysSkipped)
        holidayTexts << day.toString(Qt::ISODate);
    lines << tr("Holidays skipped: %1")
                 .arg(holidayTexts.isEmpty() ? tr("none") : holidayTexts.join(u", "_s));
    if (dstShifts.isEmpty())
        lines << tr("Daylight-saving shifts: none");
    for (const DstShift &shift : dstShifts) {
        lines << tr("Daylight-saving shift at %1: %2 to %3")
                     .arg(isoUtc(shift.at), formatOffset(shift.offsetBefore),
                          formatOffset(shift.offsetAfter));
    }
    pauseLines();
    if (deadline == NoInstant)
        lines << tr("Deadline: none while waiting on the requester; %1 business min left when "
                    "the wait began")
                     .arg(secondsLeftWhenWaiting / 60);
    else
        lines << tr("Deadline: %1 (local %2)").arg(isoUtc(deadline), local(deadline));
    return lines.join(u'\n') + u'\n';
}

// ---- Loading ---------------------------------------------------------------

namespace {

constexpr std::array<const char16_t *, 7> kDayKeys = {
    u"monday", u"tuesday", u"wednesday", u"thursday", u"friday", u"saturday", u"sunday"};

QString describe(const QJsonValue &v)
{
    return describeJsonValue(v);
}

// "HH:MM" to minutes after midnight; "24:00" only where allowed.
std::optional<int> parseClock(QStringView text, bool allow24)
{
    if (text.size() != 5 || text[2] != u':')
        return std::nullopt;
    bool okH = false, okM = false;
    const int h = text.left(2).toInt(&okH);
    const int m = text.mid(3, 2).toInt(&okM);
    if (!okH || !okM || !text[0].isDigit() || !text[3].isDigit() || m > 59)
        return std::nullopt;
    if (h == 24 && m == 0 && allow24)
        return 1440;
    if (h > 23)
        return std::nullopt;
    return h * 60 + m;
}

std::optional<WorkInterval> parseInterval(const QString &text)
{
    if (text.size() != 11 || text[5] != u'-')
        return std::nullopt;
    const auto start = parseClock(QStringView(text).left(5), false);
    const auto end = parseClock(QStringView(text).mid(6), true);
    if (!start || !end || *start >= *end)
        return std::nullopt;
    return WorkInterval {*start, *end};
}

std::optional<Holiday> parseHoliday(const QString &text)
{
    static const QRegularExpression pattern(u"^(?:(\\d{4})-)?(\\d{2})-(\\d{2})$"_s);
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    Holiday h;
    h.year = match.captured(1).isEmpty() ? 0 : match.captured(1).toInt();
    h.month = match.captured(2).toInt();
    h.day = match.captured(3).toInt();
    // Yearly dates are checked against a leap year so that "02-29" is allowed.
    if (!QDate(h.year == 0 ? 2000 : h.year, h.month, h.day).isValid()
        || (match.hasCaptured(1) && h.year < 1))
        return std::nullopt;
    return h;
}

QString minutesToClock(int minutes)
{
    return u"%1:%2"_s.arg(minutes / 60, 2, 10, QChar(u'0')).arg(minutes % 60, 2, 10, QChar(u'0'));
}

QString intervalText(const WorkInterval &i)
{
    return minutesToClock(i.startMinute) + u'-' + minutesToClock(i.endMinute);
}

struct CalendarParser {
    Q_DECLARE_TR_FUNCTIONS(BusinessCalendar)
public:
    QString source;
    QString baseDir;
    QStringList *errors;

    void fail(const QString &key, const QString &message) const
    {
        errors->append(key.isEmpty() ? u"%1: %2"_s.arg(source, message)
                                     : u"%1: %2: %3"_s.arg(source, key, message));
    }

    WeeklySchedule parseWeek(const QJsonValue &value) const
    {
        WeeklySchedule week;
        if (!value.isObject()) {
            fail(u"week"_s,
                 tr("expected an object with the days monday to sunday, got %1")
                     .arg(describe(value)));
            return week;
        }
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const auto found =
                std::find_if(kDayKeys.begin(), kDayKeys.end(),
                             [&](const char16_t *key) { return it.key() == QStringView(key); });
            if (found == kDayKeys.end()) {
                fail(u"week."_s + it.key(),
                     tr("unknown day; expected one of monday, tuesday, wednesday, "
                        "thursday, friday, saturday, sunday"));
                continue;
            }
            week[std::size_t(found - kDayKeys.begin())] =
                parseDay(u"week."_s + it.key(), it.value());
        }
        return week;
    }

    QList<WorkInterval> parseDay(const QString &key, const QJsonValue &value) const
    {
        if (!value.isArray()) {
            fail(key,
                 tr("expected an array of \"HH:MM-HH:MM\" strings, got %1").arg(describe(value)));
            return {};
        }
        struct Indexed {
            WorkInterval interval;
            qsizetype index;
        };
        QList<Indexed> parsed;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString itemKey = u"%1[%2]"_s.arg(key).arg(i);
            const auto interval =
                array[i].isString() ? parseInterval(array[i].toString()) : std::nullopt;
            if (!interval) {
                fail(itemKey,
                     tr("expected \"HH:MM-HH:MM\" with start before end, got %1")
                         .arg(describe(array[i])));
                continue;
            }
            parsed.append({*interval, i});
        }
        std::sort(parsed.begin(), parsed.end(), [](const Indexed &a, const Indexed &b) {
            return a.interval.startMinute < b.interval.startMinute;
        });
        QList<WorkInterval> day;
        for (qsizetype i = 0; i < parsed.size(); ++i) {
            if (i > 0 && parsed[i].interval.startMinute < parsed[i - 1].interval.endMinute) {
                fail(u"%1[%2]"_s.arg(key).arg(parsed[i].index),
                     tr("expected intervals that do not overlap, but \"%1\" overlaps \"%2\"")
                         .arg(intervalText(parsed[i].interval),
                              intervalText(parsed[i - 1].interval)));
                continue;
            }
            day.append(parsed[i].interval);
        }
        return day;
    }

    QList<Holiday> parseHolidays(const QJsonValue &value) const
    {
        QList<Holiday> holidays;
        if (!value.isArray()) {
            fail(u"holidays"_s,
                 tr("expected an array of \"MM-DD\" or \"YYYY-MM-DD\" strings, got %1")
                     .arg(describe(value)));
            return holidays;
        }
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const auto holiday =
                array[i].isString() ? parseHoliday(array[i].toString()) : std::nullopt;
            if (!holiday) {
                fail(u"holidays[%1]"_s.arg(i),
                     tr("expected a date \"MM-DD\" (yearly) or \"YYYY-MM-DD\" (one-off), got %1")
                         .arg(describe(array[i])));
                continue;
            }
            holidays.append(*holiday);
        }
        return holidays;
    }

    QList<Holiday> parseHolidayFiles(const QJsonValue &value) const
    {
        QList<Holiday> holidays;
        if (!value.isArray()) {
            fail(u"holidayFiles"_s,
                 tr("expected an array of iCalendar file paths, got %1").arg(describe(value)));
            return holidays;
        }
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString key = u"holidayFiles[%1]"_s.arg(i);
            if (!array[i].isString() || array[i].toString().isEmpty()) {
                fail(key, tr("expected the path of an .ics file, got %1").arg(describe(array[i])));
                continue;
            }
            const QString path = QDir(baseDir).filePath(array[i].toString());
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                fail(key,
                     tr("expected a readable iCalendar file, but \"%1\" cannot be read: %2")
                         .arg(path, file.errorString()));
                continue;
            }
            holidays += BusinessCalendar::parseIcsHolidays(file.readAll(), path, errors);
        }
        return holidays;
    }
};

} // namespace

std::optional<BusinessCalendar>
BusinessCalendar::fromJson(const QByteArray &json, const QString &sourceName, QStringList *errors)
{
    QStringList localErrors;
    QStringList *out = errors ? errors : &localErrors;
    const qsizetype errorsBefore = out->size();
    const QFileInfo info(sourceName);
    CalendarParser p {sourceName, info.absolutePath(), out};

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        p.fail({},
               tr("expected valid JSON, but at offset %1: %2")
                   .arg(parseError.offset)
                   .arg(parseError.errorString()));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        p.fail({}, tr("expected a JSON object with the keys name, timeZone, week and holidays"));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    // Unknown keys are errors: these files are written by hand, and a
    // misspelt "holiday" silently ignored would move every deadline.
    static const QStringList known = {u"id"_s,   u"name"_s,     u"timeZone"_s,
                                      u"week"_s, u"holidays"_s, u"holidayFiles"_s};
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!known.contains(it.key()))
            p.fail(it.key(), tr("unknown key; expected one of %1").arg(known.join(u", "_s)));
    }

    QString id = info.completeBaseName();
    if (root.contains(u"id"_s)) {
        id = root.value(u"id"_s).toString();
        if (id.isEmpty())
            p.fail(u"id"_s,
                   tr("expected a non-empty string, got %1").arg(describe(root.value(u"id"_s))));
    }
    QString name = id;
    if (root.contains(u"name"_s)) {
        name = root.value(u"name"_s).toString();
        if (name.isEmpty())
            p.fail(u"name"_s,
                   tr("expected a non-empty string, got %1").arg(describe(root.value(u"name"_s))));
    }

    QTimeZone zone;
    const QJsonValue zoneValue = root.value(u"timeZone"_s);
    if (zoneValue.isString())
        zone = QTimeZone(zoneValue.toString().toUtf8());
    if (!zone.isValid())
        p.fail(u"timeZone"_s,
               tr("expected an IANA time zone such as \"Europe/Berlin\", got %1")
                   .arg(describe(zoneValue)));

    WeeklySchedule week = p.parseWeek(root.value(u"week"_s));
    if (std::all_of(week.begin(), week.end(), [](const auto &day) { return day.isEmpty(); })
        && out->size() == errorsBefore) {
        p.fail(u"week"_s, tr("expected at least one working interval in the week"));
    }

    QList<Holiday> holidays;
    if (root.contains(u"holidays"_s))
        holidays = p.parseHolidays(root.value(u"holidays"_s));
    if (root.contains(u"holidayFiles"_s))
        holidays += p.parseHolidayFiles(root.value(u"holidayFiles"_s));

    if (out->size() != errorsBefore)
        return std::nullopt;
    return BusinessCalendar(id, name, zone, week, holidays);
}

std::optional<BusinessCalendar> BusinessCalendar::load(const QString &path, QStringList *errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errors)
            errors->append(u"%1: %2"_s.arg(path, tr("cannot be read: %1").arg(file.errorString())));
        return std::nullopt;
    }
    return fromJson(file.readAll(), path, errors);
}

QList<Holiday> BusinessCalendar::parseIcsHolidays(const QByteArray &ics, const QString &sourceName,
                                                  QStringList *errors)
{
    // Unfold continuation lines (RFC 5545 3.1) before splitting.
    QString text = QString::fromUtf8(ics);
    text.replace(u"\r\n"_s, u"\n"_s);
    text.replace(u"\n "_s, QString());
    text.replace(u"\n\t"_s, QString());
    const QStringList lines = text.split(u'\n');

    QList<Holiday> holidays;
    bool inEvent = false;
    QDate start, end;
    bool yearly = false;
    qsizetype eventLine = 0;
    const auto fail = [&](qsizetype line, const QString &message) {
        if (errors)
            errors->append(u"%1: line %2: %3"_s.arg(sourceName).arg(line + 1).arg(message));
    };
    const auto dateValue = [](const QString &line) -> std::optional<QDate> {
        const qsizetype colon = line.indexOf(u':');
        const QString params = line.left(colon);
        const QString value = line.mid(colon + 1).trimmed();
        // Only all-day events are holidays; timed events are meetings.
        if (!params.contains(u"VALUE=DATE"_s, Qt::CaseInsensitive) && value.size() != 8)
            return QDate();
        const QDate date = QDate::fromString(value, u"yyyyMMdd"_s);
        if (!date.isValid())
            return std::nullopt;
        return date;
    };

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.compare(u"BEGIN:VEVENT"_s, Qt::CaseInsensitive) == 0) {
            inEvent = true;
            start = end = QDate();
            yearly = false;
            eventLine = i;
        } else if (!inEvent) {
            continue;
        } else if (line.startsWith(u"DTSTART"_s, Qt::CaseInsensitive)
                   || line.startsWith(u"DTEND"_s, Qt::CaseInsensitive)) {
            const auto date = dateValue(line);
            if (!date) {
                fail(i, tr("expected a date YYYYMMDD, got \"%1\"").arg(line));
                continue;
            }
            (line.startsWith(u"DTSTART"_s, Qt::CaseInsensitive) ? start : end) = *date;
        } else if (line.startsWith(u"RRULE"_s, Qt::CaseInsensitive)) {
            yearly = line.contains(u"FREQ=YEARLY"_s, Qt::CaseInsensitive);
        } else if (line.compare(u"END:VEVENT"_s, Qt::CaseInsensitive) == 0) {
            inEvent = false;
            if (!start.isValid())
                continue;
            if (yearly) {
                holidays.append({0, start.month(), start.day()});
                continue;
            }
            // DTEND of an all-day event is exclusive; one day when absent.
            const QDate last = end.isValid() && end > start ? end.addDays(-1) : start;
            if (start.daysTo(last) > 366) {
                fail(eventLine,
                     tr("expected an all-day event of at most a year, got %1 days")
                         .arg(start.daysTo(last) + 1));
                continue;
            }
            for (QDate day = start; day <= last; day = day.addDays(1))
                holidays.append({day.year(), day.month(), day.day()});
        }
    }
    return holidays;
}

} // namespace Escalation

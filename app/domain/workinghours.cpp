#include "workinghours.h"

#include <QStringList>

#include <array>

namespace Escalation {

namespace {

constexpr std::array<const char16_t *, 7> DayCodes = {u"mon", u"tue", u"wed", u"thu",
                                                      u"fri", u"sat", u"sun"};

} // namespace

WorkingHours::WorkingHours()
    : m_zone(QTimeZone::systemTimeZone())
{
}

WorkingHours::WorkingHours(quint8 dayMask, QTime from, QTime to, QTimeZone zone)
    : m_days(dayMask & 0x7f)
    , m_from(from)
    , m_to(to)
    , m_zone(std::move(zone))
{
}

bool WorkingHours::contains(const QDateTime &at) const
{
    if (!at.isValid() || m_days == 0)
        return false;
    const QDateTime local = at.toTimeZone(m_zone);
    const QTime t = local.time();
    const QDate d = local.date();
    if (!crossesMidnight())
        return worksOn(Qt::DayOfWeek(d.dayOfWeek())) && t >= m_from && t < m_to;
    // Night shift: the evening part belongs to today, the early-morning part
    // to the shift that started yesterday.
    if (t >= m_from)
        return worksOn(Qt::DayOfWeek(d.dayOfWeek()));
    if (t < m_to)
        return worksOn(Qt::DayOfWeek(d.addDays(-1).dayOfWeek()));
    return false;
}

std::optional<QDateTime> WorkingHours::nextStart(const QDateTime &at) const
{
    if (!at.isValid() || m_days == 0)
        return std::nullopt;
    if (contains(at))
        return at;
    const QDate today = at.toTimeZone(m_zone).date();
    // Eight days cover a whole week plus today's remaining start.
    for (int i = 0; i <= 8; ++i) {
        const QDate day = today.addDays(i);
        if (!worksOn(Qt::DayOfWeek(day.dayOfWeek())))
            continue;
        QDateTime start(day, m_from, m_zone);
        // A start inside a DST gap moves to the first valid instant after it.
        if (!start.isValid())
            start = QDateTime(day, m_from.addSecs(3600), m_zone);
        if (start >= at)
            return start;
    }
    return std::nullopt;
}

QString WorkingHours::daysToCode(quint8 mask)
{
    QStringList days;
    for (int i = 0; i < 7; ++i) {
        if (mask & (1u << i))
            days << QString::fromUtf16(DayCodes[std::size_t(i)]);
    }
    return days.join(QLatin1Char(','));
}

std::optional<quint8> WorkingHours::daysFromCode(const QString &code, QString *error)
{
    quint8 mask = 0;
    const QStringList parts = code.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const QString part = raw.trimmed().toLower();
        int found = -1;
        for (int i = 0; i < 7; ++i) {
            if (part == QString::fromUtf16(DayCodes[std::size_t(i)]))
                found = i;
        }
        if (found < 0) {
            if (error)
                *error = tr("\"%1\" is not a day; expected mon, tue, wed, thu, fri, sat or sun.")
                             .arg(raw.trimmed());
            return std::nullopt;
        }
        mask |= quint8(1u << found);
    }
    return mask;
}

QString WorkingHours::validate() const
{
    if (!m_from.isValid() || !m_to.isValid())
        return tr("The working hours need a valid start and end time.");
    if (m_from == m_to)
        return tr(
            "The working hours start and end at the same time; choose an end after the start.");
    if (m_days == 0)
        return tr(
            "Choose at least one working day; otherwise every notification would wait forever.");
    return {};
}

} // namespace Escalation

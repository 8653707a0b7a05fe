#pragma once

// The user's own working hours (days of the week and a daily from/to in the
// workstation's time zone). Outside them the desk stays quiet: notifications
// are queued instead of popped up. A plain value, so that the quiet-hours
// rule is testable without a clock or a tray.

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QTime>
#include <QTimeZone>

#include <optional>

namespace Escalation {

class WorkingHours final {
    Q_DECLARE_TR_FUNCTIONS(WorkingHours)
public:
    // Monday to Friday, 09:00 to 17:00, in the system time zone.
    WorkingHours();
    WorkingHours(quint8 dayMask, QTime from, QTime to,
                 QTimeZone zone = QTimeZone::systemTimeZone());

    // Bit 0 is Monday, bit 6 is Sunday (Qt::DayOfWeek - 1).
    quint8 dayMask() const { return m_days; }
    bool worksOn(Qt::DayOfWeek day) const { return (m_days & (1u << (int(day) - 1))) != 0; }
    QTime from() const { return m_from; }
    QTime to() const { return m_to; }
    QTimeZone timeZone() const { return m_zone; }
    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }

    // Whether the instant falls in working time. A range whose end is before
    // its start runs past midnight (a night shift): it belongs to the day on
    // which it starts.
    bool contains(const QDateTime &at) const;
    // The next instant at or after `at` at which working time begins;
    // nullopt when no day is a working day.
    std::optional<QDateTime> nextStart(const QDateTime &at) const;

    // "mon,tue,wed,thu,fri" <-> mask. Unknown names are reported, not ignored.
    static QString daysToCode(quint8 mask);
    static std::optional<quint8> daysFromCode(const QString &code, QString *error = nullptr);
    // Empty when valid; otherwise a translated sentence saying what is wrong.
    QString validate() const;

    friend bool operator==(const WorkingHours &a, const WorkingHours &b)
    {
        return a.m_days == b.m_days && a.m_from == b.m_from && a.m_to == b.m_to
            && a.m_zone == b.m_zone;
    }

private:
    bool crossesMidnight() const { return m_to <= m_from; }

    quint8 m_days = 0x1f;
    QTime m_from {9, 0};
    QTime m_to {17, 0};
    QTimeZone m_zone;
};

} // namespace Escalation

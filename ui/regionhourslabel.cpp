#include "regionhourslabel.h"

#include <regionhours.h>
#include <reviewclockservice.h>

#include <QTimeZone>

namespace Escalation {

RegionHoursLabel::RegionHoursLabel(const ReviewClockService *clock, QWidget *parent)
    : QLabel(parent)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("regionHours"));
    setTextFormat(Qt::PlainText);
    setAccessibleName(tr("Business hours by region"));
    setContentsMargins(8, 0, 8, 0);
    // The clock ticks each second; the text changes each minute.
    connect(clock, &ReviewClockService::countdownTick, this, [this] {
        if (m_clock->nowMSecs() / 60000 != m_shownMinute)
            refresh();
    });
    refresh();
}

void RegionHoursLabel::refresh()
{
    const qint64 nowMs = m_clock->nowMSecs();
    m_shownMinute = nowMs / 60000;
    const qint64 now = nowMs / 1000;
    const CalendarRegistry &registry = m_clock->calendars();
    QList<BusinessCalendar> calendars;
    for (const QString &id : registry.ids())
        calendars.append(registry.find(id).calendar);
    QStringList parts;
    QStringList details;
    for (const RegionStatus &s : RegionHours::statuses(calendars, now)) {
        parts << RegionHours::describe(s, now);
        const BusinessCalendar calendar = registry.find(s.calendarId).calendar;
        const QDateTime local =
            QDateTime::fromSecsSinceEpoch(now, Qt::UTC).toTimeZone(calendar.timeZone());
        details << tr("%1: %2 local time (%3)")
                       .arg(s.name, QLocale().toString(local.time(), QLocale::ShortFormat),
                            QString::fromUtf8(calendar.timeZone().id()));
    }
    setText(parts.join(QStringLiteral(" · ")));
    setToolTip(details.join(u'\n'));
    setAccessibleDescription(text());
}

} // namespace Escalation

#include "calendarregistry.h"

#include "domainlog.h"

#include <QDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Escalation {

CalendarRegistry CalendarRegistry::withBuiltIns()
{
    CalendarRegistry registry;
    QStringList errors;
    registry.loadDirectory(builtInDirectory(), &errors);
    // The embedded files are tested; an error here is a packaging bug.
    for (const QString &error : std::as_const(errors))
        qCCritical(lcDomain) << "built-in calendar:" << error;
    return registry;
}

int CalendarRegistry::loadDirectory(const QString &dir, QStringList *errors)
{
    const QDir directory(dir);
    if (!directory.exists()) {
        if (errors)
            errors->append(
                tr("%1: expected a directory of calendar files, but it does not exist").arg(dir));
        return 0;
    }
    int loaded = 0;
    const QStringList files =
        directory.entryList({u"*.json"_s}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &file : files) {
        if (auto calendar = BusinessCalendar::load(directory.filePath(file), errors)) {
            insert(*calendar);
            ++loaded;
        }
    }
    return loaded;
}

void CalendarRegistry::insert(const BusinessCalendar &calendar)
{
    m_calendars.insert(calendar.id(), calendar);
}

QStringList CalendarRegistry::ids() const
{
    QStringList ids = m_calendars.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

CalendarRegistry::Lookup CalendarRegistry::find(const QString &id) const
{
    if (m_calendars.contains(id))
        return {m_calendars.value(id), false};
    return {defaultCalendar(), true};
}

BusinessCalendar CalendarRegistry::defaultCalendar() const
{
    if (m_calendars.contains(m_defaultId))
        return m_calendars.value(m_defaultId);
    if (!m_calendars.isEmpty())
        return m_calendars.value(ids().constFirst());
    return BusinessCalendar();
}

} // namespace Escalation

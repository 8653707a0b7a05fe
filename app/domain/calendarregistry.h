#pragma once

// The business calendars known to the app, by id. The defaults ("americas",
// "emea", "apac") are embedded in the library; a user directory of JSON
// files overrides or extends them. A request naming an unknown calendar runs
// on the default calendar and is flagged, so nothing silently loses its clock.

#include "businesscalendar.h"

#include <QHash>
#include <QStringList>

namespace Escalation {

class CalendarRegistry final {
    Q_DECLARE_TR_FUNCTIONS(CalendarRegistry)
public:
    // The embedded defaults live under this resource directory.
    static QString builtInDirectory() { return QStringLiteral(":/escalation/calendars"); }
    // The calendar used for unknown ids unless setDefaultId() says otherwise.
    static QString standardDefaultId() { return QStringLiteral("americas"); }

    CalendarRegistry() = default;
    // A registry holding the embedded default calendars.
    static CalendarRegistry withBuiltIns();

    // Loads every *.json in dir, in name order. A file whose id is already
    // known replaces that calendar; a bad file is reported in errors and
    // skipped, so the calendar it would have replaced stays. Returns the
    // number of calendars loaded.
    int loadDirectory(const QString &dir, QStringList *errors);
    void insert(const BusinessCalendar &calendar);

    bool contains(const QString &id) const { return m_calendars.contains(id); }
    QStringList ids() const; // sorted
    bool isEmpty() const { return m_calendars.isEmpty(); }

    void setDefaultId(const QString &id) { m_defaultId = id; }
    QString defaultId() const { return m_defaultId; }

    struct Lookup {
        BusinessCalendar calendar;
        bool isFallback = false; // the id was unknown: this is the default calendar
    };
    // The calendar with this id; otherwise the default calendar, otherwise
    // (empty registry) an always-open UTC calendar, both with isFallback set.
    Lookup find(const QString &id) const;
    BusinessCalendar defaultCalendar() const;

private:
    QHash<QString, BusinessCalendar> m_calendars;
    QString m_defaultId = standardDefaultId();
};

} // namespace Escalation

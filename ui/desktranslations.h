#pragma once

// Puts the desk into the user's language: the app's own translation
// (embedded as :/i18n/escalationdesk_<lang>.qm) and Qt's (qtbase_<lang>.qm
// from Qt's translations folder) for the system locale. Dates and numbers
// follow the same locale through QLocale's default, which is the system's.
// QT_LOGGING_RULES="escalation.i18n.debug=true" names the files loaded.

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace Escalation {

struct InstalledTranslations {
    bool app = false; // the desk's own strings
    bool qt = false; // Qt's dialogs and standard buttons
    QStringList languages;
};

// Installs the translators on app (they become its children). English, the
// source language, needs none. appDirectory is where escalationdesk_*.qm
// lie (tests point it at the build folder).
InstalledTranslations installTranslations(QCoreApplication *app,
                                          const QLocale &locale = QLocale::system(),
                                          const QString &appDirectory = QStringLiteral(":/i18n"));

} // namespace Escalation

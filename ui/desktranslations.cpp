#include "desktranslations.h"

#include "uilogging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Escalation {

InstalledTranslations installTranslations(QCoreApplication *app, const QLocale &locale,
                                          const QString &appDirectory)
{
    InstalledTranslations result;
    result.languages = locale.uiLanguages();
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        result.qt = QCoreApplication::installTranslator(qt);
    } else {
        delete qt;
    }
    auto *own = new QTranslator(app);
    if (own->load(locale, QStringLiteral("escalationdesk"), QStringLiteral("_"), appDirectory)) {
        result.app = QCoreApplication::installTranslator(own);
    } else {
        delete own;
        if (locale.language() != QLocale::English && locale.language() != QLocale::C)
            qCInfo(lcUi) << "no translation of the desk for" << locale.name()
                         << "- showing English";
    }
    return result;
}

} // namespace Escalation

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
    qCDebug(lcI18n) << "user interface languages:" << result.languages;
    const QString qtDirectory = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), qtDirectory)) {
        result.qt = QCoreApplication::installTranslator(qt);
        qCDebug(lcI18n).noquote() << "loaded Qt's translation" << qt->filePath();
    } else {
        delete qt;
        qCDebug(lcI18n).noquote() << "no Qt translation for" << locale.name() << "in"
                                  << qtDirectory;
    }
    auto *own = new QTranslator(app);
    if (own->load(locale, QStringLiteral("escalationdesk"), QStringLiteral("_"), appDirectory)) {
        result.app = QCoreApplication::installTranslator(own);
        qCDebug(lcI18n).noquote() << "loaded the desk's translation" << own->filePath();
    } else {
        delete own;
        if (locale.language() != QLocale::English && locale.language() != QLocale::C)
            qCInfo(lcUi) << "no translation of the desk for" << locale.name()
                         << "- showing English";
    }
    return result;
}

} // namespace Escalation

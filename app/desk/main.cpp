// escalation-desk: the desktop application. Parses the command line, then
// hands over to AppController, which wires the libraries together.

#include "appcontroller.h"

#include <desksettings.h>
#include <mainwindow.h>
#include <paths.h>

#include <desktranslations.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

using namespace Escalation;

namespace {

QString defaultUserName(const DeskSettings &settings)
{
    const QString fromSettings = settings.userName();
    if (!fromSettings.isEmpty())
        return fromSettings;
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? QCoreApplication::translate("main", "Escalation manager") : user;
}

int usageError(const QString &message)
{
    std::fprintf(stderr, "escalation-desk: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("EscalationDesk"));
    QApplication::setApplicationName(QStringLiteral("escalation-desk"));
    QApplication::setApplicationDisplayName(QStringLiteral("Escalation Desk"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.escalationdesk.EscalationDesk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/escalation-desk.svg")));
    // Before the parser, so that --help is translated too.
    Escalation::installTranslations(&app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Triage support escalation requests."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portalOption(
        QStringLiteral("portal"),
        QApplication::translate("main",
                                "Case portal to sync from (default: the setting portal/url, or "
                                "rt/url with connector=rt)."),
        QStringLiteral("URL"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QApplication::translate(
            "main", "Cache file (default: cache.sqlite in the application data folder)."),
        QStringLiteral("FILE"));
    const QCommandLineOption roleOption(
        QStringLiteral("role"),
        QApplication::translate("main",
                                "Who uses this desk: manager, teamlead or director (default: the "
                                "setting desk/role, else manager)."),
        QStringLiteral("ROLE"));
    parser.addOption(portalOption);
    parser.addOption(dbOption);
    parser.addOption(roleOption);
    parser.process(app);

    const DeskSettings settings;
    DeskOptions options;
    // Which backend the desk syncs from (docs/settings.md): the native portal
    // contract, or Request Tracker with its address in rt/url.
    QString connectorError;
    const std::optional<QString> connector = settings.connector(&connectorError);
    if (!connector)
        return usageError(connectorError);
    options.connector = *connector;
    const QString portal = parser.isSet(portalOption) ? parser.value(portalOption)
                                                      : settings.storedBackendUrl(*connector);
    if (!portal.isEmpty()) {
        options.portal = QUrl::fromUserInput(portal);
        if (!options.portal.isValid()
            || (options.portal.scheme() != QStringLiteral("http")
                && options.portal.scheme() != QStringLiteral("https")))
            return usageError(
                QApplication::translate("main",
                                        "--portal: expected an http:// or https:// URL, got \"%1\"")
                    .arg(portal));
    }
    options.database = parser.isSet(dbOption) ? parser.value(dbOption) : defaultCachePath();
    if (parser.isSet(roleOption)) {
        const auto parsedRole = deskRoleFromCode(parser.value(roleOption));
        if (!parsedRole)
            return usageError(
                QApplication::translate(
                    "main", "--role: expected manager, teamlead or director, got \"%1\"")
                    .arg(parser.value(roleOption)));
        options.role = *parsedRole;
    } else {
        options.role = settings.role();
    }
    for (const QString &problem : settings.problems())
        std::fprintf(stderr, "escalation-desk: %s\n", qPrintable(problem));
    options.userName = defaultUserName(settings);

    AppController controller(options);
    QObject::connect(&controller, &AppController::fatalError, &app, [](const QString &message) {
        QMessageBox box(QMessageBox::Critical, QApplication::translate("main", "Escalation Desk"),
                        message);
        box.setTextFormat(Qt::PlainText);
        box.exec();
        QCoreApplication::exit(4);
    });
    controller.start();
    return QApplication::exec();
}

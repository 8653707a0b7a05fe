// escalation-desk-cli: the scriptable side of Escalation Desk (DESIGN.md §4).
// main() only dispatches to a subcommand; each subcommand lives in its own
// files, parses its own options and returns an exit status from exitcodes.h.

#include "deadlinecommand.h"
#include "exitcodes.h"
#include "reportcommand.h"
#include "synccommands.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <memory>

#include <span>

using namespace Qt::StringLiterals;

namespace {

struct Subcommand {
    const char *name;
    const char *description; // translated in "Cli" context
    int (*run)(const QStringList &arguments); // arguments[0]: "escalation-desk-cli <name>"
};

// Register subcommands here: one line each, implemented in their own
// <name>command.{h,cpp} (see deadlinecommand.h). Planned: sync, list,
// decide, export.
constexpr Subcommand kSubcommands[] = {
    {"deadline",
     QT_TRANSLATE_NOOP("Cli",
                       "Business-time deadlines on a calendar file (single, --explain, --batch)."),
     &Escalation::Cli::runDeadline},
    {"sync",
     QT_TRANSLATE_NOOP("Cli", "Sync the local cache with the portal (--once, or follow changes)."),
     &Escalation::Cli::runSync},
    {"list", QT_TRANSLATE_NOOP("Cli", "List the review queue from the cache (--json, --state)."),
     &Escalation::Cli::runList},
    {"decide",
     QT_TRANSLATE_NOOP("Cli", "Accept or decline a request (outbox first, then the portal)."),
     &Escalation::Cli::runDecide},
    {"export", QT_TRANSLATE_NOOP("Cli", "Export the review queue as CSV or JSON."),
     &Escalation::Cli::runExport},
    {"report",
     QT_TRANSLATE_NOOP("Cli",
                       "How escalations performed over a period (--weeks, --from, "
                       "--format json|csv)."),
     &Escalation::Cli::runReport},
    {"whoami", QT_TRANSLATE_NOOP("Cli", "Who the token belongs to: name, role and team (--json)."),
     &Escalation::Cli::runWhoami},
};

void printUsage(QTextStream &stream)
{
    stream << QCoreApplication::translate(
        "Cli",
        "Usage: escalation-desk-cli <command> [options]\n"
        "       escalation-desk-cli <command> --help\n\nCommands:\n");
    for (const Subcommand &command : kSubcommands) {
        stream << u"  "_s << QString::fromLatin1(command.name).leftJustified(10)
               << QCoreApplication::translate("Cli", command.description) << u'\n';
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // `report` may typeset a PDF, which needs fonts: a GUI application on
    // the offscreen platform (never a window, no display needed).
    const bool typesets = argc > 1 && qstrcmp(argv[1], "report") == 0;
    if (typesets)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::unique_ptr<QCoreApplication> app = typesets
        ? std::make_unique<QGuiApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);
    // The same names as the desktop app, so that both find the same cache
    // under QStandardPaths::AppDataLocation.
    QCoreApplication::setOrganizationName(u"EscalationDesk"_s);
    QCoreApplication::setApplicationName(u"escalation-desk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    const QStringList arguments = QCoreApplication::arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.size() < 2) {
        printUsage(err);
        return Escalation::Cli::ExitBadInput;
    }
    const QString name = arguments.at(1);
    if (name == u"--help"_s || name == u"-h"_s || name == u"help"_s) {
        printUsage(out);
        return Escalation::Cli::ExitOk;
    }
    if (name == u"--version"_s) {
        out << QCoreApplication::applicationVersion() << u'\n';
        return Escalation::Cli::ExitOk;
    }
    for (const Subcommand &command : kSubcommands) {
        if (name == QLatin1StringView(command.name)) {
            // The subcommand's parser sees "escalation-desk-cli <name>" as its program name.
            QStringList rest = arguments.mid(2);
            rest.prepend(u"escalation-desk-cli "_s + name);
            return command.run(rest);
        }
    }
    err << QCoreApplication::translate("Cli", "escalation-desk-cli: unknown command \"%1\"\n\n")
               .arg(name);
    printUsage(err);
    return Escalation::Cli::ExitBadInput;
}

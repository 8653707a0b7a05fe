#pragma once

// QCommandLineParser::helpText() names the executable by its path
// (QCoreApplication::arguments()[0]); a subcommand's help names it as the
// user types it: "escalation-desk-cli <command>" (arguments[0] of the
// subcommand's argument list, see main.cpp).

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

namespace Escalation::Cli {

inline QString subcommandHelp(const QCommandLineParser &parser, const QStringList &arguments)
{
    QString help = parser.helpText();
    const QString executable = QCoreApplication::arguments().value(0);
    if (!executable.isEmpty() && !arguments.isEmpty()) {
        const qsizetype at = help.indexOf(executable);
        if (at >= 0)
            help.replace(at, executable.size(), arguments.constFirst());
    }
    return help;
}

} // namespace Escalation::Cli

#pragma once

// What every cache-reading subcommand does the same way: quiet logging,
// parsing with --help and exit status 2 on bad usage, errors on stderr
// with the subcommand's name, and opening the cache read-only.

#include "cachestore.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace Escalation::Cli {

QTextStream &errStream();
// Scripts read stdout and a short stderr: the libraries' debug and info
// lines stay off unless QT_LOGGING_RULES (which takes precedence) asks.
void quietLogging();
// Prints "escalation-desk-cli COMMAND: MESSAGE" and returns code.
int fail(const QString &command, int code, const QString &message);
// --db, or the desktop app's cache.
QString dbPath(const QCommandLineParser &parser);
// Bad usage gets the parser's message and exit status 2; --help prints and
// exits 0; nullopt: go on.
std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments,
                               const QString &command);
// nullptr (with *exitCode set and the reason printed) when there is no cache
// at path or it cannot be opened.
std::unique_ptr<CacheStore> openForReading(const QString &path, const QString &command,
                                           int *exitCode);

} // namespace Escalation::Cli

#include "clicommon.h"

#include "exitcodes.h"
#include "paths.h"
#include "subcommandhelp.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Escalation::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SyncCommands", text);
}

} // namespace

QTextStream &errStream()
{
    static QTextStream err(stderr);
    return err;
}

// Scripts read stdout and a short stderr: the libraries' debug and info
// lines stay off unless QT_LOGGING_RULES (which takes precedence) asks.
void quietLogging()
{
    QLoggingCategory::setFilterRules(
        u"escalation.*.debug=false\nescalation.*.info=false\nescalation.sync.warning=false"_s);
}

int fail(const QString &command, int code, const QString &message)
{
    errStream() << u"escalation-desk-cli "_s << command << u": "_s << message << u'\n';
    errStream().flush();
    return code;
}

QString dbPath(const QCommandLineParser &parser)
{
    return parser.isSet(u"db"_s) ? parser.value(u"db"_s) : defaultCachePath();
}

// Bad usage gets the parser's message and exit status 2; --help prints and exits 0.
std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments,
                               const QString &command)
{
    quietLogging();
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(arguments))
        return fail(command, ExitBadInput, parser.errorText());
    if (parser.isSet(help)) {
        QTextStream(stdout) << subcommandHelp(parser, arguments);
        return ExitOk;
    }
    return std::nullopt;
}

std::unique_ptr<CacheStore> openForReading(const QString &path, const QString &command,
                                           int *exitCode)
{
    if (!QFileInfo::exists(path)) {
        *exitCode =
            fail(command, ExitStorageFailed,
                 tr("there is no cache at %1; run \"escalation-desk-cli sync --portal URL\" first")
                     .arg(path));
        return nullptr;
    }
    StoreError error;
    std::unique_ptr<CacheStore> store =
        CacheStore::open(path, nullptr, &error, CacheStore::OpenMode::ReadOnly);
    if (!store)
        *exitCode = fail(command, ExitStorageFailed,
                         tr("cannot open the cache %1: %2").arg(path, error.message));
    return store;
}

} // namespace Escalation::Cli

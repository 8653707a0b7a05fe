#include "admincommands.h"

#include "auditlog.h"
#include "portaldatabase.h"
#include "userdirectory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDatabase>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

enum ExitCode { Ok = 0, Tampered = 1, BadUsage = 2, StorageFailed = 4 };

const QString connectionName = u"escalation-portal-admin"_s;

QString tr(const char *text)
{
    return QCoreApplication::translate("escalation-portal", text);
}

void printLine(FILE *to, const QString &text)
{
    std::fprintf(to, "%s\n", qPrintable(text));
    std::fflush(to);
}

int usageError(const QString &message, const QString &usage)
{
    printLine(stderr, u"escalation-portal: "_s + message);
    printLine(stderr, tr("Usage: %1").arg(usage));
    return BadUsage;
}

// The database connection for one command; closed when it ends.
class AdminDatabase final {
public:
    ~AdminDatabase()
    {
        if (QSqlDatabase::contains(connectionName)) {
            QSqlDatabase::database(connectionName, false).close();
            QSqlDatabase::removeDatabase(connectionName);
        }
    }
    // A missing file is created only when `create` (user add).
    int open(const QString &path, bool create)
    {
        if (path.isEmpty())
            return BadUsage;
        // A PostgreSQL database exists or the connection says so.
        if (!create && !PortalDatabase::isPostgresLocator(path) && !QFileInfo::exists(path)) {
            printLine(stderr,
                      u"escalation-portal: "_s + tr("%1: no such portal database").arg(path));
            return BadUsage;
        }
        QString error;
        if (!PortalDatabase::openConnection(connectionName, path, &error)) {
            printLine(
                stderr,
                u"escalation-portal: "_s
                    + tr("cannot open %1: %2").arg(PortalDatabase::displayLocator(path), error));
            return StorageFailed;
        }
        return Ok;
    }
};

void auditAdmin(const QString &action, const QString &target)
{
    AuditEntry entry;
    entry.action = action;
    entry.target = target;
    entry.result = u"applied"_s;
    entry.address = u"local"_s;
    AuditLog(connectionName).append(entry);
}

} // namespace

int runUserCommand(const QStringList &arguments)
{
    const QString usage =
        u"escalation-portal user add --db FILE|URL --name NAME --role ROLE [--team TEAM]\n"
        "       escalation-portal user list --db FILE|URL\n"
        "       escalation-portal user revoke --db FILE|URL ID\n"
        "       escalation-portal user rotate --db FILE|URL ID"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Manage the portal's users and their tokens."));
    parser.addHelpOption();
    parser.addOptions({
        {u"db"_s, tr("The portal's database: a SQLite file or postgresql://USER@HOST[:PORT]/DB."),
         u"FILE|URL"_s},
        {u"name"_s, tr("The user's display name (user add)."), u"NAME"_s},
        {u"role"_s, tr("escalation_manager, team_lead, director or admin (user add)."), u"ROLE"_s},
        {u"team"_s, tr("The user's team (user add)."), u"TEAM"_s},
    });
    if (!parser.parse(arguments))
        return usageError(parser.errorText(), usage);
    if (parser.isSet(u"help"_s)) {
        printLine(stdout, tr("Usage: %1").arg(usage));
        printLine(stdout, parser.helpText());
        return Ok;
    }
    const QStringList positional = parser.positionalArguments(); // "user", command, …
    const QString command = positional.value(1);
    static const QStringList commands = {u"add"_s, u"list"_s, u"revoke"_s, u"rotate"_s};
    if (!commands.contains(command))
        return usageError(command.isEmpty()
                              ? tr("user needs a command: add, list, revoke or rotate")
                              : tr("unknown user command \"%1\"").arg(command),
                          usage);
    const bool takesId = command == u"revoke"_s || command == u"rotate"_s;
    if (takesId && positional.size() != 3)
        return usageError(tr("user %1 needs the user's id (see user list)").arg(command), usage);
    if (!takesId && positional.size() > 2)
        return usageError(tr("unexpected argument \"%1\"").arg(positional.at(2)), usage);
    if (!parser.isSet(u"db"_s) || parser.value(u"db"_s).isEmpty())
        return usageError(tr("--db FILE|URL is required"), usage);

    std::optional<UserRole> role;
    if (command == u"add"_s) {
        if (parser.value(u"name"_s).trimmed().isEmpty())
            return usageError(tr("user add needs --name NAME"), usage);
        if (!parser.isSet(u"role"_s))
            return usageError(tr("user add needs --role ROLE"), usage);
        role = userRoleFromCode(parser.value(u"role"_s));
        if (!role)
            return usageError(tr("unknown role \"%1\"; use escalation_manager, team_lead, "
                                 "director or admin")
                                  .arg(parser.value(u"role"_s)),
                              usage);
    } else if (parser.isSet(u"name"_s) || parser.isSet(u"role"_s) || parser.isSet(u"team"_s)) {
        return usageError(tr("--name, --role and --team belong to user add"), usage);
    }

    AdminDatabase db;
    if (const int status = db.open(parser.value(u"db"_s), command == u"add"_s); status != Ok)
        return status;
    UserDirectory users(connectionName);
    QString error;
    // A missing user is bad input (2); anything else the database's failure (4).
    const auto failed = [&error](bool badInput) {
        printLine(stderr, u"escalation-portal: "_s + error);
        return badInput ? BadUsage : StorageFailed;
    };

    if (command == u"add"_s) {
        const auto issued =
            users.add(parser.value(u"name"_s), *role, parser.value(u"team"_s), &error);
        if (!issued)
            return failed(false);
        auditAdmin(u"user_add"_s, issued->user.id);
        printLine(stdout,
                  tr("added %1: %2 (%3). Its token, shown only now:")
                      .arg(issued->user.id, issued->user.name, toCode(issued->user.role)));
        printLine(stdout, issued->token);
        return Ok;
    }
    if (command == u"list"_s) {
        const auto all = users.list(&error);
        if (!all)
            return failed(false);
        for (const UserRecord &r : *all) {
            const QString state = r.revoked ? u"revoked"_s
                : r.hasToken                ? u"active"_s
                                            : u"no-token"_s;
            printLine(stdout,
                      QStringList {r.identity.id, r.identity.name, toCode(r.identity.role),
                                   r.identity.team, state}
                          .join(u'\t'));
        }
        return Ok;
    }
    const QString id = positional.at(2);
    if (!users.find(id, &error))
        return failed(true);
    if (command == u"revoke"_s) {
        if (!users.revoke(id, &error))
            return failed(false);
        auditAdmin(u"user_revoke"_s, id);
        printLine(stdout, tr("revoked %1: its token no longer works").arg(id));
        return Ok;
    }
    const auto token = users.rotate(id, &error);
    if (!token)
        return failed(true); // a revoked user: add a new one
    auditAdmin(u"user_rotate"_s, id);
    printLine(stdout,
              tr("new token for %1, shown only now (the old one no longer works):").arg(id));
    printLine(stdout, *token);
    return Ok;
}

int runAuditCommand(const QStringList &arguments)
{
    const QString usage = u"escalation-portal audit verify --db FILE|URL"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Check the portal's audit log for changed or removed "
                                        "entries."));
    parser.addHelpOption();
    parser.addOption(
        {u"db"_s, tr("The portal's database: a SQLite file or postgresql://USER@HOST[:PORT]/DB."),
         u"FILE|URL"_s});
    if (!parser.parse(arguments))
        return usageError(parser.errorText(), usage);
    if (parser.isSet(u"help"_s)) {
        printLine(stdout, tr("Usage: %1").arg(usage));
        printLine(stdout, parser.helpText());
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.value(1) != u"verify"_s || positional.size() != 2)
        return usageError(positional.size() < 2
                              ? tr("audit needs a command: verify")
                              : tr("unknown audit command \"%1\"").arg(positional.at(1)),
                          usage);
    if (!parser.isSet(u"db"_s) || parser.value(u"db"_s).isEmpty())
        return usageError(tr("--db FILE|URL is required"), usage);
    AdminDatabase db;
    if (const int status = db.open(parser.value(u"db"_s), false); status != Ok)
        return status;
    const AuditVerdict verdict = AuditLog(connectionName).verify();
    if (verdict.intact) {
        printLine(stdout, verdict.message);
        return Ok;
    }
    printLine(stderr, u"escalation-portal: "_s + verdict.message);
    return verdict.firstBadSeq > 0 ? Tampered : StorageFailed;
}

} // namespace Escalation::Portal

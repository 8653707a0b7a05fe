// escalation-portal: the reference case portal (docs/portal-api.md) with
// seeded data and live activity. Command line: DESIGN.md section 4.

#include "admincommands.h"
#include "auditlog.h"
#include "datagenerator.h"
#include "demousers.h"
#include "liveactivity.h"
#include "portaldatabase.h"
#include "portaljson.h"
#include "portallog.h"
#include "portalserver.h"
#include "portalstore.h"
#include "requesthistory.h"
#include "userdirectory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Escalation::Portal;

namespace {

enum ExitCode { Ok = 0, ListenFailed = 1, BadUsage = 2, StorageFailed = 4 };

QString tr(const char *text)
{
    return QCoreApplication::translate("escalation-portal", text);
}

int usageError(const QString &message)
{
    std::fprintf(stderr, "escalation-portal: %s\n", qPrintable(message));
    std::fprintf(stderr, "%s\n", qPrintable(tr("Try escalation-portal --help.")));
    return BadUsage;
}

std::optional<qint64> integerOption(const QCommandLineParser &parser, const QString &name,
                                    qint64 fallback, qint64 min, qint64 max)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    keepSecretsOutOfLogs();
    QCoreApplication::setApplicationName(u"escalation-portal"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.value(1) == u"user"_s)
        return runUserCommand(arguments);
    if (arguments.value(1) == u"audit"_s)
        return runAuditCommand(arguments);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Reference case portal for Escalation Desk: serves the portal API "
           "(docs/portal-api.md) with seeded data and live activity.\n\nUsers and the audit "
           "log, on the portal's database:\n  escalation-portal user add|list|revoke|rotate --db "
           "FILE|URL ...\n  escalation-portal audit verify --db FILE|URL"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"listen"_s, tr("Address and port to listen on; port 0 picks a free one."),
         u"HOST:PORT"_s},
        {u"seed"_s, tr("Seed of the generated data (default 1)."), u"N"_s},
        {u"requests"_s, tr("Number of generated escalation requests (default 2000)."), u"N"_s},
        {u"cases"_s, tr("Number of generated cases (default: as many as requests)."), u"N"_s},
        {u"now"_s, tr("Instant the generated data is relative to (default: the current time)."),
         u"ISO8601"_s},
        {u"db"_s,
         tr("Keep the portal's state in this SQLite file, or in the PostgreSQL database "
            "postgresql://USER@HOST[:PORT]/DB (password from PGPASSWORD or ~/.pgpass), and "
            "reopen it on restart."),
         u"FILE|URL"_s},
        {u"activity"_s, tr("Live changes per minute (default 0: none)."), u"PER_MINUTE"_s},
        {u"demo-credentials"_s,
         tr("Write the seeded demo users' tokens to this file (mode 0600), issuing them where "
            "needed."),
         u"FILE"_s},
        {u"rate-limit"_s, tr("Answer 429 beyond this many requests a second (default 0: off)."),
         u"N"_s},
        {u"faults"_s,
         tr("Inject faults on GET /changes and POST actions, e.g. "
            "\"500:0.1,429:0.05,reset:0.05\"."),
         u"SPEC"_s},
        {u"fault-seed"_s, tr("Seed of the fault injection (default: --seed)."), u"N"_s},
        {u"trusted-proxy"_s,
         tr("Reverse proxies in front of the portal (comma list of addresses or subnets): for "
            "requests from them the client is the address their X-Forwarded-For names, for the "
            "sign-in throttle and the audit log."),
         u"ADDRESSES"_s},
        {u"shared-poll"_s,
         tr("On a PostgreSQL database shared with other portals: look for their changes every "
            "this many seconds besides their notices, and connect again after the database "
            "server restarted (default 2; 0: notices only, a lost connection noticed at the "
            "next write)."),
         u"SECONDS"_s},
        {u"stall-seconds"_s,
         tr("How long a stall fault holds a request before dropping it (default 120)."),
         u"SECONDS"_s},
        {u"diagnostics"_s,
         tr("Answer the test and benchmark paths under /api/v1/admin/ (any signed-in user may "
            "add activity and remove cases there; never on a shared portal).")},
        {u"tls-cert"_s, tr("Serve HTTPS with this PEM certificate (needs --tls-key)."), u"FILE"_s},
        {u"tls-key"_s, tr("The PEM RSA private key of --tls-cert."), u"FILE"_s},
    });
    parser.process(app);

    if (!parser.positionalArguments().isEmpty())
        return usageError(
            tr("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));
    if (!parser.isSet(u"listen"_s))
        return usageError(tr("--listen HOST:PORT is required"));
    const QString listen = parser.value(u"listen"_s);
    const qsizetype colon = listen.lastIndexOf(u':');
    bool portOk = false;
    const uint port = colon > 0 ? QStringView(listen).mid(colon + 1).toUInt(&portOk) : 0;
    QString host = colon > 0 ? listen.left(colon) : QString();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address =
        host == u"localhost"_s ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    if (!portOk || port > 65535 || address.isNull())
        return usageError(
            tr("--listen: \"%1\" is not HOST:PORT (e.g. 127.0.0.1:8080)").arg(listen));

    const auto seed = integerOption(parser, u"seed"_s, 1, 0, std::numeric_limits<qint64>::max());
    if (!seed)
        return usageError(tr("--seed must be a non-negative integer"));
    const auto requests = integerOption(parser, u"requests"_s, 2000, 0, 10'000'000);
    if (!requests)
        return usageError(tr("--requests must be an integer from 0 to 10000000"));
    const auto cases = integerOption(parser, u"cases"_s, 0, 0, 10'000'000);
    if (!cases)
        return usageError(tr("--cases must be an integer from 0 to 10000000"));
    const auto rateLimit = integerOption(parser, u"rate-limit"_s, 0, 0, 1'000'000);
    if (!rateLimit)
        return usageError(tr("--rate-limit must be a non-negative integer (requests a second)"));
    const auto faultSeed =
        integerOption(parser, u"fault-seed"_s, *seed, 0, std::numeric_limits<qint64>::max());
    if (!faultSeed)
        return usageError(tr("--fault-seed must be a non-negative integer"));
    const auto sharedPoll = integerOption(parser, u"shared-poll"_s, 2, 0, 3600);
    if (!sharedPoll)
        return usageError(tr("--shared-poll must be an integer from 0 to 3600"));
    const auto stallSeconds = integerOption(parser, u"stall-seconds"_s, 120, 1, 3600);
    if (!stallSeconds)
        return usageError(tr("--stall-seconds must be an integer from 1 to 3600"));
    double activity = 0;
    if (parser.isSet(u"activity"_s)) {
        bool ok = false;
        activity = parser.value(u"activity"_s).toDouble(&ok);
        if (!ok || activity < 0 || activity > 600000)
            return usageError(
                tr("--activity must be a number of changes per minute from 0 to 600000"));
    }
    QDateTime now;
    if (parser.isSet(u"now"_s)) {
        now = Json::parseInstant(parser.value(u"now"_s));
        if (!now.isValid())
            return usageError(tr("--now: \"%1\" is not an ISO 8601 instant with an offset (e.g. "
                                 "2026-03-30T15:00:00Z)")
                                  .arg(parser.value(u"now"_s)));
    }

    PortalStore store;
    if (parser.isSet(u"db"_s)) {
        QString error;
        if (!store.openDatabase(parser.value(u"db"_s), &error)) {
            std::fprintf(
                stderr, "escalation-portal: %s\n",
                qPrintable(tr("cannot open %1: %2")
                               .arg(PortalDatabase::displayLocator(parser.value(u"db"_s)), error)));
            return StorageFailed;
        }
        store.setSharedPoll(std::chrono::seconds(*sharedPoll));
    }
    // Users, audit and history: on the portal's file, or in memory without --db.
    const QString accessConnection = u"escalation-portal-access"_s;
    {
        QString error;
        const QString path = parser.isSet(u"db"_s) ? parser.value(u"db"_s) : u":memory:"_s;
        if (!PortalDatabase::openConnection(accessConnection, path, &error)) {
            std::fprintf(
                stderr, "escalation-portal: %s\n",
                qPrintable(
                    tr("cannot open %1: %2").arg(PortalDatabase::displayLocator(path), error)));
            return StorageFailed;
        }
    }
    UserDirectory users(accessConnection);
    AuditLog audit(accessConnection);
    RequestHistory history(accessConnection);

    bool seeding = store.isEmpty();
    if (seeding) {
        QElapsedTimer timer;
        timer.start();
        GeneratorConfig config;
        config.seed = quint64(*seed);
        config.requestCount = int(*requests);
        config.caseCount = int(*cases);
        config.now = now;
        QString error;
        // Another portal on a shared database may have filled it meanwhile.
        if (!store.populate(DataGenerator(config).generate(), &error, &seeding)) {
            std::fprintf(stderr, "escalation-portal: %s\n",
                         qPrintable(tr("cannot store generated data: %1").arg(error)));
            return StorageFailed;
        }
        qCInfo(lcPortal) << "generated" << store.caseCount() << "cases and" << store.requestCount()
                         << "requests in" << timer.elapsed() << "ms";
    } else if (parser.isSet(u"seed"_s) || parser.isSet(u"requests"_s)) {
        qCInfo(lcPortal) << "the database already holds data; --seed and --requests are ignored";
    }
    {
        QString error;
        const bool demo = seeding || parser.isSet(u"demo-credentials"_s);
        bool ok = !demo || ensureDemoUsers(users, &error);
        if (ok && seeding)
            ok = seedHistory(store, users, history, &error);
        if (ok && parser.isSet(u"demo-credentials"_s))
            ok = writeDemoCredentials(users, parser.value(u"demo-credentials"_s), &error);
        if (!ok) {
            std::fprintf(stderr, "escalation-portal: %s\n",
                         qPrintable(tr("cannot set up the demo users: %1").arg(error)));
            return StorageFailed;
        }
    }

    LiveActivity live(&store, quint64(*seed) + quint64(store.lastSequence()));
    PortalServer server(&store, &live, PortalAccess {&users, &audit, &history});
    server.setRateLimit(int(*rateLimit));
    server.setStallTime(std::chrono::seconds(*stallSeconds));
    if (parser.isSet(u"diagnostics"_s))
        server.enableDiagnostics();
    if (parser.isSet(u"faults"_s)) {
        QString error;
        if (!server.setFaults(parser.value(u"faults"_s), quint64(*faultSeed), &error))
            return usageError(error);
    }
    if (parser.isSet(u"trusted-proxy"_s)) {
        QString error;
        if (!server.setTrustedProxies(parser.value(u"trusted-proxy"_s), &error))
            return usageError(u"--trusted-proxy: "_s + error);
    }
    if (parser.isSet(u"tls-cert"_s) != parser.isSet(u"tls-key"_s))
        return usageError(tr("--tls-cert and --tls-key go together"));
    if (parser.isSet(u"tls-cert"_s)) {
        QString error;
        if (!server.setTls(parser.value(u"tls-cert"_s), parser.value(u"tls-key"_s), &error))
            return usageError(error);
    }
    const quint16 actualPort = server.listen(address, quint16(port));
    if (actualPort == 0) {
        std::fprintf(stderr, "escalation-portal: %s\n",
                     qPrintable(tr("cannot listen on %1").arg(listen)));
        return ListenFailed;
    }
    if (activity > 0) // a new desk sees a major issue proposed at once
        qCInfo(lcPortal) << "activity:" << live.majorIssue();
    live.start(activity);

    const QString shownHost = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' + address.toString() + u']'
        : address.toString();
    std::fprintf(stdout, "listening on %s://%s:%u\n", server.isTls() ? "https" : "http",
                 qPrintable(shownHost), unsigned(actualPort));
    std::fflush(stdout);
    return app.exec();
}

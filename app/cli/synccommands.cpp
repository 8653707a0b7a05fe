#include "synccommands.h"

#include "cachestore.h"
#include "calendarregistry.h"
#include "clicommon.h"
#include "connectorfactory.h"
#include "desksettings.h"
#include "exitcodes.h"
#include "outbox.h"
#include "paths.h"
#include "policyconfig.h"
#include "portalconnector.h"
#include "portalcredentials.h"
#include "recordparser.h"
#include "reviewclock.h"
#include "storeworker.h"
#include "subcommandhelp.h"
#include "syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Escalation::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SyncCommands", text);
}

// The cache remembers the portal it was synced from, so that `decide`
// pushes to the same one without being told.
const QString portalUrlKey = u"cli/portalUrl"_s;
// ... and which kind of backend it was ("native" or "rt"): a cache filled
// from one cannot continue from the other.
const QString connectorKey = u"cli/connector"_s;
const QString nativeKind = BackendConfig::nativeKind();
const QString rtKind = BackendConfig::rtKind();

std::optional<QUrl> portalUrl(const QString &text, QString *error)
{
    const QUrl url = QUrl::fromUserInput(text);
    if (text.isEmpty() || !url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"http"_s && url.scheme() != u"https"_s)) {
        *error = tr("--portal: \"%1\" is not an http:// or https:// URL").arg(text);
        return std::nullopt;
    }
    return url;
}

QCommandLineOption connectorOption()
{
    return {u"connector"_s,
            tr("Where to sync from: native (the portal contract) or rt (Request Tracker 5; queues, "
               "fields and "
               "statuses from the rt/ group of the settings). Default: the one the cache was "
               "synced from, "
               "else the \"connector\" setting, else native."),
            tr("KIND")};
}

// --connector, else what the cache remembers, else the app's setting, else
// native; nullopt (and *error) for an unknown kind.
std::optional<QString> connectorKind(const QCommandLineParser &parser, const QString &stored,
                                     QString *error)
{
    QString kind;
    if (parser.isSet(u"connector"_s))
        kind = parser.value(u"connector"_s).trimmed().toLower();
    else if (!stored.isEmpty())
        kind = stored;
    else
        return DeskSettings().connector(error);
    if (kind != nativeKind && kind != rtKind) {
        *error = tr("--connector: unknown kind \"%1\" (expected native or rt)").arg(kind);
        return std::nullopt;
    }
    return kind;
}

// The backend for a command, built as the desk builds it (BackendConfig):
// the native portal client, or an RT connector configured from the rt/
// settings with url as its address. Null (and *error, a usage problem) when
// the RT settings cannot work.
std::unique_ptr<PortalConnector> makeConnector(const QString &kind, const QUrl &url,
                                               const QString &token, QString *error)
{
    QStringList problems;
    BackendConfig backend = BackendConfig::resolve(DeskSettings(), kind, url, &problems);
    for (const QString &p : std::as_const(problems))
        errStream() << tr("note: %1\n").arg(p);
    // A script waits less than the desk for a portal that does not answer.
    backend.native.transferTimeout = std::chrono::seconds(20);
    backend.native.maxTotalTime = std::chrono::seconds(60);
    backend.setToken(token);
    const QStringList invalid = backend.validate();
    if (!invalid.isEmpty()) {
        *error = tr("Request Tracker cannot be used: %1").arg(invalid.join(u' '));
        return nullptr;
    }
    return std::unique_ptr<PortalConnector>(ConnectorFactory::create(backend));
}

// The StoreWorker on its own thread, opened synchronously for a command.
class StoreSession final {
public:
    ~StoreSession()
    {
        if (m_worker) {
            // Runs after every call already queued, so nothing is cut short.
            QMetaObject::invokeMethod(m_worker, &StoreWorker::closeStore,
                                      Qt::BlockingQueuedConnection);
        }
        m_thread.quit();
        m_thread.wait();
    }

    bool open(const QString &path, StoreError *error)
    {
        m_worker = new StoreWorker(path);
        m_worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread.start();
        // A command has nothing else to do meanwhile: it waits for the answer.
        const StoreResult<StoreWorker::Opened> opened = m_worker->open().takeResult();
        if (!opened) {
            *error = opened.error();
            return false;
        }
        report = opened->report;
        state = opened->state;
        pendingOutbox = opened->pendingOutbox;
        if (!report.movedAsidePath.isEmpty())
            errStream() << tr("note: the cache was damaged and moved aside to %1; %2 outbox "
                              "entries were rescued.\n")
                               .arg(report.movedAsidePath)
                               .arg(report.salvagedOutboxEntries);
        return true;
    }

    // Queued behind every call before it; a failure is logged by the store.
    void setValue(const QString &key, const QString &value) { m_worker->setValue(key, value); }

    StoreWorker *worker() const { return m_worker; }
    StoreOpenReport report;
    SyncState state;
    int pendingOutbox = 0;

private:
    QThread m_thread;
    StoreWorker *m_worker = nullptr;
};

// SIGINT/SIGTERM end a continuous sync cleanly: the handler only writes to
// a socket; the event loop does the rest.
class InterruptWatcher final {
public:
    InterruptWatcher()
    {
#ifdef Q_OS_UNIX
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_fds) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(s_fds[1], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated,
                         QCoreApplication::instance(), [] { QCoreApplication::exit(ExitOk); });
        struct sigaction sa = {};
        sa.sa_handler = [](int) {
            const char c = 1;
            [[maybe_unused]] const auto n = ::write(s_fds[0], &c, 1);
        };
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &sa, nullptr);
        ::sigaction(SIGTERM, &sa, nullptr);
#endif
    }

private:
#ifdef Q_OS_UNIX
    static inline int s_fds[2] = {-1, -1};
    std::unique_ptr<QSocketNotifier> m_notifier;
#endif
};

QString stateLine(const SyncStatus &s)
{
    switch (s.state) {
    case SyncStatus::State::Idle:
        return tr("idle");
    case SyncStatus::State::Syncing:
        return s.firstSync
            ? tr("first sync: %1 records in %2 pages").arg(s.recordsDone).arg(s.pagesDone)
            : tr("syncing: %1 records").arg(s.recordsDone);
    case SyncStatus::State::UpToDate:
        return tr("up to date (%1), %2 decisions waiting in the outbox")
            .arg(instantToString(s.lastSuccessAt))
            .arg(s.pendingOutbox);
    case SyncStatus::State::Offline:
        return tr("offline since %1, next try at %2: %3")
            .arg(instantToString(s.offlineSince), instantToString(s.nextRetryAt), s.message);
    case SyncStatus::State::Error:
        return tr("error: %1").arg(s.message)
            + (s.nextRetryAt.isValid() ? tr(" (next try at %1)").arg(instantToString(s.nextRetryAt))
                                       : QString());
    }
    return {};
}

// One request with the case and review-clock fields scripts rely on.
struct Row {
    EscalationRequest request;
    Case caseRecord;
    bool hasCase = false;
    ReviewTimes times;
    ClockState clock = ClockState::OnTrack;
};

// The review clocks as the desk runs them: the user's calendars folder over
// the built-in calendars, the user's policy file and thresholds over the
// shipped policy (docs/settings.md). What the settings could not give is
// noted on stderr; the shipped values stand in for it.
struct ClockSetup {
    CalendarRegistry calendars;
    ReviewClock clock;

    static ClockSetup fromSettings()
    {
        const DeskSettings settings;
        QStringList problems;
        const PolicyConfig policy = settings.effectivePolicy(&problems);
        ClockSetup setup {settings.calendars(&problems), ReviewClock(policy.review)};
        problems.removeDuplicates();
        for (const QString &p : std::as_const(problems))
            errStream() << tr("note: %1\n").arg(p);
        errStream().flush();
        return setup;
    }
};

StoreResult<QList<Row>> loadRows(CacheStore &store)
{
    const StoreResult<QueueSnapshot> queue = store.loadActiveQueue();
    if (!queue)
        return queue.error();
    const QueueSnapshot &snapshot = *queue;
    const ClockSetup setup = ClockSetup::fromSettings();
    const CalendarRegistry &calendars = setup.calendars;
    const ReviewClock &clock = setup.clock;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QList<Row> rows;
    rows.reserve(snapshot.requests.size());
    for (const EscalationRequest &r : snapshot.requests) {
        Row row;
        row.request = r;
        const auto it = snapshot.cases.constFind(r.caseId);
        if (it != snapshot.cases.cend()) {
            row.caseRecord = *it;
            row.hasCase = true;
        }
        row.times = clock.times(r, calendars);
        row.clock = row.times.stateAt(now);
        rows.append(std::move(row));
    }
    // Most urgent first: requests still under review, earliest review
    // deadline first; answered ones after them.
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        const bool aOpen = a.request.isOpen(), bOpen = b.request.isOpen();
        if (aOpen != bOpen)
            return aOpen;
        if (a.times.dueAt != b.times.dueAt)
            return a.times.dueAt < b.times.dueAt;
        return a.request.id < b.request.id;
    });
    return rows;
}

QString dueString(const ReviewTimes &t)
{
    return t.dueAt == NoInstant ? QString()
                                : instantToString(QDateTime::fromSecsSinceEpoch(t.dueAt, Qt::UTC));
}

QJsonObject rowToJson(const Row &row, bool full)
{
    auto nullable = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    QJsonObject o = full ? requestToJson(row.request) : QJsonObject();
    o.insert(u"id"_s, row.request.id);
    o.insert(u"caseId"_s, row.request.caseId);
    o.insert(u"caseNumber"_s, row.hasCase ? QJsonValue(row.caseRecord.number) : QJsonValue());
    o.insert(u"level"_s, row.request.level);
    o.insert(u"reason"_s, toCode(row.request.reason));
    o.insert(u"state"_s, toCode(row.request.state));
    o.insert(u"requestedAt"_s, instantToString(row.request.requestedAt));
    o.insert(u"reviewDueAt"_s, nullable(dueString(row.times)));
    o.insert(u"clockState"_s, toCode(row.clock));
    // While waiting on the requester the clock stands still: no due time.
    o.insert(u"waitingSince"_s,
             row.times.waitingSince == NoInstant
                 ? QJsonValue()
                 : QJsonValue(instantToString(
                     QDateTime::fromSecsSinceEpoch(row.times.waitingSince, Qt::UTC))));
    o.insert(u"severity"_s,
             row.hasCase ? QJsonValue(static_cast<int>(row.caseRecord.severity)) : QJsonValue());
    o.insert(u"tier"_s, row.hasCase ? QJsonValue(toCode(row.caseRecord.tier)) : QJsonValue());
    o.insert(u"priority"_s,
             row.hasCase ? QJsonValue(toCode(row.caseRecord.priority)) : QJsonValue());
    o.insert(u"subject"_s, row.hasCase ? QJsonValue(row.caseRecord.subject) : QJsonValue());
    o.insert(u"account"_s, row.hasCase ? QJsonValue(row.caseRecord.account) : QJsonValue());
    o.insert(u"owner"_s, nullable(row.request.owner));
    o.insert(u"team"_s, nullable(row.request.team));
    o.insert(u"calendar"_s, nullable(row.request.calendarId));
    o.insert(u"calendarFallback"_s, row.times.calendarFallback);
    // The backend's own due time (RT's Due) where it has one; the review
    // clock runs on reviewDueAt.
    o.insert(u"externalDueAt"_s, nullable(instantToString(row.request.externalDueAt)));
    if (full)
        o.insert(u"case"_s, row.hasCase ? QJsonValue(caseToJson(row.caseRecord)) : QJsonValue());
    return o;
}

// RFC 4180: a field with a comma, quote or line break is quoted and its
// quotes doubled; leading/trailing spaces are quoted so they survive.
QString csvField(const QString &s)
{
    const bool quote = s.contains(u',') || s.contains(u'"') || s.contains(u'\n')
        || s.contains(u'\r') || (!s.isEmpty() && (s.front().isSpace() || s.back().isSpace()));
    if (!quote)
        return s;
    QString q = s;
    q.replace(u'"', u"\"\""_s);
    return u'"' + q + u'"';
}

} // namespace

// ------------------------------------------------------------------- sync

int runSync(const QStringList &arguments)
{
    const QString command = u"sync"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Brings the local cache up to date with the portal and delivers waiting decisions.\n"
           "The token is read from the system keychain or from %1.")
            .arg(PortalCredentials::environmentVariable()));
    parser.addOption({u"portal"_s,
                      tr("Portal base URL, e.g. http://127.0.0.1:8080 (with --connector rt: "
                         "RT's web address, e.g. https://rt.example.com/rt)."),
                      tr("URL")});
    parser.addOption(connectorOption());
    parser.addOption({u"db"_s, tr("Cache file (default: the desktop app's cache)."), tr("FILE")});
    parser.addOption(
        {u"once"_s, tr("Sync once and exit instead of following changes until interrupted.")});
    if (const auto exit = parseOrExit(parser, arguments, command))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return fail(command, ExitBadInput,
                    tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    if (!parser.isSet(u"portal"_s))
        return fail(command, ExitBadInput, tr("--portal URL is required"));
    QString error;
    const std::optional<QUrl> url = portalUrl(parser.value(u"portal"_s), &error);
    if (!url)
        return fail(command, ExitBadInput, error);
    const bool once = parser.isSet(u"once"_s);

    const TokenLookup token = PortalCredentials(*url).readBlocking();
    if (!token.found())
        errStream() << tr("note: %1 Continuing without a token.\n").arg(token.error);

    // The kind the cache was filled from, read before it is opened for writing.
    // Best effort: a cache that cannot be read here is opened for writing
    // below, which repairs or reports it.
    QString storedKind;
    if (QFileInfo::exists(dbPath(parser))) {
        StoreError readError;
        if (auto existing = CacheStore::open(dbPath(parser), nullptr, &readError,
                                             CacheStore::OpenMode::ReadOnly))
            storedKind = existing->value(connectorKey).valueOr(QString());
    }
    QString kindError;
    const std::optional<QString> kind = connectorKind(parser, storedKind, &kindError);
    if (!kind)
        return fail(command, ExitBadInput, kindError);
    if (!storedKind.isEmpty() && *kind != storedKind)
        return fail(command, ExitBadInput,
                    tr("the cache %1 was filled from a %2 backend and cannot continue from %3; use "
                       "another --db")
                        .arg(dbPath(parser), storedKind, *kind));
    QString connectorError;
    std::unique_ptr<PortalConnector> connector =
        makeConnector(*kind, *url, token.token, &connectorError);
    if (!connector)
        return fail(command, ExitBadInput, connectorError);

    StoreSession session;
    StoreError storeError;
    if (!session.open(dbPath(parser), &storeError))
        return fail(command, ExitStorageFailed,
                    tr("cannot open the cache %1: %2").arg(dbPath(parser), storeError.message));
    session.setValue(portalUrlKey, url->toString());
    session.setValue(connectorKey, *kind);

    SyncEngine engine(connector.get(), session.worker());
    OutboxOptions outboxOptions;
    outboxOptions.autoRetry = !once;
    Outbox outbox(connector.get(), session.worker(), outboxOptions);

    QTextStream out(stdout);
    QObject::connect(
        &engine, &SyncEngine::recordsSkipped, &engine, [](const QList<RecordDiagnostic> &skipped) {
            for (const RecordDiagnostic &d : skipped)
                errStream() << tr("skipped %1 %2: %3\n")
                                   .arg(d.kind,
                                        d.id.isEmpty() ? u"#"_s + QString::number(d.index) : d.id,
                                        d.reason);
            errStream().flush();
        });
    QObject::connect(&outbox, &Outbox::conflicted, &outbox, [](const OutboxEntry &e) {
        errStream() << tr("decision on %1 is in conflict (the request changed at the portal); kept "
                          "for review: %2\n")
                           .arg(e.requestId, e.lastError);
    });
    QObject::connect(&outbox, &Outbox::rejected, &outbox, [](const OutboxEntry &e) {
        errStream() << tr("decision on %1 was refused by the portal; kept for review: %2\n")
                           .arg(e.requestId, e.lastError);
    });
    QObject::connect(&outbox, &Outbox::delivered, &outbox, [](const OutboxEntry &e) {
        errStream() << tr("delivered %1 on %2\n").arg(toCode(e.action), e.requestId);
    });

    if (!once) {
        InterruptWatcher interrupts;
        SyncStatus::State lastState = SyncStatus::State::Idle;
        QObject::connect(&engine, &SyncEngine::statusChanged, &engine, [&](const SyncStatus &s) {
            // One line per state change (progress lines during a first sync every 10 pages).
            if (s.state != lastState
                || (s.state == SyncStatus::State::Syncing && s.pagesDone % 10 == 0)) {
                errStream() << stateLine(s) << u'\n';
                errStream().flush();
            }
            lastState = s.state;
        });
        QObject::connect(&engine, &SyncEngine::cycleFinished, &outbox, [&](const SyncOutcome &o) {
            if (o.ok())
                outbox.pushNow(); // the portal is reachable: deliver what waited
        });
        engine.start(session.state, session.pendingOutbox);
        outbox.start();
        const int code = QCoreApplication::exec();
        engine.stop();
        return code;
    }

    // --once: one sync, one delivery round, then the exit status.
    std::optional<SyncOutcome> outcome;
    bool outboxDone = false;
    QString outboxFailure;
    QEventLoop loop;
    auto maybeQuit = [&] {
        if (outcome && outboxDone)
            loop.quit();
    };
    QObject::connect(&engine, &SyncEngine::cycleFinished, &loop, [&](const SyncOutcome &o) {
        outcome = o;
        maybeQuit();
    });
    QObject::connect(
        &outbox, &Outbox::deliveryFailed, &loop,
        [&](const OutboxEntry &, const QString &message, bool) { outboxFailure = message; });
    QObject::connect(&outbox, &Outbox::idle, &loop, [&] {
        outboxDone = true;
        maybeQuit();
    });
    engine.runOnce(session.state);
    outbox.start();
    outbox.pushNow(); // someone asked for this sync: waiting decisions go now, retry delays or not
    loop.exec();

    const SyncStatus status = engine.status();
    if (!outcome->ok()) {
        const int code =
            outcome->failure == SyncOutcome::Failure::Store ? ExitStorageFailed : ExitPortalFailed;
        return fail(command, code, outcome->message);
    }
    out << tr("synced %1 records in %2 pages; cursor %3; %4 skipped as invalid; %5 decisions "
              "waiting in the outbox\n")
               .arg(outcome->records)
               .arg(outcome->pages)
               .arg(engine.committedCursor())
               .arg(status.skippedRecords)
               .arg(outbox.pendingCount());
    out.flush();
    if (!outboxFailure.isEmpty())
        return fail(command, ExitPortalFailed,
                    tr("waiting decisions could not be delivered: %1").arg(outboxFailure));
    return ExitOk;
}

// ------------------------------------------------------------------- list

int runList(const QStringList &arguments)
{
    const QString command = u"list"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the escalation requests of the review queue from the local cache, "
           "most urgent first."));
    parser.addOption({u"db"_s, tr("Cache file (default: the desktop app's cache)."), tr("FILE")});
    parser.addOption({u"json"_s, tr("Print a JSON array instead of a table.")});
    parser.addOption({u"state"_s, tr("Only requests in this state: pending, accepted or declined."),
                      tr("STATE")});
    if (const auto exit = parseOrExit(parser, arguments, command))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return fail(command, ExitBadInput,
                    tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    std::optional<RequestState> state;
    if (parser.isSet(u"state"_s)) {
        state = requestStateFromCode(parser.value(u"state"_s));
        if (!state)
            return fail(command, ExitBadInput,
                        tr("--state: unknown state \"%1\" (expected pending, accepted or declined)")
                            .arg(parser.value(u"state"_s)));
        if (!isInActiveQueue(*state))
            return fail(command, ExitBadInput,
                        tr("--state: %1 requests have left the review queue; "
                           "the cache lists pending, accepted and declined ones")
                            .arg(parser.value(u"state"_s)));
    }
    int exitCode = ExitOk;
    std::unique_ptr<CacheStore> store = openForReading(dbPath(parser), command, &exitCode);
    if (!store)
        return exitCode;
    StoreResult<QList<Row>> loaded = loadRows(*store);
    if (!loaded)
        return fail(command, ExitStorageFailed, loaded.error().message);
    QList<Row> rows = std::move(*loaded);
    if (state)
        rows.removeIf([&](const Row &r) { return r.request.state != *state; });

    QTextStream out(stdout);
    if (parser.isSet(u"json"_s)) {
        QJsonArray array;
        for (const Row &row : std::as_const(rows))
            array.append(rowToJson(row, false));
        out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    out << u"%1  %2  %3  %4  %5  %6  %7  %8\n"_s.arg(tr("REQUEST"), -10)
               .arg(tr("CASE"), -10)
               .arg(tr("LVL"), -3)
               .arg(tr("SEV"), -3)
               .arg(tr("STATE"), -9)
               .arg(tr("CLOCK"), -11)
               .arg(tr("REVIEW DUE"), -20)
               .arg(tr("REASON"));
    for (const Row &row : std::as_const(rows)) {
        out << u"%1  %2  %3  %4  %5  %6  %7  %8\n"_s.arg(row.request.id, -10)
                   .arg(row.hasCase ? row.caseRecord.number : row.request.caseId, -10)
                   .arg(row.request.level, -3)
                   .arg(row.hasCase ? toCode(row.caseRecord.severity) : u"?"_s, -3)
                   .arg(toCode(row.request.state), -9)
                   .arg(toCode(row.clock), -11)
                   .arg(dueString(row.times), -20)
                   .arg(toCode(row.request.reason));
    }
    return ExitOk;
}

// ----------------------------------------------------------------- decide

int runDecide(const QStringList &arguments)
{
    const QString command = u"decide"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Accepts or declines an escalation request. The decision "
                                        "is saved in the cache's outbox first, "
                                        "then sent to the portal; if the portal cannot be reached "
                                        "it stays in the outbox for the next sync."));
    parser.addPositionalArgument(u"REQUEST_ID"_s, tr("The escalation request, e.g. E-200311."));
    parser.addPositionalArgument(u"accept|decline"_s, tr("The decision."));
    parser.addOption({u"text"_s, tr("Plan of action (accept) or reply to the requester (decline)."),
                      tr("TEXT")});
    parser.addOption({u"db"_s, tr("Cache file (default: the desktop app's cache)."), tr("FILE")});
    parser.addOption({u"portal"_s,
                      tr("Portal base URL (default: the one the cache was last synced from)."),
                      tr("URL")});
    parser.addOption(connectorOption());
    if (const auto exit = parseOrExit(parser, arguments, command))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return fail(command, ExitBadInput, tr("expected REQUEST_ID and accept|decline"));
    const QString requestId = positional.at(0);
    const std::optional<DecisionKind> kind = decisionKindFromCode(positional.at(1));
    if (!kind)
        return fail(
            command, ExitBadInput,
            tr("\"%1\" is not a decision (expected accept or decline)").arg(positional.at(1)));
    const QString text = parser.value(u"text"_s).trimmed();
    if (text.isEmpty())
        return fail(command, ExitBadInput,
                    tr("--text is required: the plan of action or the reply to the requester"));
    if (text.size() > ParseLimits().maxTextLength)
        return fail(command, ExitBadInput,
                    tr("--text has %1 characters, at most %2 are allowed")
                        .arg(text.size())
                        .arg(ParseLimits().maxTextLength));
    // The base version is the one this cache shows: the portal refuses the
    // decision (conflict) if the request changed since.
    const QString path = dbPath(parser);
    qint64 baseVersion = 0;
    QString storedPortal;
    QString storedKind;
    {
        int exitCode = ExitOk;
        std::unique_ptr<CacheStore> store = openForReading(path, command, &exitCode);
        if (!store)
            return exitCode;
        const StoreResult<EscalationRequest> request = store->request(requestId);
        if (request.failed())
            return fail(command, ExitStorageFailed, request.error().message);
        if (!request)
            return fail(command, ExitBadInput,
                        tr("request %1 is not in the cache; run sync first or check the id")
                            .arg(requestId));
        if (request->state != RequestState::Pending)
            return fail(command, ExitBadInput,
                        tr("request %1 is %2, not pending: it has already been answered")
                            .arg(requestId, toCode(request->state)));
        baseVersion = request->version;
        const StoreResult<QString> portal = store->value(portalUrlKey);
        const StoreResult<QString> backendKind = store->value(connectorKey);
        if (portal.failed() || backendKind.failed())
            return fail(command, ExitStorageFailed,
                        (portal.failed() ? portal : backendKind).error().message);
        storedPortal = portal.valueOr(QString());
        storedKind = backendKind.valueOr(QString());
    }
    QString kindError;
    const std::optional<QString> backend = connectorKind(parser, storedKind, &kindError);
    if (!backend)
        return fail(command, ExitBadInput, kindError);
    const QString portalText = parser.isSet(u"portal"_s) ? parser.value(u"portal"_s) : storedPortal;
    std::optional<QUrl> url;
    QString urlError;
    if (parser.isSet(u"portal"_s)) {
        url = portalUrl(portalText, &urlError);
        if (!url)
            return fail(command, ExitBadInput, urlError);
    } else if (!portalText.isEmpty()) {
        url = portalUrl(portalText, &urlError);
    }

    StoreSession session;
    StoreError storeError;
    if (!session.open(path, &storeError))
        return fail(command, ExitStorageFailed,
                    tr("cannot open the cache %1: %2").arg(path, storeError.message));

    TokenLookup token;
    if (url)
        token = PortalCredentials(*url).readBlocking();
    // Without a known address the decision is only saved; the native client
    // stands in, since nothing is pushed.
    QString connectorError;
    std::unique_ptr<PortalConnector> connector = makeConnector(
        url ? *backend : nativeKind, url.value_or(QUrl()), token.token, &connectorError);
    if (!connector)
        return fail(command, ExitBadInput, connectorError);
    OutboxOptions options;
    options.autoRetry = false;
    Outbox outbox(connector.get(), session.worker(), options);

    QEventLoop loop;
    int exitCode = ExitPortalFailed;
    QString message;
    bool decided = false; // the first verdict counts; later signals of the same round do not
    auto conclude = [&](int code, const QString &why) {
        if (decided)
            return;
        decided = true;
        exitCode = code;
        message = why;
        loop.quit();
    };
    // This command submits one decision: the outbox's saved/saveFailed are its answer.
    std::optional<qint64> ours;
    QObject::connect(&outbox, &Outbox::saveFailed, &loop,
                     [&](const QString &m) { conclude(ExitStorageFailed, m); });
    QObject::connect(&outbox, &Outbox::saved, &loop, [&](const OutboxEntry &e) {
        ours = e.localId;
        errStream() << tr("saved in the outbox (key %1)\n").arg(e.idempotencyKey);
        errStream().flush();
        if (!url)
            conclude(ExitPortalFailed,
                     tr("no portal is known for this cache (run sync --portal URL, or pass "
                        "--portal); the decision stays in the outbox"));
    });
    QObject::connect(&outbox, &Outbox::delivered, &loop, [&](const OutboxEntry &e) {
        if (ours && e.localId == *ours)
            conclude(ExitOk, QString());
    });
    QObject::connect(&outbox, &Outbox::conflicted, &loop, [&](const OutboxEntry &e) {
        if (ours && e.localId == *ours)
            conclude(
                ExitConflict,
                tr("the request changed at the portal since this cache saw it; the decision is "
                   "kept as a conflict (run sync and decide again): %1")
                    .arg(e.lastError));
    });
    QObject::connect(&outbox, &Outbox::rejected, &loop, [&](const OutboxEntry &e) {
        if (ours && e.localId == *ours)
            conclude(ExitBadInput, tr("the portal refused the decision: %1").arg(e.lastError));
    });
    QObject::connect(&outbox, &Outbox::refused, &loop, [&](const OutboxEntry &e) {
        // 403: this token's user may not decide. Kept as refused, not retried.
        if (ours && e.localId == *ours)
            conclude(ExitBadInput,
                     tr("the portal refused the decision: your role may not decide (%1); it is "
                        "kept in the outbox as refused")
                         .arg(e.lastError));
    });
    QObject::connect(
        &outbox, &Outbox::deliveryFailed, &loop, [&](const OutboxEntry &, const QString &m, bool) {
            conclude(
                ExitPortalFailed,
                tr("%1 The decision stays in the outbox and is sent by the next sync.").arg(m));
        });
    QObject::connect(&outbox, &Outbox::idle, &loop, [&] {
        if (ours && outbox.isLoaded()) {
            // Idle with our entry still pending: an older entry is waiting
            // for its retry time and keeps the order.
            for (const OutboxEntry &e : outbox.entries()) {
                if (e.localId == *ours && e.status == OutboxStatus::Pending)
                    conclude(ExitPortalFailed,
                             tr("earlier decisions are waiting to be delivered; this one is "
                                "queued behind them and is sent by the next sync"));
            }
        }
    });
    const OutboxAction action =
        *kind == DecisionKind::Accept ? OutboxAction::Accept : OutboxAction::Decline;
    // No actor: the backend records the user the token belongs to
    // (escalation-desk-cli whoami tells who that is).
    outbox.submit(requestId, action, text, QString(), baseVersion);
    if (url) {
        outbox.start();
        outbox.pushNow(); // earlier waiting decisions go first, retry delays or not
    }
    loop.exec();
    if (exitCode != ExitOk)
        return fail(command, exitCode, message);
    QTextStream(stdout) << tr("%1 %2: delivered\n").arg(requestId, positional.at(1));
    return ExitOk;
}

// ----------------------------------------------------------------- whoami

int runWhoami(const QStringList &arguments)
{
    const QString command = u"whoami"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Says who the token belongs to, as the portal knows the user: name, role and team. "
           "Decisions are recorded in this user's name.\nThe token is read from the system "
           "keychain or from %1.")
            .arg(PortalCredentials::environmentVariable()));
    parser.addOption({u"portal"_s,
                      tr("Portal base URL (default: the one the cache was last synced from)."),
                      tr("URL")});
    parser.addOption(connectorOption());
    parser.addOption({u"db"_s, tr("Cache file (default: the desktop app's cache)."), tr("FILE")});
    parser.addOption({u"json"_s, tr("Print a JSON object (id, name, role, team, source).")});
    if (const auto exit = parseOrExit(parser, arguments, command))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return fail(command, ExitBadInput,
                    tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    QString storedPortal;
    QString storedKind;
    if (QFileInfo::exists(dbPath(parser))) {
        StoreError readError;
        if (auto existing = CacheStore::open(dbPath(parser), nullptr, &readError,
                                             CacheStore::OpenMode::ReadOnly)) {
            storedPortal = existing->value(portalUrlKey).valueOr(QString());
            storedKind = existing->value(connectorKey).valueOr(QString());
        }
    }
    const QString portalText = parser.isSet(u"portal"_s) ? parser.value(u"portal"_s) : storedPortal;
    if (portalText.isEmpty())
        return fail(command, ExitBadInput,
                    tr("no portal is known for this cache: pass --portal URL"));
    QString error;
    const std::optional<QUrl> url = portalUrl(portalText, &error);
    if (!url)
        return fail(command, ExitBadInput, error);
    const std::optional<QString> kind = connectorKind(parser, storedKind, &error);
    if (!kind)
        return fail(command, ExitBadInput, error);
    const TokenLookup token = PortalCredentials(*url).readBlocking();
    if (!token.found())
        return fail(command, ExitBadInput, token.error);
    std::unique_ptr<PortalConnector> connector = makeConnector(*kind, *url, token.token, &error);
    if (!connector)
        return fail(command, ExitBadInput, error);

    ConnectorResult answer;
    QEventLoop loop;
    ConnectorCall *call = connector->whoAmI();
    QObject::connect(call, &ConnectorCall::finished, &loop, [&](const ConnectorResult &r) {
        answer = r;
        loop.quit();
    });
    loop.exec();

    if (!answer.identityUnsupported && (!answer.ok() || !answer.identity))
        return fail(command, ExitPortalFailed, answer.message);
    // A backend that cannot say (Request Tracker): the role of the settings,
    // the name of its configuration; said so, never passed off as its answer.
    UserIdentity identity = answer.identity.value_or(UserIdentity());
    const bool fromPortal = !answer.identityUnsupported;
    if (!fromPortal) {
        const DeskSettings settings;
        identity.role = userRoleFor(settings.role());
        if (identity.name.isEmpty())
            identity.name = settings.userName();
    }
    QTextStream out(stdout);
    if (parser.isSet(u"json"_s)) {
        const QJsonObject o {{u"id"_s, identity.id},
                             {u"name"_s, identity.name},
                             {u"role"_s, toCode(identity.role)},
                             {u"team"_s, identity.team},
                             {u"source"_s, fromPortal ? u"portal"_s : u"settings"_s}};
        out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    const QString name = identity.name.isEmpty() ? tr("(unknown)") : identity.name;
    out << tr("%1 · %2").arg(name, displayName(identity.role));
    if (!identity.team.isEmpty())
        out << tr(" · %1").arg(identity.team);
    out << u'\n';
    if (!fromPortal)
        out << tr("note: %1 The role is the \"desk/role\" setting.\n").arg(answer.message);
    return ExitOk;
}

// ----------------------------------------------------------------- export

int runExport(const QStringList &arguments)
{
    const QString command = u"export"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Exports the review queue from the local cache as CSV or JSON."));
    parser.addOption({u"format"_s, tr("csv or json."), tr("FORMAT")});
    parser.addOption({u"db"_s, tr("Cache file (default: the desktop app's cache)."), tr("FILE")});
    parser.addOption({u"output"_s, tr("Write to FILE instead of standard output."), tr("FILE")});
    if (const auto exit = parseOrExit(parser, arguments, command))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return fail(command, ExitBadInput,
                    tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    const QString format = parser.value(u"format"_s);
    if (format != u"csv"_s && format != u"json"_s)
        return fail(command, ExitBadInput, tr("--format must be csv or json"));

    int exitCode = ExitOk;
    std::unique_ptr<CacheStore> store = openForReading(dbPath(parser), command, &exitCode);
    if (!store)
        return exitCode;
    const StoreResult<QList<Row>> loaded = loadRows(*store);
    if (!loaded)
        return fail(command, ExitStorageFailed, loaded.error().message);
    const QList<Row> &rows = *loaded;

    QByteArray data;
    if (format == u"json"_s) {
        QJsonArray array;
        for (const Row &row : rows)
            array.append(rowToJson(row, true));
        data = QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        const QStringList header = {
            u"id"_s,        u"caseId"_s,      u"caseNumber"_s,  u"subject"_s,     u"account"_s,
            u"severity"_s,  u"tier"_s,        u"priority"_s,    u"level"_s,       u"reason"_s,
            u"state"_s,     u"requestedBy"_s, u"requestedAt"_s, u"reviewDueAt"_s, u"clockState"_s,
            u"owner"_s,     u"team"_s,        u"calendar"_s,    u"decision"_s,    u"decisionText"_s,
            u"decidedBy"_s, u"decidedAt"_s,   u"summary"_s};
        QString csv = header.join(u',') + u"\r\n"_s;
        for (const Row &row : rows) {
            const EscalationRequest &r = row.request;
            const QStringList fields = {r.id,
                                        r.caseId,
                                        row.caseRecord.number,
                                        row.caseRecord.subject,
                                        row.caseRecord.account,
                                        row.hasCase ? toCode(row.caseRecord.severity) : QString(),
                                        row.hasCase ? toCode(row.caseRecord.tier) : QString(),
                                        row.hasCase ? toCode(row.caseRecord.priority) : QString(),
                                        QString::number(r.level),
                                        toCode(r.reason),
                                        toCode(r.state),
                                        r.requestedBy,
                                        instantToString(r.requestedAt),
                                        dueString(row.times),
                                        toCode(row.clock),
                                        r.owner,
                                        r.team,
                                        r.calendarId,
                                        r.decision ? toCode(r.decision->kind) : QString(),
                                        r.decision ? r.decision->text : QString(),
                                        r.decision ? r.decision->by : QString(),
                                        r.decision ? instantToString(r.decision->at) : QString(),
                                        r.summary};
            QStringList quoted;
            quoted.reserve(fields.size());
            for (const QString &f : fields)
                quoted.append(csvField(f));
            csv += quoted.join(u',') + u"\r\n"_s;
        }
        data = csv.toUtf8();
    }

    if (!parser.isSet(u"output"_s)) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(data) != data.size())
            return fail(command, ExitStorageFailed, tr("cannot write to standard output"));
        return ExitOk;
    }
    // All or nothing: a half-written export must not replace a good one.
    QSaveFile file(parser.value(u"output"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return fail(command, ExitStorageFailed,
                    tr("cannot write %1: %2").arg(parser.value(u"output"_s), file.errorString()));
    errStream()
        << tr("exported %1 requests to %2\n").arg(rows.size()).arg(parser.value(u"output"_s));
    return ExitOk;
}

} // namespace Escalation::Cli

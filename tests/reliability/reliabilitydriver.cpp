// reliability-driver: the app's sync and outbox without a window, for the
// crash-loop test that kills it with SIGKILL right after a progress line it
// picks. It prints one line per fact the test checks, each only after the
// fact is durable:
//
//   resume CURSOR            the cursor the cache opened with
//   page CURSOR              a page of the change feed is committed; the
//                            next ready page is already on its way to the
//                            store, so a kill right after this line can
//                            land inside that page's transaction
//   saved KEY REQUEST_ID     a decision is committed to the outbox (what a
//                            user is told as "saved")
//   attempt KEY              a push failed and the attempt is recorded
//   delivered KEY            the portal acknowledged it, recorded as such
//   conflict KEY, rejected KEY   the portal refused it, recorded as such
//   uptodate CURSOR          a sync cycle reached the portal's state
//   idle                     --exit-when-idle: nothing left to do
//   movedaside PATH          the cache was found damaged at open (a failure)
//
// reliability-driver --portal URL --db FILE [--sync] [--page-size N]
//                    [--decide ID:VERSION,...] [--exit-when-idle]
// The token comes from ESCALATION_DESK_TOKEN, as for every client.

#include "outbox.h"
#include "portalclient.h"
#include "storeworker.h"
#include "syncengine.h"
#include "tokenstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QThread>
#include <QTimer>

#include <cstdio>

using namespace Escalation;
using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace {

void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        {u"portal"_s, u"Portal base URL."_s, u"URL"_s},
        {u"db"_s, u"Cache file."_s, u"FILE"_s},
        {u"sync"_s, u"Keep the cache in sync with the portal."_s},
        {u"page-size"_s, u"Records per page of the change feed."_s, u"N"_s},
        {u"decide"_s, u"Accept these requests (ID:VERSION, comma separated)."_s, u"LIST"_s},
        {u"exit-when-idle"_s, u"Exit once synced and every decision is answered."_s},
    });
    parser.process(app);
    if (!parser.isSet(u"portal"_s) || !parser.isSet(u"db"_s)) {
        std::fprintf(stderr, "reliability-driver: --portal and --db are required\n");
        return 2;
    }

    QThread storeThread;
    auto *worker = new StoreWorker(parser.value(u"db"_s));
    worker->moveToThread(&storeThread);
    QObject::connect(&storeThread, &QThread::finished, worker, &QObject::deleteLater);

    PortalSettings settings;
    settings.baseUrl = QUrl(parser.value(u"portal"_s));
    settings.token = TokenStore::fromEnvironment().token;
    settings.backoffBase = milliseconds(20);
    settings.backoffCap = milliseconds(200);
    settings.transferTimeout = seconds(5);
    PortalClient client(settings);

    SyncEngineOptions syncOptions;
    syncOptions.pageSize =
        parser.value(u"page-size"_s).toInt() > 0 ? parser.value(u"page-size"_s).toInt() : 1000;
    syncOptions.retryBase = milliseconds(50);
    syncOptions.retryCap = milliseconds(500);
    syncOptions.waitTimeout = seconds(2);
    SyncEngine engine(&client, worker, syncOptions);

    OutboxOptions outboxOptions;
    outboxOptions.retryBase = milliseconds(50);
    outboxOptions.retryCap = milliseconds(500);
    Outbox outbox(&client, worker, outboxOptions);

    const bool sync = parser.isSet(u"sync"_s);
    const bool exitWhenIdle = parser.isSet(u"exit-when-idle"_s);
    bool syncedOnce = !sync;
    auto maybeExit = [&] {
        if (!exitWhenIdle || !syncedOnce || !outbox.isLoaded() || outbox.pendingCount() > 0)
            return;
        say(u"idle"_s);
        QCoreApplication::exit(0);
    };

    QObject::connect(&outbox, &Outbox::saved, &app, [](const OutboxEntry &e) {
        say(u"saved "_s + e.idempotencyKey + u' ' + e.requestId);
    });
    QObject::connect(&outbox, &Outbox::saveFailed, &app, [](const QString &message) {
        std::fprintf(stderr, "save failed: %s\n", qPrintable(message));
    });
    QObject::connect(&outbox, &Outbox::delivered, &app,
                     [&](const OutboxEntry &e) { say(u"delivered "_s + e.idempotencyKey); });
    QObject::connect(&outbox, &Outbox::deliveryFailed, &app,
                     [](const OutboxEntry &e) { say(u"attempt "_s + e.idempotencyKey); });
    QObject::connect(&outbox, &Outbox::conflicted, &app,
                     [](const OutboxEntry &e) { say(u"conflict "_s + e.idempotencyKey); });
    QObject::connect(&outbox, &Outbox::rejected, &app,
                     [](const OutboxEntry &e) { say(u"rejected "_s + e.idempotencyKey); });
    // The engine reports each committed page in its status, with the
    // cursor committed along with it.
    int pagesReported = 0;
    QObject::connect(&engine, &SyncEngine::statusChanged, &app, [&](const SyncStatus &status) {
        if (status.pagesDone > pagesReported)
            say(u"page "_s + engine.committedCursor());
        pagesReported = status.pagesDone;
    });
    QObject::connect(&outbox, &Outbox::idle, &app, maybeExit);
    QObject::connect(&outbox, &Outbox::pendingCountChanged, &app, maybeExit);
    QObject::connect(&engine, &SyncEngine::cycleFinished, &app, [&](const SyncOutcome &outcome) {
        if (!outcome.ok())
            return;
        say(u"uptodate "_s + engine.committedCursor());
        syncedOnce = true;
        outbox.pushNow();
        maybeExit();
    });

    storeThread.start();
    whenAnswered(worker->open(), &app, [&](const StoreResult<StoreWorker::Opened> &opened) {
        if (!opened) {
            std::fprintf(stderr, "cannot open the cache: %s\n", qPrintable(opened.error().message));
            QCoreApplication::exit(4);
            return;
        }
        if (!opened->report.movedAsidePath.isEmpty())
            say(u"movedaside "_s + opened->report.movedAsidePath);
        say(u"resume "_s + opened->state.cursor);
        outbox.start();
        const QStringList decisions = parser.value(u"decide"_s).split(u',', Qt::SkipEmptyParts);
        for (const QString &decision : decisions) {
            const QString id = decision.section(u':', 0, 0);
            const qint64 version = decision.section(u':', 1, 1).toLongLong();
            outbox.submit(id, OutboxAction::Accept, u"Plan of action for "_s + id, u"Crash Loop"_s,
                          version);
        }
        if (sync)
            engine.start(opened->state, opened->pendingOutbox);
    });
    const int code = QCoreApplication::exec();
    engine.stop();
    QMetaObject::invokeMethod(worker, &StoreWorker::closeStore, Qt::BlockingQueuedConnection);
    storeThread.quit();
    storeThread.wait();
    return code;
}

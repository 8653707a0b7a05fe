// P9: live latency, from a change at the portal to the change being in the
// running app's queue model: at most 1 s at the 95th percentile with push
// (long polling), at most the polling interval + 1 s without.
// The app (100 000 requests loaded, window shown) runs its real sync engine
// continuously; the portal's live activity makes one change at a time
// (POST /admin/activity) at random moments. The clock starts when the
// change is sent and stops when the store's commit of the page holding the
// change's cursor reaches the GUI thread, right after the model merged it.
// The polling run uses a 2 s interval so that it fits the run time; the
// limit scales with the interval.
//
// P10: a decision is durable (committed) before the UI confirms it: at most
// 2 ms at the 99th percentile, from Outbox::submit to Outbox::saved.

#include "benchmark.h"
#include "deskharness.h"
#include "fixture.h"
#include "livesync.h"

#include <outbox.h>
#include <queuemodel.h>
#include <storeworker.h>
#include <syncengine.h>

#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Escalation;

namespace Bench {

namespace {

struct LatencyRun {
    std::vector<double> samples;
    QString error;
};

LatencyRun measureLatency(DeskHarness &desk, const QUrl &portal, SyncEngineOptions engineOptions,
                          int samples, int maxGapMs)
{
    LatencyRun run;
    PortalClient client(portalSettings(portal));
    SyncEngine engine(&client, desk.worker(), engineOptions);
    // Every commit the GUI thread learns of: (cursor, when). The engine
    // reports its status as each commit's answer arrives.
    std::vector<std::pair<qint64, double>> commits;
    const QMetaObject::Connection c = QObject::connect(
        &engine, &SyncEngine::statusChanged, &engine, [&commits, &engine](const SyncStatus &) {
            const qint64 cursor = engine.committedCursor().toLongLong();
            if (commits.empty() || commits.back().first != cursor)
                commits.emplace_back(cursor, nowMs());
        });
    bool upToDate = false;
    QObject::connect(&engine, &SyncEngine::cycleFinished, &engine,
                     [&upToDate](const SyncOutcome &o) { upToDate = upToDate || o.ok(); });
    engine.start(desk.syncState(), 0);
    if (!waitUntil([&upToDate] { return upToDate; }, 120000)) {
        run.error = u"the engine did not catch up with the portal"_s;
        QObject::disconnect(c);
        return run;
    }
    QRandomGenerator rng(9);
    for (int i = 0; i < samples; ++i) {
        // A random moment, so that polling is met at any phase.
        waitUntil([] { return false; }, int(rng.bounded(maxGapMs)) + 50);
        const double sent = nowMs();
        QList<PortalAnswer> answers;
        if (!callPortal(portal, {{"POST", u"/admin/activity"_s, QJsonObject {{u"steps"_s, 1}}}},
                        &answers)
            || answers.first().status != 200) {
            run.error = u"the portal's activity failed (HTTP %1)"_s.arg(answers.value(0).status);
            break;
        }
        const qint64 cursor = answers.first().json().value(u"cursor"_s).toString().toLongLong();
        double seenAt = 0;
        const bool seen = waitUntil(
            [&] {
                for (const auto &[committed, at] : commits) {
                    if (committed >= cursor && at >= sent) {
                        seenAt = at;
                        return true;
                    }
                }
                return false;
            },
            30000);
        if (!seen) {
            run.error = u"change %1 (cursor %2) never reached the model"_s.arg(i).arg(cursor);
            break;
        }
        run.samples.push_back(seenAt - sent);
        commits.clear();
    }
    QObject::disconnect(c);
    engine.stop();
    // The store thread may still answer the last cycle; let it settle.
    waitUntil([] { return false; }, 100);
    desk.paintQueue();
    return run;
}

} // namespace

Result measureP9(const Options &options)
{
    Result result;
    result.unit = u"ms"_s;
    result.target = 1000;
    Fixture &fixture = Fixture::instance();
    QString error;
    PortalProcess *portal = fixture.portal(options, &error);
    const QString cache = portal ? syncedCache(options, &error) : QString();
    if (cache.isEmpty()) {
        result.failed = true;
        result.notes << u"setup failed: %1"_s.arg(error);
        return result;
    }
    DeskHarness desk(cache);
    if (!desk.open(&error) || !desk.loadQueue(&error) || !desk.show(&error)) {
        result.failed = true;
        result.notes << error;
        return result;
    }

    SyncEngineOptions push;
    push.usePush = true;
    const LatencyRun pushed =
        measureLatency(desk, portal->url(), push, std::max(20, options.repetitions * 4), 400);
    SyncEngineOptions poll;
    poll.usePush = false;
    poll.pollInterval = std::chrono::milliseconds(2000);
    const LatencyRun polled =
        measureLatency(desk, portal->url(), poll, std::max(10, options.repetitions + 3), 2000);
    for (const LatencyRun *run : {&pushed, &polled}) {
        if (!run->error.isEmpty()) {
            result.failed = true;
            result.notes << run->error;
            return result;
        }
    }

    summarize(pushed.samples, &result);
    result.value = percentile(pushed.samples, 95);
    const double pollTarget = double(poll.pollInterval.count()) + 1000;
    const double pollP95 = percentile(polled.samples, 95);
    result.parts.append({u"p95 without push (polling every 2 s)"_s, pollP95, u"ms"_s, pollTarget,
                         *std::min_element(polled.samples.begin(), polled.samples.end()),
                         *std::max_element(polled.samples.begin(), polled.samples.end()),
                         pollP95 <= pollTarget});
    result.notes
        << u"%1 rows in the app; value: 95th percentile of %2 single changes with long polling "
           u"(median "
           "%3 ms); polling: %4 changes, median %5 ms; spread: fastest and slowest change"_s
               .arg(desk.model()->rowCount())
               .arg(pushed.samples.size())
               .arg(percentile(pushed.samples, 50), 0, 'f', 0)
               .arg(polled.samples.size())
               .arg(percentile(polled.samples, 50), 0, 'f', 0);
    result.met = !result.failed && result.value <= result.target && pollP95 <= pollTarget;
    return result;
}

Result measureP10(const Options &options)
{
    Result result;
    result.unit = u"ms"_s;
    result.target = 2;
    QString error;
    const QString cache = Fixture::instance().cachePath(options, &error);
    DeskHarness desk(cache);
    if (cache.isEmpty() || !desk.open(&error)) {
        result.failed = true;
        result.notes << error;
        return result;
    }
    // The outbox is not started: it stores, and pushes nothing.
    PortalClient client(portalSettings(QUrl(u"http://127.0.0.1:9"_s)));
    Outbox outbox(&client, desk.worker());
    // One decision at a time: the next is submitted once this one is saved.
    double savedAt = 0;
    QString failure;
    QObject::connect(&outbox, &Outbox::saved, &outbox,
                     [&savedAt](const OutboxEntry &) { savedAt = nowMs(); });
    QObject::connect(&outbox, &Outbox::saveFailed, &outbox,
                     [&failure](const QString &message) { failure = message; });

    const int perRound = 200;
    std::vector<double> p99s, all;
    for (int rep = 0; rep < options.repetitions && failure.isEmpty(); ++rep) {
        std::vector<double> round;
        for (int i = 0; i < perRound && failure.isEmpty(); ++i) {
            savedAt = 0;
            const double start = nowMs();
            outbox.submit(u"E-%1"_s.arg(200000 + rep * perRound + i), OutboxAction::AddNote,
                          u"Called the customer; the fix ships tonight."_s, u"Bench Manager"_s, 0);
            if (!waitUntil([&] { return savedAt > 0 || !failure.isEmpty(); }, 10000)) {
                failure = u"no answer from the store"_s;
                break;
            }
            round.push_back(savedAt - start);
        }
        if (!round.empty()) {
            p99s.push_back(percentile(round, 99));
            all.insert(all.end(), round.begin(), round.end());
        }
    }
    if (!failure.isEmpty()) {
        result.failed = true;
        result.notes << failure;
        return result;
    }
    summarize(p99s, &result);

    // What the disk alone costs: a 4 kB write and fsync() next to the cache,
    // as many times, 99th percentile (a commit with synchronous=FULL needs
    // at least one).
    QFile probe(Fixture::instance().tempPath(u"p10-fsync-probe"_s));
    std::vector<double> syncs;
    if (probe.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        const QByteArray block(4096, 'x');
        for (int i = 0; i < perRound * options.repetitions; ++i) {
            probe.write(block);
            probe.flush();
            const double start = nowMs();
            ::fsync(probe.handle());
            syncs.push_back(nowMs() - start);
        }
        probe.close();
        probe.remove();
        result.hasReference = true;
        result.referenceUnit = u"ms"_s;
        result.reference = percentile(syncs, 99);
        result.notes
            << u"reference: 4 kB write + fsync() on the cache's file system, 99th percentile of %1 "
               "(median %2 ms)"_s.arg(syncs.size())
                   .arg(percentile(syncs, 50), 0, 'f', 3);
    }
    result.notes << u"%1 rounds of %2 decisions, one after the other, Outbox::submit → saved "
                    u"(committed on the store "
                    "thread with synchronous=FULL, in a cache of %3 requests); value: median of "
                    "the rounds' 99th "
                    "percentiles; median decision %4 ms, slowest %5 ms"_s.arg(p99s.size())
                        .arg(perRound)
                        .arg(options.requests())
                        .arg(percentile(all, 50), 0, 'f', 3)
                        .arg(*std::max_element(all.begin(), all.end()), 0, 'f', 2);
    result.met = !result.failed && result.value <= result.target;
    return result;
}

} // namespace Bench

// escalation-store-bench: bulk upsert through applySyncPage and the cold
// load of the active queue, each beside its raw limit measured in the same
// run. Not a test; run it by hand or from the project-wide benchmark.
//
//   escalation-store-bench [--requests N] [--page-size N] [--runs N] [--keep DIR]
//   escalation-store-bench --load-only FILE [--runs N]

#include "storebenchmarks.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <cstdio>

using namespace Escalation::StoreBenchmarks;
using namespace Qt::StringLiterals;

namespace {

int printQueueLoad(const QString &path, int runs)
{
    QString error;
    const QueueLoadFigures load = measureQueueLoad(path, runs, &error);
    if (load.loadMs <= 0) {
        std::fprintf(stderr, "queue load failed: %s\n", qPrintable(error));
        return 4;
    }
    std::printf(
        "active queue load (cold open + loadActiveQueue), best of %d: %d requests, %d cases\n",
        runs, load.requests, load.cases);
    std::printf("  open + load    %9.1f ms  (CPU %.1f ms; target 500 ms to paint)\n", load.loadMs,
                load.loadCpuMs);
    std::printf("    of which open incl. quick_check %.1f ms (CPU %.1f ms)\n", load.openMs,
                load.openCpuMs);
    std::printf("  bare SELECT    %9.1f ms  (CPU %.1f ms)\n", load.bareSelectMs,
                load.bareSelectCpuMs);
    std::printf("  load / SELECT  %9.2f\n", load.ratio());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures the local cache at scale."_s);
    parser.addHelpOption();
    const QCommandLineOption requestsOption(u"requests"_s, u"Requests (and cases) to write."_s,
                                            u"N"_s, u"100000"_s);
    const QCommandLineOption pageOption(u"page-size"_s, u"Requests per sync page."_s, u"N"_s,
                                        u"500"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"Runs of the load measurement (best kept)."_s,
                                        u"N"_s, u"3"_s);
    const QCommandLineOption keepOption(
        u"keep"_s,
        u"Write the databases into DIR (created, must not hold them yet) and keep them."_s,
        u"DIR"_s);
    const QCommandLineOption loadOption(
        u"load-only"_s, u"Only measure the queue load of the existing cache FILE."_s, u"FILE"_s);
    parser.addOptions({requestsOption, pageOption, runsOption, keepOption, loadOption});
    parser.process(app);
    const int requests = parser.value(requestsOption).toInt();
    const int pageSize = parser.value(pageOption).toInt();
    const int runs = parser.value(runsOption).toInt();
    if (requests <= 0 || pageSize <= 0 || runs <= 0) {
        std::fputs("--requests, --page-size and --runs take positive numbers\n", stderr);
        return 2;
    }

    QString error;
    if (parser.isSet(loadOption))
        return printQueueLoad(parser.value(loadOption), runs);

    QTemporaryDir temporary;
    const QDir dir(parser.isSet(keepOption) ? parser.value(keepOption) : temporary.path());
    if (!temporary.isValid() || !QDir().mkpath(dir.path()) || dir.exists(u"store.db"_s)
        || dir.exists(u"raw.db"_s)) {
        std::fputs("no usable directory for the databases (do store.db/raw.db exist already?)\n",
                   stderr);
        return 4;
    }
    const BulkUpsertFigures bulk = measureBulkUpsert(
        dir.filePath(u"store.db"_s), dir.filePath(u"raw.db"_s), requests, pageSize, &error);
    if (bulk.storeMs <= 0) {
        std::fprintf(stderr, "bulk upsert failed: %s\n", qPrintable(error));
        return 4;
    }
    std::printf("bulk upsert: %d requests + %d cases (+%d notes), pages of %d\n", bulk.requests,
                bulk.cases, bulk.notes, bulk.pageSize);
    std::printf("  applySyncPage  %9.1f ms  %10.0f rows/s  (CPU %.1f ms)\n", bulk.storeMs,
                bulk.storeRowsPerSecond(), bulk.storeCpuMs);
    std::printf("  raw QSqlQuery  %9.1f ms  %10.0f rows/s  (CPU %.1f ms)\n", bulk.rawMs,
                bulk.rawRowsPerSecond(), bulk.rawCpuMs);
    std::printf("  store / raw    %9.2f\n", bulk.ratio());

    const int status = printQueueLoad(dir.filePath(u"store.db"_s), runs);
    if (status != 0)
        return status;
    const EnqueueLatencyFigures enqueue =
        measureEnqueueLatency(dir.filePath(u"store.db"_s), 300, &error);
    if (enqueue.samples == 0) {
        std::fprintf(stderr, "enqueue failed: %s\n", qPrintable(error));
        return 4;
    }
    std::printf("outbox enqueue (durable, synchronous=FULL), %d decisions: p50 %.2f ms, p99 %.2f "
                "ms, max %.2f ms "
                "(target p99 <= 2 ms)\n",
                enqueue.samples, enqueue.p50Ms, enqueue.p99Ms, enqueue.maxMs);
    std::printf("  reference: 4 KiB write + fdatasync on the same disk: p50 %.2f ms, p99 %.2f ms\n",
                enqueue.fsyncP50Ms, enqueue.fsyncP99Ms);
    return 0;
}

#pragma once

// Measurements of the cache at scale (PERFORMANCE.md P1's store part and P3),
// each beside its natural limit measured in the same run. Used by
// escalation-store-bench and by the project-wide benchmark.

#include <QString>

namespace Escalation::StoreBenchmarks {

// CPU time consumed by this process so far, in milliseconds.
double processCpuMs();

struct BulkUpsertFigures {
    int requests = 0;
    int cases = 0;
    int notes = 0;
    int pageSize = 0;
    double storeMs = 0; // applySyncPage over all pages
    double rawMs = 0; // the same rows, one prepared INSERT per table, one transaction
    double storeCpuMs = 0; // CPU time of this process for the same work: steadier than
    double rawCpuMs = 0; // wall time on a shared machine

    int rows() const { return requests + cases; }
    double storeRowsPerSecond() const { return storeMs > 0 ? rows() * 1000.0 / storeMs : 0; }
    double rawRowsPerSecond() const { return rawMs > 0 ? rows() * 1000.0 / rawMs : 0; }
    double ratio() const { return rawMs > 0 ? storeMs / rawMs : 0; } // store / raw
};

// Fills `storePath` (through CacheStore::applySyncPage, pages of `pageSize`
// requests with their cases and one note each) and `rawPath` (plain
// QSqlQuery, same schema and pragmas) with `requests` requests on as many
// cases. Both files must not exist yet. Returns nullopt-like zero figures
// (storeMs == 0) on failure, with *error set.
BulkUpsertFigures measureBulkUpsert(const QString &storePath, const QString &rawPath, int requests,
                                    int pageSize, QString *error);

struct QueueLoadFigures {
    int requests = 0;
    int cases = 0;
    double loadMs = 0; // CacheStore::open + loadActiveQueue, best of `runs`
    double openMs = 0; // of which opening (quick_check included)
    double bareSelectMs =
        0; // the same three SELECTs, every value read, nothing built; best of `runs`
    double loadCpuMs = 0;
    double openCpuMs = 0; // of which opening
    double bareSelectCpuMs = 0;

    double ratio() const { return bareSelectMs > 0 ? loadMs / bareSelectMs : 0; }
};

// Cold-start load of the active queue from an existing cache at `path`.
QueueLoadFigures measureQueueLoad(const QString &path, int runs, QString *error);

struct EnqueueLatencyFigures {
    int samples = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    double fsyncP50Ms = 0; // the natural limit: write 4 KiB + fdatasync on the same file system
    double fsyncP99Ms = 0;
};

// PERFORMANCE.md P10: wall time of CacheStore::enqueue (durable, committed
// with synchronous=FULL) over `samples` decisions into the cache at `path`.
EnqueueLatencyFigures measureEnqueueLatency(const QString &path, int samples, QString *error);

} // namespace Escalation::StoreBenchmarks

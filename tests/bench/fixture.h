#pragma once

// What several measurements share within one run of escalation-bench: the
// generated data set (the reference portal's generator, one seed, one "now"),
// a cache filled with it, the reference portal serving the same data as a
// child process, and small helpers (waiting on the event loop, calling the
// portal directly, percentiles, process CPU time).

#include "benchmark.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace Bench {

// Milliseconds on a monotonic clock (steady_clock), for timestamps taken in
// different slots and compared later.
double nowMs();
// CPU time consumed by this process so far (all threads), in milliseconds.
double processCpuMs();
// CPU time of each thread of this process so far, summed by thread name
// ("QThread", "Thread (pooled)", the main thread under the program's name),
// in milliseconds; and of another process (all its threads).
QMap<QString, double> threadCpuByNameMs();
double processCpuMs(qint64 pid);
// The p-th percentile (0..100) by nearest rank.
double percentile(std::vector<double> samples, double p);

// Runs the event loop until done() holds or timeoutMs passes; false on timeout.
bool waitUntil(const std::function<bool()> &done, int timeoutMs);

// The reference portal as a child process on a free loopback port.
class PortalProcess final {
public:
    ~PortalProcess();
    bool start(const QString &executable, const QStringList &extra, QString *error);
    void stop();
    QUrl url() const { return m_url; }
    qint64 pid() const;
    static QString token();

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
};

// Direct HTTP calls to the portal (another client, or its diagnostics).
struct PortalCall {
    QByteArray verb;
    QString path; // below /api/v1, with the query
    QJsonObject body;
};
struct PortalAnswer {
    int status = 0;
    QByteArray body;
    QJsonObject json() const;
};
// Sends all calls at once (the network layer queues them per connection)
// and waits for every answer. Returns false on timeout.
bool callPortal(const QUrl &base, const QList<PortalCall> &calls, QList<PortalAnswer> *answers,
                int timeoutMs = 120000);

class Fixture final {
public:
    static Fixture &instance();

    // The data shape of the run: PERFORMANCE.md's 100 000 requests on as many
    // cases (scaled by --scale), a fixed seed, and "now" fixed at first use.
    static constexpr quint64 Seed = 20260330;
    QDateTime generatorNow();
    QString isoNow() { return generatorNow().toString(Qt::ISODate); }

    QString tempPath(const QString &name);

    // A cache holding the generated data, written through
    // CacheStore::applySyncPage in pages (built once per run, not timed).
    // Also gives how many of the requests belong in the active queue.
    QString cachePath(const Options &options, QString *error);
    int activeRequests(const Options &options);

    // The reference portal serving the same data (started once per run).
    PortalProcess *portal(const Options &options, QString *error);

    // A cache the real sync engine filled from that portal (P1 leaves its
    // last one here; P2 and P9 make one if it did not run). Its cursor is in
    // the cache.
    QString syncedCache;

    // Forgets the data set, its caches and the portal, for a run at another
    // scale (--growth).
    void reset();

private:
    Fixture() = default;
    bool generate(const Options &options, QString *error);

    QTemporaryDir m_dir;
    QDateTime m_now;
    QString m_cache;
    int m_active = -1;
    std::unique_ptr<PortalProcess> m_portal;
};

} // namespace Bench

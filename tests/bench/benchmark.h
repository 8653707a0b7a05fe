#pragma once

// The benchmark program's shared vocabulary: a Measurement is one numbered
// target of PERFORMANCE.md (P1..P10), run once per program run, producing a
// Result that is printed as a table row and written to --json.
// To add one: implement `Bench::Result measureP<N>(const Bench::Options &)`
// in its own pN_<what>.cpp, declare it below, and register it in the table
// in main.cpp.

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace Bench {

struct Options {
    double scale = 1.0; // --scale: shrink (or grow) the input sizes, e.g. 0.1 for a quick run
    int repetitions = 7; // --repetitions, at least 5 for a median and a spread
    QString benchExecutable; // this program, for the measurements that run in a child process
    QString portalExecutable; // escalation-portal, for P1, P2 and P9

    // The PERFORMANCE.md scale (100 000 requests on as many cases), scaled.
    int requests() const { return std::max(1000, int(100'000 * scale)); }
};

// Round 2's memory limit for a queue of that many requests (P7 at 300 000).
inline double rssLimitMb(const Options &options)
{
    return 40.0 + options.requests() / 1000.0;
}

// A second figure of the same target with its own limit (P4's UI work next
// to its compute time, P9's polling latency next to its push latency).
struct Part {
    QString name;
    double value = 0;
    QString unit;
    double target = 0;
    double spreadMin = 0;
    double spreadMax = 0;
    bool met = false;
};

struct Result {
    double value = 0; // the median over the repetitions
    QString unit; // e.g. "µs/call"
    double target = 0; // the PERFORMANCE.md limit, in unit
    double spreadMin = 0; // fastest and slowest repetition, in unit
    double spreadMax = 0;
    int repetitions = 0;
    bool hasReference = false;
    double reference = 0; // measured in the same run
    QString referenceUnit;
    bool met = false; // value within target and every check passed
    bool failed = false; // a correctness check failed: the number means nothing
    QStringList notes; // input sizes, checks, anything a reader needs
    QList<Part> parts; // further limits of the same target; met only if all are

    double ratio() const { return hasReference && reference != 0 ? value / reference : 0; }
};

struct Measurement {
    const char *id; // "P8"
    const char *title; // what is measured
    Result (*run)(const Options &options);
};

// The median and spread of per-repetition figures.
inline void summarize(std::vector<double> samples, Result *result)
{
    if (samples.empty())
        return;
    std::sort(samples.begin(), samples.end());
    const std::size_t n = samples.size();
    result->repetitions = int(n);
    result->value = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    result->spreadMin = samples.front();
    result->spreadMax = samples.back();
}

Result measureP1(const Options &options);
Result measureP2(const Options &options);
Result measureP3(const Options &options);
Result measureP4(const Options &options);
Result measureP5(const Options &options);
Result measureP6(const Options &options);
Result measureP7(const Options &options);
Result measureP8(const Options &options);
Result measureP9(const Options &options);
Result measureP10(const Options &options);
Result measureP11(const Options &options);
Result measureP12(const Options &options);
Result measureP13(const Options &options);

// nowMs() when main() was entered: the start of a child process's clock.
extern double processStartedAt;

// Child-process modes (the process must be fresh for what they measure).
// Each prints one JSON object on stdout and returns the exit status.
int runColdStartChild(const QString &cachePath);
int runRssChild(const QString &cachePath);

} // namespace Bench

#pragma once

// The benchmark program's shared vocabulary: a Measurement is one numbered
// target of PERFORMANCE.md (P1..P10), run once per program run, producing a
// Result that is printed as a table row and written to --json.
// To add one: implement `Bench::Result measureP<N>(const Bench::Options &)`
// in its own pN_<what>.cpp, declare it below, and register it in the table
// in main.cpp.

#include <QString>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace Bench {

struct Options {
    double scale = 1.0; // --scale: shrink (or grow) the input sizes, e.g. 0.1 for a quick run
    int repetitions = 7; // --repetitions, at least 5 for a median and a spread
};

struct Result {
    double value = 0;         // the median over the repetitions
    QString unit;             // e.g. "µs/call"
    double target = 0;        // the PERFORMANCE.md limit, in unit
    double spreadMin = 0;     // fastest and slowest repetition, in unit
    double spreadMax = 0;
    int repetitions = 0;
    bool hasReference = false;
    double reference = 0;     // measured in the same run
    QString referenceUnit;
    bool met = false;         // value within target and every check passed
    bool failed = false;      // a correctness check failed: the number means nothing
    QStringList notes;        // input sizes, checks, anything a reader needs

    double ratio() const { return hasReference && reference != 0 ? value / reference : 0; }
};

struct Measurement {
    const char *id;    // "P8"
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

Result measureP8(const Options &options);

} // namespace Bench

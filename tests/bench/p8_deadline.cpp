// P8: deadline = start + N business minutes, at most 0.5 µs per call, against
// a naive minute-by-minute walk that must agree on every result it computes.

#include "benchmark.h"

#include "businesscalendar.h"
#include "calendarregistry.h"
#include "naivebusinesswalk.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <chrono>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace Bench {

namespace {

struct Input {
    int calendar;
    qint64 start;
    qint64 minutes;
};

// Realistic traffic: mostly review targets (4 h), some short and long
// targets, starts spread over two years at any minute of the week.
std::vector<Input> makeInputs(std::size_t count, int calendars)
{
    QRandomGenerator rng(8);
    const qint64 from = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    const quint64 spanMinutes = 2 * 365 * 1440;
    std::vector<Input> inputs;
    inputs.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const int kind = rng.bounded(100);
        const qint64 minutes = kind < 60 ? 240
            : kind < 90                  ? rng.bounded(2401)
                                         : rng.bounded(60 * 8 * 60); // up to about 60 business days
        inputs.push_back(
            {rng.bounded(calendars), from + qint64(rng.bounded(spanMinutes)) * 60, minutes});
    }
    return inputs;
}

double nanosecondsPerCall(const std::vector<BusinessCalendar> &calendars,
                          const std::vector<Input> &inputs, std::vector<qint64> *results)
{
    const auto begin = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < inputs.size(); ++i)
        (*results)[i] = calendars[std::size_t(inputs[i].calendar)].addBusinessMinutes(
            inputs[i].start, inputs[i].minutes);
    const auto elapsed = std::chrono::steady_clock::now() - begin;
    return double(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count())
        / double(inputs.size());
}

} // namespace

Result measureP8(const Options &options)
{
    Result result;
    result.unit = u"µs/call"_s;
    result.target = 0.5;
    result.referenceUnit = u"µs/call"_s;
    result.hasReference = true;

    const CalendarRegistry registry = CalendarRegistry::withBuiltIns();
    std::vector<BusinessCalendar> calendars;
    for (const QString &id : registry.ids())
        calendars.push_back(registry.find(id).calendar);

    const auto count = std::size_t(std::max(1000.0, 1'000'000 * options.scale));
    const std::vector<Input> inputs = makeInputs(count, int(calendars.size()));
    std::vector<qint64> results(inputs.size());

    // The first pass builds the week tables, as the first tick of a day would.
    const double firstPass = nanosecondsPerCall(calendars, inputs, &results);
    std::vector<double> samples;
    for (int r = 0; r < std::max(5, options.repetitions); ++r)
        samples.push_back(nanosecondsPerCall(calendars, inputs, &results) / 1000.0);
    summarize(samples, &result);

    // The naive walk over every 100th input: its time per call, and agreement.
    const std::size_t stride = 100;
    std::vector<EscalationTest::NaiveBusinessWalk> walks;
    for (const BusinessCalendar &c : calendars)
        walks.emplace_back(c);
    qint64 disagreements = 0;
    std::size_t checked = 0;
    const auto begin = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < inputs.size(); i += stride, ++checked) {
        const Input &in = inputs[i];
        const qint64 naive =
            walks[std::size_t(in.calendar)].addBusinessMinutes(in.start, in.minutes);
        if (naive != results[i]) {
            if (++disagreements <= 5) {
                result.notes << u"DISAGREEMENT: %1 %2 + %3 min: fast %4, naive %5"_s
                                    .arg(calendars[std::size_t(in.calendar)].id(),
                                         QDateTime::fromSecsSinceEpoch(in.start, Qt::UTC)
                                             .toString(Qt::ISODate))
                                    .arg(in.minutes)
                                    .arg(results[i])
                                    .arg(naive);
            }
        }
    }
    const auto naiveElapsed = std::chrono::steady_clock::now() - begin;
    result.reference =
        double(std::chrono::duration_cast<std::chrono::nanoseconds>(naiveElapsed).count())
        / double(checked) / 1000.0;

    result.failed = disagreements != 0;
    result.met = !result.failed && result.value <= result.target;
    result.notes.prepend(
        u"%1 inputs on %2 built-in calendars; first pass (builds week tables) %3 µs/call; "
        "naive walk on %4 of them (every %5th): %6 disagreements"_s.arg(inputs.size())
            .arg(calendars.size())
            .arg(firstPass / 1000.0, 0, 'f', 3)
            .arg(checked)
            .arg(stride)
            .arg(disagreements));
    return result;
}

} // namespace Bench

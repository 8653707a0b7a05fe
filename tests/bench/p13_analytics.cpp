// P13: a 52-week analytics report over the whole cache (100 000 requests
// and their history): read the requests raised in the period from the
// cache and compute every figure, as the CLI's `report` and the Analytics
// view do off the GUI thread. At most 1 s.

#include "benchmark.h"
#include "fixture.h"

#include "cachestore.h"
#include "escalationanalytics.h"
#include "policyconfig.h"

#include <QElapsedTimer>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace Bench {

Result measureP13(const Options &options)
{
    Result result;
    result.unit = u"ms"_s;
    result.target = 1000;
    QString error;
    const QString path = Fixture::instance().cachePath(options, &error);
    if (path.isEmpty()) {
        result.failed = true;
        result.notes << error;
        return result;
    }
    const QDateTime now = Fixture::instance().generatorNow();
    const AnalyticsFilter filter = AnalyticsFilter::lastWeeks(52, now.date());
    const PolicyConfig policy = PolicyConfig::defaults();
    const EscalationAnalytics analytics(CalendarRegistry::withBuiltIns(),
                                        ReviewClock(policy.review), EscalationPolicy(policy));

    std::vector<double> total;
    std::vector<double> reads;
    std::vector<double> computes;
    int requests = 0;
    int counted = 0;
    for (int rep = 0; rep < options.repetitions; ++rep) {
        StoreError openError;
        std::unique_ptr<CacheStore> store =
            CacheStore::open(path, nullptr, &openError, CacheStore::OpenMode::ReadOnly);
        if (!store) {
            result.failed = true;
            result.notes << openError.message;
            return result;
        }
        QElapsedTimer timer;
        timer.start();
        StoreResult<QueueSnapshot> loaded = store->loadRaisedSince(filter.from.startOfDay(Qt::UTC));
        if (!loaded) {
            result.failed = true;
            result.notes << loaded.error().message;
            return result;
        }
        const qint64 readNs = timer.nsecsElapsed();
        const AnalyticsReport report =
            analytics.compute(loaded->requests, loaded->cases, filter, now);
        const qint64 totalNs = timer.nsecsElapsed();
        total.push_back(double(totalNs) / 1e6);
        reads.push_back(double(readNs) / 1e6);
        computes.push_back(double(totalNs - readNs) / 1e6);
        requests = int(loaded->requests.size());
        counted = report.requests;
    }
    summarize(total, &result);
    // Every request read was raised within the period (none in the future).
    if (counted == 0 || counted > requests) {
        result.failed = true;
        result.notes << u"the report counted %1 of %2 requests read"_s.arg(counted).arg(requests);
        return result;
    }
    Result readPart;
    summarize(reads, &readPart);
    Result computePart;
    summarize(computes, &computePart);
    result.notes << u"%1 requests read, %2 in the 52 weeks %3 to %4; read %5 ms, computed %6 ms"_s
                        .arg(requests)
                        .arg(counted)
                        .arg(filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate))
                        .arg(readPart.value, 0, 'f', 0)
                        .arg(computePart.value, 0, 'f', 0);
    result.met = result.value <= result.target;
    return result;
}

} // namespace Bench

// P6: filter the queue, per (debounced) keystroke: at most 50 ms. A user
// types a search into the filter of the queue (100 000 rows, sorted by the
// review target, window shown) letter by letter and erases it again; each
// keystroke is the proxy's new filter until the view has repainted. The
// value is each typing round's slowest keystroke, median over the rounds.

#include "benchmark.h"
#include "deskharness.h"
#include "fixture.h"

#include <queuecolumns.h>
#include <queuefilter.h>
#include <queuefilterproxy.h>
#include <queuemodel.h>

using namespace Qt::StringLiterals;
using namespace Escalation;

namespace Bench {

Result measureP6(const Options &options)
{
    Result result;
    result.unit = u"ms"_s;
    result.target = 50;
    QString error;
    const QString cache = Fixture::instance().cachePath(options, &error);
    DeskHarness desk(cache);
    if (cache.isEmpty() || !desk.open(&error) || !desk.loadQueue(&error) || !desk.show(&error)) {
        result.failed = true;
        result.notes << error;
        return result;
    }
    desk.paintQueue();
    QueueModel *model = desk.model();
    QueueFilterProxy *proxy = desk.proxy();
    const int rows = model->rowCount();

    // Searches a manager would type: an account, a team, a person, a case
    // number; taken from the data so that they match.
    const QString account = model->index(rows / 3, QueueColumn::Account).data().toString();
    const QString team = model->index(rows / 2, QueueColumn::Team).data().toString();
    const QString caseNumber = model->index(rows / 5, QueueColumn::CaseNumber).data().toString();
    const QStringList searches {account.left(10).toLower(), team.left(8), caseNumber.left(6),
                                u"zzqx"_s};

    std::vector<double> worstPerRound, all;
    int narrowest = rows;
    for (int rep = 0; rep < options.repetitions; ++rep) {
        const QString search = searches[rep % searches.size()];
        double worst = 0;
        const auto keystroke = [&](const QString &text) {
            QueueFilter filter;
            filter.setText(text);
            const double start = nowMs();
            proxy->setFilter(filter);
            desk.paintQueue();
            const double ms = nowMs() - start;
            worst = std::max(worst, ms);
            all.push_back(ms);
            narrowest = std::min(narrowest, proxy->rowCount());
        };
        for (qsizetype n = 1; n <= search.size(); ++n)
            keystroke(search.left(n));
        for (qsizetype n = search.size() - 1; n >= 0; --n)
            keystroke(search.left(n));
        worstPerRound.push_back(worst);
        if (proxy->rowCount() != rows) {
            result.failed = true;
            result.notes
                << u"clearing the search left %1 of %2 rows"_s.arg(proxy->rowCount()).arg(rows);
        }
    }
    summarize(worstPerRound, &result);
    result.parts.append({u"median keystroke"_s, percentile(all, 50), u"ms"_s, result.target, 0, 0,
                         percentile(all, 50) <= result.target});
    result.notes << u"%1 rows; searches typed and erased letter by letter: \"%2\" (fewest rows "
                    u"shown: %3); %4 "
                    "keystrokes, median %5 ms, 95th percentile %6 ms"_s.arg(rows)
                        .arg(searches.join(u"\", \""_s))
                        .arg(narrowest)
                        .arg(all.size())
                        .arg(percentile(all, 50), 0, 'f', 1)
                        .arg(percentile(all, 95), 0, 'f', 1);
    result.met = !result.failed && result.value <= result.target;
    return result;
}

} // namespace Bench

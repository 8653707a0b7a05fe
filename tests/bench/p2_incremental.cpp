// P2: incremental sync of 1 000 changed requests, from the moment the
// portal's answer has been received to the moment their rows are updated in
// the view: at most 50 ms, with only the model merge on the GUI thread.
// Another client adds a note to 1 000 requests at the portal; the app (100 000
// requests loaded, window shown) then syncs with its real engine.

#include "benchmark.h"
#include "deskharness.h"
#include "fixture.h"
#include "livesync.h"

#include <queuemodel.h>
#include <syncengine.h>

#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace Escalation;

namespace Bench {

Result measureP2(const Options &options)
{
    Result result;
    result.unit = u"ms"_s;
    result.target = 50;
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
    desk.paintQueue();

    TimingNetworkAccessManager nam;
    PortalClient client(portalSettings(portal->url()), &nam);
    SyncEngine engine(&client, desk.worker());
    std::optional<SyncOutcome> outcome;
    QObject::connect(&engine, &SyncEngine::cycleFinished, &engine,
                     [&outcome](const SyncOutcome &o) { outcome = o; });
    SyncState state = desk.syncState();

    // Rows the model reported changed while the sync ran.
    QSet<int> changedRows;
    bool merging = false;
    QObject::connect(desk.model(), &QAbstractItemModel::dataChanged, desk.model(),
                     [&](const QModelIndex &from, const QModelIndex &to) {
                         if (merging)
                             for (int row = from.row(); row <= to.row(); ++row)
                                 changedRows.insert(row);
                     });

    const int changed = std::min(1000, desk.model()->rowCount() / 8);
    std::vector<double> samples, guiMs, pages;
    for (int rep = 0; rep < options.repetitions; ++rep) {
        // Another client changes `changed` requests at the portal.
        QList<PortalCall> calls;
        QSet<QString> ids;
        for (int i = 0; i < changed; ++i) {
            const QString id =
                desk.model()->requestIdAt((rep * changed + i) % desk.model()->rowCount());
            ids.insert(id);
            calls.append(
                {"POST", u"/requests/%1/actions"_s.arg(id),
                 QJsonObject {{u"action"_s, u"note"_s},
                              {u"text"_s, u"Benchmark note %1 of run %2."_s.arg(i).arg(rep)},
                              {u"actor"_s, u"Bench Colleague"_s}}});
        }
        QList<PortalAnswer> answers;
        const bool written = callPortal(portal->url(), calls, &answers);
        const bool allOk = written
            && std::all_of(answers.cbegin(), answers.cend(),
                           [](const PortalAnswer &a) { return a.status == 200; });
        if (!allOk) {
            result.failed = true;
            result.notes << u"the portal refused a note (HTTP %1)"_s.arg(answers.value(0).status);
            return result;
        }

        double received = 0;
        nam.onChangesAnswered = [&received](double at) {
            if (received == 0)
                received = at;
        };
        double gui = 0, updatedAt = 0;
        int updated = 0, pagesMerged = 0;
        changedRows.clear();
        desk.onMerged = [&](const ChangeSet &changes, double ms) {
            gui += ms;
            ++pagesMerged;
            for (const EscalationRequest &r : changes.updatedRequests)
                updated += ids.contains(r.id) ? 1 : 0;
            if (updated >= changed && updatedAt == 0) {
                desk.paintQueue();
                updatedAt = nowMs();
            }
        };
        outcome.reset();
        merging = true;
        engine.runOnce(state);
        const bool done = waitUntil(
            [&] { return outcome.has_value() && (updatedAt > 0 || !outcome->ok()); }, 60000);
        merging = false;
        if (!done || !outcome->ok() || updatedAt == 0) {
            result.failed = true;
            result.notes << u"incremental sync %1: %2; %3 of %4 changed requests arrived"_s.arg(rep)
                                .arg(outcome ? outcome->message : u"timed out"_s)
                                .arg(updated)
                                .arg(changed);
            return result;
        }
        state.cursor = engine.committedCursor();
        samples.push_back(updatedAt - received);
        guiMs.push_back(gui);
        pages.push_back(pagesMerged);
        const auto missing = std::count_if(ids.cbegin(), ids.cend(), [&](const QString &id) {
            return !changedRows.contains(desk.model()->rowOf(id));
        });
        if (missing > 0) {
            result.failed = true;
            result.notes << u"dataChanged missed %1 of the %2 changed rows"_s.arg(missing).arg(
                changed);
        }
    }
    nam.onChangesAnswered = nullptr;
    desk.onMerged = nullptr;
    summarize(samples, &result);
    result.parts.append({u"GUI thread"_s, percentile(guiMs, 50), u"ms"_s, result.target,
                         *std::min_element(guiMs.begin(), guiMs.end()),
                         *std::max_element(guiMs.begin(), guiMs.end()),
                         percentile(guiMs, 50) <= result.target});
    result.notes
        << u"%1 requests changed by another client (a note each) among %2 in the queue; answer "
           u"parsed on "
           "a pool thread, committed on the store thread; GUI thread busy only in the model merge: "
           "median "
           "%3 ms over %4 change set(s); rows reported changed by dataChanged = changed requests: %5"_s
               .arg(changed)
               .arg(desk.model()->rowCount())
               .arg(percentile(guiMs, 50), 0, 'f', 1)
               .arg(percentile(pages, 50))
               .arg(result.failed ? u"no"_s : u"yes"_s);
    result.met = !result.failed && result.value <= result.target;
    return result;
}

} // namespace Bench

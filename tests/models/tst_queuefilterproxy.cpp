// The queue's sort-and-filter proxy kept in step with the model: every
// batch of changes leaves it in exactly the order and selection a fresh
// proxy would show, and a batch costs a bounded number of signals (one
// insertion and one layout change, however scattered its rows), which is
// what keeps a first sync linear in the number of rows.

#include "queuefixtures.h"
#include "signalrecorder.h"

#include <obligationindex.h>
#include <queueclusters.h>
#include <queuefilterproxy.h>
#include <queuemodel.h>
#include <reviewclockservice.h>

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Escalation;

namespace {

struct Fixture {
    std::unique_ptr<ReviewClockService> clock;
    std::unique_ptr<QueueModel> model;
    Fixtures::Queue queue;
};

Fixture make(int rows)
{
    Fixture f;
    f.clock = std::make_unique<ReviewClockService>(CalendarRegistry::withBuiltIns(), ReviewClock());
    const qint64 now = Fixtures::fixedNow().toMSecsSinceEpoch();
    f.clock->setNowFunction([now] { return now; });
    f.model = std::make_unique<QueueModel>(f.clock.get());
    f.queue = Fixtures::makeQueue(rows);
    f.model->loadSnapshot(f.queue.requests, f.queue.cases);
    return f;
}

QStringList idsOf(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(QueueRole::RequestIdRole).toString();
    return ids;
}

// A page of n new requests on new cases, numbered from `from`: their keys
// fall all over the existing order.
ChangeSet newRequests(int from, int n)
{
    const QDateTime now = Fixtures::fixedNow();
    ChangeSet cs;
    for (int i = from; i < from + n; ++i) {
        const Case c = Fixtures::makeCase(i, now);
        cs.insertedCases << c;
        cs.insertedRequests << Fixtures::makeRequest(i, c, now);
    }
    return cs;
}

QueueFilter levelsFilter()
{
    QueueFilter filter;
    filter.setLevels({2, 3, 4});
    return filter;
}

} // namespace

class TestQueueFilterProxy final : public QObject {
    Q_OBJECT

private:
    // The proxy must agree with one built from scratch on the same model.
    static void verifyMatchesFreshProxy(const QueueFilterProxy &proxy, QueueModel *model)
    {
        QueueFilterProxy fresh(model);
        fresh.setFilter(proxy.filter());
        fresh.sort(proxy.sortColumn(), proxy.sortOrder());
        QCOMPARE(idsOf(proxy), idsOf(fresh));
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const QModelIndex source = proxy.mapToSource(proxy.index(row, 0));
            QCOMPARE(proxy.mapFromSource(source).row(), row);
            QCOMPARE(proxy.rowOf(proxy.requestIdAt(row)), row);
        }
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void batches_keepOrderAndSelection_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<bool>("filtered");
        QTest::newRow("urgency") << int(QueueColumn::Countdown) << Qt::AscendingOrder << false;
        QTest::newRow("subject, descending")
            << int(QueueColumn::Subject) << Qt::DescendingOrder << false;
        QTest::newRow("level, filtered") << int(QueueColumn::Level) << Qt::AscendingOrder << true;
        QTest::newRow("owner, filtered") << int(QueueColumn::Owner) << Qt::DescendingOrder << true;
        QTest::newRow("unsorted") << -1 << Qt::AscendingOrder << false;
    }

    void batches_keepOrderAndSelection()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(bool, filtered);
        auto f = make(200);
        QueueFilterProxy proxy(f.model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        if (filtered)
            proxy.setFilter(levelsFilter());
        proxy.sort(column, order);
        QItemSelectionModel selection(&proxy);
        const int selectedRow = proxy.rowCount() / 2;
        const QString selectedId = proxy.requestIdAt(selectedRow);
        selection.setCurrentIndex(proxy.index(selectedRow, 0),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const auto verifySelection = [&] {
            QCOMPARE(proxy.requestIdAt(selection.currentIndex().row()), selectedId);
            QCOMPARE(selection.selectedRows().size(), 1);
            QCOMPARE(proxy.requestIdAt(selection.selectedRows().constFirst().row()), selectedId);
        };

        // A large scattered batch (a first-sync page), then a small one.
        f.model->applyChangeSet(newRequests(1000, 300));
        verifyMatchesFreshProxy(proxy, f.model.get());
        verifySelection();
        f.model->applyChangeSet(newRequests(2000, 3));
        verifyMatchesFreshProxy(proxy, f.model.get());
        verifySelection();

        // Scattered removals, the selected row not among them.
        ChangeSet removals;
        for (int i = 0; i < 200; i += 5) {
            if (f.queue.requests[i].id != selectedId)
                removals.removedRequestIds << f.queue.requests[i].id;
        }
        f.model->applyChangeSet(removals);
        verifyMatchesFreshProxy(proxy, f.model.get());
        verifySelection();

        // Updates that move rows in the order and across the filter, all
        // applied before the model signals them run by run.
        ChangeSet updates;
        for (int i = 1; i < 200; i += 3) {
            EscalationRequest r = f.queue.requests[i];
            if (r.id == selectedId)
                continue;
            r.level = 1 + (r.level + 1) % 4;
            r.owner = i % 2 ? QStringLiteral("Zoe Adams") : QStringLiteral("Aaron Young");
            r.requestedAt = r.requestedAt.addSecs(-3600);
            updates.updatedRequests << r;
        }
        f.model->applyChangeSet(updates);
        verifyMatchesFreshProxy(proxy, f.model.get());
        verifySelection();
    }

    void batch_costsBoundedSignals()
    {
        // However many places a page's rows land in, the proxy emits one
        // insertion and at most one layout change for it; a few rows arrive
        // as plain insertions, without a layout change.
        auto f = make(0);
        QueueFilterProxy proxy(f.model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(QueueColumn::Countdown);
        SignalRecorder recorder(&proxy);
        for (int page = 0; page < 5; ++page) {
            recorder.clear();
            f.model->applyChangeSet(newRequests(page * 400, 400));
            QCOMPARE(recorder.lines.count(QStringLiteral("layout")), page == 0 ? 0 : 1);
            QCOMPARE(recorder.lines.size(), page == 0 ? 1 : 2);
            QVERIFY2(recorder.lines.first().startsWith(QStringLiteral("insert ")),
                     qPrintable(recorder.text()));
        }
        verifyMatchesFreshProxy(proxy, f.model.get());

        recorder.clear();
        f.model->applyChangeSet(newRequests(5000, 2));
        QVERIFY2(!recorder.lines.contains(QStringLiteral("layout")), qPrintable(recorder.text()));
        QVERIFY(recorder.lines.size() >= 1 && recorder.lines.size() <= 2);
        verifyMatchesFreshProxy(proxy, f.model.get());

        // Scattered removals (the model signals each run of rows apart).
        ChangeSet removals;
        for (int i = 0; i < 2000; i += 7)
            removals.removedRequestIds << QStringLiteral("E-%1").arg(200000 + i);
        const int rowsBefore = proxy.rowCount();
        f.model->applyChangeSet(removals);
        QCOMPARE(proxy.rowCount(), rowsBefore - int(removals.removedRequestIds.size()));
        verifyMatchesFreshProxy(proxy, f.model.get());
    }

    void textSearch_agreesWithTheFilterOnEveryRow_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("some");
        QTest::newRow("account") << QStringLiteral("northwind") << true;
        QTest::newRow("person, other case") << QStringLiteral("GRACE") << true;
        QTest::newRow("request id") << QStringLiteral("e-2000") << true;
        QTest::newRow("subject") << QStringLiteral("error 502") << true;
        QTest::newRow("nothing") << QStringLiteral("zzqx") << false;
        QTest::newRow("with a NUL") << QStringLiteral("a\u0000b") << false;
    }

    void textSearch_agreesWithTheFilterOnEveryRow()
    {
        // The proxy tests distinct values once per search; the filter's own
        // test on each row's fields is the reference.
        QFETCH(QString, text);
        QFETCH(bool, some);
        auto f = make(300);
        QueueFilter filter;
        filter.setText(text);
        QueueFilterProxy proxy(f.model.get());
        proxy.setFilter(filter);
        QStringList expected;
        for (int row = 0; row < f.model->rowCount(); ++row) {
            if (filter.accepts(f.model->filterSubject(row)))
                expected << f.model->requestIdAt(row);
        }
        QCOMPARE(!expected.isEmpty(), some);
        QVERIFY(expected.size() < f.model->rowCount());
        QStringList actual = idsOf(proxy);
        std::sort(actual.begin(), actual.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(actual, expected);
    }

    void textSearch_findsValuesThatArriveDuringIt()
    {
        // A search stays open while syncs bring new subjects and owners:
        // values interned after the search began are tested as they come.
        auto f = make(50);
        QueueFilterProxy proxy(f.model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QueueFilter filter;
        filter.setText(QStringLiteral("Quokka"));
        proxy.setFilter(filter);
        QCOMPARE(proxy.rowCount(), 0);

        const QDateTime now = Fixtures::fixedNow();
        Case c = Fixtures::makeCase(500, now);
        c.subject = QStringLiteral("Quokka gateway drops every second payment");
        ChangeSet arrival;
        arrival.insertedCases << c;
        arrival.insertedRequests << Fixtures::makeRequest(500, c, now);
        f.model->applyChangeSet(arrival);
        QCOMPARE(idsOf(proxy), QStringList {arrival.insertedRequests.first().id});

        EscalationRequest taken = f.queue.requests[7];
        taken.owner = QStringLiteral("Ana QUOKKA-Smith");
        ChangeSet update;
        update.updatedRequests << taken;
        f.model->applyChangeSet(update);
        QCOMPARE(proxy.rowCount(), 2);
        QVERIFY(proxy.rowOf(taken.id) >= 0);

        // A case renamed while the search is open: its row joins, and the
        // case it no longer matches leaves.
        Case renamed = f.queue.cases.value(f.queue.requests[3].caseId);
        renamed.subject = QStringLiteral("Quokka sync stalls");
        Case plain = c;
        plain.subject = QStringLiteral("Payment gateway drops every second payment");
        ChangeSet cases;
        cases.updatedCases << renamed << plain;
        f.model->applyChangeSet(cases);
        QCOMPARE(proxy.rowCount(), 2);
        QVERIFY(proxy.rowOf(f.queue.requests[3].id) >= 0);
        QCOMPARE(proxy.rowOf(arrival.insertedRequests.first().id), -1);
    }

    void sortKeys_keptOnlyForColumnsSortedBy()
    {
        // A key array is 8 bytes a row: one per column some proxy sorts by,
        // plus the review target that breaks every tie.
        auto f = make(100);
        QueueModel *model = f.model.get();
        QueueFilterProxy queue(model);
        {
            QueueFilterProxy director(model);
            queue.sort(QueueColumn::Subject);
            director.sort(QueueColumn::Level);
            QVERIFY(model->keepsSortKeys(QueueColumn::Subject));
            QVERIFY(model->keepsSortKeys(QueueColumn::Level));
            QVERIFY(model->keepsSortKeys(QueueColumn::Countdown));
            queue.sort(QueueColumn::Owner);
            QVERIFY(!model->keepsSortKeys(QueueColumn::Subject));
            QVERIFY(model->keepsSortKeys(QueueColumn::Owner));
        }
        QVERIFY(!model->keepsSortKeys(QueueColumn::Level)); // its proxy is gone
        // Reading raw values (a delegate, a report) builds no array.
        for (int row = 0; row < model->rowCount(); ++row)
            model->index(row, QueueColumn::Team).data(QueueRole::RawValueRole);
        QVERIFY(!model->keepsSortKeys(QueueColumn::Team));
        // And the order is still right after a change and a re-sort.
        f.model->applyChangeSet(newRequests(3000, 40));
        queue.sort(QueueColumn::Subject, Qt::DescendingOrder);
        verifyMatchesFreshProxy(queue, model);
    }

    void filterChange_keepsSelectedRowThatStillMatches()
    {
        auto f = make(120);
        QueueFilterProxy proxy(f.model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(QueueColumn::Subject);
        int row = 0;
        while (proxy.index(row, QueueColumn::Level).data(QueueRole::RawValueRole).toInt() < 2)
            ++row;
        const QString id = proxy.requestIdAt(row);
        const QPersistentModelIndex kept(proxy.index(row, 0));
        proxy.setFilter(levelsFilter());
        QVERIFY(kept.isValid());
        QCOMPARE(proxy.requestIdAt(kept.row()), id);
        verifyMatchesFreshProxy(proxy, f.model.get());
        proxy.setFilter(QueueFilter());
        QCOMPARE(proxy.requestIdAt(kept.row()), id);
        QCOMPARE(proxy.rowCount(), f.model->rowCount());
    }

    void owesFilter_followsTheObligations()
    {
        auto f = make(120);
        // Every other level-3/4 request has its analysis.
        int withAnalysis = 0;
        for (EscalationRequest &r : f.queue.requests)
            if (r.level >= 3 && withAnalysis++ % 2 == 0)
                r.analysis = Analysis {QStringLiteral("Root cause found."), QStringLiteral("Omar"),
                                       Fixtures::fixedNow()};
        f.model->loadSnapshot(f.queue.requests, f.queue.cases);
        ObligationIndex obligations;
        obligations.loadSnapshot(f.queue.requests);
        QueueFilterProxy proxy(f.model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QueueFilter owed;
        owed.setObligations({Obligation::FullAnalysis});
        proxy.setFilter(owed);
        QCOMPARE(proxy.rowCount(), 0); // no index: nothing is known to be owed

        proxy.setObligations(&obligations);
        QStringList expected;
        for (const EscalationRequest &r : std::as_const(f.queue.requests))
            if (r.level >= 3 && !r.analysis)
                expected << r.id;
        QVERIFY(expected.size() > 5);
        QStringList shown = idsOf(proxy);
        shown.sort();
        expected.sort();
        QCOMPARE(shown, expected);

        // An analysis recorded: the request leaves the list.
        EscalationRequest done =
            *std::find_if(f.queue.requests.begin(), f.queue.requests.end(),
                          [&](const EscalationRequest &r) { return r.id == expected.first(); });
        done.analysis =
            Analysis {QStringLiteral("Found."), QStringLiteral("Grace"), Fixtures::fixedNow()};
        done.version += 1;
        ChangeSet cs;
        cs.updatedRequests << done;
        f.model->applyChangeSet(cs);
        obligations.applyChangeSet(cs);
        QCOMPARE(proxy.rowCount(), expected.size() - 1);
        QCOMPARE(proxy.rowOf(done.id), -1);

        // Level 4 owes an acknowledgement on top.
        QueueFilter acknowledgement;
        acknowledgement.setObligations({Obligation::OwnerAcknowledgement});
        proxy.setFilter(acknowledgement);
        for (const QString &id : idsOf(proxy))
            QCOMPARE(f.model->index(f.model->rowOf(id), QueueColumn::Level)
                         .data(QueueRole::LevelRole)
                         .toInt(),
                     4);
        QVERIFY(proxy.rowCount() > 0);
    }

    void requestSet_showsOnlyItsMembers_withTheFilterAndLaterRows()
    {
        auto f = make(120);
        QueueFilterProxy proxy(f.model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(QueueColumn::Subject);
        // Every seventh request, one that is not in the queue, and one that
        // a later page brings.
        QSet<QString> set;
        for (int i = 0; i < f.queue.requests.size(); i += 7)
            set.insert(f.queue.requests.at(i).id);
        set.insert(QStringLiteral("no-such-request"));
        const ChangeSet later = newRequests(1000, 20);
        set.insert(later.insertedRequests.at(5).id);

        proxy.setRequestSet(set);
        QCOMPARE(proxy.rowCount(), 18); // rows 0, 7, … 119
        for (const QString &id : idsOf(proxy))
            QVERIFY(set.contains(id));

        // The filter narrows the set further: only its level 2–4 members.
        proxy.setFilter(levelsFilter());
        int expected = 0;
        for (int i = 0; i < f.queue.requests.size(); i += 7)
            expected += f.queue.requests.at(i).level >= 2 ? 1 : 0;
        QCOMPARE(proxy.rowCount(), expected);
        proxy.setFilter(QueueFilter());

        // A row that arrives later shows when it is a member, in its place.
        f.model->applyChangeSet(later);
        QCOMPARE(proxy.rowCount(), 19);
        QVERIFY(proxy.rowOf(later.insertedRequests.at(5).id) >= 0);
        QCOMPARE(proxy.rowOf(later.insertedRequests.at(6).id), -1);
        QStringList sorted = idsOf(proxy);
        QueueFilterProxy fresh(f.model.get());
        fresh.sort(QueueColumn::Subject);
        QStringList freshMembers;
        for (const QString &id : idsOf(fresh))
            if (set.contains(id))
                freshMembers << id;
        QCOMPARE(sorted, freshMembers);

        // nullopt: every request again.
        proxy.setRequestSet(std::nullopt);
        QCOMPARE(proxy.rowCount(), f.model->rowCount());
        QVERIFY(!proxy.requestSet());
    }

    void clusters_showAsOneExpandableRow_andFollowChanges()
    {
        auto f = make(120);
        QueueFilterProxy proxy(f.model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(QueueColumn::Subject);
        QueueClusters clusters;
        proxy.setClusters(&clusters);
        const auto id = [&f](int n) { return f.queue.requests.at(n).id; };
        // A fresh proxy grouping the same clusters must agree after every step.
        const auto verifyFresh = [&] {
            QueueFilterProxy fresh(f.model.get());
            fresh.setClusters(&clusters);
            fresh.setFilter(proxy.filter());
            fresh.sort(proxy.sortColumn(), proxy.sortOrder());
            QCOMPARE(idsOf(proxy), idsOf(fresh));
            for (int row = 0; row < proxy.rowCount(); ++row)
                QCOMPARE(proxy.rowOf(proxy.requestIdAt(row)), row);
        };
        QueueFilterProxy ungrouped(f.model.get());
        ungrouped.sort(QueueColumn::Subject);

        IssueCluster proposal;
        proposal.title = QStringLiteral("Payment gateway rejects valid cards");
        proposal.requestIds = {id(9), id(21), id(33), id(45)};
        const int all = proxy.rowCount();
        clusters.confirm(proposal);
        const QString key = id(9);

        // Collapsed: one row, where its first request sorts, standing for all four.
        QCOMPARE(proxy.rowCount(), all - 3);
        QStringList expected = idsOf(ungrouped);
        for (int n : {21, 33, 45})
            expected.removeOne(id(n));
        QCOMPARE(idsOf(proxy), expected);
        const int row = proxy.rowOf(key);
        QCOMPARE(proxy.clusterKeyAt(row), key);
        QCOMPARE(proxy.clusterRowOf(key), row);
        QCOMPARE(proxy.index(row, 0).data(QueueRole::ClusterRole).toInt(),
                 int(ClusterRowKind::Collapsed));
        const QString subject = proxy.index(row, QueueColumn::Subject).data().toString();
        QVERIFY2(subject.contains(QStringLiteral("4 requests")) && subject.contains(proposal.title),
                 qPrintable(subject));
        QCOMPARE(proxy.requestIdsAt(row), proposal.requestIds);
        QCOMPARE(proxy.collapsedClusterRows(), (std::vector<std::pair<int, int>> {{row, 4}}));
        QCOMPARE(proxy.rowOf(id(33)), -1);
        QCOMPARE(proxy.clusterKeyAt(row + 1), QString());
        verifyFresh();

        // Expanded: the others right below it, in the order shown, the
        // selection staying on its request.
        QItemSelectionModel selection(&proxy);
        const QString selectedId = id(50);
        selection.setCurrentIndex(proxy.index(proxy.rowOf(selectedId), 0),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        clusters.setExpanded(key, true);
        QCOMPARE(proxy.rowCount(), all);
        const int lead = proxy.rowOf(key);
        QStringList below;
        for (int r = lead + 1; r <= lead + 3; ++r) {
            below << proxy.requestIdAt(r);
            QCOMPARE(proxy.index(r, 0).data(QueueRole::ClusterRole).toInt(),
                     int(ClusterRowKind::Member));
            QVERIFY(proxy.index(r, QueueColumn::Subject).data().toString().startsWith(u' '));
        }
        QStringList members = {id(21), id(33), id(45)};
        std::sort(members.begin(), members.end(), [&ungrouped](const QString &a, const QString &b) {
            return ungrouped.rowOf(a) < ungrouped.rowOf(b);
        });
        QCOMPARE(below, members);
        QCOMPARE(proxy.index(lead, 0).data(QueueRole::ClusterRole).toInt(),
                 int(ClusterRowKind::Expanded));
        QCOMPARE(proxy.requestIdsAt(lead), QStringList {key});
        QVERIFY(proxy.collapsedClusterRows().empty());
        QCOMPARE(proxy.requestIdAt(selection.currentIndex().row()), selectedId);
        verifyFresh();

        // A filter that only one member passes keeps the cluster's row.
        QueueFilter byNumber;
        byNumber.setText(f.queue.cases.value(f.queue.requests.at(33).caseId).number);
        proxy.setFilter(byNumber);
        QCOMPARE(idsOf(proxy), (QStringList {key, id(33)}));
        clusters.setExpanded(key, false);
        QCOMPARE(idsOf(proxy), QStringList {key});
        proxy.setFilter(QueueFilter());

        // The cluster moves as one when its first request's subject changes.
        ChangeSet renamed;
        Case c = f.queue.cases.value(f.queue.requests.at(9).caseId);
        c.subject = QStringLiteral("Zz payment gateway rejects valid cards");
        renamed.updatedCases << c;
        f.model->applyChangeSet(renamed);
        QCOMPARE(proxy.requestIdAt(proxy.rowCount() - 1), key);
        clusters.setExpanded(key, true);
        QCOMPARE(proxy.requestIdAt(proxy.rowCount() - 4), key);
        verifyFresh();

        // Its first request leaves the queue: the next one leads.
        ChangeSet removal;
        removal.removedRequestIds << key;
        f.model->applyChangeSet(removal);
        clusters.setExpanded(key, false);
        const int next = proxy.rowOf(id(21));
        QVERIFY(next >= 0);
        QCOMPARE(proxy.clusterKeyAt(next), key);
        QCOMPARE(proxy.requestIdsAt(next), (QStringList {id(21), id(33), id(45)}));
        verifyFresh();

        // New pages arrive around a collapsed cluster.
        f.model->applyChangeSet(newRequests(1000, 40));
        verifyFresh();

        // Dissolved: every request is a row of its own again.
        clusters.dissolve(key);
        QCOMPARE(proxy.rowCount(), f.model->rowCount());
        QCOMPARE(proxy.index(proxy.rowOf(id(33)), 0).data(QueueRole::ClusterRole).toInt(),
                 int(ClusterRowKind::None));
    }

    void confirmedClusters_roundTrip_andRejectWhatTheyDidNotWrite()
    {
        QueueClusters clusters;
        IssueCluster a;
        a.title = QStringLiteral("SSO login loops");
        a.requestIds = {QStringLiteral("r1"), QStringLiteral("r2"), QStringLiteral("r3")};
        clusters.confirm(a);
        // A later proposal of the same issue adds only its new requests.
        IssueCluster grown = a;
        grown.requestIds << QStringLiteral("r4");
        QCOMPARE(clusters.unconfirmedIds(grown), QStringList {QStringLiteral("r4")});
        clusters.confirm(grown);
        QCOMPARE(clusters.clusters().size(), 1);
        QCOMPARE(clusters.clusterOf(QStringLiteral("r4"))->key(), QStringLiteral("r1"));
        clusters.setExpanded(QStringLiteral("r1"), true);

        QueueClusters restored;
        QVERIFY(restored.fromJson(clusters.toJson()));
        QCOMPARE(restored.clusters(), clusters.clusters());

        for (const QByteArray &bad :
             {QByteArray("{"), QByteArray("[]"), QByteArray("{\"confirmedClusters\": 3}"),
              QByteArray(
                  "{\"confirmedClusters\": [{\"title\": \"x\", \"requestIds\": [\"a\", \"a\"]}]}"),
              QByteArray("{\"confirmedClusters\": [{\"title\": \"\", \"requestIds\": [\"a\"]}]}"),
              QByteArray("{\"confirmedClusters\": [{\"title\": \"x\", \"requestIds\": [1]}]}")}) {
            QString error;
            QVERIFY2(!restored.fromJson(bad, &error), bad.constData());
            QVERIFY(!error.isEmpty());
            QCOMPARE(restored.clusters(), clusters.clusters()); // nothing lost
        }

        // Answered clusters are forgotten, open ones kept.
        restored.forgetAnswered([](const QString &id) { return id == QStringLiteral("r3"); });
        QCOMPARE(restored.clusters().size(), 1);
        restored.forgetAnswered([](const QString &) { return false; });
        QVERIFY(restored.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestQueueFilterProxy)
#include "tst_queuefilterproxy.moc"

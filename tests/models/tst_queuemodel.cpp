// The queue model and its proxy: loaded once, then changed only by change
// sets (row signals, never a reset), sorted on precomputed keys and filtered
// by a QueueFilter.

#include "queuefixtures.h"
#include "signalrecorder.h"

#include <queuefilterproxy.h>
#include <queuemodel.h>
#include <reviewclockservice.h>

#include <QAbstractItemModelTester>
#include <QCollator>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Escalation;

class TestQueueModel final : public QObject {
    Q_OBJECT

private:
    struct Fixture {
        std::unique_ptr<ReviewClockService> clock;
        std::unique_ptr<QueueModel> model;
        Fixtures::Queue queue;
    };
    static Fixture make(int rows)
    {
        Fixture f;
        f.clock =
            std::make_unique<ReviewClockService>(CalendarRegistry::withBuiltIns(), ReviewClock());
        const qint64 now = Fixtures::fixedNow().toMSecsSinceEpoch();
        f.clock->setNowFunction([now] { return now; });
        f.model = std::make_unique<QueueModel>(f.clock.get());
        f.queue = Fixtures::makeQueue(rows);
        f.model->loadSnapshot(f.queue.requests, f.queue.cases);
        return f;
    }
    // Subjects in the order a user expects: numbers by value, case ignored.
    static void verifySubjectsInCollationOrder(const QAbstractItemModel &proxy)
    {
        QCollator collator;
        collator.setNumericMode(true);
        collator.setCaseSensitivity(Qt::CaseInsensitive);
        for (int row = 1; row < proxy.rowCount(); ++row) {
            const QString a = proxy.index(row - 1, QueueColumn::Subject).data().toString();
            const QString b = proxy.index(row, QueueColumn::Subject).data().toString();
            QVERIFY2(collator.compare(a, b) <= 0, qPrintable(a + QStringLiteral(" > ") + b));
        }
    }
    static QStringList idsOf(const QAbstractItemModel &model)
    {
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids << model.index(row, 0).data(QueueRole::RequestIdRole).toString();
        return ids;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void loadSnapshot_showsActiveRequestsOnly()
    {
        auto f = make(0);
        QAbstractItemModelTester tester(f.model.get(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto queue = Fixtures::makeQueue(20);
        queue.requests[3].state = RequestState::Superseded;
        queue.requests[4].state = RequestState::Closed;
        f.model->loadSnapshot(queue.requests, queue.cases);
        QCOMPARE(f.model->rowCount(), 18);
        QCOMPARE(f.model->rowOf(queue.requests[3].id), -1);
        QCOMPARE(f.model->rowOf(queue.requests[5].id), 5 - 2);
        QCOMPARE(f.model->columnCount(), int(QueueColumn::Count));
    }

    void loadSnapshot_largeQueue_everyRowShowsItsOwnCase()
    {
        // Large enough that the cases are stored on a second thread while
        // the rows are filled; one request's case has not arrived yet.
        auto f = make(0);
        auto queue = Fixtures::makeQueue(3000);
        const QString missingCase = queue.requests[1234].caseId;
        queue.cases.remove(missingCase);
        f.model->loadSnapshot(queue.requests, queue.cases);
        QCOMPARE(f.model->rowCount(), 3000);
        for (const EscalationRequest &r : std::as_const(queue.requests)) {
            const int row = f.model->rowOf(r.id);
            const QString number = f.model->index(row, QueueColumn::CaseNumber).data().toString();
            const QString subject = f.model->index(row, QueueColumn::Subject).data().toString();
            if (r.caseId == missingCase) {
                QVERIFY2(number.isEmpty() && subject.isEmpty(), qPrintable(number));
                continue;
            }
            const Case &c = queue.cases[r.caseId];
            QCOMPARE(number, c.number);
            QCOMPARE(subject, c.subject);
        }
        // The missing case arrives with the next sync and fills its row.
        ChangeSet changes;
        changes.insertedCases = {Fixtures::makeCase(1234, Fixtures::fixedNow())};
        QCOMPARE(changes.insertedCases.first().id, missingCase);
        f.model->applyChangeSet(changes);
        const int row = f.model->rowOf(queue.requests[1234].id);
        QCOMPARE(f.model->index(row, QueueColumn::CaseNumber).data().toString(),
                 changes.insertedCases.first().number);
    }

    void display_showsCaseAndRequestFields()
    {
        auto f = make(5);
        const EscalationRequest &r = f.queue.requests[1];
        const Case &c = f.queue.cases.value(r.caseId);
        const int row = f.model->rowOf(r.id);
        const auto text = [&](int column) { return f.model->index(row, column).data().toString(); };
        QCOMPARE(text(QueueColumn::Subject), c.subject);
        QCOMPARE(text(QueueColumn::Account), c.account);
        QCOMPARE(text(QueueColumn::CaseNumber), c.number);
        QCOMPARE(text(QueueColumn::Level), QStringLiteral("L%1").arg(r.level));
        QCOMPARE(text(QueueColumn::Owner), r.owner);
        QCOMPARE(text(QueueColumn::Team), r.team);
        QVERIFY(text(QueueColumn::Countdown).contains(QStringLiteral(" left"))
                || text(QueueColumn::Countdown).startsWith(QStringLiteral("overdue")));
    }

    void display_htmlInSubjectStaysLiteralText()
    {
        auto f = make(0);
        auto queue = Fixtures::makeQueue(1);
        Case &c = queue.cases[queue.requests[0].caseId];
        c.subject = QStringLiteral("<b>urgent</b><img src=x onerror=alert(1)>");
        f.model->loadSnapshot(queue.requests, queue.cases);
        QCOMPARE(f.model->index(0, QueueColumn::Subject).data().toString(), c.subject);
    }

    void applyChangeSet_emitsRowSignals_data()
    {
        QTest::addColumn<int>("operation");
        QTest::addColumn<QString>("expected");
        QTest::newRow("insert two requests") << 0 << QStringLiteral("insert 10-11");
        QTest::newRow("update one request") << 1 << QStringLiteral("changed 4:0-4:15");
        QTest::newRow("superseded request leaves the queue") << 2 << QStringLiteral("remove 6-6");
        QTest::newRow("removed requests in two runs")
            << 3 << QStringLiteral("remove 8-9\nremove 2-3");
        QTest::newRow("case update changes its rows only")
            << 4 << QStringLiteral("changed 7:0-7:15");
        QTest::newRow("removed case removes its request") << 5 << QStringLiteral("remove 1-1");
        QTest::newRow("update, remove and insert together")
            << 6 << QStringLiteral("changed 0:0-0:15\nremove 5-5\ninsert 9-9");
        QTest::newRow("empty change set is silent") << 7 << QString();
    }

    void applyChangeSet_emitsRowSignals()
    {
        QFETCH(int, operation);
        QFETCH(QString, expected);
        auto f = make(10);
        QAbstractItemModelTester tester(f.model.get(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        SignalRecorder recorder(f.model.get());
        const QDateTime now = Fixtures::fixedNow();
        ChangeSet cs;
        const auto request = [&](int i) { return f.queue.requests[i]; };
        switch (operation) {
        case 0:
            for (int n = 10; n < 12; ++n) {
                const Case c = Fixtures::makeCase(n, now);
                cs.insertedCases << c;
                cs.insertedRequests << Fixtures::makeRequest(n, c, now);
            }
            break;
        case 1: {
            auto r = request(4);
            r.owner = QStringLiteral("Grace Kim");
            cs.updatedRequests << r;
            break;
        }
        case 2: {
            auto r = request(6);
            r.state = RequestState::Superseded;
            cs.updatedRequests << r;
            break;
        }
        case 3:
            cs.removedRequestIds << request(2).id << request(9).id << request(3).id
                                 << request(8).id;
            break;
        case 4: {
            Case c = f.queue.cases.value(request(7).caseId);
            c.status = QStringLiteral("waiting on engineering");
            cs.updatedCases << c;
            break;
        }
        case 5:
            cs.removedCaseIds << request(1).caseId;
            cs.removedRequestIds << request(1).id;
            break;
        case 6: {
            auto updated = request(0);
            updated.level = 2;
            auto left = request(5);
            left.state = RequestState::Closed;
            cs.updatedRequests << updated << left;
            const Case c = Fixtures::makeCase(30, now);
            cs.insertedCases << c;
            cs.insertedRequests << Fixtures::makeRequest(30, c, now);
            break;
        }
        default:
            break;
        }
        f.model->applyChangeSet(cs);
        QCOMPARE(recorder.text(), expected);
        // The row index stays right after every operation.
        for (int row = 0; row < f.model->rowCount(); ++row)
            QCOMPARE(f.model->rowOf(f.model->requestIdAt(row)), row);
    }

    void applyChangeSet_updateShowsNewValues()
    {
        auto f = make(3);
        auto r = f.queue.requests[2];
        r.team = QStringLiteral("Americas Apps");
        r.level = 3;
        ChangeSet cs;
        cs.updatedRequests << r;
        Case c = f.queue.cases.value(r.caseId);
        c.subject = QStringLiteral("Checkout fails for all EU customers");
        cs.updatedCases << c;
        f.model->applyChangeSet(cs);
        QCOMPARE(f.model->index(2, QueueColumn::Level).data().toString(), QStringLiteral("L3"));
        QCOMPARE(f.model->index(2, QueueColumn::Team).data().toString(), r.team);
        QCOMPARE(f.model->index(2, QueueColumn::Subject).data().toString(), c.subject);
    }

    void applyChangeSet_requestBeforeItsCase_showsCaseLater()
    {
        auto f = make(2);
        const QDateTime now = Fixtures::fixedNow();
        const Case c = Fixtures::makeCase(50, now);
        ChangeSet first;
        first.insertedRequests << Fixtures::makeRequest(50, c, now);
        f.model->applyChangeSet(first);
        QCOMPARE(f.model->index(2, QueueColumn::Subject).data().toString(), QString());
        SignalRecorder recorder(f.model.get());
        ChangeSet second;
        second.insertedCases << c;
        f.model->applyChangeSet(second);
        QCOMPARE(recorder.text(), QStringLiteral("changed 2:0-2:15"));
        QCOMPARE(f.model->index(2, QueueColumn::Subject).data().toString(), c.subject);
    }

    void setPendingOutbox_changesOnlyThoseRows()
    {
        auto f = make(6);
        SignalRecorder recorder(f.model.get());
        f.model->setPendingOutbox({{f.queue.requests[1].id, 1}, {f.queue.requests[4].id, 2}});
        QCOMPARE(recorder.text(), QStringLiteral("changed 1:0-1:15\nchanged 4:0-4:15"));
        QCOMPARE(f.model->index(4, 0).data(QueueRole::PendingOutboxRole).toInt(), 2);
        recorder.clear();
        f.model->setPendingOutbox({{f.queue.requests[4].id, 2}});
        QCOMPARE(recorder.text(), QStringLiteral("changed 1:0-1:15"));
    }

    void sort_matchesStdSortOfRawValues_data()
    {
        QTest::addColumn<int>("column");
        for (int column = 0; column < QueueColumn::Count; ++column) {
            const QString name = QStringLiteral("column %1").arg(column);
            QTest::newRow(qPrintable(name)) << column;
        }
    }

    void sort_matchesStdSortOfRawValues()
    {
        QFETCH(int, column);
        auto f = make(600);
        QueueFilterProxy proxy(f.model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<qint64> expected;
        for (int row = 0; row < f.model->rowCount(); ++row)
            expected << f.model->index(row, column).data(QueueRole::RawValueRole).toLongLong();
        std::sort(expected.begin(), expected.end());
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            proxy.sort(column, order);
            QList<qint64> actual;
            for (int row = 0; row < proxy.rowCount(); ++row)
                actual << proxy.index(row, column).data(QueueRole::RawValueRole).toLongLong();
            if (order == Qt::DescendingOrder)
                std::reverse(actual.begin(), actual.end());
            QCOMPARE(actual, expected);
        }
    }

    void sort_textColumnsFollowCollation()
    {
        auto f = make(300);
        QueueFilterProxy proxy(f.model.get());
        proxy.sort(QueueColumn::Subject);
        verifySubjectsInCollationOrder(proxy);
        if (QTest::currentTestFailed())
            return;
    }

    void sort_whileRankingInBackground_waitsAndFollowsCollation()
    {
        // A sort right after a large load, while the pool may still be
        // collating the column: the order is adopted from the pool's
        // result (or computed here) and is the same either way.
        auto f = make(3000);
        QueueFilterProxy proxy(f.model.get());
        proxy.sort(QueueColumn::Subject);
        verifySubjectsInCollationOrder(proxy);
        if (QTest::currentTestFailed())
            return;
        // A sort once the pool has answered for every column agrees.
        QTRY_VERIFY_WITH_TIMEOUT(f.model->textRanksReady(), 30000);
        QueueFilterProxy later(f.model.get());
        later.sort(QueueColumn::Subject);
        QCOMPARE(idsOf(later), idsOf(proxy));
    }

    void sort_afterBackgroundRanking_followsCollation()
    {
        // Enough distinct subjects and accounts for the load to rank them
        // on a worker thread; the result must equal the synchronous order.
        auto f = make(3000);
        QTRY_VERIFY_WITH_TIMEOUT(f.model->textRanksReady(), 30000);
        QueueFilterProxy proxy(f.model.get());
        proxy.sort(QueueColumn::Subject);
        verifySubjectsInCollationOrder(proxy);
        if (QTest::currentTestFailed())
            return;
        // New values after the background ranking are merged in place.
        const QDateTime now = Fixtures::fixedNow();
        Case c = Fixtures::makeCase(5000, now);
        c.subject = QStringLiteral("0 first of all");
        ChangeSet cs;
        cs.insertedCases << c;
        cs.insertedRequests << Fixtures::makeRequest(5000, c, now);
        f.model->applyChangeSet(cs);
        QCOMPARE(proxy.index(0, QueueColumn::Subject).data().toString(), c.subject);
    }

    void sort_insertedRowLandsInPlace()
    {
        auto f = make(50);
        QueueFilterProxy proxy(f.model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(QueueColumn::Subject);
        const QDateTime now = Fixtures::fixedNow();
        Case c = Fixtures::makeCase(60, now);
        c.subject = QStringLiteral("Aaa first subject");
        ChangeSet cs;
        cs.insertedCases << c;
        cs.insertedRequests << Fixtures::makeRequest(60, c, now);
        f.model->applyChangeSet(cs);
        QCOMPARE(proxy.index(0, QueueColumn::Subject).data().toString(), c.subject);
    }

    void filter_selectsMatchingRows_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("owner");
        QTest::addColumn<int>("state");
        QTest::addColumn<QStringList>("expected");
        // makeQueue(12): level = 1 + n % 4, owner empty when n % 3 == 0.
        QTest::newRow("no filter")
            << QString() << 0 << QString() << -1 << QStringList {QStringLiteral("all")};
        QTest::newRow("text matches subject, any case")
            << QStringLiteral("sso LOGIN") << 0 << QString() << -1
            << QStringList {QStringLiteral("E-200001")};
        QTest::newRow("text matches case number") << QStringLiteral("00100007") << 0 << QString()
                                                  << -1 << QStringList {QStringLiteral("E-200007")};
        QTest::newRow("level 4") << QString() << 4 << QString() << -1
                                 << QStringList {QStringLiteral("E-200003"),
                                                 QStringLiteral("E-200007"),
                                                 QStringLiteral("E-200011")};
        QTest::newRow("unowned at level 4") << QString() << 4 << QueueFilter::unownedToken() << -1
                                            << QStringList {QStringLiteral("E-200003")};
        QTest::newRow("accepted only")
            << QString() << 0 << QString() << int(RequestState::Accepted)
            << QStringList {QStringLiteral("E-200000"), QStringLiteral("E-200011")};
        QTest::newRow("text matching nothing")
            << QStringLiteral("no such thing") << 0 << QString() << -1 << QStringList {};
    }

    void filter_selectsMatchingRows()
    {
        QFETCH(QString, text);
        QFETCH(int, level);
        QFETCH(QString, owner);
        QFETCH(int, state);
        QFETCH(QStringList, expected);
        auto f = make(12);
        QueueFilterProxy proxy(f.model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QueueFilter filter;
        filter.setText(text);
        if (level > 0)
            filter.setLevels({level});
        filter.setOwner(owner);
        if (state >= 0)
            filter.setStates({RequestState(state)});
        proxy.setFilter(filter);
        proxy.sort(QueueColumn::RequestedAt, Qt::AscendingOrder);
        QStringList ids = idsOf(proxy);
        ids.sort();
        if (expected == QStringList {QStringLiteral("all")}) {
            QCOMPARE(ids.size(), 12);
        } else {
            QCOMPARE(ids, expected);
        }
    }

    void filter_rowEntersWhenItsClockChanges()
    {
        // Filtering on "approaching" picks up a row the moment its clock
        // changes, with no refilter of the other rows.
        auto f = make(0);
        CalendarRegistry alwaysOpen; // empty: an always-open UTC calendar
        ReviewClockService clock(alwaysOpen, ReviewClock());
        qint64 now = Fixtures::fixedNow().toMSecsSinceEpoch();
        clock.setNowFunction([&now] { return now; });
        QueueModel model(&clock);
        auto queue = Fixtures::makeQueue(3);
        for (auto &r : queue.requests) {
            r.state = RequestState::Pending;
            r.decision.reset();
        }
        queue.requests[0].requestedAt =
            Fixtures::fixedNow().addSecs(-170 * 60); // approaching in 10 min
        queue.requests[1].requestedAt = Fixtures::fixedNow().addSecs(-10 * 60);
        queue.requests[2].requestedAt = Fixtures::fixedNow().addSecs(-20 * 60);
        model.loadSnapshot(queue.requests, queue.cases);
        QueueFilterProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QueueFilter filter;
        filter.setClockStates({ClockState::Approaching, ClockState::Breached});
        proxy.setFilter(filter);
        QCOMPARE(proxy.rowCount(), 0);
        now += 10 * 60 * 1000;
        clock.updateNow();
        QCOMPARE(idsOf(proxy), QStringList {queue.requests[0].id});
    }

    void largeQueue_sortAndFilterTimings()
    {
        // Not a timed test (machines are noisy): it reports the numbers the
        // benchmark targets (P5, P6) refer to and checks the results.
        auto f = make(100000);
        QCOMPARE(f.model->rowCount(), 100000);
        QElapsedTimer ranking;
        ranking.start();
        QTRY_VERIFY_WITH_TIMEOUT(f.model->textRanksReady(), 60000);
        qInfo("text columns ranked in the background within %lld ms of the load",
              qint64(ranking.elapsed()));
        QueueFilterProxy proxy(f.model.get());
        QElapsedTimer timer;
        for (int column : {int(QueueColumn::Countdown), int(QueueColumn::Subject),
                           int(QueueColumn::Account), int(QueueColumn::Level)}) {
            timer.start();
            proxy.sort(column);
            const qint64 first = timer.elapsed();
            timer.start();
            proxy.sort(column, Qt::DescendingOrder);
            qInfo("sort 100000 rows by column %d: %lld ms (first), %lld ms (again)", column, first,
                  qint64(timer.elapsed()));
        }
        QueueFilter filter;
        filter.setText(QStringLiteral("replication"));
        timer.start();
        proxy.setFilter(filter);
        qInfo("filter 100000 rows by text: %lld ms (first), %d rows match", qint64(timer.elapsed()),
              proxy.rowCount());
        for (const QString &text : {QStringLiteral("r"), QStringLiteral("re"),
                                    QStringLiteral("rep"), QStringLiteral("replic")}) {
            filter.setText(text);
            timer.start();
            proxy.setFilter(filter);
            qInfo("filter 100000 rows by \"%s\": %lld ms, %d rows match", qPrintable(text),
                  qint64(timer.elapsed()), proxy.rowCount());
        }
        QVERIFY(proxy.rowCount() > 0);
        QVERIFY(proxy.rowCount() < 100000);
    }
};

QTEST_GUILESS_MAIN(TestQueueModel)
#include "tst_queuemodel.moc"

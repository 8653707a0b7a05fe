// The director's table: only level-3 and level-4 requests of the queue,
// with the analysis and level-4 owner columns that follow change sets,
// selections in those columns surviving a re-sort underneath, and data()
// that reads memory only: the history arrives in the background.

#include "queuefixtures.h"
#include "signalrecorder.h"

#include <activequeue.h>
#include <directormodel.h>
#include <obligationindex.h>
#include <queuefilterproxy.h>
#include <queuemodel.h>
#include <requestlookup.h>
#include <reviewclockservice.h>

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QStandardPaths>
#include <QTest>

#include <utility>

using namespace Escalation;

namespace {

// A history that answers only when told, as the cache does from a pool
// thread, and counts every synchronous read.
class DeferredHistory final : public RequestLookup {
public:
    std::optional<EscalationRequest> request(const QString &id) const override
    {
        ++syncReads;
        return stored.request(id);
    }
    std::optional<Case> caseRecord(const QString &id) const override
    {
        ++syncReads;
        return stored.caseRecord(id);
    }
    QList<EscalationRequest> requestsForCase(const QString &caseId) const override
    {
        ++syncReads;
        return stored.requestsForCase(caseId);
    }
    void requestsForCases(const QStringList &caseIds, QObject *,
                          const RequestsReceiver &done) const override
    {
        pending.append({caseIds, done});
    }
    // Answers every waiting read from what is stored now.
    void answer()
    {
        const auto waiting = std::exchange(pending, {});
        for (const auto &[caseIds, done] : waiting) {
            QList<EscalationRequest> found;
            for (const QString &caseId : caseIds)
                found += stored.requestsForCase(caseId);
            done(found);
        }
    }

    InMemoryRequestLookup stored;
    mutable int syncReads = 0;
    mutable QList<std::pair<QStringList, RequestsReceiver>> pending;
};

struct Fixture {
    qint64 nowMs = Fixtures::fixedNow().toMSecsSinceEpoch();
    ReviewClockService clock {CalendarRegistry(), ReviewClock()};
    QueueModel queue {&clock};
    InMemoryRequestLookup history;
    ObligationIndex obligations {&history};
    Fixtures::Queue data = Fixtures::makeQueue(60);
    DirectorModel *model = nullptr;

    Fixture()
    {
        clock.setNowFunction([this] { return nowMs; });
        queue.loadSnapshot(data.requests, data.cases);
        obligations.loadSnapshot(data.requests);
        model = new DirectorModel(&queue, &obligations, &queue);
    }
    EscalationRequest requestAt(int level, int skip = 0) const
    {
        for (const EscalationRequest &r : data.requests) {
            if (r.level == level && skip-- == 0)
                return r;
        }
        return {};
    }
    QString cell(const QString &id, int column) const
    {
        return model->index(model->rowOf(id), column).data().toString();
    }
};

} // namespace

class TestDirectorModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void rows_areOnlyLevelThreeAndFour()
    {
        Fixture f;
        QAbstractItemModelTester tester(f.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        int expected = 0;
        for (const EscalationRequest &r : f.data.requests)
            expected += r.level >= 3 && isInActiveQueue(r.state) ? 1 : 0;
        QVERIFY(expected > 0);
        QCOMPARE(f.model->rowCount(), expected);
        for (int row = 0; row < f.model->rowCount(); ++row)
            QVERIFY(f.model->index(row, 0).data(QueueRole::LevelRole).toInt() >= 3);
        QCOMPARE(f.model->columnCount(), int(DirectorModel::ColumnCount));
        // The extra columns answer the row's queue roles too.
        QCOMPARE(
            f.model->index(0, DirectorModel::OwnerColumn).data(QueueRole::RequestIdRole).toString(),
            f.model->requestIdAt(0));
    }

    void obligations_showOwedOrRecorded_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<bool>("withAnalysis");
        QTest::addColumn<bool>("withAcknowledgement");
        QTest::addColumn<QString>("analysisText");
        QTest::addColumn<QString>("ownerText");
        QTest::newRow("level 3, nothing yet")
            << 3 << false << false << QStringLiteral("owed") << QStringLiteral("—");
        QTest::newRow("level 3 with analysis")
            << 3 << true << false << QStringLiteral("recorded by Ines Duarte")
            << QStringLiteral("—");
        QTest::newRow("level 4 owes both")
            << 4 << false << false << QStringLiteral("owed") << QStringLiteral("owed");
        QTest::newRow("level 4 acknowledged")
            << 4 << true << true << QStringLiteral("recorded by Ines Duarte")
            << QStringLiteral("Victor Hale (acknowledged)");
    }

    void obligations_showOwedOrRecorded()
    {
        QFETCH(int, level);
        QFETCH(bool, withAnalysis);
        QFETCH(bool, withAcknowledgement);
        QFETCH(QString, analysisText);
        QFETCH(QString, ownerText);
        Fixture f;
        QAbstractItemModelTester tester(f.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        EscalationRequest r = f.requestAt(level);
        QVERIFY(!r.id.isEmpty());
        r.analysis.reset();
        r.ownerAcknowledgement.reset();
        ChangeSet reset;
        reset.updatedRequests << r;
        f.queue.applyChangeSet(reset);
        f.obligations.applyChangeSet(reset);
        if (withAnalysis)
            r.analysis = Analysis {QStringLiteral("Root cause: exhausted connection pool."),
                                   QStringLiteral("Ines Duarte"), Fixtures::fixedNow()};
        if (withAcknowledgement)
            r.ownerAcknowledgement =
                OwnerAcknowledgement {QStringLiteral("Victor Hale"), Fixtures::fixedNow()};
        r.version += 1;
        SignalRecorder recorder(f.model);
        ChangeSet changes;
        changes.updatedRequests << r;
        f.queue.applyChangeSet(changes);
        f.obligations.applyChangeSet(changes);
        QCOMPARE(f.cell(r.id, DirectorModel::AnalysisColumn), analysisText);
        QCOMPARE(f.cell(r.id, DirectorModel::OwnerColumn), ownerText);
        const int row = f.model->rowOf(r.id);
        QCOMPARE(f.model->index(row, DirectorModel::AnalysisColumn)
                     .data(DirectorModel::AnalysisOwedRole)
                     .toBool(),
                 !withAnalysis);
        QCOMPARE(f.model->index(row, DirectorModel::OwnerColumn)
                     .data(DirectorModel::AcknowledgementOwedRole)
                     .toBool(),
                 level == 4 && !withAcknowledgement);
        if (withAnalysis || withAcknowledgement)
            QVERIFY2(recorder.lines.contains(QStringLiteral("changed %1:%2-%1:%3")
                                                 .arg(row)
                                                 .arg(int(DirectorModel::AnalysisColumn))
                                                 .arg(int(DirectorModel::OwnerColumn))),
                     qPrintable(recorder.text()));
    }

    void levelFour_inheritsTheAnalysisOfTheSupersededLevelThree()
    {
        Fixture f;
        EscalationRequest four = f.requestAt(4);
        four.analysis.reset();
        EscalationRequest three = four;
        three.id = QStringLiteral("E-OLD-3");
        three.level = 3;
        three.state = RequestState::Superseded;
        three.analysis = Analysis {QStringLiteral("Full analysis of the outage chain."),
                                   QStringLiteral("Ines Duarte"), Fixtures::fixedNow().addDays(-1)};
        four.previousRequestId = three.id;
        // The superseded request is only in the cache, not in the queue.
        f.history.insert(three);
        ChangeSet changes;
        changes.updatedRequests << four;
        f.queue.applyChangeSet(changes);
        f.obligations.applyChangeSet(changes);
        QCOMPARE(f.cell(four.id, DirectorModel::AnalysisColumn),
                 QStringLiteral("recorded by Ines Duarte"));
    }

    void data_readsNoHistory_theAnalysisArrivesAsAChange()
    {
        Fixtures::Queue data = Fixtures::makeQueue(60);
        ReviewClockService clock {CalendarRegistry(), ReviewClock()};
        QueueModel queue {&clock};
        DeferredHistory history;
        ObligationIndex obligations {&history};
        queue.loadSnapshot(data.requests, data.cases);
        obligations.loadSnapshot(data.requests);
        DirectorModel model(&queue, &obligations);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        history.answer(); // nothing stored yet
        EscalationRequest four;
        for (const EscalationRequest &r : data.requests) {
            if (r.level == 4 && isInActiveQueue(r.state)) {
                four = r;
                break;
            }
        }
        QVERIFY(!four.id.isEmpty());
        four.analysis.reset();
        EscalationRequest three = four;
        three.id = QStringLiteral("E-OLD-3");
        three.level = 3;
        three.state = RequestState::Superseded;
        three.analysis = Analysis {QStringLiteral("Full analysis of the outage chain."),
                                   QStringLiteral("Ines Duarte"), Fixtures::fixedNow().addDays(-1)};
        history.stored.insert(three);
        ChangeSet changes;
        changes.updatedRequests << four;
        queue.applyChangeSet(changes);
        obligations.applyChangeSet(changes);

        // Every cell painted before the history answers comes from memory.
        const int row = model.rowOf(four.id);
        QVERIFY(row >= 0);
        for (int r = 0; r < model.rowCount(); ++r) {
            for (int column = 0; column < model.columnCount(); ++column) {
                for (int role :
                     {int(Qt::DisplayRole), int(Qt::ToolTipRole),
                      int(DirectorModel::AnalysisOwedRole), int(QueueRole::RawValueRole)})
                    model.index(r, column).data(role);
            }
        }
        QCOMPARE(history.syncReads, 0);
        QCOMPARE(model.index(row, DirectorModel::AnalysisColumn).data().toString(),
                 QStringLiteral("owed"));
        QCOMPARE(obligations.analysesOwed() > 0, true);

        SignalRecorder recorder(&model);
        history.answer();
        QCOMPARE(history.syncReads, 0);
        QCOMPARE(model.index(row, DirectorModel::AnalysisColumn).data().toString(),
                 QStringLiteral("recorded by Ines Duarte"));
        QVERIFY2(recorder.lines.contains(QStringLiteral("changed %1:%2-%1:%3")
                                             .arg(row)
                                             .arg(int(DirectorModel::AnalysisColumn))
                                             .arg(int(DirectorModel::OwnerColumn))),
                 qPrintable(recorder.text()));
    }

    void droppingBelowLevelThree_removesTheRow()
    {
        Fixture f;
        QAbstractItemModelTester tester(f.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int before = f.model->rowCount();
        EscalationRequest r = f.requestAt(3);
        r.state = RequestState::Closed;
        ChangeSet changes;
        changes.updatedRequests << r;
        f.queue.applyChangeSet(changes);
        f.obligations.applyChangeSet(changes);
        QCOMPARE(f.model->rowCount(), before - 1);
        QCOMPARE(f.model->rowOf(r.id), -1);
        QVERIFY(!f.obligations.status(r.id));
    }

    void sort_keepsTheCurrentCellInAnExtraColumn()
    {
        Fixture f;
        QAbstractItemModelTester tester(f.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QItemSelectionModel selection(f.model);
        f.model->sort(QueueColumn::Countdown, Qt::AscendingOrder);
        const QString id = f.model->requestIdAt(1);
        selection.setCurrentIndex(f.model->index(1, DirectorModel::AnalysisColumn),
                                  QItemSelectionModel::ClearAndSelect);
        f.model->sort(QueueColumn::Countdown, Qt::DescendingOrder);
        const QModelIndex current = selection.currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.column(), int(DirectorModel::AnalysisColumn));
        QCOMPARE(current.data(QueueRole::RequestIdRole).toString(), id);
        QVERIFY(current.row() != 1 || f.model->rowCount() <= 2);
    }
};

QTEST_GUILESS_MAIN(TestDirectorModel)
#include "tst_directormodel.moc"

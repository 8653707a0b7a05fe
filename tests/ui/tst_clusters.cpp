// Possible major issues on a whole desk: the fixture's queue holds groups of
// customers escalating the same symptom within the hour, so the bar above
// the queue proposes them; Review shows just those requests, all marked,
// and one Accept with one plan of action becomes one outbox entry each;
// Not a cluster puts a proposal away for good; Next goes round them.

#include "deskfixture.h"

#include <bulkactiondialog.h>
#include <clusterbar.h>
#include <queuefilterproxy.h>
#include <queueview.h>
#include <requestsetbanner.h>

#include <QApplication>
#include <QDir>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

class TestClusters final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setStyle(u"Fusion"_s);
        QApplication::setFont(QFont(u"DejaVu Sans"_s, 9));
    }

    void proposals_areReviewed_andAnsweredAsOne()
    {
        DeskFixture f(DeskRole::Manager);
        f.window->resize(1400, 820);
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        ClusterBar *bar = f.window->clusterBar();
        // Proposed once the loaded queue has settled (after the first paint).
        QTRY_VERIFY_WITH_TIMEOUT(!bar->proposals().isEmpty(), 30000);
        const QList<IssueCluster> proposals = bar->proposals();
        QVERIFY(bar->isVisible());
        const IssueCluster first = proposals.constFirst();
        QVERIFY(first.requestIds.size() >= 3);
        QVERIFY2(bar->text().contains(first.title)
                     && bar->text().contains(u"requests: %1;"_s.arg(first.requestIds.size())),
                 qPrintable(bar->text()));
        // Every member is pending, and their subjects say the same.
        for (const QString &id : first.requestIds) {
            const EscalationRequest r = *f.lookup.request(id);
            QCOMPARE(r.state, RequestState::Pending);
            QVERIFY(IssueClusters::similarity(
                        IssueClusters::words(f.lookup.caseRecord(r.caseId)->subject),
                        IssueClusters::words(first.title))
                    >= 0.5);
        }
        const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        QVERIFY(f.window->grab().save(dir + u"/clusters.png"_s));

        // Review: just these, all marked.
        bar->review();
        QCOMPARE(f.window->currentViewId(), u"queue"_s);
        QueueFilterProxy *proxy = f.window->queueProxy();
        QCOMPARE(proxy->rowCount(), first.requestIds.size());
        QCOMPARE(f.window->queueView()->markedCount(), first.requestIds.size());
        QVERIFY(f.window->requestSetBanner()->isVisible());

        // One plan of action, one outbox entry per request.
        f.window->action(MainWindow::Action::Accept)->trigger();
        BulkActionDialog *dialog = f.window->bulkDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->action(), OutboxAction::Accept);
        QCOMPARE(dialog->sendableCount(), first.requestIds.size());
        const QString plan = u"Major incident INC-4711 open; engineering on the bridge, "
                             u"updates every 30 minutes."_s;
        dialog->editor()->setPlainText(plan);
        QSignalSpy submitted(f.window.get(), &MainWindow::actionSubmitted);
        dialog->send();
        QCOMPARE(submitted.size(), first.requestIds.size());
        QStringList ids;
        for (const QList<QVariant> &s : std::as_const(submitted)) {
            QCOMPARE(s.at(1).value<OutboxAction>(), OutboxAction::Accept);
            QCOMPARE(s.at(2).toString(), plan);
            ids << s.at(0).toString();
        }
        QStringList expected = first.requestIds;
        ids.sort();
        expected.sort();
        QCOMPARE(ids, expected);
        dialog->close();
    }

    void dismissed_staysAway_andNextGoesRound()
    {
        DeskFixture f(DeskRole::Manager);
        ClusterBar *bar = f.window->clusterBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->proposals().size() >= 2, 30000);
        const QList<IssueCluster> proposals = bar->proposals();
        QCOMPARE(bar->current(), 0);
        bar->next();
        QCOMPARE(bar->current(), 1);
        QVERIFY(bar->text().contains(u"2 of %1"_s.arg(proposals.size())));
        for (int i = 1; i < proposals.size(); ++i)
            bar->next();
        QCOMPARE(bar->current(), 0); // round again

        const QString away = proposals.constFirst().requestIds.constFirst();
        bar->dismiss();
        QCOMPARE(bar->proposals().size(), proposals.size() - 1);
        bar->recompute();
        for (const IssueCluster &c : bar->proposals())
            QVERIFY(c.requestIds.constFirst() != away);
        while (!bar->proposals().isEmpty())
            bar->dismiss();
        QVERIFY(!bar->isVisibleTo(f.window.get()));
    }
};

QTEST_MAIN(TestClusters)
#include "tst_clusters.moc"

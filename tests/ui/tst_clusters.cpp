// Possible major issues on a whole desk: the fixture's queue holds groups of
// customers escalating the same symptom within the hour, so the bar above
// the queue proposes them; Review shows just those requests, all marked,
// and one Accept with one plan of action becomes one outbox entry each;
// Not a cluster puts a proposal away for good; Next goes round them.

#include "deskfixture.h"

#include <bulkactiondialog.h>
#include <clusterbar.h>
#include <queueclusters.h>
#include <queuecolumns.h>
#include <queuefilterproxy.h>
#include <queueview.h>
#include <requestsetbanner.h>

#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

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

    void confirmed_isOneExpandableRow_answeredAsOne_andKept()
    {
        DeskFixture f(DeskRole::Manager);
        f.window->resize(1400, 820);
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        ClusterBar *bar = f.window->clusterBar();
        QTRY_VERIFY_WITH_TIMEOUT(!bar->proposals().isEmpty(), 30000);
        const IssueCluster first = bar->proposals().constFirst();
        const int n = int(first.requestIds.size());
        QueueFilterProxy *proxy = f.window->queueProxy();
        QueueView *view = f.window->queueView();
        const int before = proxy->rowCount();

        // Confirm: one row for the cluster, current, standing for each request.
        bar->confirm();
        QCOMPARE(proxy->rowCount(), before - (n - 1));
        const QString key = first.requestIds.constFirst();
        const int row = proxy->clusterRowOf(key);
        QVERIFY(row >= 0);
        QCOMPARE(view->currentIndex().row(), row);
        QCOMPARE(view->markedCount(), n);
        QCOMPARE(view->markedRequestIds(), first.requestIds);
        const QString subject = proxy->index(row, QueueColumn::Subject).data().toString();
        QVERIFY2(subject.contains(first.title), qPrintable(subject));
        // The bar no longer proposes what was confirmed.
        for (const IssueCluster &c : bar->proposals())
            QVERIFY(!c.requestIds.contains(key));

        // Right opens it under the keyboard, Left closes it again from a request in it.
        QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(proxy->rowCount(), before);
        QCOMPARE(proxy->index(row + 1, 0).data(QueueRole::ClusterRole).toInt(),
                 int(ClusterRowKind::Member));
        const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        view->scrollTo(proxy->index(row, 0), QAbstractItemView::PositionAtTop);
        QVERIFY(f.window->grab().save(dir + u"/cluster-row.png"_s));
        QTest::keyClick(view, Qt::Key_Down);
        QTest::keyClick(view, Qt::Key_Left);
        QCOMPARE(proxy->rowCount(), before - (n - 1));
        QCOMPARE(view->currentIndex().row(), proxy->clusterRowOf(key));
        QCOMPARE(view->markedCount(), n);

        // One Decline on the row: a reply rendered for each request, each its own entry.
        f.window->action(MainWindow::Action::Decline)->trigger();
        BulkActionDialog *dialog = f.window->bulkDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->action(), OutboxAction::Decline);
        QCOMPARE(dialog->sendableCount(), n);
        QSignalSpy submitted(f.window.get(), &MainWindow::actionSubmitted);
        dialog->send();
        QCOMPARE(submitted.size(), n);
        dialog->close();

        // A click on the arrow opens it too.
        const QRect cell =
            view->visualRect(proxy->index(proxy->clusterRowOf(key), QueueColumn::Subject));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.topLeft() + QPoint(6, 6));
        QCOMPARE(proxy->rowCount(), before);

        // Kept for the next start, as left (expanded), until answered.
        QueueClusters restored;
        QVERIFY(restored.fromJson(f.settings.confirmedClusters()));
        QCOMPARE(restored.clusters().size(), 1);
        QCOMPARE(restored.clusters().constFirst().requestIds, first.requestIds);
        QVERIFY(restored.clusters().constFirst().expanded);

        // Selecting a request of a collapsed cluster (a notification) opens it.
        f.window->confirmedClusters()->setExpanded(key, false);
        QVERIFY(f.window->showRequest(first.requestIds.constLast()));
        QCOMPARE(view->currentRequestId(), first.requestIds.constLast());

        // Not one issue after all: the context menu (here from the keyboard) ungroups it.
        QTimer::singleShot(0, view, [] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            for (QAction *a : menu->actions())
                if (a->text().startsWith(u"Not one issue"_s))
                    menu->setActiveAction(a);
            QTest::keyClick(menu, Qt::Key_Return);
        });
        QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, QPoint());
        QApplication::sendEvent(view, &menuKey);
        QVERIFY(f.window->confirmedClusters()->isEmpty());
        QCOMPARE(proxy->rowCount(), before);
        QVERIFY(f.settings.confirmedClusters().isEmpty());
    }
};

QTEST_MAIN(TestClusters)
#include "tst_clusters.moc"

// Bulk actions on a whole desk: Space marks rows and moves on, Ctrl+A marks
// every row shown, the keys move without losing the marks; Decline on 50
// marked requests renders each reply for its own request, sends 50 outbox
// entries and lists what became of each, a conflict among them included,
// in one place; requests an action does not fit are skipped, not sent.

#include "deskfixture.h"

#include <bulkactiondialog.h>
#include <filterbar.h>
#include <queuefilterproxy.h>
#include <queueview.h>

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

void showPending(DeskFixture &f)
{
    QueueFilter pending;
    pending.setStates({RequestState::Pending});
    f.window->filterBar()->setFilter(pending);
}

OutboxEntry entryFor(const QString &requestId, OutboxAction action)
{
    OutboxEntry e;
    e.requestId = requestId;
    e.action = action;
    return e;
}

} // namespace

class TestBulkActions final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setStyle(u"Fusion"_s);
        QApplication::setFont(QFont(u"DejaVu Sans"_s, 9));
    }

    void keys_markRows_andKeepTheMarks()
    {
        DeskFixture f(DeskRole::Manager);
        QueueView *view = f.window->queueView();
        QueueFilterProxy *proxy = f.window->queueProxy();
        QVERIFY(view->selectRequest(proxy->requestIdAt(0)));
        QCOMPARE(view->markedCount(), 1);
        QTest::keyClick(view, Qt::Key_Space); // row 0 marked, on to row 1
        QTest::keyClick(view, Qt::Key_Space); // row 1 marked, on to row 2
        QTest::keyClick(view, Qt::Key_Down); // to row 3, marks kept
        QTest::keyClick(view, Qt::Key_Space); // row 3
        QCOMPARE(
            view->markedRequestIds(),
            (QStringList {proxy->requestIdAt(0), proxy->requestIdAt(1), proxy->requestIdAt(3)}));
        QCOMPARE(view->currentRequestId(), proxy->requestIdAt(4));
        // Space on a marked row unmarks it.
        view->selectionModel()->setCurrentIndex(proxy->index(1, 0), QItemSelectionModel::NoUpdate);
        QTest::keyClick(view, Qt::Key_Space);
        QCOMPARE(view->markedCount(), 2);

        // Ctrl+A: every row the view shows, and the triage actions follow.
        showPending(f);
        QTest::keyClick(view, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(view->markedCount(), proxy->rowCount());
        QVERIFY(f.window->action(MainWindow::Action::Accept)->isEnabled()); // one plan for all
        QVERIFY(f.window->action(MainWindow::Action::Decline)->isEnabled());
        QVERIFY(f.window->action(MainWindow::Action::TakeOwnership)->isEnabled());
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(view->markedCount(), proxy->rowCount());
    }

    void decline50_rendersEachReply_andListsEveryResult()
    {
        DeskFixture f(DeskRole::Manager);
        f.window->resize(1400, 820);
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        showPending(f);
        QueueView *view = f.window->queueView();
        QueueFilterProxy *proxy = f.window->queueProxy();
        QVERIFY(proxy->rowCount() >= 50);
        view->setFocus();
        QVERIFY(view->selectRequest(proxy->requestIdAt(0)));
        for (int i = 0; i < 50; ++i)
            QTest::keyClick(view, Qt::Key_Space);
        QStringList marked = view->markedRequestIds();
        QCOMPARE(marked.size(), 50);

        f.window->action(MainWindow::Action::Decline)->trigger();
        BulkActionDialog *dialog = f.window->bulkDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->table()->model()->rowCount(), 50);
        QCOMPARE(dialog->sendableCount(), 50);

        // One reason; each reply written for its own request.
        dialog->editor()->setPlainText(u"the platform team is already on it"_s);
        for (int row : {0, 17, 49}) {
            const EscalationRequest r = *f.lookup.request(marked.at(row));
            const Case c = *f.lookup.caseRecord(r.caseId);
            const QString reply = dialog->textFor(row);
            QVERIFY2(reply.contains(c.number)
                         && reply.contains(u"the platform team is already on it"_s),
                     qPrintable(reply));
            dialog->table()->setCurrentIndex(dialog->table()->model()->index(row, 0));
            QCOMPARE(dialog->preview()->toPlainText(), reply);
        }
        QVERIFY(dialog->textFor(0) != dialog->textFor(1));

        QSignalSpy submitted(f.window.get(), &MainWindow::actionSubmitted);
        QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
        QCOMPARE(submitted.size(), 50);
        for (int i = 0; i < 50; ++i) {
            QCOMPARE(submitted[i][0].toString(), marked.at(i));
            QCOMPARE(submitted[i][1].value<OutboxAction>(), OutboxAction::Decline);
            QCOMPARE(submitted[i][2].toString(), dialog->textFor(i));
            QCOMPARE(submitted[i][3].toLongLong(), f.lookup.request(marked.at(i))->version);
        }
        QVERIFY(!dialog->sendButton()->isEnabled()); // sent once
        dialog->send();
        QCOMPARE(submitted.size(), 50);

        // The outbox answers: 49 applied, one in conflict.
        for (const QString &id : std::as_const(marked))
            f.window->onActionSaved(entryFor(id, OutboxAction::Decline));
        QCOMPARE(dialog->result(marked.at(3)), BulkResult::Saved);
        for (int i = 0; i < 50; ++i) {
            if (i == 23)
                f.window->onActionConflicted(entryFor(marked.at(i), OutboxAction::Decline));
            else
                f.window->onActionDelivered(entryFor(marked.at(i), OutboxAction::Decline));
        }
        QCOMPARE(dialog->result(marked.at(23)), BulkResult::Conflict);
        QCOMPARE(dialog->result(marked.at(24)), BulkResult::Applied);
        QCOMPARE(dialog->summary(), u"49 applied, 1 in conflict"_s);
        QCOMPARE(dialog->summaryLabel()->text(), dialog->summary());
        QVERIFY(dialog->table()->model()->index(23, 2).data().toString().startsWith(u"Conflict"_s));
        // Listed in the dialog, not one message box per conflict.
        QVERIFY(!f.window->findChild<QMessageBox *>(u"conflictBox"_s));
        // A note for the same request is another action: not this dialog's.
        QVERIFY(!dialog->tracks(entryFor(marked.at(23), OutboxAction::AddNote)));

        const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        dialog->resize(1000, 640);
        dialog->table()->setCurrentIndex(dialog->table()->model()->index(23, 0));
        QVERIFY(dialog->grab().save(dir + u"/bulk-decline.png"_s));

        // Enter on the conflict shows that request in the queue.
        dialog->table()->setFocus();
        QTest::keyClick(dialog->table(), Qt::Key_Return);
        QCOMPARE(f.window->queueView()->currentRequestId(), marked.at(23));
    }

    void take_skipsWhatItDoesNotFit()
    {
        DeskFixture f(DeskRole::Manager);
        QueueView *view = f.window->queueView();
        QueueFilterProxy *proxy = f.window->queueProxy();
        // Two pending requests and a declined one.
        QStringList pending;
        QString declined;
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const EscalationRequest r = *f.lookup.request(proxy->requestIdAt(row));
            if (r.state == RequestState::Pending && pending.size() < 2 && r.owner.isEmpty())
                pending << r.id;
            if (r.state == RequestState::Declined && declined.isEmpty())
                declined = r.id;
        }
        QVERIFY(pending.size() == 2 && !declined.isEmpty());
        for (const QString &id : {pending.at(0), pending.at(1), declined})
            view->selectionModel()->select(proxy->index(proxy->rowOf(id), 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(view->markedCount(), 3);
        f.window->action(MainWindow::Action::TakeOwnership)->trigger();
        BulkActionDialog *dialog = f.window->bulkDialog();
        QVERIFY(dialog);
        QVERIFY(!dialog->editor()); // taking needs no text
        QCOMPARE(dialog->sendableCount(), 2);
        QCOMPARE(dialog->result(declined), BulkResult::Skipped);
        QVERIFY(dialog->summary().contains(u"2 of 3"_s));
        QSignalSpy submitted(f.window.get(), &MainWindow::actionSubmitted);
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(submitted.size(), 2);
        QStringList sent {submitted[0][0].toString(), submitted[1][0].toString()};
        sent.sort();
        pending.sort();
        QCOMPARE(sent, pending);
        // The portal refuses one: shown as refused, the other applied.
        f.window->onActionRefused(entryFor(pending.at(0), OutboxAction::TakeOwnership));
        f.window->onActionDelivered(entryFor(pending.at(1), OutboxAction::TakeOwnership));
        QCOMPARE(dialog->summary(), u"1 applied, 1 refused, 1 skipped"_s);
    }

    void tooMany_areRefusedWithAReason()
    {
        DeskFixture f(DeskRole::Manager, MainWindow::MaxBulkRequests + 20);
        QTest::keyClick(f.window->queueView(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(f.window->queueView()->markedCount(), MainWindow::MaxBulkRequests + 20);
        f.window->action(MainWindow::Action::AddNote)->trigger();
        QVERIFY(!f.window->bulkDialog());
        auto *box = f.window->findChild<QMessageBox *>(u"bulkLimitBox"_s);
        QVERIFY(box);
        QVERIFY2(box->text().contains(QString::number(MainWindow::MaxBulkRequests + 20)),
                 qPrintable(box->text()));
    }

    void note_needsText()
    {
        DeskFixture f(DeskRole::Manager);
        QueueView *view = f.window->queueView();
        QTest::keyClick(view, Qt::Key_A, Qt::ControlModifier);
        f.window->action(MainWindow::Action::AddNote)->trigger();
        BulkActionDialog *dialog = f.window->bulkDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->sendableCount(), f.window->queueProxy()->rowCount());
        QVERIFY(!dialog->sendButton()->isEnabled());
        QSignalSpy submitted(f.window.get(), &MainWindow::actionSubmitted);
        dialog->send();
        QCOMPARE(submitted.size(), 0);
        dialog->editor()->setPlainText(u"Bridge call at 14:00 UTC."_s);
        QVERIFY(dialog->sendButton()->isEnabled());
        QCOMPARE(dialog->preview()->toPlainText(), u"Bridge call at 14:00 UTC."_s);
        dialog->send();
        QCOMPARE(submitted.size(), f.window->queueProxy()->rowCount());
    }
};

QTEST_MAIN(TestBulkActions)
#include "tst_bulkactions.moc"

// Saves pictures of the main window, the ladder at every level and the
// decline dialog into the build folder's screenshots/ (the screenshots
// target copies them to docs/screenshots/), for the documentation and for a
// person to judge. Fails if a picture is empty or cannot be written.

#include "queuedeskfixture.h"

#include <actiondialog.h>
#include <detailspane.h>
#include <handoffdialog.h>
#include <ladderwidget.h>
#include <queuecolumns.h>
#include <queueview.h>
#include <syncindicator.h>

#include <QApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Escalation;

namespace {

QString screenshotPath(const QString &name)
{
    const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

void save(QWidget *widget, const QString &name)
{
    const QPixmap pixmap = widget->grab();
    QVERIFY(!pixmap.isNull());
    QVERIFY(pixmap.width() > 100 && pixmap.height() > 100);
    QVERIFY2(pixmap.save(screenshotPath(name)), qPrintable(screenshotPath(name)));
}

} // namespace

class TestScreenshots final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    }

    void mainWindow()
    {
        QueueDeskFixture f(60);
        MainWindow window(f.context());
        window.resize(1680, 940);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        f.model->setPendingOutbox({{f.queue.requests[4].id, 1}});
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        SyncStatus status;
        status.state = SyncStatus::State::UpToDate;
        status.lastSuccessAt = QDateTime::currentDateTimeUtc();
        status.pendingOutbox = 1;
        window.syncIndicator()->setStatus(status);
        // The status bar lays out its new texts through layout requests that
        // post further ones; the picture waits until the indicator is as
        // wide as they need.
        QTRY_VERIFY_WITH_TIMEOUT(
            window.syncIndicator()->width() >= window.syncIndicator()->sizeHint().width(), 30000);
        save(&window, QStringLiteral("main-window.png"));
    }

    void directorWindow()
    {
        QueueDeskFixture f(60);
        MainWindow window(f.context(DeskRole::Director));
        window.resize(1680, 940);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelFourId()));
        // The details pane lays out its new texts through posted layout
        // requests: delivered before the picture.
        QCoreApplication::sendPostedEvents();
        save(&window, QStringLiteral("director-window.png"));
    }

    void ladders()
    {
        QueueDeskFixture f;
        QWidget strip;
        auto *layout = new QHBoxLayout(&strip);
        QPalette pal = strip.palette();
        strip.setAutoFillBackground(true);
        // One ladder per level: the level-3 case, the level-4 case, a level-1
        // request, and the level-3 case as its level-2 step looked.
        for (const QString &id : {QueueDeskFixture::tooEarlyId(), QueueDeskFixture::levelThreeId(),
                                  QueueDeskFixture::levelFourId()}) {
            const EscalationRequest *r = f.find(id);
            auto *ladder = new LadderWidget(&strip);
            ladder->setLadder(LadderState::build(*r, f.lookup.requestsForCase(r->caseId)));
            ladder->setFixedWidth(470);
            layout->addWidget(ladder, 0, Qt::AlignTop);
        }
        strip.setPalette(pal);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        save(&strip, QStringLiteral("ladders.png"));
    }

    void declineDialog()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        window.show();
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::tooEarlyId()));
        bool saved = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<ActionDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            save(dialog, QStringLiteral("decline-dialog.png"));
            saved = true;
            dialog->reject();
        });
        window.declineCurrent();
        QVERIFY(saved);
    }

    // Accepting a request raised too early asks why it cannot wait.
    void earlyAcceptanceDialog()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        window.show();
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::tooEarlyId()));
        bool saved = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<ActionDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->editor()->setPlainText(
                QStringLiteral("Engineering joins the case today; daily updates until fixed."));
            dialog->justificationEditor()->setPlainText(
                QStringLiteral("The customer's go-live is on Monday; waiting the 16 hours "
                               "would miss it."));
            dialog->resize(dialog->width(), dialog->sizeHint().height());
            save(dialog, QStringLiteral("early-acceptance-dialog.png"));
            saved = true;
            dialog->reject();
        });
        window.acceptCurrent();
        QVERIFY(saved);
    }

    // A request waiting on its requester: the clock column and the details
    // say the clock stands still, with what was asked and what came back.
    void waitingOnRequester()
    {
        QueueDeskFixture f(60);
        EscalationRequest r = *f.find(QueueDeskFixture::levelThreeId());
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(f.nowMs, Qt::UTC);
        r.waits = {WaitingPeriod {QStringLiteral("Which storage nodes lost data, and since when?"),
                                  QStringLiteral("Maya Fischer"), now.addSecs(-95 * 60),
                                  now.addSecs(-70 * 60),
                                  QStringLiteral("Nodes 3 and 7, since the failover at 09:40.")},
                   WaitingPeriod {QStringLiteral("Can you send the controller logs from node 7?"),
                                  QStringLiteral("Maya Fischer"),
                                  now.addSecs(-25 * 60),
                                  {},
                                  {}}};
        f.lookup.insert(r);
        ChangeSet changes;
        changes.updatedRequests = {r};
        f.model->applyChangeSet(changes);
        MainWindow window(f.context());
        window.resize(1680, 940);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.queueView()->selectRequest(r.id));
        // The details' new texts are laid out through posted layout requests.
        QTRY_VERIFY_WITH_TIMEOUT(
            window.detailsPane()->findChild<QWidget *>(QStringLiteral("clockBadge"))->width()
                >= window.detailsPane()
                       ->findChild<QWidget *>(QStringLiteral("clockBadge"))
                       ->sizeHint()
                       .width(),
            30000);
        save(&window, QStringLiteral("waiting-on-requester.png"));
    }

    void handOffDialog()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        window.show();
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        bool saved = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<HandOffDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->noteEditor()->setPlainText(
                QStringLiteral("Customer's engineers are in Sydney; logs are on the case."));
            save(dialog, QStringLiteral("hand-off-dialog.png"));
            saved = true;
            dialog->reject();
        });
        window.handOffCurrent();
        QVERIFY(saved);
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"

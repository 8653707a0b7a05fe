// The main window as a manager uses it: select, read, accept, decline,
// filter, move with the keyboard; the role decides what is offered; portal
// text never renders as HTML; the layout is remembered.

#include "queuedeskfixture.h"

#include <actiondialog.h>
#include <detailspane.h>
#include <filterbar.h>
#include <handoffdialog.h>
#include <ladderwidget.h>
#include <queuecolumns.h>
#include <queuefilterproxy.h>
#include <queueview.h>
#include <syncindicator.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPaintEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <functional>

using namespace Escalation;

namespace {

// Calls onEvent for every event of one type that reaches watched.
class EventCounter final : public QObject {
public:
    EventCounter(QObject *watched, QEvent::Type type, std::function<void(QEvent *)> onEvent)
        : m_type(type)
        , m_onEvent(std::move(onEvent))
    {
        watched->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == m_type)
            m_onEvent(event);
        return false;
    }

private:
    QEvent::Type m_type;
    std::function<void(QEvent *)> m_onEvent;
};

// Runs `fill` on the next modal ActionDialog, then accepts or rejects it.
void answerNextDialog(std::function<void(ActionDialog *)> fill, bool accept,
                      QString *seenText = nullptr)
{
    QTimer::singleShot(0, qApp, [fill = std::move(fill), accept, seenText] {
        auto *dialog = qobject_cast<ActionDialog *>(QApplication::activeModalWidget());
        QVERIFY2(dialog, "no action dialog opened");
        if (seenText)
            *seenText = dialog->editor()->toPlainText();
        fill(dialog);
        if (accept)
            dialog->sendButton()->click();
        else
            dialog->reject();
    });
}

// Shortcuts reach only an active window.
void showActive(QWidget *window)
{
    window->show();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
}

} // namespace

class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("EscalationDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
    }

    void proxy_passesModelTester()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        QAbstractItemModelTester tester(window.queueProxy(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.queueView()->sortByColumn(QueueColumn::Subject, Qt::AscendingOrder);
        QVERIFY(window.queueProxy()->rowCount() > 0);
    }

    void queueView_paintsRowsThatASyncPoursIn()
    {
        // Rows arriving in bulk, as a first sync brings them, are painted
        // at once: a grab of the table shows text, not an empty viewport.
        QueueDeskFixture f(0);
        MainWindow window(f.context());
        window.resize(1400, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const Fixtures::Queue bulk = Fixtures::makeQueue(600);
        ChangeSet changes;
        changes.insertedCases = bulk.cases.values();
        changes.insertedRequests = bulk.requests;
        f.model->applyChangeSet(changes);
        window.onChangeSetCommitted(changes);
        QVERIFY(window.queueProxy()->rowCount() >= 600); // and the fixture's ladder cases
        const QImage image = window.queueView()->viewport()->grab().toImage();
        QHash<QRgb, int> colours;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2)
                ++colours[image.pixel(x, y)];
        }
        int background = 0;
        int samples = 0;
        for (auto it = colours.cbegin(); it != colours.cend(); ++it) {
            background = std::max(background, it.value());
            samples += it.value();
        }
        // Row text, badges and alternating rows: far from one flat colour.
        QVERIFY2(samples - background > samples / 10,
                 qPrintable(QStringLiteral("%1 of %2 sampled pixels are the background")
                                .arg(background)
                                .arg(samples)));
    }

    void queueView_repaintsOnlyWhenTheRowsOnScreenChange()
    {
        // A sync that merges rows far below the screen repaints nothing
        // (the scroll bar still follows the row count); one that brings a
        // row onto the screen repaints it.
        QueueDeskFixture f(200);
        MainWindow window(f.context());
        window.resize(1400, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QueueView *view = window.queueView();
        QueueFilterProxy *proxy = window.queueProxy();
        int fullPaints = 0;
        EventCounter counter(view->viewport(), QEvent::Paint, [&](QEvent *event) {
            if (static_cast<QPaintEvent *>(event)->region().contains(view->viewport()->rect()))
                ++fullPaints;
        });
        view->viewport()->update();
        QTRY_VERIFY(fullPaints > 0);
        const auto settle = [] {
            for (int i = 0; i < 5; ++i)
                QCoreApplication::processEvents();
        };
        settle();
        const int paintsBefore = fullPaints;
        const QString topBefore = proxy->requestIdAt(0);
        const int scrollMaxBefore = view->verticalScrollBar()->maximum();

        // Answered requests sort last by urgency: all below the screen.
        const QDateTime now = Fixtures::fixedNow();
        ChangeSet below;
        for (int n = 1000; n < 1100; ++n) {
            const Case c = Fixtures::makeCase(n, now);
            EscalationRequest r = Fixtures::makeRequest(n * 11, c, now); // n*11: accepted
            r.id = QStringLiteral("E-9%1").arg(n);
            r.caseId = c.id;
            QCOMPARE(r.state, RequestState::Accepted);
            below.insertedCases << c;
            below.insertedRequests << r;
        }
        f.model->applyChangeSet(below);
        settle();
        QCOMPARE(proxy->requestIdAt(0), topBefore);
        QCOMPARE(fullPaints, paintsBefore);
        QVERIFY(view->verticalScrollBar()->maximum() > scrollMaxBefore);

        // A request breached hours ago goes to the top, and is painted.
        ChangeSet top;
        const Case c = Fixtures::makeCase(2000, now);
        EscalationRequest urgent = Fixtures::makeRequest(2001, c, now);
        urgent.id = QStringLiteral("E-92000");
        urgent.state = RequestState::Pending;
        urgent.decision.reset();
        urgent.requestedAt = now.addDays(-3);
        top.insertedCases << c;
        top.insertedRequests << urgent;
        f.model->applyChangeSet(top);
        QCOMPARE(proxy->requestIdAt(0), urgent.id);
        QTRY_VERIFY(fullPaints > paintsBefore);
    }

    void selectRequest_showsItInDetails()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        const EscalationRequest *r = f.find(QueueDeskFixture::levelThreeId());
        QVERIFY(window.queueView()->selectRequest(r->id));
        DetailsPane *details = window.detailsPane();
        QCOMPARE(details->requestId(), r->id);
        const Case c = f.queue.cases.value(r->caseId);
        QCOMPARE(details->findChild<QLabel *>(QStringLiteral("subjectLabel"))->text(),
                 QStringLiteral("%1 · %2").arg(c.number, c.subject));
        QCOMPARE(details->findChild<QLabel *>(QStringLiteral("summaryLabel"))->text(), r->summary);
        QCOMPARE(details->findChild<QLabel *>(QStringLiteral("accountLabel"))->text(), c.account);
        QVERIFY(details->findChild<QPlainTextEdit *>(QStringLiteral("notesView"))
                    ->toPlainText()
                    .contains(QStringLiteral("storage vendor case opened")));
        QCOMPARE(details->ladder()->ladder().currentLevel, 3);
        QVERIFY(!details->deadlineExplanation().isEmpty());
    }

    void currentRequest_survivesResortAndSync()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        QueueView *view = window.queueView();
        QVERIFY(view->selectRequest(QueueDeskFixture::levelThreeId()));
        QSignalSpy changed(view, &QueueView::currentRequestChanged);
        view->sortByColumn(QueueColumn::Account, Qt::DescendingOrder);
        ChangeSet cs;
        EscalationRequest other = f.queue.requests[5];
        other.owner = QStringLiteral("Grace Kim");
        cs.updatedRequests << other;
        f.model->applyChangeSet(cs);
        QCOMPARE(view->currentRequestId(), QueueDeskFixture::levelThreeId());
        QCOMPARE(window.detailsPane()->requestId(), QueueDeskFixture::levelThreeId());
        QCOMPARE(changed.size(), 0);
    }

    void htmlFromThePortal_isShownAsPlainText()
    {
        QueueDeskFixture f;
        const QString html = QStringLiteral(
            "<b>URGENT</b><img src=x onerror=alert(1)><a href='http://evil'>click</a>");
        EscalationRequest r = *f.find(QueueDeskFixture::levelThreeId());
        r.summary = html;
        r.notes = {Note {QStringLiteral("N-2"), QStringLiteral("<i>someone</i>"), html,
                         Fixtures::fixedNow()}};
        f.lookup.insert(r);
        Case c = f.queue.cases.value(r.caseId);
        c.subject = html;
        f.lookup.insert(c);
        MainWindow window(f.context());
        QVERIFY(window.queueView()->selectRequest(r.id));
        DetailsPane *details = window.detailsPane();
        QLabel *summary = details->findChild<QLabel *>(QStringLiteral("summaryLabel"));
        QCOMPARE(summary->text(), html);
        QCOMPARE(summary->textFormat(), Qt::PlainText);
        QVERIFY(
            details->findChild<QLabel *>(QStringLiteral("subjectLabel"))->text().contains(html));
        QVERIFY(details->findChild<QPlainTextEdit *>(QStringLiteral("notesView"))
                    ->toPlainText()
                    .contains(html));
        // Every label of the pane, not just the ones checked above.
        const auto labels = details->findChildren<QLabel *>();
        for (QLabel *label : labels) {
            if (label->buddy() || label->objectName().isEmpty())
                continue; // form captions are our own text
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
        }
    }

    void accept_submitsPlanOfActionThroughOutboxSignal()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        const EscalationRequest *r = f.find(QueueDeskFixture::levelThreeId());
        QVERIFY(window.queueView()->selectRequest(r->id));
        QVERIFY(window.action(MainWindow::Action::Accept)->isEnabled());
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        answerNextDialog(
            [](ActionDialog *d) {
                QVERIFY(!d->sendButton()->isEnabled()); // an empty plan cannot be sent
                d->editor()->setPlainText(
                    QStringLiteral("Storage lead on the bridge; root cause by 18:00 CET."));
            },
            true);
        window.action(MainWindow::Action::Accept)->trigger();
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted[0][0].toString(), r->id);
        QCOMPARE(submitted[0][1].value<OutboxAction>(), OutboxAction::Accept);
        QCOMPARE(submitted[0][2].toString(),
                 QStringLiteral("Storage lead on the bridge; root cause by 18:00 CET."));
        QCOMPARE(submitted[0][3].toLongLong(), r->version);
    }

    void accept_tooEarly_needsAJustification()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::tooEarlyId()));
        QVERIFY(window.action(MainWindow::Action::Accept)->isEnabled());
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        answerNextDialog(
            [](ActionDialog *d) {
                QVERIFY(d->justificationEditor()->isVisible());
                d->editor()->setPlainText(QStringLiteral("Engineer joins today."));
                QVERIFY(!d->sendButton()->isEnabled()); // the plan alone is not enough
                d->justificationEditor()->setPlainText(QStringLiteral("   "));
                QVERIFY(!d->sendButton()->isEnabled());
                d->justificationEditor()->setPlainText(
                    QStringLiteral("Go-live is on Monday; the minimum age would miss it."));
                QVERIFY(d->sendButton()->isEnabled());
            },
            true);
        window.acceptCurrent();
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted[0][1].value<OutboxAction>(), OutboxAction::Accept);
        QCOMPARE(submitted[0][2].toString(), QStringLiteral("Engineer joins today."));
        QCOMPARE(submitted[0][4].value<ActionDetails>().justification,
                 QStringLiteral("Go-live is on Monday; the minimum age would miss it."));
    }

    void accept_eligible_asksNoJustification()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        answerNextDialog(
            [](ActionDialog *d) {
                QVERIFY(!d->justificationEditor()->isVisible());
                d->editor()->setPlainText(QStringLiteral("Call at 15:00."));
            },
            true);
        window.acceptCurrent();
        QCOMPARE(submitted.size(), 1);
        QVERIFY(submitted[0][4].value<ActionDetails>().justification.isEmpty());
    }

    void handOff_offersTheBestTeamFirstAndSubmitsIt()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        const EscalationRequest *r = f.find(QueueDeskFixture::levelThreeId());
        QVERIFY(window.queueView()->selectRequest(r->id));
        QVERIFY(window.action(MainWindow::Action::HandOff)->isEnabled());
        const QList<HandOffTarget> expected = HandOffTargets::rank(
            r->team, f.lookup.teamCalendars(), CalendarRegistry::withBuiltIns(), f.nowMs / 1000);
        QVERIFY(expected.size() >= 2);
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        QStringList offered;
        QTimer::singleShot(0, qApp, [&] {
            auto *dialog = qobject_cast<HandOffDialog *>(QApplication::activeModalWidget());
            QVERIFY2(dialog, "no hand-off dialog opened");
            for (int i = 0; i < dialog->teamBox()->count(); ++i)
                offered << dialog->teamBox()->itemData(i).toString();
            QVERIFY(dialog->teamBox()->currentText().contains(QStringLiteral(" open, "))
                    || dialog->teamBox()->currentText().contains(QStringLiteral(" closed, ")));
            dialog->teamBox()->setCurrentIndex(1);
            dialog->noteEditor()->setPlainText(QStringLiteral("Customer is in Sydney."));
            dialog->sendButton()->click();
        });
        window.action(MainWindow::Action::HandOff)->trigger();
        QStringList expectedTeams;
        for (const HandOffTarget &t : expected)
            expectedTeams << t.team;
        QCOMPARE(offered, expectedTeams);
        QVERIFY(!offered.contains(r->team));
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted[0][1].value<OutboxAction>(), OutboxAction::HandOff);
        QCOMPARE(submitted[0][2].toString(), QStringLiteral("Customer is in Sydney."));
        QCOMPARE(submitted[0][4].value<ActionDetails>().toTeam, expectedTeams.at(1));
    }

    // Ask the requester: the question goes out; once the portal says the
    // request waits, the clock shows it, Explain cuts the wait out, and
    // Resume review is offered instead of Ask.
    void askRequester_pausesTheClockUntilResumed()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        const EscalationRequest *r = f.find(QueueDeskFixture::levelThreeId());
        QVERIFY(window.queueView()->selectRequest(r->id));
        QVERIFY(window.action(MainWindow::Action::AskRequester)->isEnabled());
        QVERIFY(!window.action(MainWindow::Action::ResumeReview)->isEnabled());
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        answerNextDialog(
            [](ActionDialog *d) {
                QVERIFY(!d->sendButton()->isEnabled()); // a question is needed
                d->editor()->setPlainText(QStringLiteral("Which nodes fail?"));
            },
            true);
        window.askRequesterCurrent();
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted[0][1].value<OutboxAction>(), OutboxAction::AskRequester);
        QCOMPARE(submitted[0][2].toString(), QStringLiteral("Which nodes fail?"));

        // The portal applied it: the request waits since ten minutes ago.
        EscalationRequest waiting = *r;
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(f.nowMs, Qt::UTC);
        waiting.waits = {WaitingPeriod {QStringLiteral("Which nodes fail?"),
                                        QStringLiteral("Maya Fischer"),
                                        now.addSecs(-600),
                                        {},
                                        {}}};
        waiting.version += 1;
        f.lookup.insert(waiting);
        ChangeSet changes;
        changes.updatedRequests = {waiting};
        f.model->applyChangeSet(changes);
        window.onChangeSetCommitted(changes);
        const int row = f.model->rowOf(r->id);
        QCOMPARE(ClockState(f.model->index(row, 0).data(QueueRole::ClockStateRole).toInt()),
                 ClockState::Waiting);
        QVERIFY(f.model->index(row, QueueColumn::Countdown)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("waiting, ")));
        QVERIFY(!window.action(MainWindow::Action::AskRequester)->isEnabled());
        QVERIFY(window.action(MainWindow::Action::ResumeReview)->isEnabled());
        auto *deadline = window.detailsPane()->findChild<QLabel *>(QStringLiteral("deadlineLabel"));
        QVERIFY(deadline);
        QVERIFY2(deadline->text().contains(QStringLiteral("the review clock stands still")),
                 qPrintable(deadline->text()));
        auto *waits = window.detailsPane()->findChild<QLabel *>(QStringLiteral("waitsLabel"));
        QVERIFY(waits && waits->text().contains(QStringLiteral("Which nodes fail?")));
        QVERIFY2(window.detailsPane()->deadlineExplanation().contains(
                     QStringLiteral("Waiting on the requester since")),
                 qPrintable(window.detailsPane()->deadlineExplanation()));

        answerNextDialog(
            [](ActionDialog *d) {
                QVERIFY(d->sendButton()->isEnabled()); // what came back is optional
            },
            true);
        window.resumeReviewCurrent();
        QCOMPARE(submitted.size(), 2);
        QCOMPARE(submitted[1][1].value<OutboxAction>(), OutboxAction::ResumeReview);
    }

    void handOff_refusedToADirector()
    {
        QueueDeskFixture f;
        MainWindow window(f.context(DeskRole::Director));
        SignedInUser director;
        director.identity = UserIdentity {
            QStringLiteral("u-3"), QStringLiteral("Grace Kim"), UserRole::Director, {}};
        window.setSignedInUser(director);
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        QVERIFY(!window.action(MainWindow::Action::HandOff)->isEnabled());
        QCOMPARE(window.action(MainWindow::Action::HandOff)->toolTip(),
                 refusalReason(UserRole::Director, Permission::HandOff));
    }

    void accept_cancelled_sendsNothing()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        answerNextDialog(
            [](ActionDialog *d) { d->editor()->setPlainText(QStringLiteral("draft")); }, false);
        window.acceptCurrent();
        QCOMPARE(submitted.size(), 0);
    }

    void decline_sendsTheEditedReply_data()
    {
        QTest::addColumn<QString>("requestId");
        QTest::addColumn<QString>("templateSays");
        QTest::newRow("eligible request: default reply")
            << QueueDeskFixture::levelThreeId() << QStringLiteral("has been declined");
        QTest::newRow("too early: the eligibility reply")
            << QueueDeskFixture::tooEarlyId() << QStringLiteral("escalations are accepted from");
        QTest::newRow("outage: the outage reply")
            << QueueDeskFixture::outageId() << QStringLiteral("severity 1 outage");
    }

    void decline_sendsTheEditedReply()
    {
        QFETCH(QString, requestId);
        QFETCH(QString, templateSays);
        QueueDeskFixture f;
        MainWindow window(f.context());
        showActive(&window);
        QVERIFY(window.queueView()->selectRequest(requestId));
        const EscalationRequest *r = f.find(requestId);
        const Case c = f.queue.cases.value(r->caseId);
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        QString shown;
        const QString addition = QStringLiteral("\nP.S. Your engineer will call you at 16:00.");
        answerNextDialog(
            [&](ActionDialog *d) {
                d->editor()->setPlainText(d->editor()->toPlainText() + addition);
            },
            true, &shown);
        QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(submitted.size(), 1);
        QVERIFY2(shown.contains(templateSays), qPrintable(shown));
        QVERIFY(shown.contains(r->requestedBy));
        QVERIFY(shown.contains(c.number));
        QVERIFY(shown.contains(QStringLiteral("Maya Fischer")));
        QCOMPARE(submitted[0][1].value<OutboxAction>(), OutboxAction::Decline);
        QCOMPARE(submitted[0][2].toString(), QString(shown + addition).trimmed());
    }

    void details_showEligibilityAndOutage_data()
    {
        QTest::addColumn<QString>("requestId");
        QTest::addColumn<QString>("expected");
        QTest::newRow("eligible") << QueueDeskFixture::levelThreeId()
                                  << QStringLiteral("Eligible when raised");
        QTest::newRow("too early")
            << QueueDeskFixture::tooEarlyId() << QStringLiteral("would have been eligible from");
        QTest::newRow("outage") << QueueDeskFixture::outageId()
                                << QStringLiteral("Severity 1 outage");
    }

    void details_showEligibilityAndOutage()
    {
        QFETCH(QString, requestId);
        QFETCH(QString, expected);
        QueueDeskFixture f;
        MainWindow window(f.context());
        QVERIFY(window.queueView()->selectRequest(requestId));
        const QString text =
            window.detailsPane()->findChild<QLabel *>(QStringLiteral("eligibilityLabel"))->text();
        QVERIFY2(text.contains(expected), qPrintable(text));
        // An outage is never accepted as an escalation.
        QCOMPARE(window.action(MainWindow::Action::Accept)->isEnabled(),
                 requestId != QueueDeskFixture::outageId());
    }

    void takeOwnership_andAnalysis_followTheRequest()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        showActive(&window);
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        QVERIFY(window.action(MainWindow::Action::RecordAnalysis)
                    ->isEnabled()); // level 3, analysis owed
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted[0][1].value<OutboxAction>(), OutboxAction::TakeOwnership);
        answerNextDialog(
            [](ActionDialog *d) {
                d->editor()->setPlainText(
                    QStringLiteral("Failover runbook skipped the replica check."));
            },
            true);
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(submitted.size(), 2);
        QCOMPARE(submitted[1][1].value<OutboxAction>(), OutboxAction::RecordAnalysis);
        // Level 1: no analysis to record.
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::tooEarlyId()));
        QVERIFY(!window.action(MainWindow::Action::RecordAnalysis)->isEnabled());
    }

    void note_isSentForTheCurrentRequest()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        showActive(&window);
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelFourId()));
        answerNextDialog(
            [](ActionDialog *d) { d->editor()->setPlainText(QStringLiteral("Called the CTO.")); },
            true);
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted[0][0].toString(), QueueDeskFixture::levelFourId());
        QCOMPARE(submitted[0][1].value<OutboxAction>(), OutboxAction::AddNote);
    }

    void keyboard_movesThroughTheQueue()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        showActive(&window);
        QueueView *view = window.queueView();
        view->setFocus();
        const QString first = window.queueProxy()->requestIdAt(0);
        QVERIFY(view->selectRequest(first));
        QTest::keyClick(view, Qt::Key_J);
        QCOMPARE(view->currentRequestId(), window.queueProxy()->requestIdAt(1));
        QTest::keyClick(view, Qt::Key_K);
        QCOMPARE(view->currentRequestId(), first);
        QTest::keyClick(&window, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(view->currentRequestId(), window.queueProxy()->requestIdAt(1));
        QCOMPARE(window.detailsPane()->requestId(), view->currentRequestId());
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(window.filterBar()->searchField()->hasFocus());
    }

    void filter_textAndLevel()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        QueueFilterProxy *proxy = window.queueProxy();
        const int all = proxy->rowCount();
        QCOMPARE(all, f.model->rowCount());
        QTest::keyClicks(window.filterBar()->searchField(), QStringLiteral("woodgrove"));
        // Debounced: nothing happens until the typing pauses.
        QCOMPARE(proxy->rowCount(), all);
        QTRY_VERIFY_WITH_TIMEOUT(proxy->rowCount() < all, 30000);
        for (int row = 0; row < proxy->rowCount(); ++row)
            QCOMPARE(proxy->index(row, QueueColumn::Account).data().toString(),
                     QStringLiteral("Woodgrove Bank"));
        window.filterBar()->clear();
        QCOMPARE(proxy->rowCount(), all);

        auto *levels = window.filterBar()->findChild<QToolButton *>(QStringLiteral("levelFilter"));
        levels->menu()->actions().at(3)->setChecked(true); // level 4
        QVERIFY(proxy->rowCount() > 0);
        for (int row = 0; row < proxy->rowCount(); ++row)
            QCOMPARE(proxy->index(row, 0).data(QueueRole::LevelRole).toInt(), 4);
        QVERIFY(levels->text().contains(QStringLiteral("Level 4")));
    }

    void directorRole_hasNoTriageAndSeesLevelsThreeAndFour()
    {
        QueueDeskFixture f;
        MainWindow window(f.context(DeskRole::Director));
        showActive(&window);
        // No triage toolbar; the Request menu keeps what a director may do
        // (notes, the analysis) and says why the rest is disabled.
        QVERIFY(window.triageToolBar()->isHidden());
        QVERIFY(!window.action(MainWindow::Action::Accept)->isEnabled());
        QVERIFY(!window.action(MainWindow::Action::Decline)->isEnabled());
        QCOMPARE(window.action(MainWindow::Action::Decline)->toolTip(),
                 refusalReason(UserRole::Director, Permission::Decide));
        QVERIFY(window.queueProxy()->rowCount() > 0);
        for (int row = 0; row < window.queueProxy()->rowCount(); ++row)
            QVERIFY(window.queueProxy()->index(row, 0).data(QueueRole::LevelRole).toInt() >= 3);
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(submitted.size(), 0);
    }

    void pendingOutbox_marksTheRow()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        f.model->setPendingOutbox({{QueueDeskFixture::levelThreeId(), 1}});
        const int row = window.queueProxy()->rowOf(QueueDeskFixture::levelThreeId());
        QCOMPARE(window.queueProxy()->index(row, QueueColumn::Pending).data().toString(),
                 QStringLiteral("1 pending"));
        window.syncIndicator()->setPendingOutbox(1);
        QVERIFY(window.syncIndicator()->pendingText().contains(QLatin1Char('1')));
    }

    void changeSet_reloadsTheDetailsOfTheCurrentRequest()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        EscalationRequest r = *f.find(QueueDeskFixture::levelThreeId());
        r.owner = QStringLiteral("Grace Kim");
        f.lookup.insert(r);
        ChangeSet cs;
        cs.updatedRequests << r;
        f.model->applyChangeSet(cs);
        window.onChangeSetCommitted(cs);
        QCOMPARE(window.detailsPane()->findChild<QLabel *>(QStringLiteral("ownerLabel"))->text(),
                 r.owner);
    }

    void views_plugIntoTheSwitcher()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        showActive(&window);
        auto *other = new QLabel(QStringLiteral("SLA monitor"));
        window.addView(QStringLiteral("sla"), QStringLiteral("SLA monitor"), other);
        QCOMPARE(window.viewIds(), (QStringList {QStringLiteral("queue"), QStringLiteral("sla")}));
        QCOMPARE(window.currentViewId(), QStringLiteral("queue"));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentViewId(), QStringLiteral("sla"));
        QTest::keyClick(&window, Qt::Key_F,
                        Qt::ControlModifier); // the filter brings the queue back
        QCOMPARE(window.currentViewId(), QStringLiteral("queue"));
    }

    void settings_rememberColumnsAndView()
    {
        QueueDeskFixture f;
        {
            MainWindow window(f.context());
            window.queueView()->horizontalHeader()->resizeSection(QueueColumn::Subject, 333);
            window.queueView()->horizontalHeader()->moveSection(QueueColumn::Team, 0);
            window.saveSettings();
        }
        MainWindow again(f.context());
        again.restoreSettings();
        QCOMPARE(again.queueView()->horizontalHeader()->sectionSize(QueueColumn::Subject), 333);
        QCOMPARE(again.queueView()->horizontalHeader()->visualIndex(QueueColumn::Team), 0);
        QSettings().clear();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

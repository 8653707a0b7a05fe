// The views of the three roles in the main window: the role chooses the
// first view, every view stays reachable, the director's view holds only
// level-3 and level-4 requests with their ladder, a click on a tray notice
// selects its request in the queue, and Settings sits in the Desk menu.

#include "deskfixture.h"

#include <activequeue.h>
#include <directormodel.h>
#include <directorview.h>
#include <filterbar.h>
#include <ladderwidget.h>
#include <notificationpolicy.h>
#include <queuecolumns.h>
#include <queuefilterproxy.h>
#include <queueview.h>
#include <regionhourslabel.h>
#include <slaflagsmodel.h>
#include <slamonitorview.h>
#include <slasummarymodel.h>
#include <traynotifier.h>
#include <unownedbreachwatch.h>

#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimeZone>
#include <QToolBar>

using namespace Escalation;

Q_DECLARE_METATYPE(Escalation::DeskRole)

class TestRoleViews final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void role_choosesTheFirstViewAndKeepsTheOthers_data()
    {
        QTest::addColumn<DeskRole>("role");
        QTest::addColumn<QString>("view");
        QTest::addColumn<bool>("triageBar");
        QTest::newRow("manager") << DeskRole::Manager << QStringLiteral("queue") << true;
        QTest::newRow("team lead") << DeskRole::TeamLead << QStringLiteral("teamlead") << true;
        QTest::newRow("director") << DeskRole::Director << QStringLiteral("director") << false;
    }

    void role_choosesTheFirstViewAndKeepsTheOthers()
    {
        QFETCH(DeskRole, role);
        QFETCH(QString, view);
        QFETCH(bool, triageBar);
        DeskFixture f(role);
        QCOMPARE(f.window->currentViewId(), view);
        QCOMPARE(f.window->viewIds(),
                 (QStringList {QStringLiteral("queue"), QStringLiteral("teamlead"),
                               QStringLiteral("director"), QStringLiteral("analytics")}));
        QCOMPARE(!f.window->triageToolBar()->isHidden(), triageBar);
        // Anyone may look at the other roles' views.
        for (const QString &other : f.window->viewIds()) {
            f.window->showView(other);
            QCOMPARE(f.window->currentViewId(), other);
        }
        // A new role in the settings chooses the view at the next start.
        f.settings.setRole(DeskRole::Director);
        f.features->showViewForRole(f.settings.role());
        QCOMPARE(f.window->currentViewId(), QStringLiteral("director"));
    }

    void directorView_listsOnlyLevelThreeAndFourWithTheirLadder()
    {
        DeskFixture f(DeskRole::Director);
        DirectorView *view = f.features->directorView();
        DirectorModel *model = view->model();
        int expected = 0;
        for (const EscalationRequest &r : std::as_const(f.data.requests))
            expected += r.level >= 3 && isInActiveQueue(r.state) ? 1 : 0;
        QCOMPARE(model->rowCount(), expected);
        for (int row = 0; row < model->rowCount(); ++row)
            QVERIFY(model->index(row, 0).data(QueueRole::LevelRole).toInt() >= 3);
        const QString id = model->requestIdAt(0);
        QVERIFY(view->selectRequest(id));
        QCOMPARE(view->currentRequestId(), id);
        QVERIFY(view->ladder()->ladder().currentLevel >= 3);
        QVERIFY2(view->headline().contains(QStringLiteral("Analyses owed")),
                 qPrintable(view->headline()));
    }

    void teamLeadView_showsTheSummaryAndTheRisks()
    {
        DeskFixture f(DeskRole::TeamLead);
        SlaMonitorView *view = f.features->teamLeadView();
        // Nothing is counted until the view is first shown.
        QCOMPARE(view->managerSummary()->totals().value(SlaSummaryModel::OpenNow), 0);
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        const SlaSummaryModel::Counts totals = view->managerSummary()->totals();
        QVERIFY(totals.value(SlaSummaryModel::OpenNow) > 0);
        QCOMPARE(view->atRiskProxy()->rowCount(),
                 totals.value(SlaSummaryModel::ApproachingNow)
                     + totals.value(SlaSummaryModel::BreachedNow));
        QVERIFY2(view->headline().contains(
                     QStringLiteral("Breached %1").arg(totals.value(SlaSummaryModel::BreachedNow))),
                 qPrintable(view->headline()));
        QVERIFY(f.features->slaFlags()->rowCount() > 0);
    }

    void unownedBreaches_areWatchedOnATeamLeadsDesk()
    {
        DeskFixture lead(DeskRole::TeamLead);
        QVERIFY(lead.features->unownedBreaches()->isEnabled());
        QCOMPARE(lead.features->unownedBreaches()->thresholdMinutes(), 30);
        // The fixture's queue has breaches nobody has taken for longer.
        QVERIFY(lead.features->unownedBreaches()->check() > 0);
        DeskFixture manager(DeskRole::Manager);
        QVERIFY(!manager.features->unownedBreaches()->isEnabled());
        QCOMPARE(manager.features->unownedBreaches()->check(), 0);
    }

    void statusBar_saysWhoseBusinessHoursAreOn()
    {
        // Monday 30 March, 15:00 UTC: 17:00 in Berlin, 11:00 in New York,
        // 20:30 in Kolkata.
        DeskFixture f(DeskRole::Manager);
        RegionHoursLabel *label = f.features->regionHours();
        QCOMPARE(label->parentWidget(), f.window->statusBar());
        QCOMPARE(label->text(),
                 QStringLiteral("EMEA open, closes in 30 min · Americas open, closes "
                                "in 7 h · APAC closed, opens in 12 h 30 min"));
        QVERIFY(label->toolTip().contains(QStringLiteral("Europe/Berlin")));
        // The clock's next minute after EMEA closed.
        f.nowMs += 31 * 60 * 1000;
        Q_EMIT f.clock.countdownTick();
        QVERIFY2(label->text().startsWith(QStringLiteral("Americas open, closes in 6 h 29 min")),
                 qPrintable(label->text()));
        QVERIFY(label->text().contains(QStringLiteral("EMEA closed, opens in 14 h 29 min")));
    }

    void trayClick_selectsTheRequestInTheQueue()
    {
        DeskFixture f(DeskRole::TeamLead);
        NotificationPolicy *policy = f.features->notificationPolicy();
        policy->setWorkingHours(WorkingHours(0x7f, QTime(0, 0), QTime(23, 59), QTimeZone::utc()));
        policy->setNowFunction([] { return Fixtures::fixedNow(); });
        const QString id = f.model.requestIdAt(7);
        // The user's own filter hides the request: a click still finds it.
        QueueFilter hiding;
        hiding.setText(QStringLiteral("no such request anywhere"));
        f.window->queueProxy()->setFilter(hiding);
        QSignalSpy activated(f.features->tray(), &TrayNotifier::requestActivated);
        policy->observe(id, ClockState::Breached);
        QCOMPARE(f.features->tray()->lastShown().requestId, id);
        f.features->tray()->activateLast();
        QCOMPARE(activated.count(), 1);
        QCOMPARE(f.window->currentViewId(), QStringLiteral("queue"));
        QCOMPARE(f.window->queueView()->currentRequestId(), id);
        // Remembered in the settings, so a restart does not repeat it.
        QVERIFY(f.settings.notifiedKeys().contains(id + QStringLiteral("|breached")));
    }

    void settingsEntry_sitsInTheDeskMenu()
    {
        DeskFixture f(DeskRole::Manager);
        auto *action = f.window->findChild<QAction *>(QStringLiteral("settingsAction"));
        QVERIFY(action);
        bool found = false;
        for (QAction *menuAction : f.window->menuBar()->actions()) {
            if (menuAction->menu() && menuAction->menu()->actions().contains(action))
                found = true;
        }
        QVERIFY(found);
    }
};

QTEST_MAIN(TestRoleViews)
#include "tst_roleviews.moc"

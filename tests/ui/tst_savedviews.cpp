// View → Saved views on a whole desk: each built-in view shows what its
// name says, the current view is saved with its filter, sort, columns and
// page and comes back from the menu (after a restart too), the user's views
// go to a file and come back from it, a file that is not understood changes
// nothing, and the columns can be chosen from the View menu.

#include "deskfixture.h"

#include <filterbar.h>
#include <obligationindex.h>
#include <queuefilterproxy.h>
#include <queueview.h>
#include <savedviewsmenu.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

QStringList shownIds(const QueueFilterProxy *proxy)
{
    QStringList ids;
    for (int row = 0; row < proxy->rowCount(); ++row)
        ids << proxy->requestIdAt(row);
    ids.sort();
    return ids;
}

QAction *menuAction(SavedViewsMenu *views, const QString &text)
{
    for (QAction *action : views->menu()->actions())
        if (action->text() == text)
            return action;
    return nullptr;
}

} // namespace

class TestSavedViews final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setStyle(u"Fusion"_s);
        QApplication::setFont(QFont(u"DejaVu Sans"_s, 9));
    }

    void builtIns_showWhatTheirNamesSay()
    {
        DeskFixture f(DeskRole::Manager);
        SignedInUser grace;
        grace.identity = {u"u-grace"_s, u"Grace Kim"_s, UserRole::EscalationManager, {}};
        grace.source = SignedInUser::Source::Portal;
        f.window->setSignedInUser(grace);
        SavedViewsMenu *views = f.features->savedViews();
        const QueueFilterProxy *proxy = f.window->queueProxy();

        // Ctrl+Alt+1: My requests, for whoever is signed in.
        QAction *mine = menuAction(views, u"My requests"_s);
        QVERIFY(mine);
        QCOMPARE(mine->shortcut(), QKeySequence(u"Ctrl+Alt+1"_s));
        mine->trigger();
        QStringList expected;
        for (const EscalationRequest &r : std::as_const(f.data.requests))
            if (r.owner == u"Grace Kim"_s)
                expected << r.id;
        expected.sort();
        QVERIFY(!expected.isEmpty());
        QCOMPARE(shownIds(proxy), expected);
        QCOMPARE(f.window->filterBar()->filter().owner(), u"Grace Kim"_s);
        QCOMPARE(f.window->currentViewId(), u"queue"_s);

        // Breaching in the next hour: approaching, the most urgent first.
        menuAction(views, u"Breaching in the next hour"_s)->trigger();
        QVERIFY(proxy->rowCount() > 0);
        for (int row = 0; row < proxy->rowCount(); ++row)
            QCOMPARE(
                proxy->index(row, QueueColumn::ClockState).data(QueueRole::ClockStateRole).toInt(),
                int(ClockState::Approaching));
        QCOMPARE(proxy->rowCount(), [&] {
            int n = 0;
            for (int row = 0; row < f.model.rowCount(); ++row)
                n += f.model.index(row, 0).data(QueueRole::ClockStateRole).toInt()
                        == int(ClockState::Approaching)
                    ? 1
                    : 0;
            return n;
        }());
        QCOMPARE(proxy->sortColumn(), int(QueueColumn::Countdown));
        QVERIFY2(
            f.window->findChild<QToolButton *>(u"clockFilter"_s)->text().contains(u"Approaching"_s),
            "the filter bar shows the view's choice");
        QVERIFY(f.window->statusBar()->currentMessage().contains(u"Breaching in the next hour"_s));

        // Level 3–4 without analysis: what the obligations index says is owed.
        menuAction(views, u"Level 3–4 without analysis"_s)->trigger();
        expected.clear();
        for (const EscalationRequest &r : std::as_const(f.data.requests))
            if (r.level >= 3 && !r.analysis)
                expected << r.id;
        expected.sort();
        QVERIFY(!expected.isEmpty());
        QCOMPARE(shownIds(proxy), expected);
        QVERIFY(f.window->findChild<QToolButton *>(u"owedFilter"_s)
                    ->text()
                    .contains(u"Level-3 analysis"_s));

        // Clear filters: every request again.
        f.window->action(MainWindow::Action::ClearFilter)->trigger();
        QCOMPARE(proxy->rowCount(), f.model.rowCount());
    }

    void currentView_isSaved_andComesBack()
    {
        DeskFixture f(DeskRole::TeamLead);
        SavedViewsMenu *views = f.features->savedViews();
        QueueFilterProxy *proxy = f.window->queueProxy();
        QHeaderView *header = f.window->queueView()->horizontalHeader();
        f.window->showView(u"queue"_s);

        QueueFilter filter;
        filter.setLevels({2, 3});
        filter.setTeam(u"EMEA Platform"_s);
        f.window->filterBar()->setFilter(filter);
        header->setSortIndicator(QueueColumn::Subject, Qt::DescendingOrder);
        header->setSectionHidden(QueueColumn::Tier, true);
        header->setSectionHidden(QueueColumn::Priority, true);
        const int rows = proxy->rowCount();
        QVERIFY(rows > 0 && rows < f.model.rowCount());
        const QStringList ids = shownIds(proxy);

        QString error;
        QVERIFY(!views->saveCurrent(u"  "_s, &error));
        QVERIFY(!views->saveCurrent(u"my requests"_s, &error)); // a built-in's name
        QVERIFY(error.contains(u"built-in"_s));
        QVERIFY2(views->saveCurrent(u"EMEA levels 2–3"_s, &error), qPrintable(error));
        QAction *saved = menuAction(views, u"EMEA levels 2–3"_s);
        QVERIFY(saved);
        QCOMPARE(saved->shortcut(), QKeySequence(u"Ctrl+Alt+4"_s));

        // Somewhere else entirely, then back through the menu.
        f.window->action(MainWindow::Action::ClearFilter)->trigger();
        header->setSortIndicator(QueueColumn::Level, Qt::AscendingOrder);
        header->setSectionHidden(QueueColumn::Tier, false);
        header->setSectionHidden(QueueColumn::Priority, false);
        f.window->showView(u"teamlead"_s);
        saved->trigger();
        QCOMPARE(f.window->currentViewId(), u"queue"_s);
        QCOMPARE(f.window->filterBar()->filter(), filter);
        QCOMPARE(shownIds(proxy), ids);
        QCOMPARE(proxy->sortColumn(), int(QueueColumn::Subject));
        QCOMPARE(proxy->sortOrder(), Qt::DescendingOrder);
        QVERIFY(header->isSectionHidden(QueueColumn::Tier));
        QVERIFY(header->isSectionHidden(QueueColumn::Priority));
        QVERIFY(!header->isSectionHidden(QueueColumn::Subject));

        // Saving under the same name replaces it; the settings keep it.
        filter.setLevels({3});
        f.window->filterBar()->setFilter(filter);
        QVERIFY(views->saveCurrent(u"EMEA levels 2–3"_s, &error));
        QCOMPARE(views->userViews().size(), 1);
        SavedViewsMenu again(f.window.get(), &f.settings);
        QCOMPARE(again.userViews().size(), 1);
        QCOMPARE(again.userViews().at(0).filter, filter);

        views->remove(u"EMEA levels 2–3"_s);
        QVERIFY(!menuAction(views, u"EMEA levels 2–3"_s));
        QVERIFY(f.settings.savedViewsFile().isEmpty());
    }

    void views_goToAFile_andComeBack()
    {
        DeskFixture f(DeskRole::Manager);
        SavedViewsMenu *views = f.features->savedViews();
        QueueFilter filter;
        filter.setClockStates({ClockState::Breached});
        f.window->filterBar()->setFilter(filter);
        QString error;
        QVERIFY(views->saveCurrent(u"Breached"_s, &error));
        const QString file = f.dir.filePath(u"team-views.json"_s);
        QVERIFY2(views->exportTo(file, &error), qPrintable(error));

        // Imported next to the same name: kept apart, not overwritten.
        QCOMPARE(views->importFrom(file, &error), 1);
        QCOMPARE(views->userViews().size(), 2);
        QCOMPARE(views->userViews().at(1).name, u"Breached (2)"_s);
        QCOMPARE(views->userViews().at(1).filter, filter);

        // A file that is not understood adds nothing and says why.
        QFile bad(f.dir.filePath(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"format\": \"escalation-desk-views\", \"version\": 1, \"views\": "
                  "[{\"name\": \"ok\"}, {\"name\": \"x\", \"columns\": [\"mood\"]}]}");
        bad.close();
        QCOMPARE(views->importFrom(bad.fileName(), &error), -1);
        QVERIFY2(error.contains(u"mood"_s) && error.contains(u"bad.json"_s), qPrintable(error));
        QCOMPARE(views->importFrom(f.dir.filePath(u"missing.json"_s), &error), -1);
        QVERIFY(error.contains(u"cannot be read"_s));
        QCOMPARE(views->userViews().size(), 2);
        QVERIFY(!views->exportTo(f.dir.filePath(u"no/such/dir/v.json"_s), &error));
        QVERIFY(!error.isEmpty());
    }

    void columns_areChosenFromTheViewMenu()
    {
        DeskFixture f(DeskRole::Manager);
        QMenu *columns = f.window->queueView()->columnsMenu();
        QVERIFY(f.window->viewMenu()->actions().contains(columns->menuAction()));
        QHeaderView *header = f.window->queueView()->horizontalHeader();
        Q_EMIT columns->aboutToShow();
        QCOMPARE(columns->actions().size(), int(QueueColumn::Count));
        QAction *tier = nullptr;
        for (QAction *a : columns->actions())
            if (a->text()
                == f.model.headerData(QueueColumn::Tier, Qt::Horizontal, Qt::DisplayRole)
                       .toString())
                tier = a;
        QVERIFY(tier && tier->isChecked());
        tier->trigger();
        QVERIFY(header->isSectionHidden(QueueColumn::Tier));
        // The last column shown cannot be hidden.
        for (int c = 0; c < QueueColumn::Count; ++c)
            header->setSectionHidden(c, c != QueueColumn::Subject);
        Q_EMIT columns->aboutToShow();
        for (QAction *a : columns->actions())
            if (a->isChecked())
                QVERIFY(!a->isEnabled());
    }

    void screenshot()
    {
        DeskFixture f(DeskRole::Manager);
        f.window->resize(1400, 820);
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        SavedViewsMenu *views = f.features->savedViews();
        QString error;
        QueueFilter filter;
        filter.setTeam(u"EMEA Platform"_s);
        filter.setClockStates({ClockState::Breached, ClockState::Approaching});
        f.window->filterBar()->setFilter(filter);
        QVERIFY(views->saveCurrent(u"EMEA at risk"_s, &error));
        menuAction(views, u"Breaching in the next hour"_s)->trigger();
        // The filter bar lays its buttons out again for their new labels.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        // The menu drawn over the window where it opens.
        QPixmap picture = f.window->grab();
        QMenu *menu = views->menu();
        menu->ensurePolished();
        menu->adjustSize();
        const QPixmap menuPicture = menu->grab();
        QPainter painter(&picture);
        const QPoint at(
            f.window->menuBar()->actionGeometry(f.window->viewMenu()->menuAction()).bottomLeft()
            + QPoint(0, 2));
        painter.drawPixmap(at, menuPicture);
        painter.setPen(f.window->palette().color(QPalette::Mid));
        painter.drawRect(
            QRect(at, menuPicture.size() / menuPicture.devicePixelRatio()).adjusted(0, 0, -1, -1));
        painter.end();
        const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        QVERIFY(picture.save(dir + u"/saved-views.png"_s));
    }
};

QTEST_MAIN(TestSavedViews)
#include "tst_savedviews.moc"

// Who the desk acts as, in the window: the actions a role may not take are
// disabled with the reason as tooltip (the one permission table), the view
// follows the role, the status bar says who is signed in and how that is
// known; and the details pane's History, shown from the cache at once and
// updated in place. Also saves details-history.png for the documentation.

#include "queuedeskfixture.h"

#include <detailspane.h>
#include <historymodel.h>
#include <historysection.h>
#include <identityindicator.h>
#include <queuefilterproxy.h>
#include <queueview.h>

#include <QAction>
#include <QDir>
#include <QFont>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

SignedInUser portalUser(UserRole role, const QString &name = u"Dana Whitfield"_s)
{
    SignedInUser user;
    user.identity = {u"u-2"_s, name, role, u"Platform Support"_s};
    user.source = SignedInUser::Source::Portal;
    return user;
}

RequestHistory historyOf(const QString &requestId, int entries)
{
    const QDateTime start = Fixtures::fixedNow().addSecs(-150 * 60);
    const QList<HistoryEntry> all {
        {start, u"raise"_s, QString(), u"Priya Raman"_s, QString(),
         u"Restore from backup lost 6 hours of transactions."_s},
        {start.addSecs(20 * 60), u"take_ownership"_s, u"u-2"_s, u"Dana Whitfield"_s,
         u"escalation_manager"_s, QString()},
        {start.addSecs(35 * 60), u"note"_s, u"u-2"_s, u"Dana Whitfield"_s, u"escalation_manager"_s,
         u"Customer CTO on the bridge; storage vendor case opened."_s},
        {start.addSecs(50 * 60), u"accept"_s, u"u-2"_s, u"Dana Whitfield"_s,
         u"escalation_manager"_s, u"War room at 15:00; storage vendor joins; hourly updates."_s},
        {start.addSecs(90 * 60), u"analysis"_s, u"u-3"_s, u"Ines Duarte"_s, u"director"_s,
         u"Root cause: snapshot schedule skipped after the 4.2 upgrade."_s},
    };
    RequestHistory h;
    h.requestId = requestId;
    h.entries = all.mid(0, entries);
    h.fetchedAt = Fixtures::fixedNow().addSecs(-5 * 60);
    return h;
}

} // namespace

class TestSignedIn final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir().mkpath(QStringLiteral(ESCALATION_SCREENSHOT_DIR)));
    }

    void actions_followTheRolesPermissionsWithTheReason_data()
    {
        QTest::addColumn<UserRole>("role");
        QTest::newRow("escalation manager") << UserRole::EscalationManager;
        QTest::newRow("team lead") << UserRole::TeamLead;
        QTest::newRow("director") << UserRole::Director;
        QTest::newRow("admin") << UserRole::Admin;
    }

    void actions_followTheRolesPermissionsWithTheReason()
    {
        QFETCH(UserRole, role);
        QueueDeskFixture f;
        MainWindow window(f.context());
        window.setSignedInUser(portalUser(role));
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        const std::pair<MainWindow::Action, OutboxAction> actions[] = {
            {MainWindow::Action::Accept, OutboxAction::Accept},
            {MainWindow::Action::Decline, OutboxAction::Decline},
            {MainWindow::Action::TakeOwnership, OutboxAction::TakeOwnership},
            {MainWindow::Action::AddNote, OutboxAction::AddNote},
            {MainWindow::Action::RecordAnalysis, OutboxAction::RecordAnalysis},
        };
        for (const auto &[which, outboxAction] : actions) {
            QAction *a = window.action(which);
            const Permission permission = permissionFor(outboxAction);
            const bool allowed = hasPermission(role, permission);
            // The level-3 request is pending and owes its analysis: only the
            // role can disable an action here.
            QCOMPARE(a->isEnabled(), allowed);
            if (allowed)
                QVERIFY(a->toolTip() != refusalReason(role, permission));
            else
                QCOMPARE(a->toolTip(), refusalReason(role, permission));
            QVERIFY(!a->toolTip().isEmpty());
        }
        // A disabled action does nothing when reached another way either.
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        window.takeCurrent();
        QCOMPARE(submitted.size(), hasPermission(role, Permission::Decide) ? 1 : 0);
    }

    void view_followsTheRole_data()
    {
        QTest::addColumn<UserRole>("role");
        QTest::addColumn<bool>("triageBar");
        QTest::addColumn<bool>("levelsThreeAndFourOnly");
        QTest::newRow("escalation manager") << UserRole::EscalationManager << true << false;
        QTest::newRow("team lead") << UserRole::TeamLead << true << false;
        QTest::newRow("director") << UserRole::Director << false << true;
        QTest::newRow("admin: the manager's view") << UserRole::Admin << true << false;
    }

    void view_followsTheRole()
    {
        QFETCH(UserRole, role);
        QFETCH(bool, triageBar);
        QFETCH(bool, levelsThreeAndFourOnly);
        QueueDeskFixture f;
        // Started with the settings' role; the portal says otherwise.
        MainWindow window(f.context(DeskRole::Manager));
        window.setSignedInUser(portalUser(role));
        QCOMPARE(window.context().role, deskRoleFor(role));
        QCOMPARE(!window.triageToolBar()->isHidden(), triageBar);
        bool onlyHigh = true;
        for (int row = 0; row < window.queueProxy()->rowCount(); ++row)
            onlyHigh = onlyHigh
                && window.queueProxy()->index(row, 0).data(QueueRole::LevelRole).toInt() >= 3;
        QCOMPARE(onlyHigh, levelsThreeAndFourOnly);
        QVERIFY(window.windowTitle().contains(displayName(role)));
    }

    void statusBar_saysWhoIsSignedInAndHowItIsKnown()
    {
        QueueDeskFixture f;
        MainWindow window(f.context(DeskRole::Director));
        IdentityIndicator *label = window.identityIndicator();
        // Nothing known yet: never pretend.
        QCOMPARE(label->text(), u"Not signed in · Director (from the settings)"_s);

        window.setSignedInUser(portalUser(UserRole::EscalationManager));
        QCOMPARE(label->text(), u"Signed in as Dana Whitfield · Escalation manager"_s);

        SignedInUser cached = portalUser(UserRole::EscalationManager);
        cached.source = SignedInUser::Source::Cached;
        cached.note = u"Cannot reach the portal at http://127.0.0.1:9"_s;
        window.setSignedInUser(cached);
        QCOMPARE(label->text(),
                 u"Signed in as Dana Whitfield · Escalation manager (last known: "
                 "the portal could not be asked)"_s);
        QCOMPARE(label->toolTip(), cached.note);

        SignedInUser rt = portalUser(UserRole::TeamLead, u"desk-sync"_s);
        rt.source = SignedInUser::Source::Settings;
        window.setSignedInUser(rt);
        QCOMPARE(label->text(), u"Signed in as desk-sync · Team lead (role from the settings)"_s);
        // Portal text is never rendered as markup.
        QCOMPARE(label->textFormat(), Qt::PlainText);
    }

    void history_shownFromTheCacheThenUpdatedInPlace()
    {
        QueueDeskFixture f;
        const QString id = QueueDeskFixture::levelThreeId();
        f.lookup.insert(historyOf(id, 3));
        MainWindow window(f.context());
        DetailsPane *pane = window.detailsPane();
        pane->setHistoryLive(true);
        QSignalSpy wanted(&window, &MainWindow::historyWanted);
        QVERIFY(window.queueView()->selectRequest(id));
        QCOMPARE(wanted.size(), 1);
        QCOMPARE(wanted.first().first().toString(), id);

        HistoryModel *model = pane->history()->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(1, HistoryModel::Who).data().toString(), u"Dana Whitfield"_s);
        QCOMPARE(model->index(1, HistoryModel::Who).data(Qt::ToolTipRole).toString(),
                 u"Dana Whitfield · Escalation manager"_s);
        QCOMPARE(model->index(1, HistoryModel::What).data().toString(), u"took ownership"_s);
        QVERIFY2(pane->history()->statusText().contains(u"refreshing"_s),
                 qPrintable(pane->history()->statusText()));

        // The refresh stored two more entries: rows appended, no reset.
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        f.lookup.insert(historyOf(id, 5));
        pane->historyUpdated(u"E-other"_s); // another request's: ignored
        QCOMPARE(model->rowCount(), 3);
        pane->historyUpdated(id);
        QCOMPARE(model->rowCount(), 5);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 3);
        QCOMPARE(inserted.first().at(2).toInt(), 4);
        QCOMPARE(model->index(4, HistoryModel::Who).data().toString(), u"Ines Duarte"_s);
        QCOMPARE(model->index(4, HistoryModel::What).data().toString(),
                 u"recorded the level-3 analysis: Root cause: snapshot schedule skipped after the "
                 "4.2 upgrade."_s);
        QVERIFY(!pane->history()->statusText().contains(u"refreshing"_s));

        // Offline afterwards: the cached timeline stays, the reason is shown.
        pane->historyFailed(id, u"Cannot reach the portal."_s);
        QCOMPARE(model->rowCount(), 5);
        QVERIFY(pane->history()->statusText().contains(u"Cannot reach the portal."_s));
        pane->historyUnavailable(id, u"History is not available from Request Tracker."_s);
        QCOMPARE(pane->history()->statusText(),
                 u"History is not available from Request Tracker."_s);
    }

    // A requester's long e-mail address neither widens Who past a name's
    // width nor brings a sideways scroll bar that would hide the last row.
    void history_longNamesKeepEveryRowInView()
    {
        QueueDeskFixture f;
        const QString id = QueueDeskFixture::levelThreeId();
        RequestHistory h = historyOf(id, 2);
        h.entries[0].actorName = u"fatou.haddad-okonkwo@lamnahealthcare.example"_s;
        f.lookup.insert(h);
        MainWindow window(f.context());
        window.resize(1400, 980);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.queueView()->selectRequest(id));
        window.detailsPane()->historyUpdated(id);
        QCoreApplication::sendPostedEvents();

        auto *view = window.detailsPane()->history()->findChild<QTreeView *>(u"historyView"_s);
        QVERIFY(view);
        QCOMPARE(view->model()->rowCount(), 2);
        QVERIFY(!view->horizontalScrollBar()->isVisible());
        QVERIFY(view->columnWidth(HistoryModel::Who)
                <= view->fontMetrics().averageCharWidth() * 18);
        QVERIFY(view->columnWidth(HistoryModel::What) > view->columnWidth(HistoryModel::Who));
        for (int row = 0; row < 2; ++row) {
            const QRect rect = view->visualRect(view->model()->index(row, HistoryModel::What));
            QVERIFY2(view->viewport()->rect().contains(rect),
                     qPrintable(u"row %1 is not wholly in view"_s.arg(row)));
        }
        QCOMPARE(view->model()
                     ->index(0, HistoryModel::Who)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .contains(u"fatou.haddad-okonkwo@lamnahealthcare.example"_s),
                 true);
    }

    // A refused attempt is part of the story, set apart: nothing changed.
    void history_refusedAttemptIsSetApart()
    {
        RequestHistory h = historyOf(QueueDeskFixture::levelThreeId(), 4);
        h.entries.append({h.entries.last().at.addSecs(60), u"decline"_s, u"u-5"_s,
                          u"Ruth Adeyemi"_s, u"team_lead"_s,
                          refusalReason(UserRole::TeamLead, Permission::Decide), true});
        HistoryModel model;
        model.setHistory(h);
        QCOMPARE(model.rowCount(), 5);
        const QString what = model.index(4, HistoryModel::What).data().toString();
        QVERIFY2(what.startsWith(u"tried to decline; refused: "_s), qPrintable(what));
        QVERIFY(what.contains(refusalReason(UserRole::TeamLead, Permission::Decide)));
        QCOMPARE(model.index(4, HistoryModel::Who).data().toString(), u"Ruth Adeyemi"_s);
        QVERIFY(model.index(4, HistoryModel::What).data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(!model.index(3, HistoryModel::What).data(Qt::FontRole).isValid());
        QCOMPARE(model.index(3, HistoryModel::What).data().toString().left(9), u"accepted:"_s);
    }

    void history_withoutBackendOrCache_saysSo()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        QCOMPARE(window.detailsPane()->history()->model()->rowCount(), 0);
        QCOMPARE(window.detailsPane()->history()->statusText(),
                 u"No history in the cache for this request yet."_s);
    }

    void refusedAction_isShownAsSuch()
    {
        QueueDeskFixture f;
        MainWindow window(f.context());
        OutboxEntry entry;
        entry.requestId = QueueDeskFixture::levelThreeId();
        entry.action = OutboxAction::Decline;
        entry.status = OutboxStatus::Refused;
        entry.lastError = u"A team lead cannot decide requests."_s;
        window.onActionRefused(entry);
        const QString shown = window.statusBar()->currentMessage();
        QVERIFY2(shown.contains(u"your role may not do this"_s), qPrintable(shown));
        QVERIFY(shown.contains(entry.lastError));
    }

    void detailsPaneWithHistory_isSaved()
    {
        QueueDeskFixture f;
        const QString id = QueueDeskFixture::levelThreeId();
        // The story of the fixture's level-3 request as the portal tells it:
        // re-escalated by the requester, then the manager's note; still pending.
        const std::optional<EscalationRequest> request = f.lookup.request(id);
        QVERIFY(request && request->state == RequestState::Pending && request->owner.isEmpty());
        QCOMPARE(request->notes.size(), 1);
        const Note &note = request->notes.first();
        RequestHistory story;
        story.requestId = id;
        story.fetchedAt = Fixtures::fixedNow().addSecs(-60);
        story.entries = {
            {request->requestedAt, u"re_escalate"_s, QString(), request->requestedBy, QString(),
             request->summary},
            {note.at, u"note"_s, u"u-7"_s, note.author, u"escalation_manager"_s, note.text},
        };
        f.lookup.insert(story);
        MainWindow window(f.context());
        window.setSignedInUser(portalUser(UserRole::EscalationManager));
        window.resize(1400, 980);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.queueView()->selectRequest(id));
        window.detailsPane()->historyUpdated(id);
        QCoreApplication::sendPostedEvents();
        QVERIFY(window.detailsPane()->history()->isVisible());
        const QImage pane = window.detailsPane()->grab().toImage();
        QVERIFY(pane.save(QStringLiteral(ESCALATION_SCREENSHOT_DIR "/details-history.png")));
        const QImage whole = window.grab().toImage();
        QVERIFY(whole.save(QStringLiteral(ESCALATION_SCREENSHOT_DIR "/signed-in.png")));
    }
};

QTEST_MAIN(TestSignedIn)
#include "tst_signedin.moc"

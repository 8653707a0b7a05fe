// What a screen reader finds in the desk: every visible interactive element
// of every view (queue, details, ladder, team lead, director, settings,
// action dialogs) has an accessible name and a role. The walk fails listing
// every element without a name.

#include "deskfixture.h"

#include <actiondialog.h>
#include <clockpalette.h>
#include <deskfeatures.h>
#include <directormodel.h>
#include <directorview.h>
#include <ladderwidget.h>
#include <mainwindow.h>
#include <queuecolumns.h>
#include <queueview.h>
#include <reviewclock.h>
#include <settingsdialog.h>
#include <shortcutsdialog.h>
#include <shortcuttext.h>
#include <slamonitorview.h>
#include <slateamchart.h>

#include <QTabWidget>

#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAccessibleInterface>
#include <QApplication>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTest>
#include <QTreeWidget>

using namespace Escalation;

Q_DECLARE_METATYPE(Escalation::DeskRole)
Q_DECLARE_METATYPE(Escalation::OutboxAction)

namespace {

// Roles a person acts on or moves through with the keyboard.
bool isInteractive(const QWidget *widget, const QAccessibleInterface *iface)
{
    switch (iface->role()) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::Slider:
    case QAccessible::Table:
    case QAccessible::List:
    case QAccessible::Tree:
    case QAccessible::PageTabList:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
        return true;
    default:
        return (widget->focusPolicy() & Qt::TabFocus) != 0;
    }
}

// The visible interactive widgets under root without an accessible name.
QStringList unnamedElements(QWidget *root)
{
    QStringList unnamed;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        if (!widget->isVisibleTo(root) && widget != root)
            continue;
        // A spin box's editor is part of the spin box, which carries the
        // name (and takes the focus for it).
        if (qobject_cast<QAbstractSpinBox *>(widget->parentWidget()))
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(widget);
        if (!iface || !isInteractive(widget, iface))
            continue;
        if (iface->text(QAccessible::Name).trimmed().isEmpty())
            unnamed << QStringLiteral("%1 \"%2\" (role %3)")
                           .arg(QString::fromLatin1(widget->metaObject()->className()),
                                widget->objectName())
                           .arg(int(iface->role()));
    }
    return unnamed;
}

} // namespace

class TestAccessibility final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyInteractiveElementHasAName_data()
    {
        QTest::addColumn<DeskRole>("role");
        QTest::addColumn<QString>("view");
        QTest::newRow("queue") << DeskRole::Manager << QStringLiteral("queue");
        QTest::newRow("team lead") << DeskRole::TeamLead << QStringLiteral("teamlead");
        QTest::newRow("director") << DeskRole::Director << QStringLiteral("director");
        QTest::newRow("analytics") << DeskRole::Director << QStringLiteral("analytics");
    }

    void everyInteractiveElementHasAName()
    {
        QFETCH(DeskRole, role);
        QFETCH(QString, view);
        DeskFixture f(role);
        f.window->resize(1400, 900);
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        f.window->showView(view);
        if (view == QStringLiteral("queue"))
            f.window->queueView()->selectRequest(f.data.requests.first().id);
        const QStringList unnamed = unnamedElements(f.window.get());
        QVERIFY2(unnamed.isEmpty(),
                 qPrintable(QStringLiteral("without a name:\n  ")
                            + unnamed.join(QStringLiteral("\n  "))));
    }

    void ladder_isAListOfFourLevels()
    {
        // The director's ladder, level by level, as a reader moves through it.
        DeskFixture f(DeskRole::Director);
        f.window->resize(1400, 900);
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        DirectorView *view = f.features->directorView();
        LadderWidget *ladder = view->ladder();
        QAccessibleInterface *list = QAccessible::queryAccessibleInterface(ladder);
        QVERIFY(list);
        QCOMPARE(list->role(), QAccessible::List);
        QCOMPARE(list->text(QAccessible::Name), QStringLiteral("Escalation ladder"));
        ladder->clear();
        QCOMPARE(list->childCount(), 0); // no request: no rungs

        // A level-3 request whose analysis is still owed.
        QString id;
        for (int row = 0; row < view->model()->rowCount() && id.isEmpty(); ++row) {
            const QString candidate = view->model()->requestIdAt(row);
            QVERIFY(view->selectRequest(candidate));
            if (ladder->ladder().currentLevel == 3 && !ladder->ladder().owed.isEmpty())
                id = candidate;
        }
        QVERIFY2(!id.isEmpty(), "no level-3 request with an analysis owed in the fixture");
        QCOMPARE(list->childCount(), 4);
        QTRY_VERIFY(ladder->height() >= ladder->sizeHint().height()); // laid out
        const QRect ladderRect(ladder->mapToGlobal(QPoint(0, 0)), ladder->size());
        for (int i = 0; i < 4; ++i) {
            QAccessibleInterface *rung = list->child(i);
            QVERIFY(rung && rung->isValid());
            QCOMPARE(rung->role(), QAccessible::ListItem);
            QCOMPARE(rung->parent(), list);
            QCOMPARE(list->indexOfChild(rung), i);
            const QString name = rung->text(QAccessible::Name);
            qInfo().noquote() << "ladder item" << i + 1 << "reads:" << name;
            QVERIFY2(name.startsWith(QStringLiteral("Level %1").arg(i + 1)), qPrintable(name));
            QVERIFY(ladderRect.contains(rung->rect()));
            QCOMPARE(list->childAt(rung->rect().center().x(), rung->rect().center().y()), rung);
        }
        const QString current = list->child(2)->text(QAccessible::Name);
        QVERIFY2(current.contains(QStringLiteral("(current)")), qPrintable(current));
        QVERIFY2(current.contains(QStringLiteral("owed:")), qPrintable(current));
        QVERIFY(!list->child(3)->text(QAccessible::Name).contains(QStringLiteral("(current)")));
    }

    void queueRow_readsAsASentence()
    {
        DeskFixture f(DeskRole::Manager);
        QueueView *view = f.window->queueView();
        QAbstractItemModel *proxy = view->model();
        QVERIFY(proxy->rowCount() > 0);
        for (int row = 0; row < std::min(proxy->rowCount(), 3); ++row) {
            const QString sentence =
                proxy->index(row, 0).data(Qt::AccessibleDescriptionRole).toString();
            qInfo().noquote() << "queue row" << row + 1 << "reads:" << sentence;
            const QString state = proxy->index(row, QueueColumn::ClockState).data().toString();
            const QString subject = proxy->index(row, QueueColumn::Subject).data().toString();
            const QString number = proxy->index(row, QueueColumn::CaseNumber).data().toString();
            QVERIFY2(sentence.startsWith(state + QStringLiteral(", ")), qPrintable(sentence));
            QVERIFY2(sentence.contains(QStringLiteral("case ") + number), qPrintable(sentence));
            QVERIFY2(sentence.endsWith(subject), qPrintable(sentence));
            QVERIFY(sentence.contains(QStringLiteral("level ")));
            // The countdown's pause glyph is spoken as words.
            const QString countdown =
                proxy->index(row, QueueColumn::Countdown).data(Qt::AccessibleTextRole).toString();
            QVERIFY2(!countdown.contains(QChar(0x23F8)), qPrintable(countdown));
        }
    }

    void clockChangeOfTheSelectedRow_isAnnouncedOnce()
    {
        DeskFixture f(DeskRole::Manager);
        f.window->resize(1400, 900);
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        QueueView *view = f.window->queueView();
        QAbstractItemModel *proxy = view->model();
        // A request whose clock still runs: it will breach as days pass.
        int row = 0;
        while (row < proxy->rowCount()
               && proxy->index(row, 0).data(QueueRole::ClockStateRole).toInt()
                   != int(ClockState::OnTrack))
            ++row;
        QVERIFY(row < proxy->rowCount());
        const QString id = proxy->index(row, 0).data(QueueRole::RequestIdRole).toString();
        QVERIFY(view->selectRequest(id));
        QVERIFY2(view->accessibleDescription().startsWith(displayName(ClockState::OnTrack)),
                 qPrintable(view->accessibleDescription()));

        QSignalSpy announced(view, &QueueView::clockChangeAnnounced);
        f.nowMs += qint64(5) * 24 * 3600 * 1000;
        f.clock.updateNow();
        QCOMPARE(view->currentRequestId(), id);
        QCOMPARE(
            proxy->index(view->currentIndex().row(), 0).data(QueueRole::ClockStateRole).toInt(),
            int(ClockState::Breached));
        QCOMPARE(announced.size(), 1);
        QVERIFY2(view->accessibleDescription().startsWith(displayName(ClockState::Breached)),
                 qPrintable(view->accessibleDescription()));
        QCOMPARE(announced.first().first().toString(), view->accessibleDescription());
        qInfo().noquote() << "announced:" << view->accessibleDescription();
        // The clock runs on; the state does not change: nothing more is said.
        f.nowMs += 60 * 1000;
        f.clock.updateNow();
        QCOMPARE(announced.size(), 1);
    }

    void clockColours_meetContrastOnEveryTheme_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << QApplication::style()->standardPalette();
        QPalette dark;
        for (auto role : {QPalette::Window, QPalette::Button})
            dark.setColor(role, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::Base, QColor(0x2a, 0x2a, 0x2a));
        dark.setColor(QPalette::AlternateBase, QColor(0x30, 0x30, 0x30));
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            dark.setColor(role, QColor(0xf0, 0xf0, 0xf0));
        QTest::newRow("dark") << dark;
        QPalette contrast;
        for (auto role :
             {QPalette::Window, QPalette::Base, QPalette::Button, QPalette::AlternateBase})
            contrast.setColor(role, Qt::black);
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            contrast.setColor(role, Qt::white);
        QTest::newRow("high contrast") << contrast;
        QPalette inverse = contrast;
        for (auto role :
             {QPalette::Window, QPalette::Base, QPalette::Button, QPalette::AlternateBase})
            inverse.setColor(role, Qt::white);
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            inverse.setColor(role, Qt::black);
        QTest::newRow("high contrast, light") << inverse;
    }

    void clockColours_meetContrastOnEveryTheme()
    {
        // WCAG 2.1 AA: 4.5:1 for text. Badge text on its accent, row text on
        // a state's tint, and a state's colour as text on the background.
        QFETCH(QPalette, palette);
        using namespace ClockPalette;
        QStringList failures;
        const auto check = [&failures](const QString &what, const QColor &a, const QColor &b) {
            const double ratio = contrastRatio(a, b);
            qInfo().noquote() << what << QString::number(ratio, 'f', 2);
            if (ratio < 4.5)
                failures << QStringLiteral("%1: %2:1").arg(what).arg(ratio, 0, 'f', 2);
        };
        for (ClockState state : {ClockState::OnTrack, ClockState::Approaching, ClockState::Breached,
                                 ClockState::Answered}) {
            const QString name = displayName(state);
            check(name + QStringLiteral(" badge text"), onAccent(state), accent(state));
            check(name + QStringLiteral(" row text on its tint"), palette.color(QPalette::Text),
                  tint(state, palette));
            check(name + QStringLiteral(" as text on the window"), foreground(state, palette),
                  palette.color(QPalette::Window));
            check(name + QStringLiteral(" as text in a table"),
                  foreground(state, palette, QPalette::Base), palette.color(QPalette::Base));
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral("; "))));
    }

    void teamChart_isATableOfItsNumbers()
    {
        DeskFixture f(DeskRole::TeamLead);
        f.window->resize(1400, 900);
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        auto *chart = f.window->findChild<SlaTeamChart *>();
        QVERIFY(chart);
        const QList<SlaTeamChart::Bar> bars = chart->bars();
        QVERIFY(!bars.isEmpty());
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(chart);
        QVERIFY(iface);
        QCOMPARE(iface->role(), QAccessible::Table);
        QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Open reviews per team"));
        QAccessibleTableInterface *table = iface->tableInterface();
        QVERIFY(table);
        QCOMPARE(table->rowCount(), bars.size());
        QCOMPARE(table->columnCount(), 5);
        QCOMPARE(iface->childCount(), int(bars.size()) * 5);
        const QLocale locale;
        for (int row = 0; row < bars.size(); ++row) {
            const SlaTeamChart::Bar &bar = bars.at(row);
            const QStringList expected {bar.team, locale.toString(bar.breached),
                                        locale.toString(bar.approaching),
                                        locale.toString(bar.onTrack), locale.toString(bar.total())};
            QStringList cells;
            for (int column = 0; column < 5; ++column) {
                QAccessibleInterface *cell = table->cellAt(row, column);
                QVERIFY(cell && cell->isValid());
                QCOMPARE(cell->role(), QAccessible::Cell);
                QCOMPARE(cell->tableCellInterface()->rowIndex(), row);
                QCOMPARE(cell->tableCellInterface()->columnIndex(), column);
                QCOMPARE(iface->indexOfChild(cell), row * 5 + column);
                cells << cell->text(QAccessible::Name);
            }
            qInfo().noquote() << "chart row" << row + 1
                              << "reads:" << cells.join(QStringLiteral(" | "));
            QCOMPARE(cells, expected);
        }
        QCOMPARE(table->columnDescription(1), QStringLiteral("Breached"));
    }

    void settingsDialog_everyPageNamesItsFields()
    {
        DeskFixture f(DeskRole::Manager);
        SettingsDialog dialog(&f.settings, f.window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *tabs = dialog.findChild<QTabWidget *>();
        QVERIFY(tabs);
        QStringList unnamed;
        for (int page = 0; page < tabs->count(); ++page) {
            tabs->setCurrentIndex(page);
            for (const QString &element : unnamedElements(&dialog))
                unnamed << tabs->tabText(page) + QStringLiteral(": ") + element;
        }
        QVERIFY2(unnamed.isEmpty(),
                 qPrintable(QStringLiteral("without a name:\n  ")
                            + unnamed.join(QStringLiteral("\n  "))));
    }

    void actionDialogs_nameTheirFields_data()
    {
        QTest::addColumn<OutboxAction>("action");
        QTest::newRow("accept") << OutboxAction::Accept;
        QTest::newRow("decline") << OutboxAction::Decline;
        QTest::newRow("note") << OutboxAction::AddNote;
        QTest::newRow("analysis") << OutboxAction::RecordAnalysis;
    }

    void actionDialogs_nameTheirFields()
    {
        QFETCH(OutboxAction, action);
        ActionDialog dialog(action, QStringLiteral("00100023 · Nightly export fails"),
                            QStringLiteral("We are on it."));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList unnamed = unnamedElements(&dialog);
        QVERIFY2(unnamed.isEmpty(),
                 qPrintable(QStringLiteral("without a name:\n  ")
                            + unnamed.join(QStringLiteral("\n  "))));
    }

    void shortcutsDialog_namesItsFieldsAndReadsEachShortcut()
    {
        DeskFixture f(DeskRole::Manager);
        ShortcutsDialog dialog;
        dialog.setEntries(ShortcutText::collect(f.window.get()));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList unnamed = unnamedElements(&dialog);
        QVERIFY2(unnamed.isEmpty(),
                 qPrintable(QStringLiteral("without a name:\n  ")
                            + unnamed.join(QStringLiteral("\n  "))));
        // Each row is read as "what it does, keys".
        const QTreeWidgetItem *first = dialog.list()->topLevelItem(0)->child(0);
        QCOMPARE(first->data(0, Qt::AccessibleTextRole).toString(),
                 first->text(0) + QStringLiteral(", ") + first->text(1));
        qInfo().noquote() << "first shortcut reads:"
                          << first->data(0, Qt::AccessibleTextRole).toString();
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"

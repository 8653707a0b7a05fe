// The whole job without a mouse: every key goes to the widget that has the
// keyboard focus, as a keyboard would send it, and the focus is checked to
// be on a visible widget after each step. Also: every shortcut is in its
// tooltip and in Help → Keyboard shortcuts, and Tab follows reading order.

#include "queuedeskfixture.h"

#include <actiondialog.h>
#include <clusterbar.h>
#include <deskfeatures.h>
#include <desksettings.h>
#include <detailspane.h>
#include <filterbar.h>
#include <queuefilterproxy.h>
#include <queueview.h>
#include <requestsetbanner.h>
#include <settingsdialog.h>
#include <shortcutsdialog.h>
#include <shortcuttext.h>

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Escalation;

namespace {

QWidget *focused()
{
    return QApplication::focusWidget();
}

// Where the keyboard is, described for a failure message.
QByteArray where()
{
    QWidget *w = focused();
    if (!w)
        return "no widget has the focus";
    return QByteArray(w->metaObject()->className()) + " '" + w->objectName().toUtf8() + "' in '"
        + w->window()->objectName().toUtf8() + "'";
}

// The focus is on a widget a sighted user can see, in the active window.
bool focusIsVisible()
{
    QWidget *w = focused();
    return w && w->isVisible() && w->window() == QApplication::activeWindow();
}

// When a dialog closes, a desktop's window manager activates the window
// under it, which gives its focus widget the keyboard back. The offscreen
// platform has no window manager, so the test does that part.
void activateWindowUnderClosedDialog()
{
    if (QApplication::activeWindow())
        return;
    const QList<QWidget *> windows = QApplication::topLevelWidgets();
    for (QWidget *window : windows) {
        if (window->isVisible() && window->windowType() == Qt::Window) {
            window->activateWindow();
            return;
        }
    }
}

// Waits until a visible widget of the active window has the focus.
void settle()
{
    activateWindowUnderClosedDialog();
    QTRY_VERIFY2(focusIsVisible(), where().constData());
}

// One key, sent where the focus is, once the focus has settled.
void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    settle();
    QTest::keyClick(focused(), Qt::Key(key), modifiers);
}

void typeText(const QString &text)
{
    settle();
    QTest::keyClicks(focused(), text);
}

// Runs `answer` once the keyboard is in the next dialog that opens (the
// focus moving there is the event); `answer` must close it with keys. The
// watch ends with the object, so a dialog that never opened cannot be
// answered by a later test.
class DialogAnswer final {
public:
    explicit DialogAnswer(std::function<void(QWidget *)> answer)
        : m_answer(std::move(answer))
    {
        m_connection = QObject::connect(qApp, &QApplication::focusChanged, qApp,
                                        [this](QWidget *, QWidget *now) { onFocus(now); });
    }
    ~DialogAnswer()
    {
        QObject::disconnect(m_connection);
        delete m_pending;
    }
    bool answered() const { return m_answered; }

private:
    void onFocus(QWidget *now)
    {
        QDialog *dialog = now ? qobject_cast<QDialog *>(now->window()) : nullptr;
        if (!dialog)
            return;
        QObject::disconnect(m_connection);
        // Out of the focus change, as the next key would be.
        m_pending = new QTimer;
        m_pending->setSingleShot(true);
        QObject::connect(m_pending, &QTimer::timeout, dialog, [this, dialog] { answer(dialog); });
        m_pending->start(0);
    }
    void answer(QDialog *dialog)
    {
        // A failed check must not leave the dialog waiting forever.
        const auto close = qScopeGuard([dialog = QPointer(dialog)] {
            if (dialog && dialog->isVisible())
                dialog->reject();
        });
        QVERIFY2(focusIsVisible(), where().constData());
        m_answer(dialog);
        m_answered = true;
    }

    std::function<void(QWidget *)> m_answer;
    QMetaObject::Connection m_connection;
    QTimer *m_pending = nullptr;
    bool m_answered = false;
};

// Some of w shows through every ancestor's clip (a widget scrolled out of
// its scroll area does not).
bool onScreen(const QWidget *w)
{
    QRect r = w->rect();
    for (; w->parentWidget() && !w->isWindow(); w = w->parentWidget())
        r = QRect(w->mapToParent(r.topLeft()), r.size()) & w->parentWidget()->rect();
    return !r.isEmpty();
}

void showActive(QWidget *window)
{
    window->show();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
}

} // namespace

class TestKeyboardJourney final : public QObject {
    Q_OBJECT

private:
    struct Desk {
        QueueDeskFixture f;
        QTemporaryDir dir;
        DeskSettings settings {dir.filePath(QStringLiteral("desk.ini")), nullptr};
        MainWindow window {f.context()};
        DeskFeatures *features = nullptr;

        Desk()
        {
            features =
                new DeskFeatures(&window, f.model.get(), f.clock.get(), &f.lookup, &settings);
            features->loadSnapshot(f.queue.requests, f.queue.cases);
        }
    };

    // Ctrl+F, the case number, Enter: the keyboard ends in the queue table
    // on the request.
    static void find(MainWindow &window, const QString &caseNumber, const QString &requestId)
    {
        press(Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(focused(), window.filterBar()->searchField());
        press(Qt::Key_A, Qt::ControlModifier); // replace what an earlier search left
        typeText(caseNumber);
        press(Qt::Key_Return);
        QCOMPARE(focused(), static_cast<QWidget *>(window.queueView()));
        QCOMPARE(window.detailsPane()->requestId(), requestId);
    }

    // Opens the dialog of `key`, types `text` at the end of what it holds and
    // sends it with Ctrl+Return; returns what the dialog held before.
    static QString decide(int key, const QString &text)
    {
        QString before;
        DialogAnswer answer([&](QWidget *dialog) {
            auto *editor = qobject_cast<ActionDialog *>(dialog)->editor();
            QCOMPARE(focused(), static_cast<QWidget *>(editor));
            before = editor->toPlainText();
            press(Qt::Key_End, Qt::ControlModifier);
            typeText(text);
            press(Qt::Key_Return, Qt::ControlModifier);
        });
        press(key, Qt::ControlModifier);
        if (!answer.answered())
            qWarning("the dialog of the shortcut never opened");
        return before;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("EscalationDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_keyboardjourney"));
    }

    void manager_acceptsAndDeclinesWithTheKeyboardAlone()
    {
        Desk desk;
        MainWindow &window = desk.window;
        showActive(&window);
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        const auto last = [&] {
            return std::pair {submitted.last().at(0).toString(),
                              submitted.last().at(1).value<OutboxAction>()};
        };

        // Find the level-3 request, take it, note it, accept it, analyse it.
        find(window, QStringLiteral("00300003"), QueueDeskFixture::levelThreeId());
        press(Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(last(), std::pair(QueueDeskFixture::levelThreeId(), OutboxAction::TakeOwnership));

        decide(Qt::Key_N, QStringLiteral("Customer CTO on the bridge."));
        QCOMPARE(submitted.size(), 2);
        QCOMPARE(last().second, OutboxAction::AddNote);
        QCOMPARE(submitted.last().at(2).toString(), QStringLiteral("Customer CTO on the bridge."));

        // Escape closes a dialog and sends nothing.
        {
            DialogAnswer cancel([](QWidget *) {
                typeText(QStringLiteral("draft"));
                press(Qt::Key_Escape);
            });
            press(Qt::Key_N, Qt::ControlModifier);
            QVERIFY(cancel.answered());
        }
        QCOMPARE(submitted.size(), 2);
        settle();
        QCOMPARE(focused(), static_cast<QWidget *>(window.queueView()));

        decide(Qt::Key_Return, QStringLiteral("Storage lead on the bridge; root cause by 18:00."));
        QCOMPARE(submitted.size(), 3);
        QCOMPARE(last(), std::pair(QueueDeskFixture::levelThreeId(), OutboxAction::Accept));
        QCOMPARE(submitted.last().at(2).toString(),
                 QStringLiteral("Storage lead on the bridge; root cause by 18:00."));

        decide(Qt::Key_L, QStringLiteral("Failover skipped the journal replay."));
        QCOMPARE(submitted.size(), 4);
        QCOMPARE(last().second, OutboxAction::RecordAnalysis);

        // Decline the early request with the reply edited.
        find(window, QStringLiteral("00300010"), QueueDeskFixture::tooEarlyId());
        const QString addition = QStringLiteral(" Your engineer calls you at 16:00.");
        const QString reply = decide(Qt::Key_D, addition);
        QVERIFY2(reply.contains(QStringLiteral("escalations are accepted from")),
                 qPrintable(reply));
        QCOMPARE(submitted.size(), 5);
        QCOMPARE(last(), std::pair(QueueDeskFixture::tooEarlyId(), OutboxAction::Decline));
        QCOMPARE(submitted.last().at(2).toString(), QString(reply + addition).trimmed());

        // A manager may not acknowledge a level-4 case: Ctrl+K does nothing.
        find(window, QStringLiteral("00300004"), QueueDeskFixture::levelFourId());
        press(Qt::Key_K, Qt::ControlModifier);
        QCOMPARE(submitted.size(), 5);

        // Every request again; Ctrl+Home, J and K walk the queue.
        press(Qt::Key_F, Qt::ControlModifier);
        press(Qt::Key_A, Qt::ControlModifier);
        press(Qt::Key_Delete);
        press(Qt::Key_Return);
        QVERIFY(window.queueProxy()->rowCount() > 40);
        press(Qt::Key_Home, Qt::ControlModifier);
        const QString first = window.detailsPane()->requestId();
        press(Qt::Key_J);
        QVERIFY(window.detailsPane()->requestId() != first);
        press(Qt::Key_K);
        QCOMPARE(window.detailsPane()->requestId(), first);
        press(Qt::Key_Down, Qt::AltModifier);
        QVERIFY(window.detailsPane()->requestId() != first);
    }

    void director_acknowledgesWithTheKeyboard()
    {
        Desk desk;
        MainWindow &window = desk.window;
        SignedInUser director;
        director.identity.name = QStringLiteral("Victor Hale");
        director.identity.role = UserRole::Director;
        director.source = SignedInUser::Source::Portal;
        window.setSignedInUser(director);
        showActive(&window);
        QSignalSpy submitted(&window, &MainWindow::actionSubmitted);
        find(window, QStringLiteral("00300004"), QueueDeskFixture::levelFourId());
        decide(Qt::Key_K, QStringLiteral("I own this until the stores take payments."));
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted[0][0].toString(), QueueDeskFixture::levelFourId());
        QCOMPARE(submitted[0][1].value<OutboxAction>(), OutboxAction::AcknowledgeOwnership);
        QCOMPARE(submitted[0][2].toString(),
                 QStringLiteral("I own this until the stores take payments."));
    }

    void views_settingsAndConflicts_byKeyboard()
    {
        Desk desk;
        MainWindow &window = desk.window;
        showActive(&window);
        find(window, QStringLiteral("00300003"), QueueDeskFixture::levelThreeId());

        // Ctrl+2 and Ctrl+3 switch views; the focus moves into the new view.
        press(Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentViewId(), DeskFeatures::teamLeadViewId());
        QVERIFY2(focusIsVisible(), where().constData());
        press(Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentViewId(), DeskFeatures::directorViewId());
        QVERIFY2(focusIsVisible(), where().constData());
        press(Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window.currentViewId(), DeskFeatures::queueViewId());
        QVERIFY2(focusIsVisible(), where().constData());

        // Settings: open, change the role with the keyboard, save with Enter.
        QSignalSpy changed(desk.features, &DeskFeatures::settingsChanged);
        const DeskRole roleBefore = desk.settings.role();
        DialogAnswer answer([&](QWidget *dialog) {
            auto *settings = qobject_cast<SettingsDialog *>(dialog);
            QVERIFY(settings);
            QWidget *role = dialog->findChild<QWidget *>(QStringLiteral("role"));
            QVERIFY(role);
            // Ctrl+Tab to the Desk page, then Tab until the role field.
            press(Qt::Key_Tab, Qt::ControlModifier);
            for (int i = 0; i < 40 && focused() != role; ++i)
                press(Qt::Key_Tab);
            QVERIFY2(focused() == role, where().constData());
            press(Qt::Key_Down);
            press(Qt::Key_Return);
        });
        press(Qt::Key_Comma, Qt::ControlModifier);
        QVERIFY(answer.answered());
        QCOMPARE(changed.size(), 1);
        QVERIFY(desk.settings.role() != roleBefore);
        settle();

        // A conflict: Enter on its message goes to the request, focus in the
        // table, ready to decide again.
        find(window, QStringLiteral("00300004"), QueueDeskFixture::levelFourId());
        OutboxEntry entry;
        entry.requestId = QueueDeskFixture::tooEarlyId();
        entry.action = OutboxAction::Decline;
        entry.text = QStringLiteral("Declined.");
        entry.status = OutboxStatus::Conflict;
        window.onActionConflicted(entry);
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("conflictBox"));
        QVERIFY(box);
        QTRY_COMPARE(focused(), static_cast<QWidget *>(box->defaultButton()));
        press(Qt::Key_Return);
        QTRY_VERIFY(!box->isVisible());
        settle();
        QCOMPARE(window.detailsPane()->requestId(), QueueDeskFixture::tooEarlyId());
        QCOMPARE(focused(), static_cast<QWidget *>(window.queueView()));
    }

    void questionMark_listsEveryShortcut_butIsALetterInTextFields()
    {
        Desk desk;
        MainWindow &window = desk.window;
        showActive(&window);

        // In the search field `?` is text.
        press(Qt::Key_F, Qt::ControlModifier);
        // The key as the keyboard map resolves Shift+/ (Shift is spent on
        // the symbol).
        press(Qt::Key_Question);
        QCOMPARE(window.filterBar()->searchField()->text(), QStringLiteral("?"));
        QVERIFY(!window.findChild<ShortcutsDialog *>());
        press(Qt::Key_Backspace);
        press(Qt::Key_Return); // into the table

        press(Qt::Key_Question);
        auto *dialog = window.findChild<ShortcutsDialog *>();
        QVERIFY(dialog);
        QTRY_COMPARE(focused(), static_cast<QWidget *>(dialog->searchField()));

        // Every action of the window with a shortcut is listed with it.
        QStringList listed;
        const QTreeWidget *list = dialog->list();
        for (int g = 0; g < list->topLevelItemCount(); ++g) {
            for (int i = 0; i < list->topLevelItem(g)->childCount(); ++i) {
                const QTreeWidgetItem *item = list->topLevelItem(g)->child(i);
                listed << item->text(0) + QStringLiteral(" = ") + item->text(1);
            }
        }
        const QList<QAction *> actions = window.findChildren<QAction *>();
        int withShortcut = 0;
        for (const QAction *action : actions) {
            if (action->shortcuts().isEmpty() || action->text().isEmpty())
                continue;
            ++withShortcut;
            const QString expected = ShortcutText::plainText(action->text()) + QStringLiteral(" = ")
                + ShortcutText::keysText(action->shortcuts());
            QVERIFY2(listed.contains(expected),
                     qPrintable(expected + QStringLiteral(" missing from: ")
                                + listed.join(QStringLiteral("; "))));
        }
        QVERIFY(withShortcut >= 18);

        // Typing narrows the list.
        typeText(QStringLiteral("ackn"));
        int shown = 0;
        for (int g = 0; g < list->topLevelItemCount(); ++g) {
            for (int i = 0; i < list->topLevelItem(g)->childCount(); ++i)
                shown += list->topLevelItem(g)->child(i)->isHidden() ? 0 : 1;
        }
        QCOMPARE(shown, 1);
        press(Qt::Key_Escape);
        QTRY_VERIFY(!window.findChild<ShortcutsDialog *>()); // deleted on close
    }

    // From the search field, Tab visits the filter bar left to right, then
    // the queue, then the details top to bottom, and back; each widget is
    // on screen when it receives the focus (a scroll area scrolls to it).
    void tab_followsReadingOrder()
    {
        Desk desk;
        MainWindow &window = desk.window;
        window.resize(1400, 700); // short enough that the details scroll
        showActive(&window);
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        press(Qt::Key_F, Qt::ControlModifier);
        QWidget *start = focused();
        QList<QWidget *> chain {start};
        QStringList hidden;
        for (int i = 0; i < 100; ++i) {
            press(Qt::Key_Tab);
            if (focused() == start)
                break;
            chain << focused();
            if (!onScreen(focused()))
                hidden << QString::fromUtf8(where());
        }
        QCOMPARE(focused(), start); // the chain closes
        QVERIFY2(hidden.isEmpty(), qPrintable(hidden.join(QLatin1Char('\n'))));

        const auto inside = [](QWidget *w, QWidget *part) { return part->isAncestorOf(w); };
        QWidget *filterBar = window.filterBar();
        QWidget *queue = window.queueView();
        QWidget *details = window.detailsPane();
        const qsizetype queueAt = chain.indexOf(queue);
        QVERIFY(queueAt > 0);
        QStringList order;
        for (qsizetype i = 0; i < chain.size(); ++i) {
            QWidget *w = chain.at(i);
            const QString name =
                QString::fromLatin1(w->metaObject()->className()) + u' ' + w->objectName();
            order << name;
            if (i < queueAt && !inside(w, filterBar)) {
                // The lines above the table, after the filters.
                QVERIFY2(inside(w, window.clusterBar()) || inside(w, window.requestSetBanner()),
                         qPrintable(name));
            } else if (i < queueAt) {
                QVERIFY2(inside(w, filterBar), qPrintable(name));
                QVERIFY2(!inside(chain.at(std::max<qsizetype>(i - 1, 0)), window.clusterBar()),
                         qPrintable(order.join(QStringLiteral(" → "))));
                if (i > 0)
                    QVERIFY2(w->mapTo(filterBar, QPoint()).x()
                                 > chain.at(i - 1)->mapTo(filterBar, QPoint()).x(),
                             qPrintable(order.join(QStringLiteral(" → "))));
            } else if (i > queueAt) {
                QVERIFY2(inside(w, details), qPrintable(name));
            }
        }
        // Top to bottom within the details' content, whatever its scroll.
        auto *content =
            details->findChild<QScrollArea *>(QStringLiteral("detailsScroll"))->widget();
        int lastY = -1;
        for (qsizetype i = queueAt + 1; i < chain.size(); ++i) {
            if (!inside(chain.at(i), content))
                continue;
            const int y = chain.at(i)->mapTo(content, QPoint()).y();
            QVERIFY2(y >= lastY, qPrintable(order.join(QStringLiteral(" → "))));
            lastY = y;
        }
        qInfo().noquote() << "tab order:" << order.join(QStringLiteral(" → "));
    }

    // A role's refused action explains the refusal instead (tst_signedin),
    // so each action must show its keys for at least one of the roles that
    // may use it: the manager and the director between them cover all.
    void everyShortcut_isInItsMenuAndTooltip()
    {
        Desk desk;
        const QList<QAction *> actions = desk.window.findChildren<QAction *>();
        QHash<const QAction *, QStringList> tooltips;
        for (UserRole role : {UserRole::EscalationManager, UserRole::Director}) {
            SignedInUser user;
            user.identity.name = QStringLiteral("Maya Fischer");
            user.identity.role = role;
            user.source = SignedInUser::Source::Portal;
            desk.window.setSignedInUser(user);
            for (const QAction *action : actions)
                tooltips[action] << action->toolTip();
        }
        QStringList missing;
        for (const QAction *action : actions) {
            if (action->shortcuts().isEmpty() || action->text().isEmpty()
                || action->shortcutContext() == Qt::WidgetShortcut)
                continue;
            const QString keys = ShortcutText::keysText(action->shortcuts());
            const QStringList seen = tooltips.value(action);
            if (std::none_of(seen.begin(), seen.end(),
                             [&](const QString &tip) { return tip.contains(keys); }))
                missing << action->text() + QStringLiteral(": tooltips '")
                        + seen.join(QStringLiteral("', '")) + QLatin1Char('\'');
            bool inMenu = false;
            const QList<QObject *> shownIn = action->associatedObjects();
            for (const QObject *widget : shownIn)
                inMenu = inMenu || qobject_cast<const QMenu *>(widget);
            if (!inMenu)
                missing << action->text() + QStringLiteral(": in no menu");
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestKeyboardJourney)
#include "tst_keyboardjourney.moc"

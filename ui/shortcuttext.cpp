#include "shortcuttext.h"

#include <QAction>
#include <QCoreApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QWidget>

namespace Escalation::ShortcutText {

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList parts;
    for (const QKeySequence &key : keys) {
        if (!key.isEmpty())
            parts.append(key.toString(QKeySequence::NativeText));
    }
    return parts.join(QCoreApplication::translate("Escalation::ShortcutText", " or "));
}

QString withShortcut(const QString &tip, const QList<QKeySequence> &keys)
{
    const QString text = keysText(keys);
    return text.isEmpty() ? tip : tip + QStringLiteral(" (") + text + QLatin1Char(')');
}

QString plainText(const QString &actionText)
{
    QString out;
    out.reserve(actionText.size());
    for (qsizetype i = 0; i < actionText.size(); ++i) {
        if (actionText.at(i) == QLatin1Char('&')) {
            // "&&" is a literal ampersand; a single one marks the mnemonic.
            if (i + 1 < actionText.size() && actionText.at(i + 1) == QLatin1Char('&'))
                out.append(actionText.at(++i));
            continue;
        }
        out.append(actionText.at(i));
    }
    if (out.endsWith(QChar(0x2026)))
        out.chop(1);
    else if (out.endsWith(QLatin1String("...")))
        out.chop(3);
    return out.trimmed();
}

namespace {

void collectMenu(const QMenu *menu, const QString &group, QList<ShortcutEntry> &out,
                 QSet<const QAction *> &seen)
{
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions) {
        if (action->menu()) {
            collectMenu(action->menu(), plainText(action->menu()->title()), out, seen);
            continue;
        }
        if (action->isSeparator() || action->shortcuts().isEmpty() || seen.contains(action))
            continue;
        seen.insert(action);
        out.append({group, plainText(action->text()), keysText(action->shortcuts())});
    }
}

} // namespace

QList<ShortcutEntry> collect(const QWidget *window)
{
    QList<ShortcutEntry> out;
    QSet<const QAction *> seen;
    if (const auto *main = qobject_cast<const QMainWindow *>(window)) {
        const QList<QAction *> menus = main->menuBar()->actions();
        for (const QAction *menuAction : menus) {
            if (const QMenu *menu = menuAction->menu())
                collectMenu(menu, plainText(menu->title()), out, seen);
        }
    }
    // Shortcuts bound to one widget (J and K in the queue table).
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        const QList<QAction *> actions = widget->actions();
        for (const QAction *action : actions) {
            if (action->shortcuts().isEmpty() || action->text().isEmpty() || seen.contains(action)
                || action->shortcutContext() == Qt::WindowShortcut
                || action->shortcutContext() == Qt::ApplicationShortcut)
                continue;
            seen.insert(action);
            const QString where = widget->accessibleName().isEmpty() ? widget->windowTitle()
                                                                     : widget->accessibleName();
            out.append({where, plainText(action->text()), keysText(action->shortcuts())});
        }
    }
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("Escalation::ShortcutText", text);
    };
    const QString anywhere = tr("Anywhere");
    const QString dialogs = tr("In a dialog");
    out.append({anywhere, tr("Next part of the window"),
                QKeySequence(Qt::Key_Tab).toString(QKeySequence::NativeText)});
    out.append({anywhere, tr("Previous part of the window"),
                QKeySequence(Qt::SHIFT | Qt::Key_Tab).toString(QKeySequence::NativeText)});
    out.append({anywhere, tr("Open a menu"), tr("Alt + the menu's underlined letter")});
    out.append({dialogs, tr("Send the text"), keysText({QKeySequence(Qt::CTRL | Qt::Key_Return)})});
    out.append({dialogs, tr("Close without sending"),
                QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText)});
    return out;
}

} // namespace Escalation::ShortcutText

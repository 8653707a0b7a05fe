#pragma once

// Keyboard shortcuts as the user reads them: appended to a tooltip, and
// gathered from a window's menus and widgets into the list that Help →
// Keyboard shortcuts shows. Both read the actions themselves, so a shortcut
// added anywhere is listed without a second table to keep in step.

#include <QKeySequence>
#include <QList>
#include <QString>

class QWidget;

namespace Escalation {

struct ShortcutEntry {
    QString group; // the menu or the part of the window where it works
    QString action; // what it does, without mnemonic or ellipsis
    QString keys; // every sequence, in the platform's own notation

    friend bool operator==(const ShortcutEntry &, const ShortcutEntry &) = default;
};

namespace ShortcutText {

// "tip (Ctrl+K)"; the tip alone when there is no shortcut.
QString withShortcut(const QString &tip, const QList<QKeySequence> &keys);
// "Ctrl+Return or Ctrl+Enter".
QString keysText(const QList<QKeySequence> &keys);
// An action's menu text as a label: "Ac&knowledge…" → "Acknowledge".
QString plainText(const QString &actionText);

// Every shortcut of window: the actions in its menu bar, menu by menu, then
// the actions that work only while a part of the window has the focus
// (grouped under that part's accessible name), then the keys every dialog
// and the focus chain understand.
QList<ShortcutEntry> collect(const QWidget *window);

} // namespace ShortcutText
} // namespace Escalation

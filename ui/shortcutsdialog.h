#pragma once

// Help → Keyboard shortcuts: every shortcut of the window, grouped by menu
// or part of the window, with a field that narrows the list as one types.

#include "shortcuttext.h"

#include <QDialog>

class QLineEdit;
class QTreeWidget;

namespace Escalation {

class ShortcutsDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *parent = nullptr);

    void setEntries(const QList<ShortcutEntry> &entries);
    QTreeWidget *list() const { return m_list; }
    QLineEdit *searchField() const { return m_search; }

private:
    void applySearch(const QString &text);

    QLineEdit *m_search;
    QTreeWidget *m_list;
};

} // namespace Escalation

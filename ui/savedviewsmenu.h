#pragma once

// View → Saved views: the built-in views and the user's own, each a click
// or Ctrl+Alt+1…9 away; "Save current view as…" keeps the queue's filter,
// sort, columns and page under a name; the user's views can be deleted,
// and exported to or imported from a file to share with a team. The user's
// views live in the settings (DeskSettings::savedViewsFile).

#include <savedview.h>

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace Escalation {

class DeskSettings;
class MainWindow;

class SavedViewsMenu final : public QObject {
    Q_OBJECT
public:
    SavedViewsMenu(MainWindow *window, DeskSettings *settings, QObject *parent = nullptr);

    QMenu *menu() const { return m_menu; }
    // The built-ins first, then the user's own, in menu order.
    QList<SavedView> views() const;
    QList<SavedView> userViews() const { return m_userViews; }

    // Shows the view: its page, filter, sort and columns.
    void apply(const SavedView &view);
    // What the window shows now, as a view named name.
    SavedView current(const QString &name) const;

    // Keeps the current view under name (replacing the user's view of that
    // name); false with *error when the name is empty or a built-in's.
    bool saveCurrent(const QString &name, QString *error);
    void remove(const QString &name);
    // The user's views as a file; false with *error when it cannot be written.
    bool exportTo(const QString &fileName, QString *error) const;
    // Adds a file's views (a name already used gets " (2)"); returns how
    // many, or -1 with *error, adding none, when the file is not understood.
    int importFrom(const QString &fileName, QString *error);

Q_SIGNALS:
    void viewApplied(const QString &name);

private:
    void rebuildMenu();
    void store();
    void askAndSave();
    void askAndExport();
    void askAndImport();

    MainWindow *m_window;
    DeskSettings *m_settings;
    QMenu *m_menu;
    QList<SavedView> m_userViews;
};

} // namespace Escalation

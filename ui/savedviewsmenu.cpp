#include "savedviewsmenu.h"

#include "filterbar.h"
#include "mainwindow.h"
#include "queueview.h"
#include "shortcuttext.h"
#include "uilogging.h"

#include <desksettings.h>
#include <queuefilterproxy.h>

#include <QAction>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStatusBar>

namespace Escalation {

namespace {
constexpr qint64 MaxImportBytes = 1024 * 1024 + 1; // SavedViews::fromFile refuses more
} // namespace

SavedViewsMenu::SavedViewsMenu(MainWindow *window, DeskSettings *settings, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_settings(settings)
    , m_menu(window->viewMenu()->addMenu(tr("Saved &views")))
{
    m_menu->setObjectName(QStringLiteral("savedViewsMenu"));
    window->viewMenu()->addMenu(window->queueView()->columnsMenu());
    const QByteArray stored = settings->savedViewsFile();
    if (!stored.isEmpty()) {
        QString error;
        if (std::optional<QList<SavedView>> views = SavedViews::fromFile(stored, &error))
            m_userViews = *views;
        else
            qCWarning(lcUi) << "the saved views in the settings cannot be read:" << error;
    }
    rebuildMenu();
}

QList<SavedView> SavedViewsMenu::views() const
{
    return SavedViews::builtIns() + m_userViews;
}

void SavedViewsMenu::rebuildMenu()
{
    m_menu->clear();
    const QList<SavedView> all = views();
    const qsizetype builtIns = all.size() - m_userViews.size();
    for (int i = 0; i < all.size(); ++i) {
        const SavedView view = all.at(i);
        if (i == builtIns)
            m_menu->addSeparator();
        QAction *action = m_menu->addAction(view.name);
        action->setObjectName(QStringLiteral("savedView%1").arg(i + 1));
        if (i < 9)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        action->setToolTip(ShortcutText::withShortcut(tr("Show the saved view “%1”").arg(view.name),
                                                      action->shortcuts()));
        connect(action, &QAction::triggered, this, [this, view] { apply(view); });
    }
    m_menu->addSeparator();
    QAction *save = m_menu->addAction(tr("&Save current view as…"));
    save->setObjectName(QStringLiteral("saveCurrentView"));
    save->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    save->setToolTip(ShortcutText::withShortcut(
        tr("Keep the queue's filter, sort, columns and page under a name"), save->shortcuts()));
    connect(save, &QAction::triggered, this, &SavedViewsMenu::askAndSave);

    QMenu *remove = m_menu->addMenu(tr("&Delete"));
    remove->setEnabled(!m_userViews.isEmpty());
    for (const SavedView &view : std::as_const(m_userViews)) {
        const QString name = view.name;
        connect(remove->addAction(name), &QAction::triggered, this, [this, name] {
            if (QMessageBox::question(m_window, tr("Delete saved view"),
                                      tr("Delete the saved view “%1”?").arg(name))
                == QMessageBox::Yes)
                this->remove(name);
        });
    }
    QAction *exportAction = m_menu->addAction(tr("&Export…"));
    exportAction->setToolTip(tr("Write your saved views to a file to share with your team"));
    exportAction->setEnabled(!m_userViews.isEmpty());
    connect(exportAction, &QAction::triggered, this, &SavedViewsMenu::askAndExport);
    QAction *importAction = m_menu->addAction(tr("&Import…"));
    importAction->setToolTip(tr("Add the saved views of a file"));
    connect(importAction, &QAction::triggered, this, &SavedViewsMenu::askAndImport);
}

void SavedViewsMenu::apply(const SavedView &view)
{
    m_window->clearRequestSet();
    QueueFilter filter = view.filter;
    if (view.ownerIsMe) {
        const SignedInUser &user = m_window->signedInUser();
        filter.setOwner(user.known() ? user.identity.name : m_window->context().userName);
    }
    m_window->filterBar()->setFilter(filter);

    QHeaderView *header = m_window->queueView()->horizontalHeader();
    if (!view.columns.isEmpty()) {
        for (int c = 0; c < header->count(); ++c)
            header->setSectionHidden(c, !view.columns.contains(c));
        for (int i = 0; i < view.columns.size(); ++i)
            header->moveSection(header->visualIndex(view.columns.at(i)), i);
    } else {
        for (int c = 0; c < header->count(); ++c)
            header->setSectionHidden(c, false);
    }
    header->setSortIndicator(view.sortColumn, view.sortOrder);
    m_window->showView(view.viewId);
    m_window->statusBar()->showMessage(tr("Showing the saved view “%1” (requests shown: %2)")
                                           .arg(view.name)
                                           .arg(m_window->queueProxy()->rowCount()),
                                       8000);
    Q_EMIT viewApplied(view.name);
}

SavedView SavedViewsMenu::current(const QString &name) const
{
    SavedView view;
    view.name = name.simplified();
    view.filter = m_window->filterBar()->filter();
    const SignedInUser &user = m_window->signedInUser();
    const QString me = user.known() ? user.identity.name : m_window->context().userName;
    if (!me.isEmpty() && view.filter.owner() == me) {
        // "Mine" stays mine for whoever uses the view.
        view.ownerIsMe = true;
        view.filter.setOwner({});
    }
    view.sortColumn = m_window->queueProxy()->sortColumn();
    view.sortOrder = m_window->queueProxy()->sortOrder();
    const QHeaderView *header = m_window->queueView()->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            view.columns.append(logical);
    }
    const QString page = m_window->currentViewId();
    view.viewId = SavedViews::viewIds().contains(page) ? page : QStringLiteral("queue");
    return view;
}

bool SavedViewsMenu::saveCurrent(const QString &name, QString *error)
{
    const QString clean = name.simplified();
    if (clean.isEmpty()) {
        *error = tr("A saved view needs a name.");
        return false;
    }
    for (const SavedView &builtIn : SavedViews::builtIns())
        if (builtIn.name.compare(clean, Qt::CaseInsensitive) == 0) {
            *error = tr("“%1” is a built-in view; choose another name.").arg(clean);
            return false;
        }
    const SavedView view = current(clean);
    bool replaced = false;
    for (SavedView &existing : m_userViews)
        if (existing.name.compare(clean, Qt::CaseInsensitive) == 0) {
            existing = view;
            replaced = true;
        }
    if (!replaced)
        m_userViews.append(view);
    store();
    return true;
}

void SavedViewsMenu::remove(const QString &name)
{
    m_userViews.removeIf([&](const SavedView &v) { return v.name == name; });
    store();
}

void SavedViewsMenu::store()
{
    m_settings->setSavedViewsFile(m_userViews.isEmpty() ? QByteArray()
                                                        : SavedViews::toFile(m_userViews));
    rebuildMenu();
}

bool SavedViewsMenu::exportTo(const QString &fileName, QString *error) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(SavedViews::toFile(m_userViews)) < 0
        || !file.commit()) {
        *error = tr("%1 cannot be written: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

int SavedViewsMenu::importFrom(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1 cannot be read: %2").arg(fileName, file.errorString());
        return -1;
    }
    QString why;
    const std::optional<QList<SavedView>> imported =
        SavedViews::fromFile(file.read(MaxImportBytes), &why);
    if (!imported) {
        *error = tr("%1 holds no saved views this desk can read: %2").arg(fileName, why);
        return -1;
    }
    for (SavedView view : *imported) {
        view.builtIn = false;
        view.name = SavedViews::uniqueName(view.name, views());
        m_userViews.append(view);
    }
    store();
    return int(imported->size());
}

void SavedViewsMenu::askAndSave()
{
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, tr("Save current view"),
                                               tr("Name of the view (its filter, sort, columns "
                                                  "and page are kept):"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    QString error;
    if (!saveCurrent(name, &error))
        QMessageBox::warning(m_window, tr("Save current view"), error);
    else
        m_window->statusBar()->showMessage(tr("Saved the view “%1”.").arg(name.simplified()), 5000);
}

void SavedViewsMenu::askAndExport()
{
    const QString fileName = QFileDialog::getSaveFileName(m_window, tr("Export saved views"),
                                                          QStringLiteral("saved-views.json"),
                                                          tr("Saved views (*.json)"));
    QString error;
    if (!fileName.isEmpty() && !exportTo(fileName, &error))
        QMessageBox::warning(m_window, tr("Export saved views"), error);
}

void SavedViewsMenu::askAndImport()
{
    const QString fileName = QFileDialog::getOpenFileName(m_window, tr("Import saved views"),
                                                          QString(), tr("Saved views (*.json)"));
    if (fileName.isEmpty())
        return;
    QString error;
    const int added = importFrom(fileName, &error);
    if (added < 0)
        QMessageBox::warning(m_window, tr("Import saved views"), error);
    else
        m_window->statusBar()->showMessage(tr("Imported %n saved view(s).", nullptr, added), 5000);
}

} // namespace Escalation

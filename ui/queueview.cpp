#include "queueview.h"

#include "queuedelegate.h"

#include <escalation.h>
#include <queueclusters.h>
#include <queuecolumns.h>
#include <queuefilterproxy.h>
#include <reviewclockservice.h>

#include <QAccessible>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <vector>

namespace Escalation {

QueueView::QueueView(QueueFilterProxy *proxy, ReviewClockService *clock, QWidget *parent)
    : QTableView(parent)
    , m_proxy(proxy)
    , m_columnsMenu(new QMenu(tr("&Columns"), this))
{
    setObjectName(QStringLiteral("queueView"));
    setAccessibleName(tr("Escalation queue"));
    setModel(proxy);
    setItemDelegate(new QueueDelegate(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several rows can be marked for a bulk action.
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setShowGrid(false);
    setSortingEnabled(true);
    setCornerButtonEnabled(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setTabKeyNavigation(false);

    // Uniform rows: the view never measures 100 000 rows.
    QHeaderView *rows = verticalHeader();
    rows->setVisible(false);
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 10);

    QHeaderView *columns = horizontalHeader();
    columns->setSectionsMovable(true);
    columns->setHighlightSections(false);
    columns->setStretchLastSection(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setSortIndicator(QueueColumn::Countdown, Qt::AscendingOrder); // most urgent first
    applyDefaultColumnWidths();
    m_columnsMenu->setObjectName(QStringLiteral("columnsMenu"));
    connect(m_columnsMenu, &QMenu::aboutToShow, this, &QueueView::fillColumnsMenu);
    columns->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(columns, &QHeaderView::customContextMenuRequested, this,
            [this, columns](const QPoint &at) { m_columnsMenu->popup(columns->mapToGlobal(at)); });

    connect(clock, &ReviewClockService::countdownTick, this, &QueueView::repaintClockColumns);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &QueueView::onCurrentChanged);
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { Q_EMIT markedChanged(markedCount()); });
    // The current row can vanish (filtered out, answered elsewhere) without
    // a currentRowChanged; rows and layout signals cover that.
    connect(proxy, &QAbstractItemModel::rowsRemoved, this, &QueueView::onCurrentChanged);
    connect(proxy, &QAbstractItemModel::layoutChanged, this, &QueueView::onCurrentChanged);
    connect(proxy, &QAbstractItemModel::modelReset, this, &QueueView::onCurrentChanged);
    connect(proxy, &QAbstractItemModel::dataChanged, this, &QueueView::announceClockChange);
}

void QueueView::applyDefaultColumnWidths()
{
    const QFontMetrics fm = fontMetrics();
    const auto w = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 24; };
    QHeaderView *h = horizontalHeader();
    // Wide enough for the longest usual value or the header, whichever is wider.
    const auto fit = [&](int column, const QString &sample) {
        const QString header = model()->headerData(column, Qt::Horizontal).toString();
        h->resizeSection(column, std::max(w(sample), w(header) + 12));
    };
    fit(QueueColumn::Countdown, tr("overdue 12h 59m ⏸"));
    fit(QueueColumn::ClockState, tr("Approaching") + QStringLiteral("MM"));
    fit(QueueColumn::Level, tr("L4"));
    fit(QueueColumn::Severity, tr("S1 outage"));
    fit(QueueColumn::Tier, tr("Standard"));
    fit(QueueColumn::Priority, tr("Normal"));
    fit(QueueColumn::Reason, displayName(Reason::FirstResponseMissed));
    fit(QueueColumn::Account, QStringLiteral("Contoso Pharmaceuticals"));
    fit(QueueColumn::CaseNumber, QStringLiteral("00100023"));
    h->resizeSection(QueueColumn::Subject, fm.averageCharWidth() * 52);
    fit(QueueColumn::Age, tr("12d 23h"));
    fit(QueueColumn::Owner, QStringLiteral("Fatima Haddad"));
    fit(QueueColumn::Team, QStringLiteral("APAC Infrastructure"));
    fit(QueueColumn::RequestedAt, QStringLiteral("30/03/2026 13:00"));
    fit(QueueColumn::State, tr("Accepted"));
    fit(QueueColumn::Pending, tr("2 pending"));
}

QString QueueView::currentRequestId() const
{
    return m_currentId;
}

bool QueueView::selectRequest(const QString &requestId)
{
    int row = m_proxy->rowOf(requestId);
    // Inside a collapsed cluster: open it to show the request.
    if (const ConfirmedCluster *cluster = m_clusters ? m_clusters->clusterOf(requestId) : nullptr;
        row < 0 && cluster && !cluster->expanded) {
        m_clusters->setExpanded(cluster->key(), true);
        row = m_proxy->rowOf(requestId);
    }
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->index(row, QueueColumn::Countdown);
    selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
    return true;
}

QStringList QueueView::markedRequestIds() const
{
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &index : std::as_const(rows))
        ids << m_proxy->requestIdsAt(index.row());
    return ids;
}

int QueueView::markedCount() const
{
    // From the ranges, not selectedRows(): Ctrl+A over 100 000 rows is one
    // range, and this is asked on every key.
    // Ranges may be split by column (hidden columns), so merge row spans.
    std::vector<std::pair<int, int>> spans;
    for (const QItemSelectionRange &range : selectionModel()->selection())
        spans.emplace_back(range.top(), range.bottom());
    std::sort(spans.begin(), spans.end());
    int rows = 0;
    int covered = -1; // the last row counted
    for (const auto &[top, bottom] : spans) {
        if (bottom > covered) {
            rows += bottom - std::max(top, covered + 1) + 1;
            covered = bottom;
        }
    }
    // A collapsed cluster's row stands for each of its requests.
    for (const auto &[row, requests] : m_proxy->collapsedClusterRows())
        if (selectionModel()->isRowSelected(row))
            rows += requests - 1;
    return rows;
}

void QueueView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::NoModifier
        && currentIndex().isValid()) {
        // Space marks or unmarks the current row, leaving the others, and
        // moves on, so that Space Space Space marks three rows. The row the
        // cursor alone selected counts as marked by the first Space.
        const QModelIndex current = currentIndex();
        const bool lone = markedCount() == 1 && selectionModel()->isRowSelected(current.row());
        if (!lone)
            selectionModel()->select(current,
                                     QItemSelectionModel::Toggle | QItemSelectionModel::Rows);
        if (current.row() + 1 < m_proxy->rowCount()) {
            const QModelIndex next = m_proxy->index(current.row() + 1, current.column());
            selectionModel()->setCurrentIndex(next, QItemSelectionModel::NoUpdate);
            scrollTo(next);
        }
        return;
    }
    // Right opens a cluster's row and Left closes it, as in a tree; on
    // other rows they move between the cells as usual.
    if (event->modifiers() == Qt::NoModifier && currentIndex().isValid()) {
        const auto kind = ClusterRowKind(currentIndex().data(QueueRole::ClusterRole).toInt());
        if ((event->key() == Qt::Key_Right && kind == ClusterRowKind::Collapsed)
            || (event->key() == Qt::Key_Left
                && (kind == ClusterRowKind::Expanded || kind == ClusterRowKind::Member))) {
            setCurrentClusterExpanded(event->key() == Qt::Key_Right);
            return;
        }
    }
    QTableView::keyPressEvent(event);
}

void QueueView::mousePressEvent(QMouseEvent *event)
{
    // A click on a cluster row's arrow (the start of its subject) opens or
    // closes it.
    const QModelIndex index = indexAt(event->position().toPoint());
    const auto kind = ClusterRowKind(index.data(QueueRole::ClusterRole).toInt());
    if (event->button() == Qt::LeftButton && index.column() == QueueColumn::Subject
        && (kind == ClusterRowKind::Collapsed || kind == ClusterRowKind::Expanded)
        && event->position().x() - visualRect(index).left() < fontMetrics().height() + 8) {
        selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        setCurrentClusterExpanded(kind == ClusterRowKind::Collapsed);
        return;
    }
    QTableView::mousePressEvent(event);
}

void QueueView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index =
        event->reason() == QContextMenuEvent::Keyboard ? currentIndex() : indexAt(event->pos());
    const ConfirmedCluster *cluster = m_clusters && index.isValid()
        ? m_clusters->clusterOf(index.data(QueueRole::RequestIdRole).toString())
        : nullptr;
    if (!cluster) {
        QTableView::contextMenuEvent(event);
        return;
    }
    selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QString key = cluster->key();
    const bool expanded = cluster->expanded;
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("clusterMenu"));
    QAction *toggle = menu.addAction(expanded ? tr("Show as one row") : tr("Show its requests"));
    QAction *ungroup = menu.addAction(tr("Not one issue: ungroup its requests"));
    const QPoint at = event->reason() == QContextMenuEvent::Keyboard
        ? viewport()->mapToGlobal(visualRect(index).center())
        : event->globalPos();
    const QAction *chosen = menu.exec(at);
    if (chosen == toggle)
        setCurrentClusterExpanded(!expanded);
    else if (chosen == ungroup)
        m_clusters->dissolve(key);
}

void QueueView::setCurrentClusterExpanded(bool expanded)
{
    const QModelIndex current = currentIndex();
    if (!m_clusters || !current.isValid())
        return;
    const ConfirmedCluster *cluster =
        m_clusters->clusterOf(current.data(QueueRole::RequestIdRole).toString());
    if (!cluster)
        return;
    const QString key = cluster->key();
    // Closing from one of its requests leaves the cursor on the cluster's row.
    const int column = current.column();
    m_clusters->setExpanded(key, expanded);
    if (const int row = m_proxy->clusterRowOf(key); row >= 0 && !expanded) {
        const QModelIndex index = m_proxy->index(row, column);
        selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        scrollTo(index);
    }
}

QItemSelectionModel::SelectionFlags QueueView::selectionCommand(const QModelIndex &index,
                                                                const QEvent *event) const
{
    if (event && event->type() == QEvent::KeyPress && markedCount() > 1) {
        const auto *key = static_cast<const QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier && key->key() != Qt::Key_Space)
            return QItemSelectionModel::NoUpdate;
    }
    return QTableView::selectionCommand(index, event);
}

void QueueView::moveCurrent(int delta)
{
    const int rows = m_proxy->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + delta, 0, rows - 1) : 0;
    const QModelIndex index = m_proxy->index(row, current.isValid() ? current.column() : 0);
    // J and K keep several marked rows marked.
    const bool marking = markedCount() > 1;
    selectionModel()->setCurrentIndex(index,
                                      marking ? QItemSelectionModel::NoUpdate
                                              : QItemSelectionModel::ClearAndSelect
                                              | QItemSelectionModel::Rows);
    scrollTo(index);
}

void QueueView::onCurrentChanged()
{
    const QModelIndex current = currentIndex();
    const QString id =
        current.isValid() ? current.data(QueueRole::RequestIdRole).toString() : QString();
    if (id == m_currentId)
        return;
    m_currentId = id;
    m_currentClock = current.isValid() ? current.data(QueueRole::ClockStateRole).toInt() : -1;
    describeCurrent();
    Q_EMIT currentRequestChanged(id);
}

void QueueView::describeCurrent()
{
    // The selected request in one sentence (also sends DescriptionChanged).
    const QModelIndex current = currentIndex();
    setAccessibleDescription(
        current.isValid() ? current.data(Qt::AccessibleDescriptionRole).toString() : QString());
}

void QueueView::announceClockChange(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    // Only a change of the selected request's clock state is spoken, once;
    // the countdown's seconds are not.
    const QModelIndex current = currentIndex();
    if (!current.isValid() || current.row() < topLeft.row() || current.row() > bottomRight.row())
        return;
    describeCurrent();
    const int clock = current.data(QueueRole::ClockStateRole).toInt();
    if (clock == m_currentClock)
        return;
    m_currentClock = clock;
    QAccessibleEvent alert(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
    Q_EMIT clockChangeAnnounced(accessibleDescription());
}

void QueueView::repaintClockColumns()
{
    // Only the visible countdown and age cells: nothing else changes with
    // the seconds, and the model is not involved.
    const QRect area = viewport()->rect();
    for (int column : {int(QueueColumn::Countdown), int(QueueColumn::Age)}) {
        if (isColumnHidden(column))
            continue;
        const int x = columnViewportPosition(column);
        const int width = columnWidth(column);
        if (x + width < 0 || x > area.width())
            continue;
        viewport()->update(QRect(x, 0, width, area.height()));
    }
}

} // namespace Escalation

namespace Escalation {

QueueView::Shown QueueView::shownNow() const
{
    Shown shown;
    const QRect area = viewport()->rect();
    const int first = rowAt(area.top());
    if (first >= 0) {
        int last = rowAt(area.bottom());
        if (last < 0)
            last = m_proxy->rowCount() - 1;
        for (int row = first; row <= last; ++row)
            shown.requestIds.append(m_proxy->requestIdAt(row));
    }
    shown.verticalOffset = verticalOffset();
    shown.horizontalOffset = horizontalOffset();
    shown.size = area.size();
    shown.valid = true;
    return shown;
}

void QueueView::doItemsLayout()
{
    if (m_painted.valid && shownNow() == m_painted) {
        // Same rows in the same places: only the scroll bars follow the
        // new row count. Changed cells repaint through dataChanged.
        updateGeometries();
        return;
    }
    m_painted = {};
    QTableView::doItemsLayout();
}

void QueueView::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    // Only a paint of the whole viewport says what the screen shows.
    if (event->region().contains(viewport()->rect()))
        m_painted = shownNow();
}

bool QueueView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        // Cell tooltips carry portal text (subjects): escaped, so that
        // QToolTip's rich-text guess can never render it as HTML.
        auto *help = static_cast<QHelpEvent *>(event);
        const QModelIndex index = indexAt(help->pos());
        const QString text = index.isValid() ? index.data(Qt::ToolTipRole).toString() : QString();
        if (text.isEmpty()) {
            QToolTip::hideText();
            return true;
        }
        QToolTip::showText(help->globalPos(),
                           QStringLiteral("<p style='white-space:pre-wrap'>") + text.toHtmlEscaped()
                               + QStringLiteral("</p>"),
                           viewport(), visualRect(index));
        return true;
    }
    return QTableView::viewportEvent(event);
}

void QueueView::fillColumnsMenu()
{
    // Rebuilt each time it opens: the header may have changed meanwhile.
    m_columnsMenu->clear();
    QHeaderView *header = horizontalHeader();
    int shown = 0;
    for (int c = 0; c < header->count(); ++c)
        shown += header->isSectionHidden(c) ? 0 : 1;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        QAction *action = m_columnsMenu->addAction(
            model()->headerData(logical, Qt::Horizontal, Qt::DisplayRole).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(logical));
        action->setToolTip(
            model()->headerData(logical, Qt::Horizontal, Qt::ToolTipRole).toString());
        // The last column shown stays: a table without columns shows nothing.
        action->setEnabled(header->isSectionHidden(logical) || shown > 1);
        connect(action, &QAction::toggled, this,
                [header, logical](bool on) { header->setSectionHidden(logical, !on); });
    }
}

} // namespace Escalation

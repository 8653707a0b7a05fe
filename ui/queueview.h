#pragma once

// The queue table. Rows have one fixed height and columns fixed starting
// widths (no resizeColumnsToContents over 100 000 rows); the countdown and
// age cells repaint once a second from the clock's tick without any model
// signal. It reports the current request by id, never by row, so re-sorts
// and syncs under the user's cursor change nothing for the details pane.

#include <QPointer>

class QMenu;
#include <QTableView>

namespace Escalation {

class QueueClusters;
class QueueFilterProxy;
class ReviewClockService;

class QueueView final : public QTableView {
    Q_OBJECT
public:
    QueueView(QueueFilterProxy *proxy, ReviewClockService *clock, QWidget *parent = nullptr);

    QueueFilterProxy *proxy() const { return m_proxy; }
    // Which columns show: View → Columns and the header's context menu.
    QMenu *columnsMenu() const { return m_columnsMenu; }
    QString currentRequestId() const;
    // The requests marked for a bulk action (Space toggles the current row,
    // Ctrl+A marks every row shown, Ctrl+click and Shift+click too), in
    // the order shown. One row selected the usual way counts as one; a
    // collapsed cluster's row counts as each of its requests.
    QStringList markedRequestIds() const;
    int markedCount() const;
    // Makes the request current (and visible); false if it is not shown.
    bool selectRequest(const QString &requestId);
    // Opens or closes the confirmed major-issue cluster of the current row
    // (also Right and Left, or a click on the cluster row's arrow).
    void setCurrentClusterExpanded(bool expanded);
    // The confirmed clusters this view groups; nullptr: none.
    void setClusters(QueueClusters *clusters) { m_clusters = clusters; }
    // Moves the current row by delta (J/K); keeps inside the table.
    void moveCurrent(int delta);
    // Column widths that fit typical content, from the font (cheap).
    void applyDefaultColumnWidths();

    // Lays the rows out again after a model change, and repaints only when
    // the rows on screen changed: while a sync merges pages of rows far
    // below them, the screen stays as it is (and costs no text shaping).
    void doItemsLayout() override;

Q_SIGNALS:
    // The request under the cursor; empty when none.
    void currentRequestChanged(const QString &requestId);
    // The selected request's clock state changed and was announced to
    // assistive technology (an Alert), with the sentence it now reads as.
    void clockChangeAnnounced(const QString &description);
    // How many requests are marked changed (markedRequestIds).
    void markedChanged(int count);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    // On a cluster's row or its requests: open, close or ungroup it.
    void contextMenuEvent(QContextMenuEvent *event) override;
    // Moving with the keys keeps several marked rows marked.
    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex &index,
                                                         const QEvent *event) const override;
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    // The rows a whole-viewport paint showed, top to bottom, and where.
    struct Shown {
        QStringList requestIds;
        int verticalOffset = 0;
        int horizontalOffset = 0;
        QSize size;
        bool valid = false;
        bool operator==(const Shown &) const = default;
    };
    Shown shownNow() const;
    void repaintClockColumns();
    void onCurrentChanged();
    void describeCurrent();
    void announceClockChange(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    void fillColumnsMenu();

    QueueFilterProxy *m_proxy;
    QueueClusters *m_clusters = nullptr; // outlives the view (the window owns both)
    QMenu *m_columnsMenu;
    QString m_currentId;
    int m_currentClock = -1; // the selected request's ClockState, -1: none
    Shown m_painted;
};

} // namespace Escalation

#pragma once

// What a screen reader finds in the painted team chart: a table of its
// numbers, one row per bar (team, breached, approaching, on track, open),
// which a reader moves through cell by cell.

#include <QAccessibleWidget>

#include <QHash>

namespace Escalation {

class SlaTeamChart;

class SlaTeamChartAccessible final : public QAccessibleWidget, public QAccessibleTableInterface {
public:
    enum Column : int { Team, Breached, Approaching, OnTrack, Open, ColumnCount };

    explicit SlaTeamChartAccessible(SlaTeamChart *chart);
    ~SlaTeamChartAccessible() override;

    void *interface_cast(QAccessible::InterfaceType t) override;
    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;

    // QAccessibleTableInterface
    QAccessibleInterface *caption() const override { return nullptr; }
    QAccessibleInterface *summary() const override { return nullptr; }
    QAccessibleInterface *cellAt(int row, int column) const override;
    int rowCount() const override;
    int columnCount() const override { return ColumnCount; }
    QString columnDescription(int column) const override;
    QString rowDescription(int row) const override;
    int selectedCellCount() const override { return 0; }
    QList<QAccessibleInterface *> selectedCells() const override { return {}; }
    QList<int> selectedColumns() const override { return {}; }
    QList<int> selectedRows() const override { return {}; }
    int selectedColumnCount() const override { return 0; }
    int selectedRowCount() const override { return 0; }
    bool isColumnSelected(int) const override { return false; }
    bool isRowSelected(int) const override { return false; }
    bool selectRow(int) override { return false; }
    bool selectColumn(int) override { return false; }
    bool unselectRow(int) override { return false; }
    bool unselectColumn(int) override { return false; }
    void modelChange(QAccessibleTableModelChangeEvent *) override { }

    SlaTeamChart *chart() const;
    QString cellText(int row, int column) const;

private:
    mutable QHash<int, QAccessible::Id> m_cellIds; // by row * ColumnCount + column
};

// One number of the chart (or a team's name).
class SlaTeamChartCell final : public QAccessibleInterface, public QAccessibleTableCellInterface {
public:
    SlaTeamChartCell(SlaTeamChartAccessible *table, int row, int column);

    void *interface_cast(QAccessible::InterfaceType t) override;
    bool isValid() const override;
    QObject *object() const override { return nullptr; }
    QWindow *window() const override;
    QAccessibleInterface *parent() const override { return m_table; }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QString text(QAccessible::Text t) const override;
    void setText(QAccessible::Text, const QString &) override { }
    QRect rect() const override;
    QAccessible::Role role() const override { return QAccessible::Cell; }
    QAccessible::State state() const override;

    // QAccessibleTableCellInterface
    bool isSelected() const override { return false; }
    QList<QAccessibleInterface *> columnHeaderCells() const override { return {}; }
    QList<QAccessibleInterface *> rowHeaderCells() const override { return {}; }
    int columnIndex() const override { return m_column; }
    int rowIndex() const override { return m_row; }
    int columnExtent() const override { return 1; }
    int rowExtent() const override { return 1; }
    QAccessibleInterface *table() const override { return m_table; }

private:
    SlaTeamChartAccessible *m_table;
    int m_row;
    int m_column;
};

} // namespace Escalation

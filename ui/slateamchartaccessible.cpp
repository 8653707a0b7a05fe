#include "slateamchartaccessible.h"

#include "slateamchart.h"

#include <QLocale>

namespace Escalation {

SlaTeamChartAccessible::SlaTeamChartAccessible(SlaTeamChart *chart)
    : QAccessibleWidget(chart, QAccessible::Table)
{
}

SlaTeamChartAccessible::~SlaTeamChartAccessible()
{
    for (QAccessible::Id id : std::as_const(m_cellIds))
        QAccessible::deleteAccessibleInterface(id);
}

SlaTeamChart *SlaTeamChartAccessible::chart() const
{
    return static_cast<SlaTeamChart *>(widget());
}

void *SlaTeamChartAccessible::interface_cast(QAccessible::InterfaceType t)
{
    if (t == QAccessible::TableInterface)
        return static_cast<QAccessibleTableInterface *>(this);
    return QAccessibleWidget::interface_cast(t);
}

int SlaTeamChartAccessible::rowCount() const
{
    return int(chart()->bars().size());
}

int SlaTeamChartAccessible::childCount() const
{
    return rowCount() * ColumnCount;
}

QAccessibleInterface *SlaTeamChartAccessible::child(int index) const
{
    if (index < 0 || index >= childCount())
        return nullptr;
    return cellAt(index / ColumnCount, index % ColumnCount);
}

QAccessibleInterface *SlaTeamChartAccessible::cellAt(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= ColumnCount)
        return nullptr;
    QAccessible::Id &id = m_cellIds[row * ColumnCount + column];
    if (!id)
        id = QAccessible::registerAccessibleInterface(
            new SlaTeamChartCell(const_cast<SlaTeamChartAccessible *>(this), row, column));
    return QAccessible::accessibleInterface(id);
}

int SlaTeamChartAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    const auto *cell =
        child ? const_cast<QAccessibleInterface *>(child)->tableCellInterface() : nullptr;
    if (!cell || cell->table() != this)
        return -1;
    return cell->rowIndex() * ColumnCount + cell->columnIndex();
}

QString SlaTeamChartAccessible::columnDescription(int column) const
{
    switch (column) {
    case Team:
        return SlaTeamChart::tr("Team");
    case Breached:
        return SlaTeamChart::tr("Breached");
    case Approaching:
        return SlaTeamChart::tr("Approaching");
    case OnTrack:
        return SlaTeamChart::tr("On track");
    case Open:
        return SlaTeamChart::tr("Open");
    default:
        return {};
    }
}

QString SlaTeamChartAccessible::rowDescription(int row) const
{
    return cellText(row, Team);
}

QString SlaTeamChartAccessible::cellText(int row, int column) const
{
    const QList<SlaTeamChart::Bar> bars = chart()->bars();
    if (row < 0 || row >= bars.size())
        return {};
    const SlaTeamChart::Bar &bar = bars.at(row);
    const QLocale locale;
    switch (column) {
    case Team:
        return bar.team;
    case Breached:
        return locale.toString(bar.breached);
    case Approaching:
        return locale.toString(bar.approaching);
    case OnTrack:
        return locale.toString(bar.onTrack);
    case Open:
        return locale.toString(bar.total());
    default:
        return {};
    }
}

SlaTeamChartCell::SlaTeamChartCell(SlaTeamChartAccessible *table, int row, int column)
    : m_table(table)
    , m_row(row)
    , m_column(column)
{
}

void *SlaTeamChartCell::interface_cast(QAccessible::InterfaceType t)
{
    if (t == QAccessible::TableCellInterface)
        return static_cast<QAccessibleTableCellInterface *>(this);
    return nullptr;
}

bool SlaTeamChartCell::isValid() const
{
    return m_table->isValid() && m_row < m_table->rowCount();
}

QWindow *SlaTeamChartCell::window() const
{
    return m_table->window();
}

QString SlaTeamChartCell::text(QAccessible::Text t) const
{
    if (!isValid())
        return {};
    if (t == QAccessible::Name)
        return m_table->cellText(m_row, m_column);
    if (t == QAccessible::Description && m_column != SlaTeamChartAccessible::Team)
        return m_table->columnDescription(m_column) + QStringLiteral(", ")
            + m_table->rowDescription(m_row);
    return {};
}

QRect SlaTeamChartCell::rect() const
{
    // The row's band across the chart; the numbers have no boxes of their own.
    if (!isValid())
        return {};
    const SlaTeamChart *chart = m_table->chart();
    const QRect band = chart->barRect(m_row);
    return QRect(chart->mapToGlobal(band.topLeft()), band.size());
}

QAccessible::State SlaTeamChartCell::state() const
{
    QAccessible::State state;
    state.readOnly = true;
    if (!isValid())
        state.invalid = true;
    return state;
}

} // namespace Escalation

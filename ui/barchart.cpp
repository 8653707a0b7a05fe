#include "barchart.h"

#include "clockpalette.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace Escalation {

BarChart::BarChart(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleDescription(tr("The chart's numbers are in the table beside it."));
}

void BarChart::setData(const BarChartData &data)
{
    m_data = data;
    update();
}

BarChartPainter BarChart::painter() const
{
    return BarChartPainter(m_data, rect().adjusted(4, 4, -4, -4), font());
}

QRect BarChart::segmentRect(int category, int series) const
{
    return painter().segmentRect(category, series);
}

QList<QColor> BarChart::seriesColours() const
{
    // Graphics need 3:1 against what they are drawn on (WCAG 1.4.11).
    const QColor back = palette().color(QPalette::Window);
    QList<QColor> colours;
    for (const QColor &c : BarChartPainter::defaultSeriesColours())
        colours << ClockPalette::withContrast(c, back, 3.0);
    return colours;
}

QSize BarChart::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 60, fontMetrics().height() * 12};
}

QSize BarChart::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 30, fontMetrics().height() * 7};
}

void BarChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    BarChartStyle style;
    style.font = font();
    style.text = pal.color(QPalette::WindowText);
    style.grid = pal.color(QPalette::Mid);
    style.background = pal.color(QPalette::Window);
    style.seriesColours = seriesColours();
    painter().paint(&p, style);
    if (m_data.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Nothing to show for this period."));
    }
}

void BarChart::mousePressEvent(QMouseEvent *event)
{
    const BarChartPainter::Hit hit = painter().hitAt(event->position().toPoint());
    if (hit.category >= 0 && m_data.total(hit.category) > 0)
        Q_EMIT segmentClicked(hit.category, hit.series);
}

bool BarChart::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const BarChartPainter::Hit hit = painter().hitAt(help->pos());
    if (hit.category < 0) {
        QToolTip::hideText();
        return true;
    }
    const QString category = m_data.categories.at(hit.category);
    const QString text = hit.series >= 0
        ? tr("%1, %2: %3")
              .arg(category, m_data.series.at(hit.series))
              .arg(m_data.cells.at(hit.category).at(hit.series).count)
        : tr("%1: %2 in all").arg(category).arg(m_data.total(hit.category));
    QToolTip::showText(help->globalPos(), text, this);
    return true;
}

} // namespace Escalation

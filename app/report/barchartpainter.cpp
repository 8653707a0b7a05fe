#include "barchartpainter.h"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace Escalation {

namespace {

constexpr int SwatchGap = 6;

int niceStep(int maximum)
{
    // About four grid lines, at 1, 2 or 5 times a power of ten.
    for (int power = 1;; power *= 10)
        for (int factor : {1, 2, 5})
            if (maximum <= factor * power * 4 || power > 100000000)
                return factor * power;
}

struct LegendItem {
    QRect swatch;
    QRect label;
};

// The legend's items laid out in rows within width, from the top left.
QList<LegendItem> legendItems(const QStringList &series, const QRect &area, const QFontMetrics &fm)
{
    QList<LegendItem> items;
    const int swatch = fm.height() * 2 / 3;
    int x = area.left();
    int y = area.top();
    for (const QString &name : series) {
        const int width = swatch + 4 + fm.horizontalAdvance(name);
        if (x > area.left() && x + width > area.right()) {
            x = area.left();
            y += fm.height() + 2;
        }
        items.append({QRect(x, y + (fm.height() - swatch) / 2, swatch, swatch),
                      QRect(x + swatch + 4, y, fm.horizontalAdvance(name) + 1, fm.height())});
        x += width + SwatchGap * 3;
    }
    return items;
}

} // namespace

int BarChartData::total(int category) const
{
    int sum = 0;
    for (const AnalyticsCount &c : cells.value(category))
        sum += c.count;
    return sum;
}

int BarChartData::maximumTotal() const
{
    int maximum = 0;
    for (int i = 0; i < cells.size(); ++i)
        maximum = std::max(maximum, total(i));
    return maximum;
}

QList<QColor> BarChartPainter::defaultSeriesColours()
{
    return {QColor(0x00, 0x72, 0xb2), QColor(0xd5, 0x5e, 0x00), QColor(0x00, 0x9e, 0x73),
            QColor(0xcc, 0x79, 0xa7), QColor(0xe6, 0x9f, 0x00), QColor(0x56, 0xb4, 0xe9)};
}

BarChartPainter::BarChartPainter(const BarChartData &data, const QRect &area, const QFont &font)
    : m_data(data)
    , m_area(area)
    , m_font(font)
{
    const QFontMetrics fm(font);
    const QList<LegendItem> legend = legendItems(m_data.series, area, fm);
    const int legendBottom = m_data.series.size() > 1 && !legend.isEmpty()
        ? legend.last().label.bottom() + 6
        : area.top();
    m_legend = QRect(area.left(), area.top(), area.width(), legendBottom - area.top());

    m_step = niceStep(std::max(1, m_data.maximumTotal()));
    m_axisMax = std::max(m_step, (m_data.maximumTotal() + m_step - 1) / m_step * m_step);
    const int axisLabel = fm.horizontalAdvance(QString::number(m_axisMax));
    const int top = legendBottom + fm.height() / 2;
    if (m_data.orientation == Qt::Vertical) {
        m_plot = QRect(QPoint(area.left() + axisLabel + 10, top),
                       QPoint(area.right() - 4, area.bottom() - fm.height() - 6));
    } else {
        int labels = 0;
        for (const QString &c : std::as_const(m_data.categories))
            labels = std::max(labels, fm.horizontalAdvance(c));
        labels = std::min(labels, area.width() / 3);
        m_plot = QRect(QPoint(area.left() + labels + 10, top),
                       QPoint(area.right() - axisLabel - 8, area.bottom() - fm.height() - 6));
    }
}

double BarChartPainter::slot() const
{
    const int n = std::max<int>(1, int(m_data.categories.size()));
    return double(m_data.orientation == Qt::Vertical ? m_plot.width() : m_plot.height()) / n;
}

int BarChartPainter::valueToLength(int value) const
{
    const int full = m_data.orientation == Qt::Vertical ? m_plot.height() : m_plot.width();
    return int(std::lround(double(full) * value / m_axisMax));
}

QRect BarChartPainter::barBand(int category) const
{
    const double s = slot();
    const int thickness = std::max(2, int(s * (m_data.orientation == Qt::Vertical ? 0.7 : 0.6)));
    const int offset = int(s * category + (s - thickness) / 2);
    if (m_data.orientation == Qt::Vertical)
        return {m_plot.left() + offset, m_plot.top(), thickness, m_plot.height()};
    return {m_plot.left(), m_plot.top() + offset, m_plot.width(), thickness};
}

QRect BarChartPainter::segmentRect(int category, int series) const
{
    if (category < 0 || category >= m_data.cells.size() || series < 0
        || series >= m_data.cells.at(category).size())
        return {};
    const QList<AnalyticsCount> &row = m_data.cells.at(category);
    int before = 0;
    for (int s = 0; s < series; ++s)
        before += row.at(s).count;
    const int count = row.at(series).count;
    if (count == 0)
        return {};
    // From cumulative sums, so that rounding leaves no gap between segments.
    const int from = valueToLength(before);
    const int to = std::max(from + 1, valueToLength(before + count));
    const QRect band = barBand(category);
    if (m_data.orientation == Qt::Vertical)
        return {band.left(), m_plot.bottom() + 1 - to, band.width(), to - from};
    return {m_plot.left() + from, band.top(), to - from, band.height()};
}

BarChartPainter::Hit BarChartPainter::hitAt(const QPoint &point) const
{
    if (m_data.categories.isEmpty() || !m_plot.contains(point))
        return {};
    const int along =
        m_data.orientation == Qt::Vertical ? point.x() - m_plot.left() : point.y() - m_plot.top();
    const int category = std::clamp(int(along / slot()), 0, int(m_data.categories.size()) - 1);
    for (int s = 0; s < m_data.series.size(); ++s)
        if (segmentRect(category, s).contains(point))
            return {category, s};
    return {category, -1};
}

void BarChartPainter::paint(QPainter *p, const BarChartStyle &style) const
{
    p->save();
    p->setFont(m_font);
    const QFontMetrics fm(m_font);
    const QList<QColor> colours =
        style.seriesColours.isEmpty() ? defaultSeriesColours() : style.seriesColours;
    const bool vertical = m_data.orientation == Qt::Vertical;

    // The count axis and its grid.
    for (int value = 0; value <= m_axisMax; value += m_step) {
        p->setPen(QPen(style.grid, 1));
        const QString label = QString::number(value);
        if (vertical) {
            const int y = m_plot.bottom() - valueToLength(value);
            p->drawLine(m_plot.left(), y, m_plot.right(), y);
            p->setPen(style.text);
            p->drawText(QRect(m_area.left(), y - fm.height() / 2, m_plot.left() - m_area.left() - 6,
                              fm.height()),
                        Qt::AlignRight | Qt::AlignVCenter, label);
        } else {
            const int x = m_plot.left() + valueToLength(value);
            p->drawLine(x, m_plot.top(), x, m_plot.bottom());
            p->setPen(style.text);
            p->drawText(QRect(x - 40, m_plot.bottom() + 4, 80, fm.height()), Qt::AlignHCenter,
                        label);
        }
    }

    // The bars, a line of the background between segments.
    for (int c = 0; c < m_data.cells.size(); ++c) {
        for (int s = 0; s < m_data.series.size(); ++s) {
            const QRect r = segmentRect(c, s);
            if (r.isEmpty())
                continue;
            p->fillRect(r, colours.at(s % colours.size()));
            p->setPen(QPen(style.background, 1));
            if (vertical)
                p->drawLine(r.left(), r.top(), r.right(), r.top());
            else
                p->drawLine(r.right(), r.top(), r.right(), r.bottom());
        }
    }

    // The categories: every k-th week below, every name to the left with
    // its total after the bar.
    p->setPen(style.text);
    if (vertical) {
        int widest = 0;
        for (const QString &c : m_data.categories)
            widest = std::max(widest, fm.horizontalAdvance(c));
        const int every = std::max(1, int(std::ceil((widest + 12) / std::max(1.0, slot()))));
        for (int c = 0; c < m_data.categories.size(); c += every)
            p->drawText(QRect(m_plot.left() + int(slot() * c + slot() / 2) - widest,
                              m_plot.bottom() + 4, widest * 2, fm.height()),
                        Qt::AlignHCenter | Qt::AlignTop, m_data.categories.at(c));
    } else {
        for (int c = 0; c < m_data.categories.size(); ++c) {
            const QRect band = barBand(c);
            const QRect label(m_area.left(), band.center().y() - fm.height() / 2,
                              m_plot.left() - m_area.left() - 8, fm.height());
            p->drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                        fm.elidedText(m_data.categories.at(c), Qt::ElideRight, label.width()));
            const int end = m_plot.left() + valueToLength(m_data.total(c));
            p->drawText(QRect(end + 4, label.top(), m_area.right() - end, fm.height()),
                        Qt::AlignLeft | Qt::AlignVCenter, QString::number(m_data.total(c)));
        }
    }

    // The legend, when there is more than one series to tell apart.
    if (m_data.series.size() > 1) {
        const QList<LegendItem> legend = legendItems(m_data.series, m_legend, fm);
        for (int s = 0; s < legend.size(); ++s) {
            p->fillRect(legend.at(s).swatch, colours.at(s % colours.size()));
            p->setPen(style.text);
            p->drawText(legend.at(s).label, Qt::AlignLeft | Qt::AlignVCenter, m_data.series.at(s));
        }
    }
    p->restore();
}

} // namespace Escalation

#pragma once

// Counts as stacked bars: one bar per category (a week, a manager, a level),
// one coloured segment per series (a level, a reason, accepted/declined),
// with a legend and a count axis. Vertical bars for weeks, horizontal ones
// for named categories whose labels need the room. Painted the same on
// screen (the Analytics view) and in the PDF; each segment keeps the
// requests it counts, for the drill-down.

#include <escalationanalytics.h>

#include <QColor>
#include <QFont>
#include <QList>
#include <QRect>
#include <QStringList>

class QPainter;

namespace Escalation {

struct BarChartData {
    QStringList categories;
    QStringList series;
    // cells[category][series]
    QList<QList<AnalyticsCount>> cells;
    Qt::Orientation orientation = Qt::Vertical;

    int total(int category) const;
    int maximumTotal() const;
    bool isEmpty() const { return maximumTotal() == 0; }
};

struct BarChartStyle {
    QColor text = Qt::black;
    QColor grid = Qt::gray;
    QColor background = Qt::white; // drawn between segments, so adjacent ones stay apart
    QList<QColor> seriesColours; // cycled when there are more series
    QFont font;
};

class BarChartPainter final {
public:
    BarChartPainter(const BarChartData &data, const QRect &area, const QFont &font);

    // Hues that stay apart for the common forms of colour blindness
    // (Okabe–Ito), before any adjustment for the background's contrast.
    static QList<QColor> defaultSeriesColours();

    QRect plotArea() const { return m_plot; }
    // The segment of one series in one category's bar; empty when it counts nothing.
    QRect segmentRect(int category, int series) const;
    struct Hit {
        int category = -1;
        int series = -1;
    };
    // The segment under a point, or {-1, -1}; a point on a bar's category
    // but above its segments gives the category with series -1.
    Hit hitAt(const QPoint &point) const;
    // The step between the axis's grid lines (1, 2, 5, 10, 20, 50 …).
    int gridStep() const { return m_step; }
    int axisMaximum() const { return m_axisMax; }

    void paint(QPainter *painter, const BarChartStyle &style) const;

private:
    double slot() const;
    int valueToLength(int value) const;
    QRect barBand(int category) const;

    BarChartData m_data;
    QRect m_area;
    QRect m_legend;
    QRect m_plot;
    QFont m_font;
    int m_step = 1;
    int m_axisMax = 1;
};

} // namespace Escalation

#pragma once

// Review-target achievement per week as bars (0–100 %, a dashed line at the
// 90 % a team usually aims for, weeks with nothing due left as gaps),
// painted the same on screen and in the PDF.

#include <escalationanalytics.h>

#include <QColor>
#include <QFont>
#include <QRect>

#include <functional>

class QPainter;

namespace Escalation {

struct AchievementChartStyle {
    QColor text = Qt::black;
    QColor grid = Qt::gray;
    // The bar's colour for an achievement (0..1).
    std::function<QColor(double)> barColour;
    QFont font;
};

class AchievementChartPainter final {
public:
    AchievementChartPainter(const QList<AnalyticsWeek> &weeks, const QRect &area,
                            const QFont &font);

    // Where the bars go (inside the axis labels).
    QRect plotArea() const { return m_plot; }
    // The bar of week i; empty for a week with nothing due.
    QRect barRect(int index) const;
    // The week under x, or -1.
    int weekAt(int x) const;

    void paint(QPainter *painter, const AchievementChartStyle &style) const;

private:
    QList<AnalyticsWeek> m_weeks;
    QRect m_area;
    QRect m_plot;
    QFont m_font;
};

} // namespace Escalation

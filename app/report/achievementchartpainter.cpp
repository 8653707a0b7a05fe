#include "achievementchartpainter.h"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace Escalation {

AchievementChartPainter::AchievementChartPainter(const QList<AnalyticsWeek> &weeks,
                                                 const QRect &area, const QFont &font)
    : m_weeks(weeks)
    , m_area(area)
    , m_font(font)
{
    const QFontMetrics fm(font);
    m_plot = area.adjusted(fm.horizontalAdvance(QStringLiteral("100 %")) + 10, fm.height(), -8,
                           -fm.height() * 2);
}

QRect AchievementChartPainter::barRect(int index) const
{
    if (index < 0 || index >= m_weeks.size())
        return {};
    const std::optional<double> share = m_weeks.at(index).achievement();
    if (!share)
        return {};
    const double slot = double(m_plot.width()) / double(m_weeks.size());
    const int barWidth = std::max(2, int(slot * 0.7));
    const int height = std::max(1, int(m_plot.height() * *share));
    const int left = m_plot.left() + int(slot * index + (slot - barWidth) / 2);
    return {left, m_plot.bottom() - height + 1, barWidth, height};
}

int AchievementChartPainter::weekAt(int x) const
{
    if (m_weeks.isEmpty() || x < m_plot.left() || x > m_plot.right())
        return -1;
    const double slot = double(m_plot.width()) / double(m_weeks.size());
    return std::clamp(int((x - m_plot.left()) / slot), 0, int(m_weeks.size()) - 1);
}

void AchievementChartPainter::paint(QPainter *p, const AchievementChartStyle &style) const
{
    p->save();
    p->setFont(m_font);
    const QFontMetrics fm(m_font);
    for (int pct : {0, 50, 90, 100}) {
        const int y = m_plot.bottom() - m_plot.height() * pct / 100;
        p->setPen(QPen(style.grid, 1, pct == 90 ? Qt::DashLine : Qt::SolidLine));
        p->drawLine(m_plot.left(), y, m_plot.right(), y);
        p->setPen(style.text);
        p->drawText(QRect(m_area.left(), y - fm.height() / 2, m_plot.left() - m_area.left() - 6,
                          fm.height()),
                    Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("%1 %").arg(pct));
    }
    if (!m_weeks.isEmpty()) {
        const double slot = double(m_plot.width()) / double(m_weeks.size());
        // Week labels that fit: every k-th.
        const int every =
            std::max(1, int(std::ceil(fm.horizontalAdvance(QStringLiteral("00/00")) * 1.5 / slot)));
        for (int i = 0; i < m_weeks.size(); ++i) {
            if (const std::optional<double> share = m_weeks.at(i).achievement())
                p->fillRect(barRect(i), style.barColour ? style.barColour(*share) : style.text);
            if (i % every == 0) {
                p->setPen(style.text);
                p->drawText(QRect(m_plot.left() + int(slot * i) - 20, m_plot.bottom() + 4,
                                  int(slot) + 40, fm.height()),
                            Qt::AlignHCenter | Qt::AlignTop,
                            m_weeks.at(i).monday.toString(QStringLiteral("dd/MM")));
            }
        }
    }
    p->restore();
}

} // namespace Escalation

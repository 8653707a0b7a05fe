#pragma once

// A stacked bar chart of the Analytics view (BarChartPainter on screen):
// series colours adjusted to read at 3:1 on the palette's background, a
// tooltip per segment, and a click on a segment (or a bar) reports which,
// for the drill-down. Its numbers are in the table beside it, which is
// also the way to reach them by keyboard and screen reader.

#include <barchartpainter.h>

#include <QWidget>

namespace Escalation {

class BarChart final : public QWidget {
    Q_OBJECT
public:
    explicit BarChart(QWidget *parent = nullptr);

    void setData(const BarChartData &data);
    const BarChartData &data() const { return m_data; }
    // Where a segment is drawn, in widget coordinates (empty: counts nothing).
    QRect segmentRect(int category, int series) const;
    // The colours drawn for the series on this palette.
    QList<QColor> seriesColours() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // series -1: the bar as a whole.
    void segmentClicked(int category, int series);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    BarChartPainter painter() const;
    BarChartData m_data;
};

} // namespace Escalation

#pragma once

// A small bar chart of the open reviews per team: one horizontal bar per
// team, split into breached, approaching and on track, longest team first.
// Painted by hand (no QtCharts) from a SlaSummaryModel grouped by team, and
// repainted only when the summary announces new numbers.

#include <QWidget>

namespace Escalation {

class SlaSummaryModel;

class SlaTeamChart final : public QWidget {
    Q_OBJECT
public:
    explicit SlaTeamChart(SlaSummaryModel *summary, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    struct Bar {
        QString team;
        int breached = 0;
        int approaching = 0;
        int onTrack = 0;
        int total() const { return breached + approaching + onTrack; }
    };
    // What is drawn, in drawing order (tests, accessibility).
    QList<Bar> bars() const { return m_bars; }
    // Where bar `row` (team name, bar and number) is drawn; empty if none.
    QRect barRect(int row) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    void refresh();
    int rowHeight() const;
    int labelWidth() const;
    int barAt(const QPoint &pos) const;

    SlaSummaryModel *m_summary;
    QList<Bar> m_bars;
};

} // namespace Escalation

#include "slateamchart.h"

#include "clockpalette.h"
#include "deskaccessibility.h"

#include <slasummarymodel.h>

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace Escalation {

namespace {
constexpr int Margin = 10;
constexpr int MaxBars = 12; // beyond that the chart stops being "small"
} // namespace

SlaTeamChart::SlaTeamChart(SlaSummaryModel *summary, QWidget *parent)
    : QWidget(parent)
    , m_summary(summary)
{
    installDeskAccessibility();
    setObjectName(QStringLiteral("slaTeamChart"));
    setAccessibleName(tr("Open reviews per team"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    connect(summary, &SlaSummaryModel::summaryChanged, this, &SlaTeamChart::refresh);
    connect(summary, &QAbstractItemModel::modelReset, this, &SlaTeamChart::refresh);
    connect(summary, &QAbstractItemModel::rowsInserted, this, &SlaTeamChart::refresh);
    refresh();
}

void SlaTeamChart::refresh()
{
    m_bars.clear();
    for (const QString &team : m_summary->groups()) {
        const SlaSummaryModel::Counts c = m_summary->counts(team);
        Bar bar {team, c.value(SlaSummaryModel::BreachedNow),
                 c.value(SlaSummaryModel::ApproachingNow), c.value(SlaSummaryModel::OnTrackNow)};
        if (bar.total() > 0)
            m_bars << bar;
    }
    // Most at risk first: breaches, then warnings, then size.
    std::sort(m_bars.begin(), m_bars.end(), [](const Bar &a, const Bar &b) {
        if (a.breached != b.breached)
            return a.breached > b.breached;
        if (a.approaching != b.approaching)
            return a.approaching > b.approaching;
        if (a.total() != b.total())
            return a.total() > b.total();
        return a.team < b.team;
    });
    if (m_bars.size() > MaxBars)
        m_bars.resize(MaxBars);
    QStringList description;
    for (const Bar &b : std::as_const(m_bars))
        description << tr("%1: %2 breached, %3 approaching, %4 on track")
                           .arg(b.team)
                           .arg(b.breached)
                           .arg(b.approaching)
                           .arg(b.onTrack);
    setAccessibleDescription(description.join(QLatin1Char('\n')));
    updateGeometry();
    update();
}

int SlaTeamChart::rowHeight() const
{
    return fontMetrics().height() + 12;
}

int SlaTeamChart::labelWidth() const
{
    int widest = fontMetrics().horizontalAdvance(tr("No open reviews"));
    for (const Bar &b : m_bars)
        widest = std::max(widest, fontMetrics().horizontalAdvance(b.team));
    return std::min(widest + 12, width() / 3);
}

QSize SlaTeamChart::sizeHint() const
{
    const int rows = std::max<int>(1, int(m_bars.size()));
    return {420, 2 * Margin + (rows + 1) * rowHeight() + rowHeight() / 2};
}

QSize SlaTeamChart::minimumSizeHint() const
{
    return {240, 2 * Margin + 2 * rowHeight()};
}

void SlaTeamChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const int rh = rowHeight();
    const int labelW = labelWidth();
    const QRect area = rect().adjusted(Margin, Margin, -Margin, -Margin);

    // Legend on the first line.
    int x = area.left();
    const auto legend = [&](ClockState state, const QString &text) {
        const QRect swatch(x, area.top() + (rh - 12) / 2, 12, 12);
        p.fillRect(swatch, ClockPalette::accent(state));
        x = swatch.right() + 6;
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(x, area.top(), fm.horizontalAdvance(text) + 2, rh), Qt::AlignVCenter,
                   text);
        x += fm.horizontalAdvance(text) + 16;
    };
    legend(ClockState::Breached, tr("Breached"));
    legend(ClockState::Approaching, tr("Approaching"));
    legend(ClockState::OnTrack, tr("On track"));

    if (m_bars.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(area.adjusted(0, rh, 0, 0), Qt::AlignLeft | Qt::AlignTop, tr("No open reviews"));
        return;
    }
    int maxTotal = 1;
    for (const Bar &b : m_bars)
        maxTotal = std::max(maxTotal, b.total());
    const QString widestNumber = QLocale().toString(maxTotal);
    const int numberW = fm.horizontalAdvance(widestNumber) + 10;
    const int barLeft = area.left() + labelW;
    const int barSpan = std::max(10, area.right() - numberW - barLeft);

    int y = area.top() + rh + rh / 2;
    for (const Bar &b : m_bars) {
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(area.left(), y, labelW - 8, rh), Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(b.team, Qt::ElideRight, labelW - 8));
        const QRect track(barLeft, y + 4, barSpan, rh - 8);
        p.fillRect(track, pal.color(QPalette::AlternateBase));
        int bx = barLeft;
        const auto segment = [&](int count, ClockState state) {
            if (count <= 0)
                return;
            // Every non-empty segment stays visible, however small.
            const int w = std::max(3, int(qint64(barSpan) * count / maxTotal));
            p.fillRect(QRect(bx, track.top(), w, track.height()), ClockPalette::accent(state));
            bx += w;
        };
        segment(b.breached, ClockState::Breached);
        segment(b.approaching, ClockState::Approaching);
        segment(b.onTrack, ClockState::OnTrack);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(bx + 6, y, numberW, rh), Qt::AlignVCenter | Qt::AlignLeft,
                   QLocale().toString(b.total()));
        y += rh;
    }
}

QRect SlaTeamChart::barRect(int row) const
{
    if (row < 0 || row >= m_bars.size())
        return {};
    const int rh = rowHeight();
    const int top = Margin + rh + rh / 2;
    return QRect(0, top + row * rh, width(), rh);
}

int SlaTeamChart::barAt(const QPoint &pos) const
{
    const int rh = rowHeight();
    const int top = Margin + rh + rh / 2;
    if (pos.y() < top)
        return -1;
    const int row = (pos.y() - top) / rh;
    return row < m_bars.size() ? row : -1;
}

bool SlaTeamChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int row = barAt(help->pos());
        if (row < 0) {
            QToolTip::hideText();
            return true;
        }
        const Bar &b = m_bars.at(row);
        // Team names come from the portal: plain text only.
        QToolTip::showText(help->globalPos(),
                           tr("%1: %2 breached, %3 approaching, %4 on track")
                               .arg(b.team.toHtmlEscaped())
                               .arg(b.breached)
                               .arg(b.approaching)
                               .arg(b.onTrack),
                           this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace Escalation

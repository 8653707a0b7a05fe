#include "ladderwidget.h"

#include "clockpalette.h"
#include "deskaccessibility.h"

#include <QAccessible>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace Escalation {

namespace {
constexpr int Margin = 8;
constexpr int Badge = 30;
constexpr int Gap = 12;
constexpr int RungPadding = 8;

QColor reachedColour()
{
    return QColor(0x1e, 0x5a, 0xa8);
} // a calm blue: "reached" is not an alarm
// Owed and delivered items are text on the widget's background: readable
// at 4.5:1 on any palette.
QColor owedColour(const QPalette &palette)
{
    return ClockPalette::foreground(ClockState::Breached, palette);
}
QColor doneColour(const QPalette &palette)
{
    return ClockPalette::foreground(ClockState::OnTrack, palette);
}
} // namespace

LadderWidget::LadderWidget(QWidget *parent)
    : QWidget(parent)
{
    installDeskAccessibility();
    setObjectName(QStringLiteral("ladderWidget"));
    setAccessibleName(tr("Escalation ladder"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void LadderWidget::setLadder(const LadderState &state)
{
    m_state = state;
    m_empty = false;
    setAccessibleDescription(m_state.describe().join(QLatin1Char('\n')));
    notifyAccessibility();
    updateGeometry();
    update();
}

void LadderWidget::clear()
{
    m_state = {};
    m_empty = true;
    setAccessibleDescription({});
    notifyAccessibility();
    updateGeometry();
    update();
}

LadderWidget::RungText LadderWidget::textFor(const LadderStep &step) const
{
    const QLocale locale;
    RungText t;
    t.title = tr("Level %1 — %2").arg(step.level).arg(step.added.join(QStringLiteral(", ")));
    if (step.reached) {
        const QString when = locale.toString(step.reachedAt.toLocalTime(), QLocale::ShortFormat);
        QString line =
            step.reachedImplicitly ? tr("Included since %1").arg(when) : tr("Reached %1").arg(when);
        if (step.decision) {
            line += QStringLiteral(" · ")
                + (step.decision->kind == DecisionKind::Accept ? tr("accepted by %1")
                                                               : tr("declined by %1"))
                      .arg(step.decision->by);
        } else if (!step.reachedImplicitly && step.state == RequestState::Pending) {
            line += QStringLiteral(" · ") + tr("awaiting review");
        }
        t.lines << line;
        if (step.decision && !step.decision->text.isEmpty())
            t.lines << tr("“%1”").arg(step.decision->text.simplified());
    } else {
        t.lines << tr("Not reached");
    }
    if (step.level == m_state.currentLevel && !m_empty)
        t.lines << tr("Alerts: %1").arg(step.audience.join(QStringLiteral(", ")));

    // Obligations belong on the rung that requires them.
    for (Obligation o : step.obligations) {
        if (step.level > m_state.currentLevel)
            continue;
        if (m_state.owed.contains(o)) {
            t.flag = tr("Owed: %1").arg(displayName(o));
        } else if (o == Obligation::FullAnalysis && m_state.analysis) {
            t.done =
                tr("Analysis recorded by %1, %2")
                    .arg(m_state.analysis->by,
                         locale.toString(m_state.analysis->at.toLocalTime(), QLocale::ShortFormat));
        } else if (o == Obligation::OwnerAcknowledgement && m_state.acknowledgement) {
            t.done = tr("Ownership acknowledged by %1, %2")
                         .arg(m_state.acknowledgement->by,
                              locale.toString(m_state.acknowledgement->at.toLocalTime(),
                                              QLocale::ShortFormat));
        }
    }
    return t;
}

int LadderWidget::rungHeight(const RungText &text) const
{
    const int line = fontMetrics().lineSpacing();
    const int lines =
        1 + int(text.lines.size()) + (text.flag.isEmpty() ? 0 : 1) + (text.done.isEmpty() ? 0 : 1);
    return std::max(Badge, lines * line) + 2 * RungPadding;
}

QSize LadderWidget::sizeHint() const
{
    int height = 2 * Margin;
    if (m_empty) // no request: no rungs to lay out
        return {fontMetrics().averageCharWidth() * 60, height};
    if (m_state.outage)
        height += fontMetrics().lineSpacing() + RungPadding;
    for (const LadderStep &step : m_state.steps)
        height += rungHeight(textFor(step));
    return {fontMetrics().averageCharWidth() * 60, height};
}

QSize LadderWidget::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 30, sizeHint().height()};
}

void LadderWidget::paintEvent(QPaintEvent *)
{
    // Without a request there is no ladder; rungs of level 0 would read as one.
    if (m_empty)
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldFm(bold);
    const int textLeft = Margin + Badge + Gap;
    const int textWidth = width() - textLeft - Margin;
    int y = Margin;

    if (m_state.outage) {
        p.setPen(owedColour(palette()));
        p.setFont(bold);
        p.drawText(QRect(Margin, y, width() - 2 * Margin, fm.lineSpacing()),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   boldFm.elidedText(
                       tr("Severity 1 outage — handled by the outage process, never escalated"),
                       Qt::ElideRight, width() - 2 * Margin));
        y += fm.lineSpacing() + RungPadding;
    }

    // Positions first, so the connecting line can be drawn under the badges.
    QList<QRect> rungs;
    for (const LadderStep &step : m_state.steps) {
        const int h = rungHeight(textFor(step));
        rungs << QRect(0, y, width(), h);
        y += h;
    }
    const int centreX = Margin + Badge / 2;
    for (int i = 0; i + 1 < int(rungs.size()); ++i) {
        const bool climbed = m_state.steps[std::size_t(i + 1)].reached;
        QPen pen(climbed ? reachedColour() : pal.color(QPalette::Mid), climbed ? 3 : 2);
        if (!climbed)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        const int top = rungs[i].top() + RungPadding + Badge;
        const int bottom = rungs[i + 1].top() + RungPadding;
        p.drawLine(centreX, top, centreX, bottom);
    }

    for (int i = 0; i < int(rungs.size()); ++i) {
        const LadderStep &step = m_state.steps[std::size_t(i)];
        const RungText text = textFor(step);
        const QRect rung = rungs[i];
        const bool current = !m_empty && step.level == m_state.currentLevel;

        if (current) {
            QColor band = reachedColour();
            band.setAlpha(28);
            p.setPen(Qt::NoPen);
            p.setBrush(band);
            p.drawRoundedRect(rung.adjusted(2, 2, -2, -2), 6, 6);
        }

        // The badge: filled when reached, hollow when not, ringed when current.
        const QRect badge(Margin, rung.top() + RungPadding, Badge, Badge);
        if (step.reached) {
            p.setPen(current ? QPen(pal.color(QPalette::WindowText), 2) : Qt::NoPen);
            p.setBrush(reachedColour());
        } else {
            p.setPen(QPen(pal.color(QPalette::Mid), 2));
            p.setBrush(pal.color(QPalette::Base));
        }
        p.drawEllipse(badge);
        p.setFont(bold);
        p.setPen(step.reached ? QColor(Qt::white) : pal.color(QPalette::PlaceholderText));
        p.drawText(badge, Qt::AlignCenter, QString::number(step.level));
        if (!text.flag.isEmpty()) {
            // A small warning dot on the badge: owed items show even when
            // the text is cut off in a narrow pane.
            const QRect dot(badge.right() - 9, badge.top() - 1, 11, 11);
            p.setPen(QPen(pal.color(QPalette::Base), 2));
            p.setBrush(owedColour(palette()));
            p.drawEllipse(dot);
        }

        int ty = rung.top() + RungPadding;
        const int line = fm.lineSpacing();
        p.setFont(bold);
        p.setPen(step.reached || current ? pal.color(QPalette::WindowText)
                                         : pal.color(QPalette::PlaceholderText));
        QString title = text.title;
        if (current)
            title = tr("%1 (current)").arg(title);
        p.drawText(QRect(textLeft, ty, textWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                   boldFm.elidedText(title, Qt::ElideRight, textWidth));
        ty += line;
        p.setFont(font());
        for (const QString &l : text.lines) {
            p.setPen(step.reached ? pal.color(QPalette::WindowText)
                                  : pal.color(QPalette::PlaceholderText));
            p.drawText(QRect(textLeft, ty, textWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(l, Qt::ElideRight, textWidth));
            ty += line;
        }
        if (!text.flag.isEmpty()) {
            p.setFont(bold);
            p.setPen(owedColour(palette()));
            p.drawText(
                QRect(textLeft, ty, textWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                boldFm.elidedText(QStringLiteral("⚠ ") + text.flag, Qt::ElideRight, textWidth));
            ty += line;
            p.setFont(font());
        }
        if (!text.done.isEmpty()) {
            p.setPen(doneColour(palette()));
            p.drawText(QRect(textLeft, ty, textWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(QStringLiteral("✓ ") + text.done, Qt::ElideRight, textWidth));
        }
    }
}

void LadderWidget::notifyAccessibility()
{
    // The rungs' texts are read from the widget when asked; a screen
    // reader only needs to know they changed.
    QAccessibleEvent event(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&event);
}

QRect LadderWidget::rungRect(int index) const
{
    if (m_empty || index < 0 || index >= 4)
        return {};
    int y = Margin + (m_state.outage ? fontMetrics().lineSpacing() + RungPadding : 0);
    for (int i = 0; i < index; ++i)
        y += rungHeight(textFor(m_state.steps[std::size_t(i)]));
    return QRect(0, y, width(), rungHeight(textFor(m_state.steps[std::size_t(index)])));
}

int LadderWidget::rungAt(const QPoint &pos) const
{
    for (int i = 0; i < 4; ++i) {
        if (rungRect(i).contains(pos))
            return i;
    }
    return -1;
}

QString LadderWidget::rungDescription(int index) const
{
    if (m_empty || index < 0 || index >= 4)
        return {};
    const int level = index + 1;
    QString text = m_state.describeStep(level);
    if (level == m_state.currentLevel) {
        for (Obligation o : m_state.owed)
            text += QStringLiteral("; ") + tr("owed: %1").arg(displayName(o));
    }
    return text;
}

bool LadderWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        // Elided lines in full, plus everyone the level alerts.
        auto *help = static_cast<QHelpEvent *>(event);
        const int rung = rungAt(help->pos());
        if (rung < 0 || m_empty) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const LadderStep &step = m_state.steps[std::size_t(rung)];
        const RungText text = textFor(step);
        QStringList lines {text.title};
        lines << text.lines;
        if (!text.flag.isEmpty())
            lines << text.flag;
        if (!text.done.isEmpty())
            lines << text.done;
        lines << tr("Alerts: %1").arg(step.audience.join(QStringLiteral(", ")));
        // Plain text: decision texts come from the portal.
        QToolTip::showText(help->globalPos(),
                           lines.join(QLatin1Char('\n'))
                               .toHtmlEscaped()
                               .replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                           this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace Escalation

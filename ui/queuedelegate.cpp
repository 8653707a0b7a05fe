#include "queuedelegate.h"

#include "clockpalette.h"

#include <queuecolumns.h>
#include <reviewclock.h>

#include <QApplication>
#include <QPainter>

namespace Escalation {

QueueDelegate::QueueDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void QueueDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto state = ClockState(index.data(QueueRole::ClockStateRole).toInt());
    const int column = index.column();
    if (column == QueueColumn::Countdown) {
        option->font.setBold(state == ClockState::Breached || state == ClockState::Approaching);
        if (!(option->state & QStyle::State_Selected)) {
            option->backgroundBrush = ClockPalette::tint(state, option->palette);
            if (state == ClockState::Breached)
                option->palette.setColor(
                    QPalette::Text,
                    ClockPalette::foreground(state, option->palette, QPalette::Base));
            else if (index.data(QueueRole::ClockPausedRole).toBool())
                option->palette.setColor(QPalette::Text,
                                         option->palette.color(QPalette::PlaceholderText));
        }
    }
    if (column == QueueColumn::Severity && index.data(QueueRole::OutageRole).toBool()) {
        option->font.setBold(true);
        if (!(option->state & QStyle::State_Selected))
            option->palette.setColor(
                QPalette::Text,
                ClockPalette::foreground(ClockState::Breached, option->palette, QPalette::Base));
    }
    // A confirmed major-issue cluster's own row stands out from its requests.
    const auto cluster = ClusterRowKind(index.data(QueueRole::ClusterRole).toInt());
    if (cluster == ClusterRowKind::Collapsed || cluster == ClusterRowKind::Expanded)
        option->font.setBold(true);
    // A row with actions not yet confirmed by the portal reads in italics.
    if (index.data(QueueRole::PendingOutboxRole).toInt() > 0)
        option->font.setItalic(true);
}

void QueueDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    if (index.column() == QueueColumn::ClockState) {
        paintBadge(painter, option, index);
        return;
    }
    QStyledItemDelegate::paint(painter, option, index);
}

void QueueDelegate::paintBadge(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const auto state = ClockState(index.data(QueueRole::ClockStateRole).toInt());
    QFont font = opt.font;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.9);
    const QFontMetrics fm(font);
    const QRect area = option.rect.adjusted(4, 3, -4, -3);
    const int width = std::min(area.width(), fm.horizontalAdvance(text) + 16);
    const QRect pill(area.left(), area.top(), width, area.height());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(ClockPalette::accent(state));
    painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    painter->setPen(ClockPalette::onAccent(state));
    painter->setFont(font);
    painter->drawText(pill, Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, pill.width() - 8));
    painter->restore();
}

} // namespace Escalation

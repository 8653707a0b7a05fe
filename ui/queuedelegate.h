#pragma once

// Paints the queue's clock cells: the countdown on a tint of its clock
// state, the state itself as a coloured badge with its name, outages and
// rows waiting for the portal marked so they stand out at a glance.

#include <QStyledItemDelegate>

namespace Escalation {

class QueueDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit QueueDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    void paintBadge(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;
};

} // namespace Escalation

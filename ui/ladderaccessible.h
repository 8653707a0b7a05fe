#pragma once

// What a screen reader finds in the painted level ladder: a list of four
// levels, each an item that reads as a sentence ("Level 3 (current): adds
// …; reached …; awaiting review; owed: the level-3 analysis") and sits
// where its rung is drawn, so that a reader can move level by level.

#include <QAccessibleWidget>

#include <array>

namespace Escalation {

class LadderWidget;

class LadderAccessible final : public QAccessibleWidget {
public:
    explicit LadderAccessible(LadderWidget *ladder);
    ~LadderAccessible() override;

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;

    LadderWidget *ladder() const;

private:
    // The rungs' interfaces, registered with QAccessible (ids, 0: not made).
    mutable std::array<QAccessible::Id, 4> m_rungIds {};
};

// One level of the ladder.
class LadderRungAccessible final : public QAccessibleInterface {
public:
    LadderRungAccessible(LadderAccessible *ladder, int index);

    bool isValid() const override;
    QObject *object() const override { return nullptr; }
    QWindow *window() const override;
    QAccessibleInterface *parent() const override { return m_ladder; }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QString text(QAccessible::Text t) const override;
    void setText(QAccessible::Text, const QString &) override { }
    QRect rect() const override;
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override;

private:
    LadderAccessible *m_ladder;
    int m_index;
};

} // namespace Escalation

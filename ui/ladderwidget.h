#pragma once

// The escalation level ladder, painted: four rungs from level 1 to 4, each
// with who it adds, when the case reached it and what was decided there.
// Reached levels are filled, the current one is ringed and names everyone
// it alerts, and what the case still owes (the level-3 analysis, the
// level-4 owner's acknowledgement) is flagged where it is owed — so a
// director sees the case's state without reading.

#include "ladderstate.h"

#include <QWidget>

namespace Escalation {

class LadderWidget final : public QWidget {
    Q_OBJECT
public:
    explicit LadderWidget(QWidget *parent = nullptr);

    void setLadder(const LadderState &state);
    void clear();
    const LadderState &ladder() const { return m_state; }

    // For assistive technology: the rungs, level 1 to 4 (none while empty),
    // where each is and what it says.
    int rungCount() const { return m_empty ? 0 : 4; }
    QRect rungRect(int index) const;
    QString rungDescription(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return false; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct RungText {
        QString title;
        QStringList lines; // normal lines
        QString flag; // owed item, drawn in the warning colour
        QString done; // delivered item, drawn in the ok colour
    };
    RungText textFor(const LadderStep &step) const;
    int rungHeight(const RungText &text) const;
    int rungAt(const QPoint &pos) const;
    void notifyAccessibility();

    LadderState m_state;
    bool m_empty = true;
};

} // namespace Escalation

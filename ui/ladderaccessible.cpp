#include "ladderaccessible.h"

#include "ladderwidget.h"

#include <QWidget>

namespace Escalation {

LadderAccessible::LadderAccessible(LadderWidget *ladder)
    : QAccessibleWidget(ladder, QAccessible::List)
{
}

LadderAccessible::~LadderAccessible()
{
    for (QAccessible::Id id : m_rungIds) {
        if (id)
            QAccessible::deleteAccessibleInterface(id);
    }
}

LadderWidget *LadderAccessible::ladder() const
{
    return static_cast<LadderWidget *>(widget());
}

int LadderAccessible::childCount() const
{
    return ladder()->rungCount();
}

QAccessibleInterface *LadderAccessible::child(int index) const
{
    if (index < 0 || index >= childCount())
        return nullptr;
    QAccessible::Id &id = m_rungIds[std::size_t(index)];
    if (!id)
        id = QAccessible::registerAccessibleInterface(
            new LadderRungAccessible(const_cast<LadderAccessible *>(this), index));
    return QAccessible::accessibleInterface(id);
}

int LadderAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    for (int i = 0; i < childCount(); ++i) {
        if (m_rungIds[std::size_t(i)]
            && QAccessible::accessibleInterface(m_rungIds[std::size_t(i)]) == child)
            return i;
    }
    return -1;
}

QAccessibleInterface *LadderAccessible::childAt(int x, int y) const
{
    const QPoint local = ladder()->mapFromGlobal(QPoint(x, y));
    for (int i = 0; i < childCount(); ++i) {
        if (ladder()->rungRect(i).contains(local))
            return child(i);
    }
    return nullptr;
}

LadderRungAccessible::LadderRungAccessible(LadderAccessible *ladder, int index)
    : m_ladder(ladder)
    , m_index(index)
{
}

bool LadderRungAccessible::isValid() const
{
    return m_ladder->isValid() && m_index < m_ladder->childCount();
}

QWindow *LadderRungAccessible::window() const
{
    return m_ladder->window();
}

QString LadderRungAccessible::text(QAccessible::Text t) const
{
    if (t != QAccessible::Name || !isValid())
        return {};
    return m_ladder->ladder()->rungDescription(m_index);
}

QRect LadderRungAccessible::rect() const
{
    if (!isValid())
        return {};
    const LadderWidget *ladder = m_ladder->ladder();
    const QRect local = ladder->rungRect(m_index);
    return QRect(ladder->mapToGlobal(local.topLeft()), local.size());
}

QAccessible::State LadderRungAccessible::state() const
{
    QAccessible::State state;
    state.readOnly = true;
    if (!isValid())
        state.invalid = true;
    else if (!m_ladder->ladder()->isVisible())
        state.invisible = true;
    return state;
}

} // namespace Escalation

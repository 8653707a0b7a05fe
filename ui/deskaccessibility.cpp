#include "deskaccessibility.h"

#include "ladderaccessible.h"
#include "ladderwidget.h"
#include "slateamchart.h"
#include "slateamchartaccessible.h"

namespace Escalation {

namespace {

QAccessibleInterface *deskFactory(const QString &className, QObject *object)
{
    if (!object->isWidgetType())
        return nullptr;
    if (className == QLatin1String(LadderWidget::staticMetaObject.className()))
        return new LadderAccessible(static_cast<LadderWidget *>(object));
    if (className == QLatin1String(SlaTeamChart::staticMetaObject.className()))
        return new SlaTeamChartAccessible(static_cast<SlaTeamChart *>(object));
    return nullptr;
}

} // namespace

void installDeskAccessibility()
{
    static const bool installed = [] {
        QAccessible::installFactory(deskFactory);
        return true;
    }();
    Q_UNUSED(installed);
}

} // namespace Escalation

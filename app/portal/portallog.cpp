#include "portallog.h"

#include <cstring>

namespace Escalation::Portal {
// Request lines are debug messages: off unless QT_LOGGING_RULES turns on
// "escalation.portal.debug=true", so serving a large sync is not slowed by logging.
Q_LOGGING_CATEGORY(lcPortal, "escalation.portal", QtInfoMsg)

namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;

void secretSafeFilter(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (std::strncmp(category->categoryName(), "qt.httpserver", 13) == 0)
        category->setEnabled(QtDebugMsg, false);
}

} // namespace

void keepSecretsOutOfLogs()
{
    if (!previousFilter)
        previousFilter = QLoggingCategory::installFilter(secretSafeFilter);
}
} // namespace Escalation::Portal

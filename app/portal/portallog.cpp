#include "portallog.h"

namespace Escalation::Portal {
// Request lines are debug messages: off unless QT_LOGGING_RULES turns on
// "escalation.portal.debug=true", so serving a large sync is not slowed by logging.
Q_LOGGING_CATEGORY(lcPortal, "escalation.portal", QtInfoMsg)
}

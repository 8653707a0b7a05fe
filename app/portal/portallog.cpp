#include "portallog.h"

namespace Escalation::Portal {
Q_LOGGING_CATEGORY(lcPortal, "escalation.portal")
}

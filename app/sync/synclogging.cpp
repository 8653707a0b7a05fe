#include "synclogging.h"

namespace Escalation {
Q_LOGGING_CATEGORY(lcSync, "escalation.sync")
}

#pragma once

// The one logging category of the sync library ("escalation.sync").

#include <QLoggingCategory>

namespace Escalation {
Q_DECLARE_LOGGING_CATEGORY(lcSync)
}

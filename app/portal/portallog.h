#pragma once

// The logging category of the reference portal: "escalation.portal".

#include <QLoggingCategory>

namespace Escalation::Portal {
Q_DECLARE_LOGGING_CATEGORY(lcPortal)
}

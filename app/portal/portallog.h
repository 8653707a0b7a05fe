#pragma once

// The logging category of the reference portal: "escalation.portal".

#include <QLoggingCategory>

namespace Escalation::Portal {
Q_DECLARE_LOGGING_CATEGORY(lcPortal)

// Keeps Qt HTTP Server's own debug output off whatever QT_LOGGING_RULES
// say: it prints every request with its headers, the bearer token included.
void keepSecretsOutOfLogs();
} // namespace Escalation::Portal

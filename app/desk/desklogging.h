#pragma once

// The one logging category of the desk's wiring ("escalation.desk").

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDesk)

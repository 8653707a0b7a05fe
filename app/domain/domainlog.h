#pragma once

// The logging category of the domain library.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDomain)

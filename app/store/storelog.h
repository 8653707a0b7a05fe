#pragma once

// The logging category of the cache library ("escalation.store").

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

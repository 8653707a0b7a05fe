#include "modelslogging.h"

Q_LOGGING_CATEGORY(lcModels, "escalation.models")

#include "uilogging.h"

Q_LOGGING_CATEGORY(lcUi, "escalation.ui")
Q_LOGGING_CATEGORY(lcI18n, "escalation.i18n", QtInfoMsg)

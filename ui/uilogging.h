#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcUi)
// Which translation files the desk loaded; debug output is off unless
// QT_LOGGING_RULES="escalation.i18n.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcI18n)

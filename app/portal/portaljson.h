#pragma once

// The wire format of the portal contract (docs/portal-api.md): records are
// written straight into byte arrays, because a first sync of 100 000
// requests serves about a hundred megabytes of JSON and QJsonDocument would
// dominate that. Reading goes through QJsonObject: it only runs for request
// bodies and when the portal reopens its own database.

#include "escalation.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringView>

#include <optional>

namespace Escalation::Portal::Json {

// "2026-03-30T15:00:00Z", or with ".123" when the instant has milliseconds.
QByteArray instant(const QDateTime &at);
QDateTime parseInstant(const QString &text);

void appendString(QByteArray &out, QStringView text);
void appendInstantOrNull(QByteArray &out, const QDateTime &at);
void appendStringOrNull(QByteArray &out, QStringView text);

QByteArray caseRecord(const Case &c);
QByteArray requestRecord(const EscalationRequest &r);

std::optional<Case> caseFromJson(const QJsonObject &o);
std::optional<EscalationRequest> requestFromJson(const QJsonObject &o);

// {"error":{"code":..,"message":..,"details":{..}}}; detailsJson is a
// serialized JSON object (it may embed a record, as a conflict does).
QByteArray errorBody(QStringView code, QStringView message, const QByteArray &detailsJson);
QByteArray errorBody(QStringView code, QStringView message, const QJsonObject &details = {});

} // namespace Escalation::Portal::Json

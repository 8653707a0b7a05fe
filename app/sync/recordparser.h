#pragma once

// Turns portal answers (docs/portal-api.md) into validated domain values.
// Every record is checked on its own — types, ranges, enum codes, string
// sizes, instants — and a bad record is skipped with the reason, so one
// broken row never blocks the rest of a page. Hostile input (wrong types,
// deep nesting, huge bodies) yields an error, never a crash.
// Pure functions: safe to call from any thread.

#include "escalation.h"
#include "syncpage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Escalation {

// Limits taken from the contract; bodies above maxBodyBytes are refused
// before they are parsed (a QJsonDocument DOM costs about 4x its input).
struct ParseLimits {
    qsizetype maxBodyBytes = 16 * 1024 * 1024;
    int maxIdLength = 200;
    int maxNameLength = 200;
    int maxSubjectLength = 1000;
    int maxTextLength = 10000;
    int maxNotes = 500;
    int maxPageRecords = 1000;
};

// Why one record of a page was left out.
struct RecordDiagnostic {
    QString kind; // "case", "request", "removed case", "removed request"
    int index = -1; // position in its array
    QString id; // the record's id when it could be read, else empty
    QString reason; // translated, names the field and what was expected
};

struct PageParseResult {
    bool ok = false;
    QString error; // set when the page as a whole is unusable
    SyncPage page; // the records that passed validation
    QList<RecordDiagnostic> skipped; // the ones that did not
};

struct RequestParseResult {
    std::optional<EscalationRequest> request;
    QString error;
};

// The stable error body of every non-2xx answer.
struct PortalErrorBody {
    QString code;
    QString message;
    QJsonObject details;
};

// GET /changes answer.
PageParseResult parseChangesPage(const QByteArray &body, const ParseLimits &limits = {});

// {"request": {...}} as answered by POST /requests/{id}/actions, or a bare
// request record (GET /requests/{id}) when wrapped is false.
RequestParseResult parseRequestAnswer(const QByteArray &body, bool wrapped = true,
                                      const ParseLimits &limits = {});

// GET /changes/wait answer ({"cursor": "..."}); empty when unusable.
QString parseWaitCursor(const QByteArray &body, const ParseLimits &limits = {});

// {"error": {...}}; nullopt when the body is not in that shape.
std::optional<PortalErrorBody> parseErrorBody(const QByteArray &body,
                                              const ParseLimits &limits = {});

// One record each; on failure returns nullopt and sets *why.
std::optional<Case> parseCase(const QJsonObject &o, const ParseLimits &limits, QString *why);
std::optional<EscalationRequest> parseRequest(const QJsonObject &o, const ParseLimits &limits,
                                              QString *why);

// An instant as the contract writes it: ISO 8601 with Z or an offset,
// second or millisecond precision. Returned in UTC; invalid when not one.
QDateTime parseInstant(QStringView text);

// The wire form of a request, as the portal writes it; used to keep a
// portal version in the outbox and by exports.
QJsonObject requestToJson(const EscalationRequest &r);
QJsonObject caseToJson(const Case &c);
QString instantToString(const QDateTime &t); // "2026-03-30T15:00:00Z", empty when invalid

} // namespace Escalation

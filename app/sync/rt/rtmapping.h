#pragma once

// The mapping between Request Tracker tickets (REST 2 JSON) and the domain,
// kept free of I/O so that every rule is tested on its own
// (docs/request-tracker.md, "Mapping"):
// - a case is a ticket in the cases queue; an escalation request is a ticket
//   in the escalations queue that is a child (MemberOf) of its case ticket
//   and, for a re-escalation, RefersTo the request it re-escalates;
// - severity, tier, priority, account, level and reason are custom fields;
// - the request's summary is the ticket's first message, its decision the
//   last reply once the status is the accept or decline status, its notes the
//   comments;
// - what the app wrote carries a marker line with the outbox entry's
//   idempotency key, which makes a retried write detectable.

#include "escalation.h"
#include "outboxentry.h"
#include "rtsettings.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Escalation {

// Where an incremental sync stands. A cycle searches tickets updated at or
// after `since` in id order, keyset-paged by `afterId`, so tickets that change
// during the cycle neither shift nor hide others; the next cycle starts at
// `next`, the server's time when the cycle began (less a safety margin).
struct RtCursor {
    qint64 since = 0; // epoch seconds, UTC
    qint64 next = 0; // epoch seconds, UTC; 0: not known yet (first page)
    qint64 afterId = 0; // the last ticket id delivered in this cycle

    // "0" or empty: from the start. nullopt for anything malformed.
    static std::optional<RtCursor> parse(const QString &text);
    QString toString() const; // "rt1:since:next:afterId"
    friend bool operator==(const RtCursor &, const RtCursor &) = default;
};

// Safety margin for the next cycle's start: RT stamps LastUpdated in whole
// seconds and its clock is read from the HTTP Date header after the search.
inline constexpr qint64 RtCursorMarginSeconds = 2;

// TicketSQL string literal: single quotes with backslash escapes.
QString rtQuote(const QString &value);
// "yyyy-MM-dd HH:mm:ss" in the zone RT reads search dates in.
QString rtQueryDate(qint64 epochSeconds, const QTimeZone &zone);
// The search for one page of changes.
QString rtChangesQuery(const RtSettings &settings, const RtCursor &cursor);
// The search for case tickets by id.
QString rtCasesQuery(const RtSettings &settings, const QList<qint64> &ids);
// The ticket fields a search asks for.
QString rtTicketFields();

// A REST 2 date ("2026-03-30T15:00:00Z"); invalid for RT's "not set" (1970).
QDateTime rtDate(const QJsonValue &value);
// The values of a custom field by name in a ticket's CustomFields list.
QStringList rtCustomField(const QJsonObject &ticket, const QString &name);
// Ticket ids linked by ref ("parent", "refers-to", "referred-to-by", ...).
QList<qint64> rtLinks(const QJsonObject &ticket, const QString &ref);
// A user reference's id ("Nobody" comes back empty).
QString rtUser(const QJsonValue &value);
qint64 rtId(const QJsonValue &value);

// One reply, comment or creation message of a ticket, with its text.
struct RtMessage {
    enum class Type : quint8 { Create, Correspond, Comment };
    qint64 transactionId = 0;
    qint64 ticketId = 0;
    Type type = Type::Comment;
    QDateTime at;
    QString creator;
    QString text; // plain text; HTML is reduced to text
};

// The line the app appends to everything it writes, and its parts.
struct RtMarker {
    OutboxAction action = OutboxAction::AddNote;
    QString key;
    QString actor;
};
QString rtMarkerLine(const OutboxEntry &entry);
QString rtMarkerNeedle(const QString &idempotencyKey); // what a search for the key looks for
std::optional<RtMarker> rtFindMarker(const QString &text);
QString rtStripMarker(const QString &text);
QString rtHtmlToText(const QString &html);
// The body of a reply or comment for an outbox entry.
QString rtMessageBody(const OutboxEntry &entry);

// Lenient reading of select values that people type: "Time constraint",
// "time-constraint" and "time_constraint" are the same reason.
std::optional<Reason> rtReason(const QString &value);

std::optional<Case> rtCaseFromTicket(const QJsonObject &ticket, const RtSettings &settings,
                                     QString *why);

// messages: this ticket's messages, oldest first.
std::optional<EscalationRequest> rtRequestFromTicket(const QJsonObject &ticket,
                                                     const RtSettings &settings,
                                                     const QList<RtMessage> &messages,
                                                     QString *why);

// The request's state by its RT status; "deleted" means removed.
bool rtIsDeleted(const QJsonObject &ticket);

} // namespace Escalation

#pragma once

// How cases, requests, notes and outbox entries map onto the cache's rows
// (private to the store library): the column lists, and the readers and
// binders written once for QSqlQuery and the SQLite API (storeconnection.h).
// Shared by the queries and by open's outbox salvage.

#include "escalation.h"
#include "outboxentry.h"

#include <QList>
#include <QString>

class QSqlQuery;

namespace Escalation {

inline const QString kCaseColumns =
    QStringLiteral("id, number, subject, account, tier, severity, priority, status, "
                   "created_at, first_response_at, last_customer_update_at, "
                   "last_support_update_at, assignee, csm, updated_at, version");

inline const QString kRequestColumns =
    QStringLiteral("id, case_id, level, reason, summary, requested_by, requested_at, "
                   "state, previous_request_id, owner, team, calendar_id, "
                   "decision_kind, decision_text, decision_by, decision_at, "
                   "analysis_text, analysis_by, analysis_at, ack_by, ack_at, "
                   "updated_at, version, external_due_at, decision_justification, "
                   "handoff_from, handoff_to, handoff_text, handoff_by, handoff_at, waits");

inline const QString kOutboxColumns =
    QStringLiteral("local_id, idempotency_key, request_id, action, text, actor, "
                   "base_version, created_at, status, attempts, next_attempt_at, "
                   "last_error, conflict_json, justification, to_team");
// The outbox columns before version 5, for salvaging an older damaged cache.
inline const QString kOutboxColumnsV4 =
    QStringLiteral("local_id, idempotency_key, request_id, action, text, actor, "
                   "base_version, created_at, status, attempts, next_attempt_at, "
                   "last_error, conflict_json");

// A request's waits on its requester as the `waits` column holds them: a
// JSON array, or null for none. Unreadable text gives no waits.
QString waitsToText(const QList<WaitingPeriod> &waits);
QList<WaitingPeriod> waitsFromText(const QString &text);

// "?, ?, ?" with n marks.
QString placeholders(int n);
// INSERT ... ON CONFLICT (id) DO UPDATE of every column but the id.
QString upsertSql(const QString &table, const QString &columns);
// "('pending', 'accepted', 'declined')": the states of activequeue.h.
const QString &activeStatesSql();

// `id`: column 0 when the caller has read it already.
template<typename Row> Case readCase(const Row &row, QString id = {})
{
    Case c;
    c.id = id.isNull() ? row.text(0) : std::move(id);
    c.number = row.text(1);
    c.subject = row.text(2);
    c.account = row.shared(3);
    c.tier = supportTierFromCode(row.shared(4)).value_or(SupportTier::Standard);
    c.severity = severityFromInt(int(row.integer(5))).value_or(Severity::S3);
    c.priority = priorityFromCode(row.shared(6)).value_or(CustomerPriority::Normal);
    c.status = row.shared(7);
    c.createdAt = row.time(8);
    c.firstResponseAt = row.time(9);
    c.lastCustomerUpdateAt = row.time(10);
    c.lastSupportUpdateAt = row.time(11);
    c.assignee = row.shared(12);
    c.csm = row.shared(13);
    c.updatedAt = row.time(14);
    c.version = row.integer(15);
    return c;
}

template<typename Binder> void bindCase(Binder &&b, const Case &c)
{
    b.text(0, c.id);
    b.text(1, c.number);
    b.text(2, c.subject);
    b.text(3, c.account);
    b.text(4, toCode(c.tier));
    b.integer(5, static_cast<int>(c.severity));
    b.text(6, toCode(c.priority));
    b.text(7, c.status);
    b.time(8, c.createdAt);
    b.time(9, c.firstResponseAt);
    b.time(10, c.lastCustomerUpdateAt);
    b.time(11, c.lastSupportUpdateAt);
    b.text(12, c.assignee);
    b.text(13, c.csm);
    b.time(14, c.updatedAt);
    b.integer(15, c.version);
}

template<typename Row> EscalationRequest readRequest(const Row &row)
{
    EscalationRequest r;
    r.id = row.text(0);
    r.caseId = row.text(1);
    r.level = int(row.integer(2));
    r.reason = reasonFromCode(row.shared(3)).value_or(Reason::Other);
    r.summary = row.text(4);
    r.requestedBy = row.shared(5);
    r.requestedAt = row.time(6);
    r.state = requestStateFromCode(row.shared(7)).value_or(RequestState::Pending);
    r.previousRequestId = row.text(8);
    r.owner = row.shared(9);
    r.team = row.shared(10);
    r.calendarId = row.shared(11);
    if (!row.isNull(12)) {
        r.decision = Decision {decisionKindFromCode(row.shared(12)).value_or(DecisionKind::Accept),
                               row.text(13), row.shared(14), row.time(15), row.text(24)};
    }
    if (!row.isNull(16) || !row.isNull(18))
        r.analysis = Analysis {row.text(16), row.shared(17), row.time(18)};
    if (!row.isNull(19) || !row.isNull(20))
        r.ownerAcknowledgement = OwnerAcknowledgement {row.shared(19), row.time(20)};
    r.updatedAt = row.time(21);
    r.version = row.integer(22);
    r.externalDueAt = row.time(23);
    if (!row.isNull(26))
        r.handOff =
            HandOff {row.shared(25), row.shared(26), row.text(27), row.shared(28), row.time(29)};
    if (!row.isNull(30))
        r.waits = waitsFromText(row.text(30));
    return r;
}

template<typename Binder> void bindRequest(Binder &&b, const EscalationRequest &r)
{
    // A present decision/analysis/acknowledgement is stored with non-NULL
    // text, so that "present but empty" survives the round trip.
    const auto present = [](const QString &text) {
        return text.isNull() ? QStringLiteral("") : text;
    };
    b.text(0, r.id);
    b.text(1, r.caseId);
    b.integer(2, r.level);
    b.text(3, toCode(r.reason));
    b.text(4, r.summary);
    b.text(5, r.requestedBy);
    b.time(6, r.requestedAt);
    b.text(7, toCode(r.state));
    b.text(8, r.previousRequestId.isEmpty() ? QString() : r.previousRequestId);
    b.text(9, r.owner);
    b.text(10, r.team);
    b.text(11, r.calendarId);
    b.text(12, r.decision ? toCode(r.decision->kind) : QString());
    b.text(13, r.decision ? present(r.decision->text) : QString());
    b.text(14, r.decision ? r.decision->by : QString());
    b.time(15, r.decision ? r.decision->at : QDateTime());
    b.text(16, r.analysis ? present(r.analysis->text) : QString());
    b.text(17, r.analysis ? r.analysis->by : QString());
    b.time(18, r.analysis ? r.analysis->at : QDateTime());
    b.text(19, r.ownerAcknowledgement ? present(r.ownerAcknowledgement->by) : QString());
    b.time(20, r.ownerAcknowledgement ? r.ownerAcknowledgement->at : QDateTime());
    b.time(21, r.updatedAt);
    b.integer(22, r.version);
    b.time(23, r.externalDueAt);
    b.text(24, r.decision ? r.decision->justification : QString());
    b.text(25, r.handOff ? r.handOff->fromTeam : QString());
    b.text(26, r.handOff ? present(r.handOff->toTeam) : QString());
    b.text(27, r.handOff ? r.handOff->text : QString());
    b.text(28, r.handOff ? r.handOff->by : QString());
    b.time(29, r.handOff ? r.handOff->at : QDateTime());
    b.text(30, waitsToText(r.waits));
}

template<typename Binder>
void bindNote(Binder &&b, const QString &requestId, qsizetype seq, const Note &n)
{
    b.text(0, requestId);
    b.integer(1, seq);
    b.text(2, n.id);
    b.text(3, n.author);
    b.text(4, n.text);
    b.time(5, n.at);
}

OutboxEntry readOutbox(const QSqlQuery &q);
// withLocalId: the salvage keeps an entry's local id; enqueue lets SQLite assign one.
void bindOutbox(QSqlQuery &q, const OutboxEntry &e, bool withLocalId);

} // namespace Escalation

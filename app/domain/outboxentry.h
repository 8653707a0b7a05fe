#pragma once

// A manager's action waiting to reach the portal. It is committed to the
// cache before the UI confirms it and carries its idempotency key, so a
// retried push is applied once.

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Escalation {

enum class OutboxAction : quint8 {
    Accept, // text: plan of action
    Decline, // text: the reply sent to the requester
    AddNote, // text: the note
    TakeOwnership, // text: unused
    RecordAnalysis, // text: the level-3 analysis
    AcknowledgeOwnership, // level 4 owner's acknowledgement; text: optional comment
    HandOff, // to another region's team (toTeam); text: what that team should know
    AskRequester, // pauses the review clock; text: the question sent to the requester
    ResumeReview, // ends the wait; text: what came back (e.g. by phone), optional
};

enum class OutboxStatus : quint8 {
    Pending, // not yet acknowledged by the portal
    Delivered, // the portal applied it
    Conflict, // the request changed at the portal meanwhile; the user must resolve
    Rejected, // the portal refused it for good (rule violation); shown, never dropped
    Refused, // 403: the signed-in user's role may not do this; shown, never retried
};

QString toCode(OutboxAction v); // "accept" | "decline" | "note" | "take_ownership" | "analysis" |
                                // "acknowledge" | "hand_off" | "ask_requester" | "resume_review"
QString toCode(OutboxStatus v); // "pending" | "delivered" | "conflict" | "rejected" | "refused"
std::optional<OutboxAction> outboxActionFromCode(QStringView code);
std::optional<OutboxStatus> outboxStatusFromCode(QStringView code);
QString displayName(OutboxAction v);

// What some actions carry beside their text.
struct ActionDetails {
    QString justification; // Accept before the minimum case age: why
    QString toTeam; // HandOff: the team that takes the request over
    friend bool operator==(const ActionDetails &, const ActionDetails &) = default;
};

struct OutboxEntry {
    qint64 localId = 0; // row id in the cache
    QString idempotencyKey; // UUID, sent as the Idempotency-Key header
    QString requestId;
    OutboxAction action = OutboxAction::AddNote;
    QString text;
    QString justification; // Accept before the minimum case age: why (required then)
    QString toTeam; // HandOff: the team that takes the request over
    QString actor; // who made it, for local display; the portal records the token's user
    qint64 baseVersion = 0; // the request version the user saw when deciding
    QDateTime createdAt;
    OutboxStatus status = OutboxStatus::Pending;
    int attempts = 0;
    QDateTime nextAttemptAt;
    QString lastError;
    QString conflictJson; // the portal's current version, kept for the user on a conflict

    friend bool operator==(const OutboxEntry &, const OutboxEntry &) = default;
};

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::ActionDetails)
Q_DECLARE_METATYPE(Escalation::OutboxEntry)

#pragma once

// The value types of the escalation domain: cases, escalation requests and
// their enumerations, with the stable wire codes the portal contract and the
// cache use (docs/portal-api.md). Pure data: the rules live in escalationpolicy.h,
// reviewclock.h and businesscalendar.h.

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Escalation {

enum class Severity : quint8 { S1 = 1, S2 = 2, S3 = 3, S4 = 4 };
enum class SupportTier : quint8 { Premium, Standard };
enum class CustomerPriority : quint8 { Low, Normal, High };

enum class Reason : quint8 {
    TimeConstraint, // certificate expiring, deadline, event
    ImpairedFunction, // major impaired function that is not severity 1
    FirstResponseMissed,
    LackOfUpdates, // unresponsive case
    Other,
};

// Where a request is in its life. "Superseded" means the requester
// re-escalated it: a newer request one level up links back to it.
enum class RequestState : quint8 { Pending, Accepted, Declined, Superseded, Closed };

enum class DecisionKind : quint8 { Accept, Decline };

// Wire codes: lower-case, stable, used in JSON, SQL and on the command line.
QString toCode(Severity v); // "1".."4"
QString toCode(SupportTier v); // "premium" | "standard"
QString toCode(CustomerPriority v); // "low" | "normal" | "high"
QString toCode(Reason v); // "time_constraint" | "impaired_function" | ...
QString toCode(RequestState v); // "pending" | "accepted" | ...
QString toCode(DecisionKind v); // "accept" | "decline"

std::optional<Severity> severityFromInt(int v);
std::optional<SupportTier> supportTierFromCode(QStringView code);
std::optional<CustomerPriority> priorityFromCode(QStringView code);
std::optional<Reason> reasonFromCode(QStringView code);
std::optional<RequestState> requestStateFromCode(QStringView code);
std::optional<DecisionKind> decisionKindFromCode(QStringView code);

// Translated, human-readable names for the UI.
QString displayName(Severity v);
QString displayName(SupportTier v);
QString displayName(CustomerPriority v);
QString displayName(Reason v);
QString displayName(RequestState v);

// A support case as the portal knows it.
struct Case {
    QString id; // portal id, e.g. "C-100023"
    QString number; // case number shown to people, e.g. "00100023"
    QString subject;
    QString account; // customer organisation
    SupportTier tier = SupportTier::Standard;
    Severity severity = Severity::S3;
    CustomerPriority priority = CustomerPriority::Normal;
    QString status; // free text from the portal: "open", "pending customer", ...
    QDateTime createdAt;
    QDateTime firstResponseAt; // invalid: no first response yet
    QDateTime lastCustomerUpdateAt; // invalid: none
    QDateTime lastSupportUpdateAt; // invalid: none
    QString assignee;
    QString csm;
    QDateTime updatedAt;
    qint64 version = 0;

    bool isOutage() const { return severity == Severity::S1; }
    friend bool operator==(const Case &, const Case &) = default;
};

struct Decision {
    DecisionKind kind = DecisionKind::Accept;
    QString text; // plan of action, or the reply sent with a decline
    QString by;
    QDateTime at;
    // An acceptance before the case reached its minimum age: why the manager
    // accepted it early (required then, empty otherwise).
    QString justification {};
    friend bool operator==(const Decision &, const Decision &) = default;
};

// Level 3 owes a full analysis of why the case needed level 3.
struct Analysis {
    QString text;
    QString by;
    QDateTime at;
    friend bool operator==(const Analysis &, const Analysis &) = default;
};

// Level 4: the VP of Support acknowledges personal ownership.
struct OwnerAcknowledgement {
    QString by;
    QDateTime at;
    friend bool operator==(const OwnerAcknowledgement &, const OwnerAcknowledgement &) = default;
};

// Follow-the-sun: the latest hand-over of a request to another region's
// team, so that its review happens in somebody's business hours. The review
// clock keeps its calendar: the hand-over changes who reviews, not when the
// answer is due.
struct HandOff {
    QString fromTeam;
    QString toTeam;
    QString text; // what the receiving team should know
    QString by;
    QDateTime at;
    friend bool operator==(const HandOff &, const HandOff &) = default;
};

// The review waited on the requester: a manager asked for information and
// the review clock stood still until the requester answered (or the
// request was decided, re-escalated or resumed by a manager).
struct WaitingPeriod {
    QString question; // what the manager asked the requester
    QString askedBy;
    QDateTime from;
    QDateTime until; // invalid: still waiting
    QString answer; // what came back, as the requester or the manager recorded it
    bool isOpen() const { return !until.isValid(); }
    friend bool operator==(const WaitingPeriod &, const WaitingPeriod &) = default;
};

struct Note {
    QString id;
    QString author;
    QString text;
    QDateTime at;
    friend bool operator==(const Note &, const Note &) = default;
};

// One escalation request: a customer asking for more attention on a case.
struct EscalationRequest {
    QString id; // e.g. "E-200311"
    QString caseId;
    int level = 1; // 1..4
    Reason reason = Reason::Other;
    QString summary; // the requester's written explanation
    QString requestedBy;
    QDateTime requestedAt;
    RequestState state = RequestState::Pending;
    QString previousRequestId; // the request this one re-escalates, or empty
    QString owner; // escalation manager who took it, or empty
    QString team;
    QString calendarId; // which business calendar its clock runs on
    std::optional<Decision> decision;
    std::optional<Analysis> analysis;
    std::optional<OwnerAcknowledgement> ownerAcknowledgement;
    std::optional<HandOff> handOff; // the latest, when it was handed over
    QList<WaitingPeriod> waits; // oldest first; only the last may be open
    QList<Note> notes;
    QDateTime updatedAt;
    qint64 version = 0;
    // The backend's own due time for the review when its queue has an SLA
    // (Request Tracker's Due), shown beside the app's deadline; invalid: none.
    // See externaldue.h for the comparison.
    QDateTime externalDueAt;

    bool isOpen() const { return state == RequestState::Pending; }
    bool isWaitingOnRequester() const { return !waits.isEmpty() && waits.constLast().isOpen(); }
    QDateTime answeredAt() const { return decision ? decision->at : QDateTime(); }
    friend bool operator==(const EscalationRequest &, const EscalationRequest &) = default;
};

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::Case)
Q_DECLARE_METATYPE(Escalation::EscalationRequest)

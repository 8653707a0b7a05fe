#pragma once

// A request's timeline as the portal records it (GET
// /api/v1/requests/{id}/history): who raised, took, decided, noted,
// analysed and acknowledged it, and when; also who tried an action their
// role may not take and was refused. Cached for offline reading.

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Escalation {

struct HistoryEntry {
    QDateTime at;
    // The wire code: "raise" | "take_ownership" | "accept" | "decline" | "note" |
    // "analysis" | "acknowledge" | "re_escalate" | "close", or one this
    // version does not know (shown as it is).
    QString action;
    QString actorId; // empty for people outside the portal's users (the requester)
    QString actorName;
    QString actorRole; // a UserRole code, or empty
    QString text; // for a refusal: the portal's reason
    bool refused = false; // the portal refused it for the actor's role; nothing changed
    bool operator==(const HistoryEntry &) const = default;
};

struct RequestHistory {
    QString requestId;
    QList<HistoryEntry> entries; // oldest first
    QDateTime fetchedAt; // when the backend answered it
    bool operator==(const RequestHistory &) const = default;
};

// Translated, for the History list: "accepted", "took ownership", …; an
// unknown code is returned as it is.
QString historyActionText(QStringView code);
// Translated, for an attempt that was refused: "decline", "take ownership", …
QString historyAttemptText(QStringView code);

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::RequestHistory)

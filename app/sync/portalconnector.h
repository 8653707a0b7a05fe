#pragma once

// Where the sync engine and the outbox get their data from and deliver
// decisions to: the native portal contract (docs/portal-api.md) or a
// ticketing system such as Request Tracker (docs/request-tracker.md). The
// engine only knows opaque cursors, validated pages and push outcomes; each
// connector owns its own HTTP, paging and idempotency. Every call returns a
// ConnectorCall that reports once through finished() and deletes itself.

#include "outboxentry.h"
#include "permissions.h"
#include "recordparser.h"
#include "requesthistory.h"
#include "transport.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

namespace Escalation {

// One answer of a connector. Transport fields are set for every call; the
// rest by the call that produces them.
struct ConnectorResult {
    TransportError error = TransportError::None;
    int httpStatus = 0;
    QString message; // translated; empty on success
    std::optional<std::chrono::milliseconds> retryAfter;

    // fetchChanges
    bool notModified = false; // nothing after the cursor (the page is empty)
    PageParseResult page; // page.ok is false when the answer was unusable
    QByteArray etag; // the answer's tag, for FetchOptions::etag of the same cursor

    // waitForChanges
    bool changed = false; // something changed; false: the wait timed out
    bool waitUnsupported = false; // this backend has no push: poll instead

    // push
    // Refused: the backend answered 403, the signed-in user's role may not
    // do this; terminal like Rejected, never retried.
    enum class PushOutcome : quint8 { Delivered, Conflict, Rejected, Refused, Failed };
    PushOutcome push = PushOutcome::Failed;
    std::optional<EscalationRequest> request; // the request after a delivered push, if known
    QString conflictJson; // the backend's current version on a conflict
    QString rejectCode; // a rule the backend enforced on a rejection

    // whoAmI
    std::optional<UserIdentity> identity;
    bool identityUnsupported = false; // the backend cannot say who the token belongs to

    // fetchHistory
    std::optional<RequestHistory> history;
    bool historyUnsupported = false; // the backend keeps no timeline the desk can read

    bool ok() const { return error == TransportError::None; }
    bool isTransient() const { return Escalation::isTransient(error); }
    bool needsUser() const
    {
        return error == TransportError::Unauthorized || error == TransportError::Tls;
    }
};

// A running call. abort() makes it report Canceled (or nothing, if it already
// reported); either way it deletes itself.
class ConnectorCall : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void abort() = 0;

Q_SIGNALS:
    void finished(const Escalation::ConnectorResult &result);
};

// A call whose answer is known at once: it reports on the next turn of the
// event loop, so that callers can connect first.
class ImmediateConnectorCall final : public ConnectorCall {
    Q_OBJECT
public:
    ImmediateConnectorCall(QObject *parent, ConnectorResult result);
    void abort() override;

private:
    void report(const ConnectorResult &result);

    ConnectorResult m_result;
    bool m_done = false;
};

struct FetchOptions {
    int pageSize = 1000; // a bound; a backend may page smaller
    bool interactive = false; // one-shot sync: fewer retries inside the call
    QByteArray etag; // the previous answer's tag for the same cursor, if any
    ParseLimits limits;
};

struct PushOptions {
    int maxAttempts = 3; // transport retries inside one push
};

class PortalConnector : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // A short, stable name for logs and settings: "native", "rt".
    virtual QString kind() const = 0;
    // For messages: where this connector syncs from.
    virtual QString displayTarget() const = 0;

    // The next page of changes after cursor ("0" or empty: from the start).
    // The page's cursor moves only forward; page.hasMore says whether to call
    // again at once.
    virtual ConnectorCall *fetchChanges(const QString &cursor, const FetchOptions &options) = 0;

    // Waits until something may have changed after cursor, at most timeout.
    // A backend without push answers waitUnsupported at once.
    virtual ConnectorCall *waitForChanges(const QString &cursor, std::chrono::seconds timeout) = 0;

    // Delivers one outbox entry. Safe to repeat with the same entry: the
    // entry's idempotency key makes the backend apply it once.
    virtual ConnectorCall *push(const OutboxEntry &entry, const PushOptions &options) = 0;

    // Whether the change feed can miss removals, so that the engine must now
    // and then ask about the requests the cache shows (reconcile()). The
    // native portal's feed reports every removal: no.
    virtual bool needsReconciliation() const { return false; }
    // Checks requestIds (the cache's pending requests) against the backend. The
    // answer's page lists in removedRequestIds those the backend no longer
    // has for the desk; its cursor is left empty. Called only where
    // needsReconciliation() is true.
    virtual ConnectorCall *reconcile(const QStringList &requestIds);

    // Who the token belongs to (the portal's GET /me). A backend that
    // cannot tell answers identityUnsupported (and message says why).
    virtual ConnectorCall *whoAmI();
    // The request's timeline, oldest first. A backend that keeps none the
    // desk can read answers historyUnsupported (and message says why).
    virtual ConnectorCall *fetchHistory(const QString &requestId);

Q_SIGNALS:
    // The backend refused the credentials; the UI asks for them once.
    void unauthorized(const QString &message);
};

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::ConnectorResult)

#pragma once

// The HTTP face of the reference portal: the routes of docs/portal-api.md
// on QHttpServer, per-user bearer tokens and the permission table, the
// audit trail of every write, the JSON error format, ETags, long polling,
// rate limiting and seeded fault injection.
//
// Long polling holds QHttpServerResponder objects past the handler (Qt
// HttpServer 6.4 has no asynchronous response API). A held responder keeps
// a raw pointer to its socket, so each is kept next to a QPointer to that
// socket and dropped unanswered once the client has gone.

#include "auththrottle.h"
#include "clientaddress.h"
#include "faultinjector.h"
#include "permissions.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QTimer;

namespace Escalation::Portal {

class AuditLog;
class LiveActivity;
class PortalStore;
class RequestHistory;
class UserDirectory;

// Where the server finds its users and writes who did what.
struct PortalAccess {
    UserDirectory *users = nullptr;
    AuditLog *audit = nullptr;
    RequestHistory *history = nullptr;
};

class PortalServer final : public QObject {
    Q_OBJECT

public:
    PortalServer(PortalStore *store, LiveActivity *activity, PortalAccess access,
                 QObject *parent = nullptr);
    ~PortalServer() override;

    // Requests per second over all clients; 0 turns the limit off.
    void setRateLimit(int perSecond);
    // Peers whose X-Forwarded-For names the client (ClientAddress).
    bool setTrustedProxies(const QString &list, QString *error)
    {
        return m_clientAddress.setTrustedProxies(list, error);
    }
    bool setFaults(const QString &spec, quint64 seed, QString *error);
    void setStallTime(std::chrono::milliseconds stall) { m_faults.setStallTime(stall); }

    // Answers the test and benchmark paths under /api/v1/admin/ (idempotency
    // counts, activity on demand, removing a case). Off by default: a
    // deployed portal must not let any signed-in user remove cases.
    void enableDiagnostics();

    // Serves HTTPS with this PEM certificate and key (for testing how the
    // client trusts a self-signed portal); false with a message otherwise.
    bool setTls(const QString &certificateFile, const QString &keyFile, QString *error);
    bool isTls() const { return m_tls; }

    // Returns the port listened on, 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);

    int pendingWaits() const { return int(m_waiters.size()); }

private:
    using Headers = std::vector<std::pair<QByteArray, QByteArray>>;
    using Responder = QHttpServerResponder;
    using Request = QHttpServerRequest;

    // The authenticated user of a request.
    struct Caller {
        UserIdentity user;
        QByteArray tokenHash;
        QString address;
    };

    struct Held {
        QByteArray tokenHash; // empty for a stall fault
        QPointer<QTcpSocket> socket;
        std::unique_ptr<Responder> responder;
        QByteArray requestLine;
        qint64 since = 0;
        QTimer *timer = nullptr;
    };

    void registerRoutes();
    // Common gate: authenticates (throttling failures per address) and
    // rate-limits; nullopt if it answered.
    std::optional<Caller> admit(const Request &request, Responder &responder);
    // The open routes (health): rate limit only.
    bool admitOpen(const Request &request, Responder &responder);
    // false (after answering 403 and writing the audit) if the caller's role lacks it.
    bool permit(const Caller &caller, Permission permission, Responder &responder,
                const QByteArray &requestLine, const QString &action, const QString &target,
                const QString &key, const QByteArray &fingerprint);
    void audit(const Caller *caller, const QString &address, const QString &action,
               const QString &target, const QString &result, const QString &key = {});
    // A write's Idempotency-Key and what it was used for.
    struct WriteKey {
        QString key;
        QByteArray fingerprint;
    };
    // Checks the write's Idempotency-Key; nullopt when it answered already
    // (400 for a missing or long key, or the stored answer of a replay).
    std::optional<WriteKey> acceptWriteKey(const Caller &caller, const Request &request,
                                           Responder &responder, const QString &action,
                                           const QString &target);
    // Ends held long polls whose token was revoked or rotated meanwhile.
    void checkHeldTokens();
    void send(Responder &responder, const QByteArray &requestLine, int status,
              const QByteArray &body, const Headers &headers = {},
              const QByteArray &contentType = "application/json");
    void sendError(Responder &responder, const QByteArray &requestLine, int status,
                   QStringView code, const QString &message, const QJsonObject &details = {},
                   const Headers &headers = {});
    void badRequest(Responder &responder, const QByteArray &requestLine, QLatin1StringView field,
                    const QString &message);
    // Answers with an injected fault; `intended` is the real answer's body.
    void sendFault(FaultKind fault, Responder &&responder, const QByteArray &requestLine,
                   const QByteArray &intended);
    void hold(Responder &&responder, const QByteArray &requestLine, qint64 since,
              std::chrono::milliseconds timeout, const QByteArray &tokenHash);
    void release(quint64 id, bool changed);
    void onStoreChanged(qint64 sequence);
    // The HostileText fault: a real change at the portal whose text fields
    // hold HTML, control characters and strings at their length limits.
    void makeHostileChange();

    void handleChanges(const Request &request, Responder &&responder);
    void handleWait(const Request &request, Responder &&responder);
    void handleCase(const QString &id, const Request &request, Responder &&responder);
    void handleRequest(const QString &id, const Request &request, Responder &&responder);
    void handleAction(const QString &id, const Request &request, Responder &&responder);
    void handleEscalation(const QString &caseId, const Request &request, Responder &&responder);
    void handleRequesterReply(const QString &requestId, const Request &request,
                              Responder &&responder);
    void handleApplications(const Request &request, Responder &&responder);
    void handleActivity(const Request &request, Responder &&responder);
    void handleRemoveCase(const QString &id, const Request &request, Responder &&responder);
    void handleMe(const Request &request, Responder &&responder);
    void handleHistory(const QString &id, const Request &request, Responder &&responder);
    void handleAudit(const Request &request, Responder &&responder);
    void sendRecord(Responder &responder, const QByteArray &requestLine, const Request &request,
                    const QByteArray &json, const QByteArray &etag);

    PortalStore *m_store;
    LiveActivity *m_activity;
    PortalAccess m_access;
    QHttpServer m_http;
    AuthThrottle m_throttle;
    ClientAddress m_clientAddress;
    QTimer *m_revocationCheck = nullptr;
    qint64 m_dataVersion = -1;
    FaultInjector m_faults;
    bool m_tls = false;
    bool m_diagnostics = false;

    int m_rateLimit = 0;
    double m_tokens = 0;
    QElapsedTimer m_rateClock;

    std::map<quint64, Held> m_waiters;
    quint64 m_nextHeldId = 1;
};

} // namespace Escalation::Portal

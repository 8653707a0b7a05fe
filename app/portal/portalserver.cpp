#include "portalserver.h"

#include "auditlog.h"
#include "liveactivity.h"
#include "portaljson.h"
#include "portallog.h"
#include "portalstore.h"
#include "requesthistory.h"
#include "userdirectory.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>
#include <QtNetwork/qtnetwork-config.h>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslKey>
#endif

#include <cmath>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Escalation::Portal {

namespace {

using StatusCode = QHttpServerResponder::StatusCode;
using Method = QHttpServerRequest::Method;

constexpr int maxKeyLength = 100;
constexpr qsizetype maxTextLength = 10000;
constexpr qsizetype maxNameLength = 200;
constexpr qsizetype maxBodyBytes = 1 << 20;

QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::Portal", text);
}

QByteArray header(const QHttpServerRequest &request, QByteArrayView name)
{
    const auto headers = request.headers();
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Post:
        return "POST";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    case Method::Head:
        return "HEAD";
    case Method::Patch:
        return "PATCH";
    case Method::Options:
        return "OPTIONS";
    default:
        return "OTHER";
    }
}

QByteArray requestLineOf(const QHttpServerRequest &request)
{
    QByteArray line =
        methodName(request.method()) + ' ' + request.url().path(QUrl::FullyEncoded).toUtf8();
    if (request.url().hasQuery())
        line += '?' + request.url().query(QUrl::FullyEncoded).toUtf8();
    return line;
}

bool etagMatches(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    if (ifNoneMatch.isEmpty())
        return false;
    const auto candidates = ifNoneMatch.split(',');
    for (QByteArray candidate : candidates) {
        candidate = candidate.trimmed();
        if (candidate.startsWith("W/"))
            candidate = candidate.mid(2);
        if (candidate == "*" || candidate == etag)
            return true;
    }
    return false;
}

// A non-negative integer query parameter, or nullopt when malformed.
std::optional<qint64> integerParameter(const QUrlQuery &query, const QString &name, qint64 fallback)
{
    if (!query.hasQueryItem(name))
        return fallback;
    const QString text = query.queryItemValue(name);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0 || text.startsWith(u'+'))
        return std::nullopt;
    return value;
}

// What an Idempotency-Key was used for: the write and who made it, so a
// key replayed by another user is refused rather than answered.
QByteArray fingerprintOf(const QHttpServerRequest &request, const QString &userId)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(userId.toUtf8());
    hash.addData("\n");
    hash.addData(methodName(request.method()));
    hash.addData(" ");
    hash.addData(request.url().path().toUtf8());
    hash.addData("\n");
    hash.addData(request.body());
    return hash.result().toHex();
}

struct BodyError {
    QLatin1StringView field;
    QString message;
};

// Reads a string member: absent or null is empty; anything else but a
// string is an error naming the field.
std::optional<QString> stringMember(const QJsonObject &o, QLatin1StringView name,
                                    qsizetype maxLength, std::optional<BodyError> *error)
{
    const QJsonValue v = o.value(name);
    if (v.isUndefined() || v.isNull())
        return QString();
    if (!v.isString()) {
        *error = BodyError {name, tr("%1 must be a string").arg(name)};
        return std::nullopt;
    }
    if (v.toString().size() > maxLength) {
        *error = BodyError {name, tr("%1 is longer than %2 characters").arg(name).arg(maxLength)};
        return std::nullopt;
    }
    return v.toString();
}

std::optional<QJsonObject> parseObject(const QByteArray &body, std::optional<BodyError> *error)
{
    if (body.size() > maxBodyBytes) {
        *error = BodyError {"body"_L1, tr("the body is larger than %1 bytes").arg(maxBodyBytes)};
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = BodyError {"body"_L1,
                            tr("the body is not valid JSON: %1 at offset %2")
                                .arg(parseError.errorString())
                                .arg(parseError.offset)};
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = BodyError {"body"_L1, tr("the body must be a JSON object")};
        return std::nullopt;
    }
    return doc.object();
}

// The audit's result for a write's HTTP status.
QString resultOf(int status)
{
    if (status >= 200 && status < 300)
        return u"applied"_s;
    switch (status) {
    case 401:
        return u"unauthorized"_s;
    case 403:
        return u"forbidden"_s;
    case 409:
        return u"conflict"_s;
    case 422:
        return u"rule_violation"_s;
    default:
        return status >= 500 ? u"error"_s : u"invalid"_s;
    }
}

QByteArray userJson(const UserIdentity &user)
{
    const QJsonObject o {{u"id"_s, user.id},
                         {u"name"_s, user.name},
                         {u"role"_s, toCode(user.role)},
                         {u"team"_s, user.team}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

PortalServer::PortalServer(PortalStore *store, LiveActivity *activity, PortalAccess access,
                           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_activity(activity)
    , m_access(access)
{
    Q_ASSERT(m_access.users && m_access.audit && m_access.history);
    registerRoutes();
    connect(m_store, &PortalStore::changed, this, &PortalServer::onStoreChanged);
    connect(m_store, &PortalStore::recorded, this,
            [this](const QString &requestId, const HistoryEntry &entry) {
                m_access.history->add(requestId, entry);
            });
    // Tokens are revoked by the user commands, another process: a cheap
    // look at the file's data_version tells when to check held polls again.
    m_revocationCheck = new QTimer(this);
    m_revocationCheck->setInterval(250ms);
    connect(m_revocationCheck, &QTimer::timeout, this, &PortalServer::checkHeldTokens);
    m_revocationCheck->start();
}

PortalServer::~PortalServer()
{
    // Held responders point into sockets the server owns; drop them first.
    for (auto &[id, held] : m_waiters)
        held.responder.reset();
    m_waiters.clear();
}

void PortalServer::setRateLimit(int perSecond)
{
    m_rateLimit = std::max(0, perSecond);
    m_tokens = m_rateLimit;
    m_rateClock.start();
}

bool PortalServer::setFaults(const QString &spec, quint64 seed, QString *error)
{
    return m_faults.configure(spec, seed, error);
}

bool PortalServer::setTls(const QString &certificateFile, const QString &keyFile, QString *error)
{
#if QT_CONFIG(ssl)
    QFile certFile(certificateFile);
    QFile keyData(keyFile);
    if (!certFile.open(QIODevice::ReadOnly)) {
        *error =
            tr("cannot read the certificate %1: %2").arg(certificateFile, certFile.errorString());
        return false;
    }
    if (!keyData.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the private key %1: %2").arg(keyFile, keyData.errorString());
        return false;
    }
    const QSslCertificate certificate(&certFile, QSsl::Pem);
    const QSslKey key(&keyData, QSsl::Rsa, QSsl::Pem);
    if (certificate.isNull()) {
        *error = tr("%1 is not a PEM certificate").arg(certificateFile);
        return false;
    }
    if (key.isNull()) {
        *error = tr("%1 is not a PEM RSA private key").arg(keyFile);
        return false;
    }
    m_http.sslSetup(certificate, key);
    m_tls = true;
    return true;
#else
    Q_UNUSED(certificateFile);
    Q_UNUSED(keyFile);
    *error = tr("this build of Qt has no TLS support");
    return false;
#endif
}

quint16 PortalServer::listen(const QHostAddress &address, quint16 port)
{
    return m_http.listen(address, port);
}

void PortalServer::registerRoutes()
{
    m_http.route(u"/api/v1/health"_s, Method::Get,
                 [this](const Request &request, Responder &&responder) {
                     QByteArray body = "{\"status\":\"ok\",\"cursor\":\""
                         + QByteArray::number(m_store->lastSequence()) + "\"}";
                     send(responder, requestLineOf(request), 200, body);
                 });
    m_http.route(u"/api/v1/changes"_s, Method::Get,
                 [this](const Request &request, Responder &&responder) {
                     handleChanges(request, std::move(responder));
                 });
    m_http.route(u"/api/v1/changes/wait"_s, Method::Get,
                 [this](const Request &request, Responder &&responder) {
                     handleWait(request, std::move(responder));
                 });
    m_http.route(u"/api/v1/cases/<arg>"_s, Method::Get,
                 [this](const QString &id, const Request &request, Responder &&responder) {
                     handleCase(id, request, std::move(responder));
                 });
    m_http.route(u"/api/v1/requests/<arg>"_s, Method::Get,
                 [this](const QString &id, const Request &request, Responder &&responder) {
                     handleRequest(id, request, std::move(responder));
                 });
    m_http.route(u"/api/v1/requests/<arg>/history"_s, Method::Get,
                 [this](const QString &id, const Request &request, Responder &&responder) {
                     handleHistory(id, request, std::move(responder));
                 });
    m_http.route(u"/api/v1/me"_s, Method::Get,
                 [this](const Request &request, Responder &&responder) {
                     handleMe(request, std::move(responder));
                 });
    m_http.route(u"/api/v1/audit"_s, Method::Get,
                 [this](const Request &request, Responder &&responder) {
                     handleAudit(request, std::move(responder));
                 });
    m_http.route(u"/api/v1/requests/<arg>/actions"_s, Method::Post,
                 [this](const QString &id, const Request &request, Responder &&responder) {
                     handleAction(id, request, std::move(responder));
                 });
    m_http.route(u"/api/v1/cases/<arg>/escalations"_s, Method::Post,
                 [this](const QString &id, const Request &request, Responder &&responder) {
                     handleEscalation(id, request, std::move(responder));
                 });
    m_http.route(u"/api/v1/requests/<arg>/reply"_s, Method::Post,
                 [this](const QString &id, const Request &request, Responder &&responder) {
                     handleRequesterReply(id, request, std::move(responder));
                 });
    m_http.setMissingHandler([this](const Request &request, Responder &&responder) {
        if (!admit(request, responder))
            return;
        sendError(responder, requestLineOf(request), 404, u"not_found",
                  tr("%1 is not part of the portal API").arg(request.url().path()));
    });
}

void PortalServer::enableDiagnostics()
{
    if (m_diagnostics)
        return;
    m_diagnostics = true;
    m_http.route(u"/api/v1/admin/applications"_s, Method::Get,
                 [this](const Request &request, Responder &&responder) {
                     handleApplications(request, std::move(responder));
                 });
    m_http.route(u"/api/v1/admin/activity"_s, Method::Post,
                 [this](const Request &request, Responder &&responder) {
                     handleActivity(request, std::move(responder));
                 });
    m_http.route(u"/api/v1/admin/cases/<arg>"_s, Method::Delete,
                 [this](const QString &id, const Request &request, Responder &&responder) {
                     handleRemoveCase(id, request, std::move(responder));
                 });
}

std::optional<PortalServer::Caller> PortalServer::admit(const Request &request,
                                                        Responder &responder)
{
    const QByteArray line = requestLineOf(request);
    const QString address = m_clientAddress.of(request);
    // A throttled address is refused before its token is looked at, or a
    // guess that happened to be right would still tell.
    if (const auto wait = m_throttle.retryAfter(address)) {
        sendError(responder, line, 429, u"too_many_failures",
                  tr("Too many failed sign-ins from %1; retry after %2 s").arg(address).arg(*wait),
                  {}, {{"Retry-After", QByteArray::number(*wait)}});
        return std::nullopt;
    }
    const QByteArray authorization = header(request, "Authorization");
    const bool bearer = authorization.startsWith("Bearer ");
    const QByteArray token = bearer ? authorization.mid(7).trimmed() : QByteArray();
    const auto user = m_access.users->authenticate(token);
    if (!user && m_access.users->lastLookupFailed()) {
        // The token could not be checked, which is not the client's fault:
        // no failure is counted against its address.
        sendError(responder, line, 503, u"unavailable",
                  tr("The portal cannot reach its database; retry shortly"), {},
                  {{"Retry-After", "5"}});
        return std::nullopt;
    }
    if (!user) {
        m_throttle.failed(address);
        audit(nullptr, address, u"authenticate"_s, request.url().path(), u"unauthorized"_s);
        sendError(responder, line, 401, u"unauthorized",
                  authorization.isEmpty() ? tr("This request needs an Authorization: Bearer token")
                                          : tr("The bearer token is not valid for this portal"),
                  {}, {{"WWW-Authenticate", "Bearer realm=\"escalation-portal\""}});
        return std::nullopt;
    }
    if (!admitOpen(request, responder))
        return std::nullopt;
    return Caller {*user, UserDirectory::hashOf(token), address};
}

bool PortalServer::admitOpen(const Request &request, Responder &responder)
{
    // Health stays open and unlimited (monitoring); everything else counts.
    if (m_rateLimit > 0) {
        const double elapsed = double(m_rateClock.restart()) / 1000.0;
        m_tokens = std::min(double(m_rateLimit), m_tokens + elapsed * m_rateLimit);
        if (m_tokens < 1.0) {
            const int retryAfter = std::max(1, int(std::ceil((1.0 - m_tokens) / m_rateLimit)));
            sendError(responder, requestLineOf(request), 429, u"rate_limited",
                      tr("More than %1 requests a second; retry after %2 s")
                          .arg(m_rateLimit)
                          .arg(retryAfter),
                      {}, {{"Retry-After", QByteArray::number(retryAfter)}});
            return false;
        }
        m_tokens -= 1.0;
    }
    return true;
}

void PortalServer::send(Responder &responder, const QByteArray &requestLine, int status,
                        const QByteArray &body, const Headers &headers,
                        const QByteArray &contentType)
{
    qCDebug(lcPortal).noquote() << requestLine << "->" << status << body.size() << "bytes";
    responder.writeStatusLine(StatusCode(status));
    const bool bodyless = status == 204 || status == 304;
    if (!bodyless) {
        responder.writeHeader("Content-Type", contentType);
        responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    }
    responder.writeHeader("Cache-Control", "no-store");
    for (const auto &[name, value] : headers)
        responder.writeHeader(name, value);
    responder.writeBody(bodyless ? QByteArray() : body);
}

void PortalServer::sendError(Responder &responder, const QByteArray &requestLine, int status,
                             QStringView code, const QString &message, const QJsonObject &details,
                             const Headers &headers)
{
    send(responder, requestLine, status, Json::errorBody(code, message, details), headers);
}

void PortalServer::badRequest(Responder &responder, const QByteArray &requestLine,
                              QLatin1StringView field, const QString &message)
{
    sendError(responder, requestLine, 400, u"bad_request", message,
              QJsonObject {{u"field"_s, field}});
}

void PortalServer::sendFault(FaultKind fault, Responder &&responder, const QByteArray &requestLine,
                             const QByteArray &intended)
{
    qCInfo(lcPortal).noquote() << requestLine << "-> injected fault" << FaultInjector::name(fault);
    QTcpSocket *socket = responder.socket();
    switch (fault) {
    case FaultKind::ServerError500:
        sendError(responder, requestLine, 500, u"server_error",
                  tr("Injected fault: internal error"));
        return;
    case FaultKind::BadGateway502:
        sendError(responder, requestLine, 502, u"server_error", tr("Injected fault: bad gateway"));
        return;
    case FaultKind::Unavailable503:
        sendError(responder, requestLine, 503, u"server_error", tr("Injected fault: unavailable"),
                  {}, {{"Retry-After", "1"}});
        return;
    case FaultKind::RateLimited429:
        sendError(responder, requestLine, 429, u"rate_limited", tr("Injected fault: rate limited"),
                  {}, {{"Retry-After", "1"}});
        return;
    case FaultKind::Reset: {
#ifdef Q_OS_UNIX
        // Linger zero: the close becomes a TCP reset, not an orderly FIN.
        const linger noLinger {1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger,
                     sizeof noLinger);
#endif
        socket->abort();
        return;
    }
    case FaultKind::Stall:
        hold(std::move(responder), requestLine, -1, m_faults.stallTime(), {});
        return;
    case FaultKind::Truncate:
        responder.writeStatusLine(StatusCode::Ok);
        responder.writeHeader("Content-Type", "application/json");
        responder.writeHeader("Content-Length", QByteArray::number(intended.size()));
        responder.writeBody(intended.left(intended.size() / 2));
        socket->disconnectFromHost();
        return;
    case FaultKind::BadJson:
        // A prefix of valid JSON followed by ",,": no parser accepts it.
        send(responder, requestLine, 200, intended.left(intended.size() / 2) + ",,}");
        return;
    case FaultKind::WrongContentType:
        send(responder, requestLine, 200,
             "<html><head><title>502 Proxy Error</title></head><body><h1>Proxy "
             "Error</h1></body></html>",
             {}, "text/html; charset=utf-8");
        return;
    case FaultKind::WrongTypes:
    case FaultKind::Oversize:
    case FaultKind::Duplicate:
    case FaultKind::Reorder:
    case FaultKind::Huge:
    case FaultKind::DeepNesting:
        send(responder, requestLine, 200, m_faults.garble(fault, intended));
        return;
    case FaultKind::HostileText: // a change at the portal, not a broken answer
        send(responder, requestLine, 200, intended);
        return;
    }
}

void PortalServer::makeHostileChange()
{
    qCInfo(lcPortal).noquote() << "GET /api/v1/changes -> injected fault"
                               << FaultInjector::name(FaultKind::HostileText);
    for (int tries = 0; tries < 16; ++tries) {
        const Case *c = m_store->caseAt(m_faults.pick(m_store->caseSlots()));
        if (!c)
            continue;
        Case changed = *c;
        changed.subject = m_faults.hostileText(1000);
        changed.account = m_faults.hostileText(200);
        changed.assignee = m_faults.hostileText(200);
        m_store->updateCase(changed);
        break;
    }
    for (int tries = 0; tries < 16; ++tries) {
        const EscalationRequest *r = m_store->requestAt(m_faults.pick(m_store->requestSlots()));
        if (!r)
            continue;
        ActionInput note;
        note.action = u"note"_s;
        note.text = m_faults.hostileText(maxTextLength);
        note.actor = m_faults.hostileText(maxNameLength);
        const QString key = u"fault-hostile-text-"_s + QString::number(m_store->lastSequence());
        m_store->applyAction(r->id, note, key, key.toUtf8());
        break;
    }
}

void PortalServer::hold(Responder &&responder, const QByteArray &requestLine, qint64 since,
                        std::chrono::milliseconds timeout, const QByteArray &tokenHash)
{
    const quint64 id = m_nextHeldId++;
    Held held;
    held.tokenHash = tokenHash;
    held.socket = responder.socket();
    held.responder = std::make_unique<Responder>(std::move(responder));
    held.requestLine = requestLine;
    held.since = since; // -1: a stall fault
    held.timer = new QTimer(this);
    held.timer->setSingleShot(true);
    connect(held.timer, &QTimer::timeout, this, [this, id] { release(id, false); });
    held.timer->start(timeout);
    // The client went away: forget the responder without writing to it.
    connect(held.socket, &QObject::destroyed, held.timer, [this, id] { release(id, false); });
    connect(held.socket, &QAbstractSocket::disconnected, held.timer,
            [this, id] { release(id, false); });
    m_waiters.emplace(id, std::move(held));
}

void PortalServer::release(quint64 id, bool changed)
{
    const auto it = m_waiters.find(id);
    if (it == m_waiters.end())
        return;
    Held held = std::move(it->second);
    m_waiters.erase(it);
    held.timer->deleteLater(); // also ends the socket connections made with it as context
    QTcpSocket *socket = held.socket.data();
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (held.since < 0) { // a stall fault ran its time: drop the connection unanswered
        socket->abort();
        return;
    }
    if (changed) {
        const QByteArray body =
            "{\"cursor\":\"" + QByteArray::number(m_store->lastSequence()) + "\"}";
        send(*held.responder, held.requestLine, 200, body);
    } else {
        send(*held.responder, held.requestLine, 204, {});
    }
}

void PortalServer::onStoreChanged(qint64 sequence)
{
    std::vector<quint64> woken;
    for (const auto &[id, held] : m_waiters) {
        if (held.since >= 0 && held.since < sequence)
            woken.push_back(id);
    }
    for (quint64 id : woken)
        release(id, true);
}

void PortalServer::checkHeldTokens()
{
    const qint64 version = m_access.users->dataVersion();
    // -1: the database cannot say now (a server restarting); no token is
    // refused on that.
    if (version < 0 || version == m_dataVersion)
        return;
    m_dataVersion = version;
    std::vector<quint64> refused;
    for (const auto &[id, held] : m_waiters) {
        if (!held.tokenHash.isEmpty() && !m_access.users->userWithHash(held.tokenHash)
            && !m_access.users->lastLookupFailed())
            refused.push_back(id);
    }
    for (quint64 id : refused) {
        const auto it = m_waiters.find(id);
        Held held = std::move(it->second);
        m_waiters.erase(it);
        held.timer->deleteLater();
        if (!held.socket || held.socket->state() != QAbstractSocket::ConnectedState)
            continue;
        sendError(*held.responder, held.requestLine, 401, u"unauthorized",
                  tr("The bearer token was revoked"), {},
                  {{"WWW-Authenticate", "Bearer realm=\"escalation-portal\""}});
    }
}

void PortalServer::audit(const Caller *caller, const QString &address, const QString &action,
                         const QString &target, const QString &result, const QString &key)
{
    AuditEntry entry;
    if (caller) {
        entry.userId = caller->user.id;
        entry.userName = caller->user.name;
    }
    entry.action = action;
    entry.target = target;
    entry.result = result;
    entry.idempotencyKey = key;
    entry.address = address;
    m_access.audit->append(entry);
}

bool PortalServer::permit(const Caller &caller, Permission permission, Responder &responder,
                          const QByteArray &requestLine, const QString &action,
                          const QString &target, const QString &key, const QByteArray &fingerprint)
{
    if (hasPermission(caller.user.role, permission))
        return true;
    const QJsonObject details {{u"permission"_s, toCode(permission)},
                               {u"role"_s, toCode(caller.user.role)}};
    WriteResult refusal {
        403, Json::errorBody(u"forbidden", refusalReason(caller.user.role, permission), details)};
    if (!key.isEmpty())
        refusal = m_store->remember(key, fingerprint, refusal);
    audit(&caller, caller.address, action, target, u"forbidden"_s, key);
    send(responder, requestLine, refusal.status, refusal.body);
    return false;
}

void PortalServer::handleChanges(const Request &request, Responder &&responder)
{
    if (!admit(request, responder))
        return;
    const QByteArray line = requestLineOf(request);
    const QUrlQuery query(request.url());
    const auto since = integerParameter(query, u"since"_s, 0);
    if (!since)
        return badRequest(responder, line, "since"_L1,
                          tr("since must be a cursor from an earlier answer, or 0"));
    const auto limit = integerParameter(query, u"limit"_s, 500);
    if (!limit || *limit < 1 || *limit > 1000)
        return badRequest(responder, line, "limit"_L1,
                          tr("limit must be an integer from 1 to 1000"));

    std::optional<FaultKind> fault = m_faults.isActive() ? m_faults.draw() : std::nullopt;
    if (fault && *fault == FaultKind::HostileText) {
        makeHostileChange();
        fault = std::nullopt; // the answer itself is sound and shows the change
    }
    m_store->catchUpTo(*since); // a cursor another portal on the database handed out
    const QByteArray etag = '"' + QByteArray::number(*since) + '-' + QByteArray::number(*limit)
        + '-' + QByteArray::number(m_store->lastSequence()) + '"';
    if (!fault && etagMatches(header(request, "If-None-Match"), etag))
        return send(responder, line, 304, {}, {{"ETag", etag}});
    const ChangesPage page = m_store->changes(*since, int(*limit));
    if (fault)
        return sendFault(*fault, std::move(responder), line, page.body);
    if (m_faults.isActive())
        m_faults.rememberPage(page.body);
    send(responder, line, 200, page.body, {{"ETag", etag}});
}

void PortalServer::handleWait(const Request &request, Responder &&responder)
{
    const auto caller = admit(request, responder);
    if (!caller)
        return;
    const QByteArray line = requestLineOf(request);
    const QUrlQuery query(request.url());
    const auto since = integerParameter(query, u"since"_s, 0);
    if (!since)
        return badRequest(responder, line, "since"_L1,
                          tr("since must be a cursor from an earlier answer, or 0"));
    const auto timeout = integerParameter(query, u"timeout"_s, 25);
    if (!timeout || *timeout < 1 || *timeout > 60)
        return badRequest(responder, line, "timeout"_L1,
                          tr("timeout must be an integer from 1 to 60 (seconds)"));
    m_store->catchUpTo(*since);
    const qint64 last = m_store->lastSequence();
    // A cursor this portal never handed out (from before a reset) counts as
    // "something changed": the client's next /changes gets everything.
    if (*since != last) {
        const QByteArray body = "{\"cursor\":\"" + QByteArray::number(last) + "\"}";
        return send(responder, line, 200, body);
    }
    hold(std::move(responder), line, *since, std::chrono::seconds(*timeout), caller->tokenHash);
}

void PortalServer::sendRecord(Responder &responder, const QByteArray &requestLine,
                              const Request &request, const QByteArray &json,
                              const QByteArray &etag)
{
    if (etagMatches(header(request, "If-None-Match"), etag))
        return send(responder, requestLine, 304, {}, {{"ETag", etag}});
    send(responder, requestLine, 200, json, {{"ETag", etag}});
}

void PortalServer::handleCase(const QString &id, const Request &request, Responder &&responder)
{
    if (!admit(request, responder))
        return;
    const QByteArray line = requestLineOf(request);
    const Case *c = m_store->findCase(id);
    if (!c)
        return sendError(responder, line, 404, u"not_found", tr("No case %1").arg(id));
    const QByteArray etag = '"' + id.toUtf8() + "-v" + QByteArray::number(c->version) + '"';
    sendRecord(responder, line, request, m_store->caseJson(id), etag);
}

void PortalServer::handleRequest(const QString &id, const Request &request, Responder &&responder)
{
    if (!admit(request, responder))
        return;
    const QByteArray line = requestLineOf(request);
    const EscalationRequest *r = m_store->findRequest(id);
    if (!r)
        return sendError(responder, line, 404, u"not_found",
                         tr("No escalation request %1").arg(id));
    const QByteArray etag = '"' + id.toUtf8() + "-v" + QByteArray::number(r->version) + '"';
    sendRecord(responder, line, request, m_store->requestJson(id), etag);
}

void PortalServer::handleAction(const QString &id, const Request &request, Responder &&responder)
{
    const auto caller = admit(request, responder);
    if (!caller)
        return;
    const QByteArray line = requestLineOf(request);
    const QString key = QString::fromUtf8(header(request, "Idempotency-Key")).trimmed();
    if (key.isEmpty() || key.size() > maxKeyLength) {
        audit(&*caller, caller->address, u"action"_s, id, u"invalid"_s, key.left(maxKeyLength));
        return badRequest(responder, line, "Idempotency-Key"_L1,
                          tr("Every write needs an Idempotency-Key header of 1 to %1 characters")
                              .arg(maxKeyLength));
    }
    std::optional<FaultKind> fault = m_faults.isActive() ? m_faults.draw() : std::nullopt;
    if (fault && FaultInjector::feedOnly(*fault))
        fault.reset();
    if (fault && FaultInjector::timing(*fault) == FaultTiming::BeforeApplying)
        return sendFault(*fault, std::move(responder), line, {});

    const QByteArray fingerprint = fingerprintOf(request, caller->user.id);
    std::optional<WriteResult> result = m_store->storedAnswer(key, fingerprint);
    QString action = u"action"_s;
    if (result) {
        audit(&*caller, caller->address, action, id, u"replayed"_s, key);
    } else {
        std::optional<BodyError> error;
        ActionInput input;
        if (const auto object = parseObject(request.body(), &error)) {
            static const QStringList actions = {
                u"accept"_s,         u"decline"_s,       u"note"_s,
                u"take_ownership"_s, u"analysis"_s,      u"acknowledge"_s,
                u"hand_off"_s,       u"ask_requester"_s, u"resume_review"_s};
            const QJsonValue actionValue = object->value("action"_L1);
            input.action = actionValue.toString();
            if (!actionValue.isString() || !actions.contains(input.action)) {
                error = BodyError {"action"_L1,
                                   tr("action must be one of %1").arg(actions.join(u", "_s))};
            } else {
                action = input.action;
            }
            if (!error) {
                if (const auto text = stringMember(*object, "text"_L1, maxTextLength, &error))
                    input.text = *text;
            }
            const bool textRequired = input.action == u"accept"_s || input.action == u"decline"_s
                || input.action == u"note"_s || input.action == u"analysis"_s
                || input.action == u"ask_requester"_s;
            if (!error && textRequired && input.text.trimmed().isEmpty())
                error = BodyError {"text"_L1, tr("%1 needs a text").arg(input.action)};
            if (!error && input.action == u"accept"_s) {
                if (const auto why =
                        stringMember(*object, "justification"_L1, maxTextLength, &error))
                    input.justification = *why;
            }
            if (!error && input.action == u"hand_off"_s) {
                if (const auto team = stringMember(*object, "team"_L1, maxNameLength, &error))
                    input.team = team->trimmed();
                if (!error && input.team.isEmpty())
                    error = BodyError {"team"_L1, tr("hand_off needs the team to hand it to")};
            }
            // "actor" from the client is ignored: the write is the caller's.
            input.actor = caller->user.name;
            input.actorId = caller->user.id;
            input.actorRole = toCode(caller->user.role);
            const QJsonValue version = object->value("version"_L1);
            if (!error && version.isDouble()) {
                const double v = version.toDouble();
                if (v < 0 || v != std::floor(v) || v > 9007199254740992.0)
                    error = BodyError {"version"_L1, tr("version must be a non-negative integer")};
                else
                    input.version = qint64(v);
            } else if (!error && !(version.isUndefined() || version.isNull())) {
                error = BodyError {"version"_L1, tr("version must be a non-negative integer")};
            } else if (!error && input.action != u"note"_s) {
                error = BodyError {"version"_L1,
                                   tr("version (the request version you saw) is required")};
            }
        }
        if (error) {
            audit(&*caller, caller->address, action, id, u"invalid"_s, key);
            return badRequest(responder, line, error->field, error->message);
        }
        const auto outboxAction = outboxActionFromCode(input.action);
        const Permission needed = outboxAction ? permissionFor(*outboxAction) : Permission::Admin;
        if (!permit(*caller, needed, responder, line, action, id, key, fingerprint)) {
            // Who tried what, and was refused, is part of the request's story.
            if (m_store->findRequest(id))
                m_access.history->add(id,
                                      HistoryEntry {m_store->now(), input.action, input.actorId,
                                                    input.actor, input.actorRole,
                                                    refusalReason(caller->user.role, needed),
                                                    u"refused"_s});
            return;
        }
        result = m_store->applyAction(id, input, key, fingerprint);
        audit(&*caller, caller->address, action, id, resultOf(result->status), key);
    }
    // A refusal keeps its status: faults that answer 200 with a broken body
    // would otherwise turn a 409 or 422 into a success the portal never had.
    const bool answersOk = fault && *fault != FaultKind::Reset && *fault != FaultKind::Stall;
    if (answersOk && (result->status < 200 || result->status > 299))
        fault = std::nullopt;
    if (fault)
        return sendFault(*fault, std::move(responder), line, result->body);
    send(responder, line, result->status, result->body);
}

std::optional<PortalServer::WriteKey>
PortalServer::acceptWriteKey(const Caller &caller, const Request &request, Responder &responder,
                             const QString &action, const QString &target)
{
    const QByteArray line = requestLineOf(request);
    const QString key = QString::fromUtf8(header(request, "Idempotency-Key")).trimmed();
    if (key.isEmpty() || key.size() > maxKeyLength) {
        audit(&caller, caller.address, action, target, u"invalid"_s, key.left(maxKeyLength));
        badRequest(responder, line, "Idempotency-Key"_L1,
                   tr("Every write needs an Idempotency-Key header of 1 to %1 characters")
                       .arg(maxKeyLength));
        return std::nullopt;
    }
    WriteKey write {key, fingerprintOf(request, caller.user.id)};
    if (const auto stored = m_store->storedAnswer(write.key, write.fingerprint)) {
        audit(&caller, caller.address, action, target, u"replayed"_s, key);
        send(responder, line, stored->status, stored->body);
        return std::nullopt;
    }
    return write;
}

void PortalServer::handleEscalation(const QString &caseId, const Request &request,
                                    Responder &&responder)
{
    const auto caller = admit(request, responder);
    if (!caller)
        return;
    const QByteArray line = requestLineOf(request);
    const QString action = u"raise"_s;
    const auto write = acceptWriteKey(*caller, request, responder, action, caseId);
    if (!write)
        return;
    const auto &[key, fingerprint] = *write;

    std::optional<BodyError> error;
    EscalationInput input;
    if (const auto object = parseObject(request.body(), &error)) {
        const auto reason = reasonFromCode(object->value("reason"_L1).toString());
        if (!reason)
            error = BodyError {"reason"_L1,
                               tr("reason must be one of time_constraint, impaired_function, "
                                  "first_response_missed, lack_of_updates, other")};
        else
            input.reason = *reason;
        if (!error) {
            if (const auto summary = stringMember(*object, "summary"_L1, maxTextLength, &error))
                input.summary = *summary;
        }
        if (!error && input.summary.trimmed().isEmpty())
            error = BodyError {"summary"_L1, tr("summary must say why the case needs escalating")};
        if (!error) {
            if (const auto by = stringMember(*object, "requestedBy"_L1, maxNameLength, &error))
                input.requestedBy = *by;
        }
        if (!error && input.requestedBy.trimmed().isEmpty())
            error = BodyError {"requestedBy"_L1, tr("requestedBy must name who asks")};
        if (!error) {
            if (const auto previous =
                    stringMember(*object, "previousRequestId"_L1, maxNameLength, &error))
                input.previousRequestId = *previous;
        }
    }
    if (error) {
        audit(&*caller, caller->address, action, caseId, u"invalid"_s, key);
        return badRequest(responder, line, error->field, error->message);
    }
    if (!permit(*caller, Permission::Raise, responder, line, action, caseId, key, fingerprint))
        return;
    const WriteResult result = m_store->createEscalation(caseId, input, key, fingerprint);
    audit(&*caller, caller->address, input.previousRequestId.isEmpty() ? action : u"re_escalate"_s,
          caseId, resultOf(result.status), key);
    send(responder, line, result.status, result.body);
}

// The customer side answers a manager's question: the wait ends and the
// review clock runs again.
void PortalServer::handleRequesterReply(const QString &requestId, const Request &request,
                                        Responder &&responder)
{
    const auto caller = admit(request, responder);
    if (!caller)
        return;
    const QByteArray line = requestLineOf(request);
    const QString action = u"requester_reply"_s;
    const auto write = acceptWriteKey(*caller, request, responder, action, requestId);
    if (!write)
        return;
    const auto &[key, fingerprint] = *write;
    std::optional<BodyError> error;
    ReplyInput input;
    if (const auto object = parseObject(request.body(), &error)) {
        if (const auto text = stringMember(*object, "text"_L1, maxTextLength, &error))
            input.text = *text;
        if (!error && input.text.trimmed().isEmpty())
            error = BodyError {"text"_L1, tr("text must hold the requester's answer")};
        if (!error) {
            if (const auto by = stringMember(*object, "by"_L1, maxNameLength, &error))
                input.by = *by;
        }
    }
    if (error) {
        audit(&*caller, caller->address, action, requestId, u"invalid"_s, key);
        return badRequest(responder, line, error->field, error->message);
    }
    if (!permit(*caller, Permission::Raise, responder, line, action, requestId, key, fingerprint))
        return;
    input.actorId = caller->user.id;
    input.actor = caller->user.name;
    input.actorRole = toCode(caller->user.role);
    const WriteResult result = m_store->answerQuestion(requestId, input, key, fingerprint);
    audit(&*caller, caller->address, action, requestId, resultOf(result.status), key);
    send(responder, line, result.status, result.body);
}

void PortalServer::handleMe(const Request &request, Responder &&responder)
{
    const auto caller = admit(request, responder);
    if (!caller)
        return;
    send(responder, requestLineOf(request), 200, "{\"user\":" + userJson(caller->user) + '}');
}

void PortalServer::handleHistory(const QString &id, const Request &request, Responder &&responder)
{
    const auto caller = admit(request, responder);
    if (!caller)
        return;
    const QByteArray line = requestLineOf(request);
    if (!hasPermission(caller->user.role, Permission::Read))
        return sendError(
            responder, line, 403, u"forbidden", refusalReason(caller->user.role, Permission::Read),
            {{u"permission"_s, toCode(Permission::Read)}, {u"role"_s, toCode(caller->user.role)}});
    const EscalationRequest *r = m_store->findRequest(id);
    if (!r)
        return sendError(responder, line, 404, u"not_found",
                         tr("No escalation request %1").arg(id));
    // The raise is the request record itself; what followed is the history.
    QJsonArray entries;
    entries.append(HistoryEntry {r->requestedAt,
                                 r->previousRequestId.isEmpty() ? u"raise"_s : u"re_escalate"_s,
                                 {},
                                 r->requestedBy,
                                 {},
                                 r->summary}
                       .toJson());
    const QList<HistoryEntry> later = m_access.history->entries(id);
    for (const HistoryEntry &e : later)
        entries.append(e.toJson());
    const QJsonObject body {{u"requestId"_s, id}, {u"entries"_s, entries}};
    send(responder, line, 200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void PortalServer::handleAudit(const Request &request, Responder &&responder)
{
    const auto caller = admit(request, responder);
    if (!caller)
        return;
    const QByteArray line = requestLineOf(request);
    if (!hasPermission(caller->user.role, Permission::Admin))
        return sendError(
            responder, line, 403, u"forbidden", refusalReason(caller->user.role, Permission::Admin),
            {{u"permission"_s, toCode(Permission::Admin)}, {u"role"_s, toCode(caller->user.role)}});
    const QUrlQuery query(request.url());
    const auto after = integerParameter(query, u"after"_s, 0);
    if (!after)
        return badRequest(responder, line, "after"_L1,
                          tr("after must be the seq of an audit entry, or 0"));
    const auto limit = integerParameter(query, u"limit"_s, 100);
    if (!limit || *limit < 1 || *limit > 1000)
        return badRequest(responder, line, "limit"_L1,
                          tr("limit must be an integer from 1 to 1000"));
    bool more = false;
    const QList<AuditEntry> page = m_access.audit->page(*after, int(*limit), &more);
    QJsonArray entries;
    for (const AuditEntry &e : page)
        entries.append(e.toJson());
    const QJsonObject body {
        {u"entries"_s, entries},
        {u"next"_s,
         more && !page.isEmpty() ? QJsonValue(page.constLast().seq) : QJsonValue(QJsonValue::Null)},
    };
    send(responder, line, 200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void PortalServer::handleApplications(const Request &request, Responder &&responder)
{
    if (!admit(request, responder))
        return;
    const QByteArray line = requestLineOf(request);
    const QString key = QUrlQuery(request.url()).queryItemValue(u"key"_s, QUrl::FullyDecoded);
    if (key.isEmpty())
        return badRequest(responder, line, "key"_L1,
                          tr("key names the Idempotency-Key to look up"));
    QByteArray body = "{\"key\":";
    Json::appendString(body, key);
    body += ",\"applications\":" + QByteArray::number(m_store->applicationCount(key)) + '}';
    send(responder, line, 200, body);
}

void PortalServer::handleActivity(const Request &request, Responder &&responder)
{
    if (!admit(request, responder))
        return;
    const QByteArray line = requestLineOf(request);
    std::optional<BodyError> error;
    int steps = 1;
    if (const auto object =
            parseObject(request.body().isEmpty() ? QByteArray("{}") : request.body(), &error)) {
        const QJsonValue v = object->value("steps"_L1);
        steps = v.isUndefined() ? 1 : v.toInt(-1);
        if (steps < 1 || steps > 100000)
            error = BodyError {"steps"_L1, tr("steps must be an integer from 1 to 100000")};
    }
    if (error)
        return badRequest(responder, line, error->field, error->message);
    QJsonArray done;
    for (int i = 0; i < steps; ++i) {
        const QString what = m_activity->step();
        if (!what.isEmpty() && done.size() < 1000)
            done.append(what);
    }
    QByteArray body = "{\"changes\":" + QJsonDocument(done).toJson(QJsonDocument::Compact)
        + ",\"cursor\":\"" + QByteArray::number(m_store->lastSequence()) + "\"}";
    send(responder, line, 200, body);
}

void PortalServer::handleRemoveCase(const QString &id, const Request &request,
                                    Responder &&responder)
{
    if (!admit(request, responder))
        return;
    const QByteArray line = requestLineOf(request);
    const auto requests = m_store->requestsOfCase(id);
    QJsonArray removedRequests;
    for (const EscalationRequest *r : requests)
        removedRequests.append(r->id);
    if (!m_store->findCase(id))
        return sendError(responder, line, 404, u"not_found", tr("No case %1").arg(id));
    if (!m_store->removeCase(id))
        return sendError(responder, line, 500, u"server_error",
                         tr("The portal could not store the change"));
    const QJsonObject removed {{u"cases"_s, QJsonArray {id}}, {u"requests"_s, removedRequests}};
    QByteArray body = "{\"removed\":" + QJsonDocument(removed).toJson(QJsonDocument::Compact)
        + ",\"cursor\":\"" + QByteArray::number(m_store->lastSequence()) + "\"}";
    send(responder, line, 200, body);
}

} // namespace Escalation::Portal

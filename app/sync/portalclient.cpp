#include "portalclient.h"

#include "synclogging.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRegularExpression>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#endif

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace Escalation {

namespace {

QString portalMessage(const std::optional<PortalErrorBody> &body)
{
    if (!body)
        return {};
    return body->message.isEmpty() ? body->code : body->message;
}

} // namespace

bool PortalResult::isTransient() const
{
    switch (error) {
    case PortalError::Network:
    case PortalError::Timeout:
    case PortalError::RateLimited:
    case PortalError::Server:
        return true;
    default:
        return false;
    }
}

// ---------------------------------------------------------------- PortalJob

PortalJob::PortalJob(PortalClient *client, QByteArray verb, QString path, QUrlQuery query,
                     QByteArray body, QList<QPair<QByteArray, QByteArray>> headers,
                     const PortalRequestOptions &options)
    : QObject(client)
    , m_client(client)
    , m_verb(std::move(verb))
    , m_path(std::move(path))
    , m_query(std::move(query))
    , m_payload(std::move(body))
    , m_headers(std::move(headers))
    , m_transferTimeout(options.transferTimeout.value_or(client->settings().transferTimeout))
    , m_maxAttempts(std::max(1, options.maxAttempts.value_or(client->settings().maxAttempts)))
    , m_maxTotalTime(options.maxTotalTime.value_or(client->settings().maxTotalTime))
    , m_watchdog(this)
    , m_retryTimer(this)
    , m_deadline(this)
{
    m_watchdog.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    m_deadline.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (QNetworkReply *reply = m_reply)
            reply->abort();
    });
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        // The whole job ran out of time: stop a running attempt (reported as
        // a timeout) or a pending retry (reported with the last error).
        m_timedOut = true;
        m_maxAttempts = m_attempt;
        if (QNetworkReply *reply = m_reply)
            reply->abort();
        else if (m_retryTimer.isActive()) {
            m_retryTimer.stop();
            PortalResult r;
            r.error = PortalError::Timeout;
            r.attempts = m_attempt;
            r.message = tr("The portal at %1 did not answer within %2 s.")
                            .arg(hostForMessages())
                            .arg(duration_cast<seconds>(m_maxTotalTime).count());
            finish(std::move(r));
        }
    });
    connect(&m_retryTimer, &QTimer::timeout, this, &PortalJob::sendAttempt);
}

PortalJob::~PortalJob()
{
    if (QNetworkReply *reply = m_reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void PortalJob::abort()
{
    if (m_done)
        return;
    m_canceled = true;
    m_retryTimer.stop();
    if (QNetworkReply *reply = m_reply) {
        reply->abort();
    } else {
        PortalResult r;
        r.error = PortalError::Canceled;
        r.attempts = m_attempt;
        r.message = tr("The request to the portal was canceled.");
        finish(std::move(r));
    }
}

QString PortalJob::hostForMessages() const
{
    return m_client->settings().baseUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath
                                                        | QUrl::RemoveQuery);
}

void PortalJob::start()
{
    m_elapsed.start();
    m_deadline.start(m_maxTotalTime);
    sendAttempt();
}

void PortalJob::sendAttempt()
{
    if (m_done)
        return;
    // A Retry-After the portal gave to any job holds for every request.
    const milliseconds wait = m_client->rateLimitRemaining();
    if (wait > milliseconds(0)) {
        m_retryTimer.start(wait);
        return;
    }
    ++m_attempt;
    m_received.clear();
    m_timedOut = false;
    m_tooLarge = false;
    m_tlsMessage.clear();

    QNetworkRequest request(m_client->urlFor(m_path, m_query));
    request.setTransferTimeout(int(m_transferTimeout.count()));
    request.setRawHeader("Accept", "application/json");
    if (!m_client->settings().token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_client->settings().token.toUtf8());
    for (const auto &[name, value] : std::as_const(m_headers))
        request.setRawHeader(name, value);
    // Redirects could carry the bearer token to another host; the contract has none.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!m_payload.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));

    QNetworkAccessManager *nam = m_client->m_nam;
    if (m_verb == "GET")
        m_reply = nam->get(request);
    else
        m_reply = nam->sendCustomRequest(request, m_verb, m_payload);
    qCDebug(lcSync) << m_verb << m_path << "attempt" << m_attempt;

    connect(m_reply, &QNetworkReply::readyRead, this, &PortalJob::onReadyRead);
    connect(m_reply, &QNetworkReply::downloadProgress, this,
            [this] { m_watchdog.start(m_transferTimeout); });
    connect(m_reply, &QNetworkReply::uploadProgress, this,
            [this] { m_watchdog.start(m_transferTimeout); });
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > m_client->settings().maxResponseBytes) {
            m_tooLarge = true;
            reply->abort();
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &PortalJob::onReplyFinished);
#if QT_CONFIG(ssl)
    connect(m_reply, &QNetworkReply::sslErrors, this, &PortalJob::onSslErrors);
#endif
    m_watchdog.start(m_transferTimeout);
}

void PortalJob::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_watchdog.start(m_transferTimeout);
    m_received += reply->readAll();
    if (m_received.size() > m_client->settings().maxResponseBytes) {
        m_tooLarge = true;
        m_received.clear();
        reply->abort();
    }
}

void PortalJob::onSslErrors(const QList<QSslError> &errors)
{
#if QT_CONFIG(ssl)
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    const QByteArray pin = m_client->settings().pinnedCertificateSha256;
    if (!pin.isEmpty() && PortalClient::matchesPin(peer, pin)) {
        // The user trusted exactly this certificate; only its errors are ignored.
        reply->ignoreSslErrors(errors);
        return;
    }
    QStringList reasons;
    for (const QSslError &e : errors)
        reasons << e.errorString();
    const QString fp = peer.isNull() ? tr("(no certificate)") : PortalClient::fingerprint(peer);
    if (pin.isEmpty())
        m_tlsMessage =
            tr("The TLS certificate of %1 is not trusted (%2). Its SHA-256 fingerprint is %3. "
               "If you have checked it with your administrator, set this fingerprint as the "
               "pinned certificate in the portal settings.")
                .arg(hostForMessages(), reasons.join(u"; "_s), fp);
    else
        m_tlsMessage =
            tr("The TLS certificate of %1 is not the pinned one: its SHA-256 fingerprint is %2, "
               "the pinned fingerprint is %3 (%4).")
                .arg(hostForMessages(), fp, QString::fromLatin1(PortalClient::normalizePin(pin)),
                     reasons.join(u"; "_s));
#else
    Q_UNUSED(errors);
#endif
}

void PortalJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    m_watchdog.stop();
    reply->disconnect(this);
    reply->deleteLater();
    if (!m_tooLarge && reply->isOpen())
        m_received += reply->readAll();

    PortalResult r;
    r.attempts = m_attempt;
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    r.httpStatus = statusAttr.isValid() ? statusAttr.toInt() : 0;
    const QNetworkReply::NetworkError netError = reply->error();
    const QString host = hostForMessages();

    if (m_canceled) {
        r.error = PortalError::Canceled;
        r.message = tr("The request to the portal was canceled.");
        finish(std::move(r));
        return;
    }
    if (m_tooLarge) {
        r.error = PortalError::TooLarge;
        r.message = tr("The portal's answer to %1 is larger than %2 MB and was refused.")
                        .arg(m_path)
                        .arg(m_client->settings().maxResponseBytes / (1024 * 1024));
        finish(std::move(r));
        return;
    }
    if (!m_tlsMessage.isEmpty() || netError == QNetworkReply::SslHandshakeFailedError) {
        r.error = PortalError::Tls;
        r.message = m_tlsMessage.isEmpty()
            ? tr("The secure connection to %1 failed: %2").arg(host, reply->errorString())
            : m_tlsMessage;
        finish(std::move(r));
        return;
    }
    if (m_timedOut || netError == QNetworkReply::TimeoutError
        || netError == QNetworkReply::OperationCanceledError) {
        r.error = PortalError::Timeout;
        r.message = tr("The portal at %1 did not answer within %2 s.")
                        .arg(host)
                        .arg(duration_cast<seconds>(m_transferTimeout).count());
        finishAttempt(std::move(r), true);
        return;
    }

    const int status = r.httpStatus;
    if (status >= 200 && status < 400 && netError != QNetworkReply::NoError) {
        // Headers arrived but the body did not: a dropped connection.
        r.error = PortalError::Network;
        r.message =
            tr("The connection to %1 broke off mid-answer: %2").arg(host, reply->errorString());
        finishAttempt(std::move(r), true);
        return;
    }
    if (status == 0) {
        r.error = PortalError::Network;
        r.message = tr("Cannot reach the portal at %1: %2").arg(host, reply->errorString());
        finishAttempt(std::move(r), true);
        return;
    }

    r.body = std::move(m_received);
    r.etag = reply->rawHeader("ETag");
    if ((status >= 200 && status < 300) || status == 304) {
        finish(std::move(r));
        return;
    }

    r.body.truncate(64 * 1024); // an error body is for messages only
    r.errorBody = parseErrorBody(r.body);
    r.retryAfter = parseRetryAfter(reply->rawHeader("Retry-After"));
    const QString detail = portalMessage(r.errorBody);
    if (status == 401) {
        r.error = PortalError::Unauthorized;
        r.message =
            tr("The portal at %1 refused the access token (HTTP 401%2). Set a valid token in "
               "Settings, or in the environment variable ESCALATION_DESK_TOKEN for scripts.")
                .arg(host, detail.isEmpty() ? QString() : u": "_s + detail);
        Q_EMIT m_client->unauthorized(r.message);
        finish(std::move(r));
        return;
    }
    if (status == 429) {
        r.error = PortalError::RateLimited;
        r.message = tr("The portal at %1 is limiting requests (HTTP 429); retrying after %2 s.")
                        .arg(host)
                        .arg(r.retryAfter ? duration_cast<seconds>(*r.retryAfter).count() : 0);
        if (r.retryAfter)
            m_client->noteRetryAfter(*r.retryAfter);
        finishAttempt(std::move(r), true);
        return;
    }
    if (status >= 500) {
        r.error = PortalError::Server;
        r.message = tr("The portal at %1 failed (HTTP %2)%3.")
                        .arg(host)
                        .arg(status)
                        .arg(detail.isEmpty() ? QString() : u": "_s + detail);
        if (status == 503 && r.retryAfter)
            m_client->noteRetryAfter(*r.retryAfter);
        finishAttempt(std::move(r), true);
        return;
    }
    if (status == 408) {
        r.error = PortalError::Timeout;
        r.message = tr("The portal at %1 timed out the request (HTTP 408).").arg(host);
        finishAttempt(std::move(r), true);
        return;
    }
    r.error = PortalError::Client;
    r.message = tr("The portal refused %1 %2 (HTTP %3)%4.")
                    .arg(QString::fromLatin1(m_verb), m_path)
                    .arg(status)
                    .arg(detail.isEmpty() ? QString() : u": "_s + detail);
    finish(std::move(r));
}

void PortalJob::finishAttempt(PortalResult result, bool retryable)
{
    if (!retryable || m_attempt >= m_maxAttempts) {
        finish(std::move(result));
        return;
    }
    const Backoff backoff =
        Backoff::fullJitter(m_client->settings().backoffBase, m_client->settings().backoffCap);
    const milliseconds delay = backoff.delay(m_attempt - 1, result.retryAfter);
    if (milliseconds(m_elapsed.elapsed()) + delay >= m_maxTotalTime) {
        // The next try could not start within the time bound: report now.
        finish(std::move(result));
        return;
    }
    qCInfo(lcSync).noquote() << "retrying" << m_verb << m_path << "in" << delay.count()
                             << "ms:" << result.message;
    Q_EMIT retrying(m_attempt + 1, delay.count(), result.message);
    m_retryTimer.start(delay);
}

void PortalJob::finish(PortalResult result)
{
    if (m_done)
        return;
    m_done = true;
    m_watchdog.stop();
    m_retryTimer.stop();
    m_deadline.stop();
    if (!result.ok())
        qCInfo(lcSync).noquote() << m_verb << m_path << "failed after" << result.attempts
                                 << "attempt(s):" << result.message;
    Q_EMIT finished(result);
    deleteLater();
}

// ------------------------------------------------------------- PortalClient

PortalClient::PortalClient(PortalSettings settings, QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam ? nam : new QNetworkAccessManager(this))
    , m_settings(std::move(settings))
{
    qRegisterMetaType<Escalation::PortalResult>();
    m_clock.start();
}

PortalClient::~PortalClient() = default;

void PortalClient::setSettings(PortalSettings settings)
{
    m_settings = std::move(settings);
}

void PortalClient::setToken(const QString &token)
{
    m_settings.token = token;
}

QUrl PortalClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_settings.baseUrl;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + u"/api/v1"_s + path);
    url.setQuery(query);
    return url;
}

PortalJob *PortalClient::get(const QString &path, const QUrlQuery &query, const QByteArray &etag,
                             const PortalRequestOptions &options)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!etag.isEmpty())
        headers.append({QByteArrayLiteral("If-None-Match"), etag});
    auto *job =
        new PortalJob(this, QByteArrayLiteral("GET"), path, query, QByteArray(), headers, options);
    QMetaObject::invokeMethod(job, &PortalJob::start, Qt::QueuedConnection);
    return job;
}

PortalJob *PortalClient::postJson(const QString &path, const QByteArray &json,
                                  const QByteArray &idempotencyKey,
                                  const PortalRequestOptions &options)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!idempotencyKey.isEmpty())
        headers.append({QByteArrayLiteral("Idempotency-Key"), idempotencyKey});
    QByteArray body = json;
    if (body.isNull())
        body = QByteArray("");
    auto *job =
        new PortalJob(this, QByteArrayLiteral("POST"), path, QUrlQuery(), body, headers, options);
    QMetaObject::invokeMethod(job, &PortalJob::start, Qt::QueuedConnection);
    return job;
}

milliseconds PortalClient::rateLimitRemaining() const
{
    return milliseconds(std::max<qint64>(0, m_notBeforeMs - m_clock.elapsed()));
}

void PortalClient::noteRetryAfter(milliseconds delay)
{
    m_notBeforeMs = std::max(m_notBeforeMs, m_clock.elapsed() + delay.count());
}

QByteArray PortalClient::normalizePin(const QByteArray &pin)
{
    QByteArray hex;
    for (char c : pin) {
        if (c == ':' || c == ' ' || c == '\t')
            continue;
        hex.append(char(QChar::fromLatin1(c).toLower().toLatin1()));
    }
    if (hex.size() != 64)
        return {};
    for (char c : std::as_const(hex)) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return {};
    }
    return hex;
}

QString PortalClient::fingerprint(const QSslCertificate &certificate)
{
#if QT_CONFIG(ssl)
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
#else
    Q_UNUSED(certificate);
    return {};
#endif
}

bool PortalClient::matchesPin(const QSslCertificate &certificate, const QByteArray &pin)
{
#if QT_CONFIG(ssl)
    const QByteArray want = normalizePin(pin);
    return !want.isEmpty() && !certificate.isNull()
        && certificate.digest(QCryptographicHash::Sha256).toHex() == want;
#else
    Q_UNUSED(certificate);
    Q_UNUSED(pin);
    return false;
#endif
}

} // namespace Escalation

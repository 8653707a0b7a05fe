#include "httpjob.h"

#include "backoff.h"
#include "synclogging.h"
#include <certificatepin.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#endif

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace Escalation {

namespace {

constexpr qint64 BytesPerMB = qint64(1024) * 1024;
constexpr qsizetype MaxErrorBodyBytes = qsizetype(64) * 1024; // for messages only

// RFC 9110: methods whose repetition has the effect of one request.
bool isIdempotentMethod(const QByteArray &verb)
{
    return verb == "GET" || verb == "HEAD" || verb == "PUT" || verb == "DELETE"
        || verb == "OPTIONS";
}

QString wholeSeconds(milliseconds ms)
{
    return QString::number(duration_cast<std::chrono::seconds>(ms).count());
}

#if QT_CONFIG(ssl)
bool matchesPin(const QSslCertificate &certificate, const QByteArray &pin)
{
    const QByteArray want = CertificatePin::normalized(pin);
    return !want.isEmpty() && !certificate.isNull()
        && certificate.digest(QCryptographicHash::Sha256).toHex() == want;
}
#endif

} // namespace

// ----------------------------------------------------------- RetryAfterGate

RetryAfterGate::RetryAfterGate()
{
    m_clock.start();
}

milliseconds RetryAfterGate::remaining() const
{
    return milliseconds(std::max<qint64>(0, m_notBeforeMs - m_clock.elapsed()));
}

void RetryAfterGate::holdFor(milliseconds delay)
{
    m_notBeforeMs = std::max(m_notBeforeMs, m_clock.elapsed() + delay.count());
}

// ------------------------------------------------------------------ HttpJob

HttpJob::HttpJob(QNetworkAccessManager *nam, RetryAfterGate *gate, QByteArray verb, QUrl url,
                 QByteArray body, HttpJobOptions options, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_gate(gate)
    , m_verb(std::move(verb))
    , m_url(std::move(url))
    , m_payload(std::move(body))
    , m_options(std::move(options))
    , m_repeatable(isIdempotentMethod(m_verb))
    , m_watchdog(this)
    , m_retryTimer(this)
    , m_deadline(this)
{
    m_options.maxAttempts = std::max(1, m_options.maxAttempts);
    m_watchdog.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    m_deadline.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (QNetworkReply *reply = m_reply)
            reply->abort();
    });
    connect(&m_deadline, &QTimer::timeout, this, &HttpJob::onDeadline);
    connect(&m_retryTimer, &QTimer::timeout, this, &HttpJob::sendAttempt);
}

HttpJob::~HttpJob()
{
    if (QNetworkReply *reply = m_reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QString HttpJob::errorDetail(const QByteArray &) const
{
    return {};
}

QString HttpJob::advice(TransportError) const
{
    return {};
}

void HttpJob::start()
{
    m_elapsed.start();
    if (m_options.maxTotalTime)
        m_deadline.start(*m_options.maxTotalTime);
    sendAttempt();
}

void HttpJob::abort()
{
    if (m_done)
        return;
    m_canceled = true;
    m_retryTimer.stop();
    if (QNetworkReply *reply = m_reply) {
        reply->abort(); // reported from onReplyFinished
        return;
    }
    TransportResult r;
    r.error = TransportError::Canceled;
    r.attempts = m_attempt;
    r.message = tr("The request to %1 was canceled.").arg(serverName());
    finish(std::move(r));
}

int HttpJob::allowedAttempts() const
{
    return m_repeatable ? m_options.maxAttempts : 1;
}

void HttpJob::sendAttempt()
{
    if (m_done)
        return;
    if (m_gate) {
        const milliseconds wait = m_gate->remaining();
        if (wait > milliseconds(0)) {
            m_retryTimer.start(wait);
            return;
        }
    }
    ++m_attempt;
    m_received.clear();
    m_timedOut = false;
    m_tooLarge = false;
    m_tlsMessage.clear();

    QNetworkRequest request(m_url);
    request.setTransferTimeout(int(m_options.transferTimeout.count()));
    request.setRawHeader("Accept", "application/json");
    // Redirects could carry the credentials to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!m_payload.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    prepare(request);

    QNetworkReply *reply = m_verb == "GET" ? m_nam->get(request)
                                           : m_nam->sendCustomRequest(request, m_verb, m_payload);
    m_reply = reply;
    qCDebug(lcSync).noquote() << m_verb << m_url.path() << "attempt" << m_attempt;

    const auto progress = [this] { m_watchdog.start(m_options.transferTimeout); };
    connect(reply, &QNetworkReply::readyRead, this, &HttpJob::onReadyRead);
    connect(reply, &QNetworkReply::downloadProgress, this, progress);
    connect(reply, &QNetworkReply::uploadProgress, this, progress);
    connect(reply, &QNetworkReply::metaDataChanged, this, &HttpJob::onMetaDataChanged);
    connect(reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this, &HttpJob::onSslErrors);
#endif
    m_watchdog.start(m_options.transferTimeout);
}

void HttpJob::onMetaDataChanged()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_options.maxResponseBytes) {
        m_tooLarge = true;
        reply->abort();
    }
}

void HttpJob::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_watchdog.start(m_options.transferTimeout);
    m_received += reply->readAll();
    if (m_received.size() > m_options.maxResponseBytes) {
        m_tooLarge = true;
        m_received.clear();
        reply->abort();
    }
}

void HttpJob::onSslErrors(const QList<QSslError> &errors)
{
#if QT_CONFIG(ssl)
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    const QByteArray &pin = m_options.pinnedCertificateSha256;
    if (!pin.isEmpty() && matchesPin(peer, pin)) {
        // The user trusted exactly this certificate; only its errors are ignored.
        reply->ignoreSslErrors(errors);
        return;
    }
    QStringList reasons;
    for (const QSslError &e : errors)
        reasons << e.errorString();
    const QString fingerprint = peer.isNull()
        ? tr("(no certificate)")
        : CertificatePin::displayed(peer.digest(QCryptographicHash::Sha256).toHex());
    if (pin.isEmpty())
        m_tlsMessage = withAdvice(tr("The TLS certificate of %1 is not trusted (%2). Its SHA-256 "
                                     "fingerprint is %3.")
                                      .arg(serverName(), reasons.join(u"; "_s), fingerprint),
                                  TransportError::Tls);
    else
        m_tlsMessage = tr("The TLS certificate of %1 is not the pinned one: its SHA-256 "
                          "fingerprint is %2, the pinned fingerprint is %3 (%4).")
                           .arg(serverName(), fingerprint,
                                CertificatePin::displayed(CertificatePin::normalized(pin)),
                                reasons.join(u"; "_s));
#else
    Q_UNUSED(errors);
#endif
}

void HttpJob::onDeadline()
{
    // The whole job ran out of time: a running attempt ends as a timeout
    // without another try, a pending retry is not sent.
    m_outOfTime = true;
    if (QNetworkReply *reply = m_reply) {
        m_timedOut = true;
        reply->abort();
        return;
    }
    TransportResult r;
    r.error = TransportError::Timeout;
    r.attempts = m_attempt;
    r.message = timeoutMessage(*m_options.maxTotalTime);
    finish(std::move(r));
}

void HttpJob::onReplyFinished()
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

    TransportResult r;
    r.attempts = m_attempt;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    r.httpStatus = status.isValid() ? status.toInt() : 0;
    r.headers = reply->rawHeaderPairs();
    const QNetworkReply::NetworkError netError = reply->error();
    const QString server = serverName();

    if (m_canceled) {
        r.error = TransportError::Canceled;
        r.message = tr("The request to %1 was canceled.").arg(server);
    } else if (m_tooLarge) {
        r.error = TransportError::TooLarge;
        r.message = tr("The answer to %1 %2 from %3 is larger than %4 MB and was refused.")
                        .arg(QString::fromLatin1(m_verb), m_url.path(), server,
                             QString::number(m_options.maxResponseBytes / BytesPerMB));
    } else if (!m_tlsMessage.isEmpty() || netError == QNetworkReply::SslHandshakeFailedError) {
        r.error = TransportError::Tls;
        r.message = m_tlsMessage.isEmpty()
            ? tr("The secure connection to %1 failed: %2").arg(server, reply->errorString())
            : m_tlsMessage;
    } else if (m_timedOut || netError == QNetworkReply::TimeoutError
               || netError == QNetworkReply::OperationCanceledError) {
        // Qt's own transfer timeout ends a reply as "canceled".
        r.error = TransportError::Timeout;
        r.message =
            timeoutMessage(m_outOfTime ? *m_options.maxTotalTime : m_options.transferTimeout);
    } else if (r.httpStatus >= 200 && r.httpStatus < 400 && netError != QNetworkReply::NoError) {
        // Headers arrived but the body did not: a dropped connection.
        r.error = TransportError::Network;
        r.message =
            tr("The connection to %1 broke off mid-answer: %2").arg(server, reply->errorString());
    } else if (r.httpStatus == 0) {
        r.error = TransportError::Network;
        r.message = tr("Cannot reach %1: %2").arg(server, reply->errorString());
    } else {
        r.body = std::move(m_received);
        classifyAnswer(r);
    }
    finishAttempt(std::move(r));
}

void HttpJob::classifyAnswer(TransportResult &r)
{
    const int status = r.httpStatus;
    if ((status >= 200 && status < 300) || status == 304)
        return;
    r.body.truncate(MaxErrorBodyBytes);
    r.retryAfter = parseRetryAfter(r.header("Retry-After"));
    QString detail = errorDetail(r.body);
    // The server's message is usually a sentence; ours ends it with the period.
    while (detail.endsWith(u'.'))
        detail.chop(1);
    const QString said = detail.isEmpty() ? QString() : u": "_s + detail;
    const QString server = serverName();
    const QString code = QString::number(status);
    if ((status == 429 || status == 503) && r.retryAfter && m_gate)
        m_gate->holdFor(*r.retryAfter);

    if (status == 401) {
        r.error = TransportError::Unauthorized;
        r.message = withAdvice(
            tr("The credentials were refused by %1 (HTTP %2)%3.").arg(server, code, said),
            TransportError::Unauthorized);
    } else if (status == 403) {
        // Signed in, but not allowed: a new token would not help, so no
        // sign-in advice (401 is the sign-in problem).
        r.error = TransportError::Forbidden;
        r.message = tr("%1 refused this for your role (HTTP 403)%2.").arg(server, said);
    } else if (status == 429) {
        r.error = TransportError::RateLimited;
        r.message = r.retryAfter ? tr("Too many requests to %1 (HTTP 429); it asks to wait %2 s.")
                                       .arg(server, wholeSeconds(*r.retryAfter))
                                 : tr("Too many requests to %1 (HTTP 429).").arg(server);
    } else if (status >= 500) {
        r.error = TransportError::Server;
        r.message = tr("Server error from %1 (HTTP %2)%3.").arg(server, code, said);
    } else if (status == 408) {
        r.error = TransportError::Timeout;
        r.message = tr("The request to %1 timed out (HTTP 408).").arg(server);
    } else {
        r.error = TransportError::Client;
        r.message = tr("The request %1 %2 was refused by %3 (HTTP %4)%5.")
                        .arg(QString::fromLatin1(m_verb), m_url.path(), server, code, said);
    }
}

void HttpJob::finishAttempt(TransportResult result)
{
    if (!result.isTransient() || m_attempt >= allowedAttempts() || m_outOfTime) {
        finish(std::move(result));
        return;
    }
    const Backoff backoff = Backoff::fullJitter(m_options.backoffBase, m_options.backoffCap);
    const milliseconds delay = backoff.delay(m_attempt - 1, result.retryAfter);
    if (m_options.maxTotalTime
        && milliseconds(m_elapsed.elapsed()) + delay >= *m_options.maxTotalTime) {
        // The next try could not start within the time bound: report now.
        finish(std::move(result));
        return;
    }
    qCInfo(lcSync).noquote() << "retrying" << m_verb << m_url.path() << "in" << delay.count()
                             << "ms:" << result.message;
    Q_EMIT retrying(m_attempt + 1, delay.count(), result.message);
    m_retryTimer.start(delay);
}

void HttpJob::finish(TransportResult result)
{
    if (m_done)
        return;
    m_done = true;
    m_watchdog.stop();
    m_retryTimer.stop();
    m_deadline.stop();
    if (!result.ok())
        qCInfo(lcSync).noquote() << m_verb << m_url.path() << "failed after" << result.attempts
                                 << "attempt(s):" << result.message;
    deleteLater();
    report(result); // last: it may delete this job
}

QString HttpJob::timeoutMessage(milliseconds waited) const
{
    return tr("Waited %1 s for %2, which did not answer.").arg(wholeSeconds(waited), serverName());
}

QString HttpJob::withAdvice(const QString &message, TransportError error) const
{
    const QString what = advice(error);
    return what.isEmpty() ? message : message + u' ' + what;
}

} // namespace Escalation

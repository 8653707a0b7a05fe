#include "rtclient.h"

#include "backoff.h"
#include "synclogging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace Escalation {

// One logical request with its retries; a child of the caller's context, so
// it dies (and aborts its reply) with it.
class RtRequest final : public QObject {
    Q_OBJECT
public:
    RtRequest(RtClient *client, QByteArray verb, QUrl url, QByteArray json, RtClient::Callback done,
              int maxAttempts, QObject *context)
        : QObject(context)
        , m_client(client)
        , m_verb(std::move(verb))
        , m_url(std::move(url))
        , m_json(std::move(json))
        , m_done(std::move(done))
        , m_maxAttempts(maxAttempts)
        , m_retry(this)
    {
        m_retry.setSingleShot(true);
        connect(&m_retry, &QTimer::timeout, this, &RtRequest::send);
    }

    ~RtRequest() override
    {
        if (QNetworkReply *reply = m_reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }

    void send()
    {
        ++m_attempt;
        const RtSettings &s = m_client->m_settings;
        QNetworkRequest req(m_url);
        req.setTransferTimeout(int(s.transferTimeout.count()));
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
        req.setRawHeader("Accept", "application/json");
        if (s.auth == RtSettings::Auth::Token)
            req.setRawHeader("Authorization", "token " + s.secret.toUtf8());
        else
            req.setRawHeader("Authorization",
                             "Basic " + (s.user + u':' + s.secret).toUtf8().toBase64());
        if (!m_json.isNull())
            req.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        m_body.clear();
        m_tooLarge = false;
        QNetworkReply *reply = m_client->m_nam->sendCustomRequest(req, m_verb, m_json);
        m_reply = reply;
        connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
            m_body += reply->readAll();
            if (m_body.size() > m_client->m_settings.maxResponseBytes) {
                m_tooLarge = true;
                reply->abort();
            }
        });
        connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    }

private:
    void onFinished(QNetworkReply *reply)
    {
        reply->deleteLater();
        m_reply = nullptr;
        if (!m_tooLarge)
            m_body += reply->readAll();
        RtReply r;
        r.attempts = m_attempt;
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.serverDate =
            QDateTime::fromString(QString::fromLatin1(reply->rawHeader("Date")), Qt::RFC2822Date);
        if (const QByteArray after = reply->rawHeader("Retry-After"); !after.isEmpty()) {
            bool ok = false;
            const int secs = after.toInt(&ok);
            if (ok && secs >= 0)
                r.retryAfter = seconds(std::min(secs, 3600));
        }
        const QString host = m_url.host();
        bool retryable = false;
        if (m_tooLarge) {
            r.error = PortalError::TooLarge;
            r.message = tr("Request Tracker at %1 sent more than %2 MB.")
                            .arg(host)
                            .arg(m_client->m_settings.maxResponseBytes / (1024 * 1024));
        } else if (r.httpStatus == 0) {
            const bool timeout = reply->error() == QNetworkReply::OperationCanceledError
                || reply->error() == QNetworkReply::TimeoutError;
            const bool tls = reply->error() == QNetworkReply::SslHandshakeFailedError;
            r.error = tls ? PortalError::Tls
                : timeout ? PortalError::Timeout
                          : PortalError::Network;
            r.message = tls
                ? tr("The TLS certificate of Request Tracker at %1 is not trusted: %2")
                      .arg(host, reply->errorString())
                : tr("Request Tracker at %1 cannot be reached: %2").arg(host, reply->errorString());
            retryable = !tls;
        } else if (r.httpStatus == 401 || r.httpStatus == 403) {
            r.error = PortalError::Unauthorized;
            r.message = tr("Request Tracker at %1 refused the credentials (HTTP %2); check the "
                           "auth token or "
                           "password and the sync user's rights.")
                            .arg(host)
                            .arg(r.httpStatus);
            Q_EMIT m_client->unauthorized(r.message);
        } else if (r.httpStatus == 429) {
            r.error = PortalError::RateLimited;
            r.message = tr("Request Tracker at %1 asks to slow down (HTTP 429).").arg(host);
            retryable = true;
        } else if (r.httpStatus >= 500) {
            r.error = PortalError::Server;
            r.message = tr("Request Tracker at %1 failed (HTTP %2).").arg(host).arg(r.httpStatus);
            retryable = true;
        } else if (r.httpStatus >= 400) {
            r.error = PortalError::Client;
            r.message = tr("Request Tracker at %1 refused the request (HTTP %2): %3")
                            .arg(host)
                            .arg(r.httpStatus)
                            .arg(QString::fromUtf8(m_body.left(300)).simplified());
        }
        if (retryable && m_attempt < m_maxAttempts) {
            const RtSettings &s = m_client->m_settings;
            const Backoff backoff = Backoff::fullJitter(s.backoffBase, s.backoffCap);
            const milliseconds delay = backoff.delay(m_attempt - 1, r.retryAfter);
            qCDebug(lcSync).noquote() << "RT request" << m_url.path() << "failed:" << r.message
                                      << "- retry in" << delay.count() << "ms";
            m_retry.start(delay);
            return;
        }
        r.body = std::move(m_body);
        RtClient::Callback done = std::move(m_done);
        deleteLater();
        done(r);
    }

    RtClient *m_client;
    QByteArray m_verb;
    QUrl m_url;
    QByteArray m_json;
    RtClient::Callback m_done;
    int m_maxAttempts;
    int m_attempt = 0;
    QTimer m_retry;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    bool m_tooLarge = false;
};

RtClient::RtClient(RtSettings settings, QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam ? nam : new QNetworkAccessManager(this))
    , m_settings(std::move(settings))
{
}

RtClient::~RtClient() = default;

void RtClient::setSecret(const QString &secret)
{
    m_settings.secret = secret;
}

QUrl RtClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_settings.baseUrl;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + u"/REST/2.0"_s + path);
    url.setQuery(query);
    return url;
}

void RtClient::request(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                       const QByteArray &json, QObject *context, Callback done, int maxAttempts)
{
    const int attempts = maxAttempts > 0 ? maxAttempts : std::max(1, m_settings.maxAttempts);
    auto *r =
        new RtRequest(this, verb, urlFor(path, query), json, std::move(done), attempts, context);
    r->send();
}

} // namespace Escalation

#include "rtclient.moc"

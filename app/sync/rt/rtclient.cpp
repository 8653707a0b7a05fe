#include "rtclient.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

HttpJobOptions jobOptions(const RtSettings &s, int maxAttempts)
{
    HttpJobOptions o;
    o.transferTimeout = s.transferTimeout;
    o.maxAttempts = maxAttempts;
    o.maxResponseBytes = s.maxResponseBytes;
    o.backoffBase = s.backoffBase;
    o.backoffCap = s.backoffCap;
    return o;
}

} // namespace

// One REST 2 request with its retries; a child of the caller's context, so
// it dies (and aborts its reply) with it.
class RtRequest final : public HttpJob {
    Q_OBJECT
public:
    RtRequest(RtClient *client, QByteArray verb, QUrl url, QByteArray json, RtClient::Callback done,
              int maxAttempts, QObject *context)
        : HttpJob(client->m_nam, &client->m_retryAfter, std::move(verb), std::move(url),
                  std::move(json), jobOptions(client->m_settings, maxAttempts), context)
        , m_client(client)
        , m_done(std::move(done))
    {
        // The caller chooses the attempts per request: RT's searches are
        // POSTs that only read, its writes that are not idempotent pass 1.
        setRepeatable(true);
    }

private:
    void prepare(QNetworkRequest &request) const override
    {
        const RtSettings &s = m_client->m_settings;
        // RT installations commonly redirect to their canonical address
        // (http to https); Qt never follows one from https to http.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::NoLessSafeRedirectPolicy);
        if (s.auth == RtSettings::Auth::Token)
            request.setRawHeader("Authorization", "token " + s.secret.toUtf8());
        else
            request.setRawHeader("Authorization",
                                 "Basic " + (s.user + u':' + s.secret).toUtf8().toBase64());
    }

    QString serverName() const override { return tr("Request Tracker at %1").arg(url().host()); }

    QString errorDetail(const QByteArray &body) const override
    {
        return QString::fromUtf8(body.left(300)).simplified();
    }

    QString advice(TransportError error) const override
    {
        if (error != TransportError::Unauthorized)
            return {};
        return tr("Check the auth token or password and the sync user's rights.");
    }

    void report(const TransportResult &result) override
    {
        RtReply reply {
            result,
            QDateTime::fromString(QString::fromLatin1(result.header("Date")), Qt::RFC2822Date)};
        if (reply.error == TransportError::Unauthorized)
            Q_EMIT m_client->unauthorized(reply.message);
        const RtClient::Callback done = std::move(m_done);
        done(reply); // may delete the context, and this request with it
    }

    RtClient *m_client;
    RtClient::Callback m_done;
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
    const int attempts = maxAttempts > 0 ? maxAttempts : m_settings.maxAttempts;
    auto *job =
        new RtRequest(this, verb, urlFor(path, query), json, std::move(done), attempts, context);
    job->start();
}

} // namespace Escalation

#include "rtclient.moc"

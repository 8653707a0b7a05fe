#include "portalclient.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

HttpJobOptions jobOptions(const PortalSettings &s, const PortalRequestOptions &o)
{
    HttpJobOptions j;
    j.transferTimeout = o.transferTimeout.value_or(s.transferTimeout);
    j.maxAttempts = o.maxAttempts.value_or(s.maxAttempts);
    j.maxTotalTime = o.maxTotalTime.value_or(s.maxTotalTime);
    j.maxResponseBytes = s.maxResponseBytes;
    j.backoffBase = s.backoffBase;
    j.backoffCap = s.backoffCap;
    j.pinnedCertificateSha256 = s.pinnedCertificateSha256;
    return j;
}

} // namespace

// ---------------------------------------------------------------- PortalJob

PortalJob::PortalJob(PortalClient *client, QByteArray verb, const QString &path,
                     const QUrlQuery &query, QByteArray body,
                     QList<QPair<QByteArray, QByteArray>> headers,
                     const PortalRequestOptions &options)
    : HttpJob(client->m_nam, &client->m_retryAfter, std::move(verb), client->urlFor(path, query),
              std::move(body), jobOptions(client->settings(), options), client)
    , m_client(client)
    , m_headers(std::move(headers))
{
}

void PortalJob::prepare(QNetworkRequest &request) const
{
    // Read for every attempt: a token fixed meanwhile is used at once.
    if (!m_client->settings().token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_client->settings().token.toUtf8());
    for (const auto &[name, value] : m_headers)
        request.setRawHeader(name, value);
}

QString PortalJob::serverName() const
{
    return tr("the portal at %1")
        .arg(m_client->settings().baseUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath
                                                          | QUrl::RemoveQuery));
}

QString PortalJob::errorDetail(const QByteArray &body) const
{
    const std::optional<PortalErrorBody> error = parseErrorBody(body);
    if (!error)
        return {};
    return error->message.isEmpty() ? error->code : error->message;
}

QString PortalJob::advice(TransportError error) const
{
    switch (error) {
    case TransportError::Unauthorized:
        return tr("Set a valid token in Settings, or in the environment variable "
                  "ESCALATION_DESK_TOKEN for scripts.");
    case TransportError::Tls:
        return tr("If you have checked it with your administrator, set this fingerprint as the "
                  "pinned certificate in the portal settings.");
    default:
        return {};
    }
}

void PortalJob::report(const TransportResult &result)
{
    PortalResult r {result, result.header("ETag"), std::nullopt};
    if (!r.ok() && r.httpStatus > 0)
        r.errorBody = parseErrorBody(r.body);
    if (r.error == TransportError::Unauthorized)
        Q_EMIT m_client->unauthorized(r.message);
    Q_EMIT finished(r);
}

// ------------------------------------------------------------- PortalClient

PortalClient::PortalClient(PortalSettings settings, QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam ? nam : new QNetworkAccessManager(this))
    , m_settings(std::move(settings))
{
    qRegisterMetaType<Escalation::PortalResult>();
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
    QMetaObject::invokeMethod(job, &HttpJob::start, Qt::QueuedConnection);
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
    // The key makes the portal apply the action once, so a retry is safe.
    job->setRepeatable(!idempotencyKey.isEmpty());
    QMetaObject::invokeMethod(job, &HttpJob::start, Qt::QueuedConnection);
    return job;
}

std::chrono::milliseconds PortalClient::rateLimitRemaining() const
{
    return m_retryAfter.remaining();
}

} // namespace Escalation

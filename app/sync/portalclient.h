#pragma once

// The HTTP side of the portal contract (docs/portal-api.md). PortalClient
// holds the connection settings and hands out one PortalJob per logical
// request; retries, Retry-After, timeouts, the size bound, TLS and readable
// errors are the job base's (httpjob.h). No parsing of records here.

#include "httpjob.h"
#include "recordparser.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

namespace Escalation {

struct PortalSettings {
    QUrl baseUrl; // scheme://host:port[/prefix]; "/api/v1/..." is appended
    QString token; // bearer token; never logged
    QByteArray pinnedCertificateSha256; // hex, colons/spaces allowed; empty: system trust only
    std::chrono::milliseconds transferTimeout {std::chrono::seconds(30)}; // without progress
    int maxAttempts = 5; // per request, including the first
    std::chrono::milliseconds maxTotalTime {
        std::chrono::minutes(2)}; // per request, retries included
    qint64 maxResponseBytes = 16 * 1024 * 1024;
    std::chrono::milliseconds backoffBase {500};
    std::chrono::milliseconds backoffCap {std::chrono::seconds(30)};
};

// Overrides for one request (long polling waits longer; a push from the
// command line may want fewer attempts).
struct PortalRequestOptions {
    std::optional<std::chrono::milliseconds> transferTimeout;
    std::optional<int> maxAttempts;
    std::optional<std::chrono::milliseconds> maxTotalTime;
};

// A portal answer: the transport's result plus what the contract adds.
struct PortalResult : TransportResult {
    QByteArray etag;
    std::optional<PortalErrorBody> errorBody; // the contract's error object, if the body held one

    bool notModified() const { return ok() && httpStatus == 304; }
};

class PortalClient;

// One request to the portal: the bearer token, the contract's error body
// and ETag; the transport itself is HttpJob's.
class PortalJob final : public HttpJob {
    Q_OBJECT
Q_SIGNALS:
    void finished(const Escalation::PortalResult &result);

private:
    friend class PortalClient;
    PortalJob(PortalClient *client, QByteArray verb, const QString &path, const QUrlQuery &query,
              QByteArray body, QList<QPair<QByteArray, QByteArray>> headers,
              const PortalRequestOptions &options);

    void prepare(QNetworkRequest &request) const override;
    void report(const TransportResult &result) override;
    QString serverName() const override;
    QString errorDetail(const QByteArray &body) const override;
    QString advice(TransportError error) const override;

    PortalClient *m_client;
    QList<QPair<QByteArray, QByteArray>> m_headers;
};

class PortalClient final : public QObject {
    Q_OBJECT
public:
    // nam: the network layer to use (tests pass a fake); the client creates
    // its own when null. A passed nam must outlive the client.
    explicit PortalClient(PortalSettings settings, QNetworkAccessManager *nam = nullptr,
                          QObject *parent = nullptr);
    ~PortalClient() override;

    const PortalSettings &settings() const { return m_settings; }
    void setSettings(PortalSettings settings);
    void setToken(const QString &token);

    // path is relative to /api/v1, e.g. "/changes". The job starts on the
    // next turn of the event loop, so connect to it right away.
    PortalJob *get(const QString &path, const QUrlQuery &query = {}, const QByteArray &etag = {},
                   const PortalRequestOptions &options = {});
    PortalJob *postJson(const QString &path, const QByteArray &json,
                        const QByteArray &idempotencyKey, const PortalRequestOptions &options = {});

    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;

    // Waiting time the portal imposed with 429/503 Retry-After; every job
    // waits it out before its next request (the contract: "waits at least
    // that long before its next request to the portal").
    std::chrono::milliseconds rateLimitRemaining() const;

Q_SIGNALS:
    // Emitted for every 401 (not 403: that is a refused permission), so the UI
    // can ask for a token once, centrally.
    void unauthorized(const QString &message);

private:
    friend class PortalJob;
    QNetworkAccessManager *m_nam;
    PortalSettings m_settings;
    RetryAfterGate m_retryAfter;
};

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::PortalResult)

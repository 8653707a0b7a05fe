#pragma once

// The HTTP side of the portal contract (docs/portal-api.md). PortalClient
// holds the connection settings and hands out one PortalJob per logical
// request; the job owns its retries (full-jitter backoff honouring
// Retry-After), its timeouts, its size bound and its readable error, and
// deletes itself after it has reported. No parsing of records here.

#include "backoff.h"
#include "recordparser.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <optional>

class QNetworkAccessManager;
class QSslCertificate;
class QSslError;

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

enum class PortalError : quint8 {
    None, // 2xx or 304
    Network, // unreachable, refused, dropped mid-answer (transient)
    Timeout, // no progress within the transfer timeout (transient)
    Tls, // certificate not trusted or not the pinned one
    Unauthorized, // 401: the user must fix the token
    RateLimited, // 429 after the attempts ran out (transient)
    Server, // 5xx after the attempts ran out (transient)
    Client, // other 4xx (409 conflict, 422 rule, 404, 400): not retried
    TooLarge, // answer above the size bound
    Canceled, // abort() was called
};

struct PortalResult {
    PortalError error = PortalError::None;
    int httpStatus = 0; // 0 when no HTTP answer was received
    QByteArray body;
    QByteArray etag;
    QString message; // translated, for people; empty on success
    std::optional<PortalErrorBody> errorBody;
    std::optional<std::chrono::milliseconds> retryAfter;
    int attempts = 0;

    bool ok() const { return error == PortalError::None; }
    bool notModified() const { return ok() && httpStatus == 304; }
    // Worth trying again later (offline, portal down, rate limited).
    bool isTransient() const;
};

class PortalClient;

class PortalJob final : public QObject {
    Q_OBJECT
public:
    ~PortalJob() override;

    // Stops the current attempt and any pending retry; finished() reports Canceled.
    void abort();
    QString path() const { return m_path; }

Q_SIGNALS:
    void finished(const Escalation::PortalResult &result);
    // A retry is scheduled after the given delay; for status displays.
    void retrying(int nextAttempt, qint64 delayMs, const QString &reason);

private:
    friend class PortalClient;
    PortalJob(PortalClient *client, QByteArray verb, QString path, QUrlQuery query, QByteArray body,
              QList<QPair<QByteArray, QByteArray>> headers, const PortalRequestOptions &options);

    void start();
    void sendAttempt();
    void onReadyRead();
    void onReplyFinished();
    void onSslErrors(const QList<QSslError> &errors);
    void finishAttempt(PortalResult result, bool retryable);
    void finish(PortalResult result);
    QString hostForMessages() const;

    PortalClient *m_client;
    QByteArray m_verb;
    QString m_path;
    QUrlQuery m_query;
    QByteArray m_payload;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    std::chrono::milliseconds m_transferTimeout;
    int m_maxAttempts;
    std::chrono::milliseconds m_maxTotalTime;

    QPointer<QNetworkReply> m_reply;
    QByteArray m_received;
    QTimer m_watchdog; // no progress for transferTimeout → timeout
    QTimer m_retryTimer;
    QTimer m_deadline; // the whole job, retries included
    QElapsedTimer m_elapsed;
    int m_attempt = 0;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    bool m_canceled = false;
    bool m_done = false;
    QString m_tlsMessage;
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

    // Hex SHA-256 with colons ("AB:CD:..."), as shown to people.
    static QString fingerprint(const QSslCertificate &certificate);
    // Normalises a configured pin (any case, with or without colons/spaces);
    // empty when it is not 64 hex digits.
    static QByteArray normalizePin(const QByteArray &pin);
    static bool matchesPin(const QSslCertificate &certificate, const QByteArray &pin);

    // Waiting time the portal imposed with 429/503 Retry-After; every job
    // waits it out before its next request (the contract: "waits at least
    // that long before its next request to the portal").
    std::chrono::milliseconds rateLimitRemaining() const;

Q_SIGNALS:
    // Emitted for every 401, so the UI can ask for a token once, centrally.
    void unauthorized(const QString &message);

private:
    friend class PortalJob;
    void noteRetryAfter(std::chrono::milliseconds delay);
    QNetworkAccessManager *m_nam;
    PortalSettings m_settings;
    QElapsedTimer m_clock;
    qint64 m_notBeforeMs = 0; // on m_clock
};

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::PortalResult)

#pragma once

// One request to a backend's HTTP API with its retries: the base of every
// request the sync clients send (PortalJob for the portal, RtRequest for
// Request Tracker). It owns one QNetworkReply at a time and applies the same
// rules to every backend: a transfer timeout without progress, an optional
// bound on the whole job, a response size cap, certificate pinning, retries
// of repeatable requests with full-jitter backoff that honour Retry-After,
// status codes mapped onto TransportError with a readable, translated
// message. It reports once through report() and then deletes itself.
// Subclasses add only what is their backend's: headers, the server's name
// in messages, what an error body says, what a result carries besides.

#include "transport.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QSslError;

namespace Escalation {

// What one job may spend and trust; clients fill it from their settings.
struct HttpJobOptions {
    std::chrono::milliseconds transferTimeout {std::chrono::seconds(30)}; // without progress
    int maxAttempts = 1; // including the first; only repeatable requests retry
    std::optional<std::chrono::milliseconds> maxTotalTime; // retries included; none: no bound
    qint64 maxResponseBytes = 16 * 1024 * 1024;
    std::chrono::milliseconds backoffBase {500};
    std::chrono::milliseconds backoffCap {std::chrono::seconds(30)};
    QByteArray pinnedCertificateSha256; // hex (certificatepin.h); empty: system trust only
};

// The earliest time the next request to one server may start: a Retry-After
// the server gave with a 429 or 503 holds for every job of the client that
// owns the gate, not only for the job that received it.
class RetryAfterGate final {
public:
    RetryAfterGate();
    std::chrono::milliseconds remaining() const;
    void holdFor(std::chrono::milliseconds delay);

private:
    QElapsedTimer m_clock;
    qint64 m_notBeforeMs = 0; // on m_clock
};

class HttpJob : public QObject {
    Q_OBJECT
public:
    ~HttpJob() override;

    // Sends the first attempt. A client that hands the job to a caller
    // starts it on the next turn of the event loop, so the caller can
    // connect first.
    void start();
    // Stops the current attempt and any pending retry; reports Canceled.
    void abort();

    QByteArray verb() const { return m_verb; }
    QUrl url() const { return m_url; }

Q_SIGNALS:
    // A retry is scheduled after the given delay; for status displays.
    void retrying(int nextAttempt, qint64 delayMs, const QString &reason);

protected:
    // body: null for none. nam and gate (null: none) must outlive the job.
    HttpJob(QNetworkAccessManager *nam, RetryAfterGate *gate, QByteArray verb, QUrl url,
            QByteArray body, HttpJobOptions options, QObject *parent);

    // GET, HEAD, PUT, DELETE and OPTIONS are repeatable; a POST only when the
    // server applies it once (an idempotency key) or it merely reads.
    void setRepeatable(bool repeatable) { m_repeatable = repeatable; }

    // The backend's own headers (credentials, conditions, idempotency keys),
    // added to every attempt after the common ones.
    virtual void prepare(QNetworkRequest &request) const = 0;
    // The final result, exactly once. The job is already scheduled for
    // deletion: a subclass may hand the result on and may be deleted by it.
    virtual void report(const TransportResult &result) = 0;
    // How messages name the server, e.g. "the portal at https://…".
    virtual QString serverName() const = 0;
    // The server's own explanation in an error body, for messages; empty if none.
    virtual QString errorDetail(const QByteArray &body) const;
    // What the user can do about an Unauthorized or an untrusted-certificate
    // (Tls) error, as a sentence; empty if nothing.
    virtual QString advice(TransportError error) const;

private:
    void sendAttempt();
    void onReadyRead();
    void onMetaDataChanged();
    void onSslErrors(const QList<QSslError> &errors);
    void onReplyFinished();
    void onDeadline();
    // Classifies a complete HTTP answer (no network error before it).
    void classifyAnswer(TransportResult &result);
    void finishAttempt(TransportResult result);
    void finish(TransportResult result);
    QString timeoutMessage(std::chrono::milliseconds waited) const;
    QString withAdvice(const QString &message, TransportError error) const;
    int allowedAttempts() const;

    QNetworkAccessManager *m_nam;
    RetryAfterGate *m_gate;
    QByteArray m_verb;
    QUrl m_url;
    QByteArray m_payload;
    HttpJobOptions m_options;
    bool m_repeatable;

    QPointer<QNetworkReply> m_reply;
    QByteArray m_received;
    QTimer m_watchdog; // no progress for transferTimeout → timeout
    QTimer m_retryTimer;
    QTimer m_deadline; // the whole job, retries included
    QElapsedTimer m_elapsed;
    int m_attempt = 0;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    bool m_outOfTime = false;
    bool m_canceled = false;
    bool m_done = false;
    QString m_tlsMessage;
};

} // namespace Escalation

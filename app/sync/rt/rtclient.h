#pragma once

// The HTTP side of Request Tracker's REST 2 API: the base URL and the
// credentials (an RT auth token, "Authorization: token ...", or basic auth).
// Timeouts, the size bound, retries and readable errors are the job base's
// (httpjob.h), in the same categories as for the native portal. Answers
// reach a callback bound to a context object: when the context goes away,
// the request is aborted and nothing is called.

#include "httpjob.h"
#include "rtsettings.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;

namespace Escalation {

struct RtReply : TransportResult {
    QDateTime serverDate; // the HTTP Date header: RT's clock
};

class RtClient final : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const RtReply &)>;

    // nam: the network layer (tests may pass their own); created when null.
    explicit RtClient(RtSettings settings, QNetworkAccessManager *nam = nullptr,
                      QObject *parent = nullptr);
    ~RtClient() override;

    const RtSettings &settings() const { return m_settings; }
    void setSecret(const QString &secret);

    // path is relative to /REST/2.0, e.g. "/tickets". maxAttempts 0: the
    // settings' default; writes that are not idempotent pass 1.
    void request(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                 const QByteArray &json, QObject *context, Callback done, int maxAttempts = 0);
    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;

Q_SIGNALS:
    void unauthorized(const QString &message);

private:
    friend class RtRequest;
    QNetworkAccessManager *m_nam;
    RtSettings m_settings;
    RetryAfterGate m_retryAfter;
};

} // namespace Escalation

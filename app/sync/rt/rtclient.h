#pragma once

// The HTTP side of Request Tracker's REST 2 API: the base URL, the
// credentials (an RT auth token, "Authorization: token ...", or basic auth),
// timeouts, a size bound, retries with full-jitter backoff for the requests
// that are safe to repeat, and readable errors in the same categories as the
// native portal client. Answers reach a callback bound to a context object:
// when the context goes away, the request is aborted and nothing is called.

#include "portalclient.h"
#include "rtsettings.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QUrlQuery>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace Escalation {

struct RtReply {
    PortalError error = PortalError::None;
    int httpStatus = 0;
    QByteArray body;
    QDateTime serverDate; // the HTTP Date header: RT's clock
    QString message; // translated, for people; empty on success
    std::optional<std::chrono::milliseconds> retryAfter;
    int attempts = 0;
    bool ok() const { return error == PortalError::None; }
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
};

} // namespace Escalation

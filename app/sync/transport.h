#pragma once

// How a request to a backend ended, whichever client sent it: the error
// categories the sync engine, the outbox and the UI act on, and the HTTP
// answer behind them. Connectors and their callers include this header, not
// a particular client; HttpJob (httpjob.h) produces these results.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <chrono>
#include <optional>

namespace Escalation {

enum class TransportError : quint8 {
    None, // 2xx or 304
    Network, // unreachable, refused, dropped mid-answer (transient)
    Timeout, // no progress within the transfer timeout (transient)
    Tls, // certificate not trusted or not the pinned one
    Unauthorized, // 401: a sign-in problem, the user must fix the credentials
    Forbidden, // 403: signed in, but the user's role may not do this: never retried
    RateLimited, // 429 after the attempts ran out (transient)
    Server, // 5xx after the attempts ran out (transient)
    Client, // other 4xx (409 conflict, 422 rule, 404, 400): not retried
    TooLarge, // answer above the size bound
    Canceled, // abort() was called
};

// Worth trying again later (offline, server down, rate limited).
bool isTransient(TransportError error);

struct TransportResult {
    TransportError error = TransportError::None;
    int httpStatus = 0; // 0 when no HTTP answer was received
    QByteArray body; // an error answer's body is cut to 64 KiB: it is for messages only
    QString message; // translated, for people; empty on success
    std::optional<std::chrono::milliseconds> retryAfter;
    int attempts = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // of the last HTTP answer

    bool ok() const { return error == TransportError::None; }
    bool isTransient() const { return Escalation::isTransient(error); }
    // A header of the last answer by name, in any case; empty when absent.
    QByteArray header(QByteArrayView name) const;
};

} // namespace Escalation

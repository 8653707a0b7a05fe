#pragma once

// Who a request comes from, for the sign-in throttle and the audit log.
// Directly, that is the connection's peer. Behind a reverse proxy every
// peer is the proxy, so one client's failed sign-ins would throttle all of
// them; for peers named as trusted proxies (--trusted-proxy) the client is
// taken from X-Forwarded-For instead: the rightmost address in it that is
// not itself a trusted proxy (what the proxies appended; anything to its
// left was written by the client and may be forged). X-Forwarded-For from
// any other peer is ignored.

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

class QHttpServerRequest;

namespace Escalation::Portal {

class ClientAddress final {
public:
    // A comma list of addresses or subnets ("127.0.0.1, 10.0.0.0/24");
    // false with the reason when an entry is neither.
    bool setTrustedProxies(const QString &list, QString *error);
    bool hasTrustedProxies() const { return !m_trusted.isEmpty(); }

    QString of(const QHttpServerRequest &request) const;
    // The same from a peer and its X-Forwarded-For header value.
    QString of(const QHostAddress &peer, const QByteArray &forwardedFor) const;

private:
    bool isTrusted(const QHostAddress &address) const;

    QList<QPair<QHostAddress, int>> m_trusted;
};

} // namespace Escalation::Portal

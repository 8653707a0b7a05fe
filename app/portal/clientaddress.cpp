#include "clientaddress.h"

#include <QCoreApplication>
#include <QHttpServerRequest>

#include <algorithm>

namespace Escalation::Portal {

namespace {

// "::ffff:127.0.0.1" and "127.0.0.1" are one client.
QHostAddress normalized(QHostAddress address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

bool ClientAddress::setTrustedProxies(const QString &list, QString *error)
{
    QList<QPair<QHostAddress, int>> trusted;
    for (const QString &entry : list.split(u',', Qt::SkipEmptyParts)) {
        const QString text = entry.trimmed();
        QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(text);
        if (subnet.first.isNull() && !text.contains(u'/')) {
            const QHostAddress single(text);
            if (!single.isNull())
                subnet = {single, single.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
        }
        if (subnet.first.isNull()) {
            *error = QCoreApplication::translate("Escalation::Portal",
                                                 "%1 is not an address or a subnet")
                         .arg(text);
            return false;
        }
        trusted.append({normalized(subnet.first), subnet.second});
    }
    m_trusted = trusted;
    return true;
}

bool ClientAddress::isTrusted(const QHostAddress &address) const
{
    return std::any_of(
        m_trusted.cbegin(), m_trusted.cend(),
        [&address](const QPair<QHostAddress, int> &subnet) { return address.isInSubnet(subnet); });
}

QString ClientAddress::of(const QHttpServerRequest &request) const
{
    if (m_trusted.isEmpty())
        return normalized(request.remoteAddress()).toString();
    // Several X-Forwarded-For headers are one list, in order.
    QByteArray forwardedFor;
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("X-Forwarded-For", Qt::CaseInsensitive) == 0)
            forwardedFor += (forwardedFor.isEmpty() ? "" : ",") + value;
    }
    return of(request.remoteAddress(), forwardedFor);
}

QString ClientAddress::of(const QHostAddress &peer, const QByteArray &forwardedFor) const
{
    QHostAddress client = normalized(peer);
    if (!isTrusted(client))
        return client.toString();
    // From the right: each hop a trusted proxy appended, until the first
    // address no trusted proxy stands for.
    const QList<QByteArray> hops = forwardedFor.split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress address(QString::fromLatin1(hop->trimmed()));
        if (address.isNull())
            break; // not an address: trust nothing further left
        client = normalized(address);
        if (!isTrusted(client))
            break;
    }
    return client.toString();
}

} // namespace Escalation::Portal

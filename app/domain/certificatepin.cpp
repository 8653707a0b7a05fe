#include "certificatepin.h"

#include <QChar>
#include <QStringList>

namespace Escalation::CertificatePin {

QByteArray normalized(const QByteArray &text)
{
    QByteArray hex;
    for (char c : text) {
        if (c == ':' || c == ' ' || c == '\t')
            continue;
        hex.append(char(QChar::fromLatin1(c).toLower().toLatin1()));
    }
    if (hex.size() != 64)
        return {};
    for (char c : std::as_const(hex)) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return {};
    }
    return hex;
}

QByteArray normalized(const QString &text)
{
    return normalized(text.trimmed().toLatin1());
}

QString displayed(const QByteArray &normalizedHex)
{
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < normalizedHex.size(); i += 2)
        pairs << QString::fromLatin1(normalizedHex.mid(i, 2)).toUpper();
    return pairs.join(QLatin1Char(':'));
}

} // namespace Escalation::CertificatePin

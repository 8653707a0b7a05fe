#pragma once

// A certificate pin (docs/security.md): one certificate trusted by its
// SHA-256 fingerprint, for a server the system's authorities do not vouch
// for. As people type it (colons or spaces between the pairs, any case) and
// as it is stored and compared: 64 lower-case hex digits. One parser for the
// settings dialog, the settings file, the environment and the HTTP
// transport, which accepts certificate errors only for the pinned one.

#include <QByteArray>
#include <QString>

namespace Escalation::CertificatePin {

// 64 lower-case hex digits, or empty when text is no SHA-256 fingerprint.
QByteArray normalized(const QByteArray &text);
QByteArray normalized(const QString &text);
// "AB:CD:…", the way fingerprints are shown to and compared by people.
QString displayed(const QByteArray &normalizedHex);

} // namespace Escalation::CertificatePin

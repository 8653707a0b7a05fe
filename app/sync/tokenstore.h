#pragma once

// Where the portal's bearer token lives: the system keychain (QtKeychain:
// Secret Service / KWallet, macOS Keychain, Windows Credential Store), or,
// for scripts and headless machines, the environment variable
// ESCALATION_DESK_TOKEN. Nothing else: no settings file, no command-line
// argument, no plain-text fallback (docs/security.md).

#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>

namespace Escalation {

enum class TokenSource : quint8 { None, Environment, Keychain };

struct TokenLookup {
    QString token;
    TokenSource source = TokenSource::None;
    QString error; // translated; says how to provide a token when none was found

    bool found() const { return !token.isEmpty(); }
};

class TokenStore final : public QObject {
    Q_OBJECT
public:
    // key: one token per portal; see keyForPortal().
    explicit TokenStore(QString key, QObject *parent = nullptr);

    static QString serviceName(); // "Escalation Desk"
    static QString environmentVariable(); // "ESCALATION_DESK_TOKEN"
    static QString keyForPortal(const QUrl &portal);

    // The environment variable wins when it is set: a script that sets it
    // means it. Otherwise the keychain is asked. Emits tokenRead.
    void read();
    // Stores in the keychain only; fails (written(false, ...)) when there is
    // no keychain rather than falling back to a file.
    void write(const QString &token);
    void remove();

    // For the command line: read() with a local event loop and a time bound.
    TokenLookup readBlocking(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    static TokenLookup fromEnvironment();

Q_SIGNALS:
    void tokenRead(const Escalation::TokenLookup &lookup);
    void written(bool ok, const QString &error);
    void removed(bool ok, const QString &error);

private:
    QString m_key;
};

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::TokenLookup)

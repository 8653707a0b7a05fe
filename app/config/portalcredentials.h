#pragma once

// The access token of one backend address (the portal's bearer token, or
// Request Tracker's token or password). It comes from the environment
// variable ESCALATION_DESK_TOKEN when that is set, else from the system
// keychain through TokenStore; it is stored and removed in the keychain
// only, never in a settings file (docs/security.md). The desk and the
// command line read it here, the settings dialog checks, stores and removes
// it here without ever being handed the stored token.

#include <tokenstore.h>

#include <QObject>
#include <QUrl>

namespace Escalation {

class PortalCredentials final : public QObject {
    Q_OBJECT
public:
    explicit PortalCredentials(const QUrl &backend, QObject *parent = nullptr);

    static QString environmentVariable(); // "ESCALATION_DESK_TOKEN"

    // Emits tokenRead and sourceRead.
    void read();
    // For the command line: read() with a local event loop and a time bound.
    TokenLookup readBlocking();
    // Keychain only; fails (stored(false, ...)) rather than write elsewhere.
    void store(const QString &token);
    void remove();

Q_SIGNALS:
    // The token, or why there is none (error, translated).
    void tokenRead(const Escalation::TokenLookup &lookup);
    // The same answer without the token, for displays such as the settings
    // dialog: where it comes from, or why there is none.
    void sourceRead(Escalation::TokenSource source, const QString &error);
    void stored(bool ok, const QString &error);
    void removed(bool ok, const QString &error);

private:
    TokenStore *m_store;
};

} // namespace Escalation

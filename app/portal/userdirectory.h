#pragma once

// The portal's users (docs/portal-api.md, "Users, roles and permissions"):
// display name, role and team, and one bearer token each. A token is shown
// once when it is issued; the database keeps only its SHA-256 hash, so a
// copy of the file signs nobody in. Works on the users table of the
// portal's SQLite file through its own connection, so the user commands
// and a running server can share the file.

#include "permissions.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Escalation::Portal {

struct UserRecord {
    UserIdentity identity;
    bool revoked = false;
    bool hasToken = false;
};

struct IssuedToken {
    UserIdentity user;
    QString token; // shown once, never stored
};

class UserDirectory final {
public:
    // connectionName: opened with PortalDatabase::openConnection().
    explicit UserDirectory(QString connectionName);

    // "esk_" + 32 random bytes, base64url without padding.
    static QString newToken();
    static QByteArray hashOf(QByteArrayView token);

    // A new user with a fresh token, or nullopt with *error set.
    std::optional<IssuedToken> add(const QString &name, UserRole role, const QString &team,
                                   QString *error);
    // A user without a token: the seeded demo users until their tokens are issued.
    std::optional<UserIdentity> addWithoutToken(const QString &name, UserRole role,
                                                const QString &team, QString *error);
    std::optional<QList<UserRecord>> list(QString *error) const;
    std::optional<UserRecord> find(const QString &id, QString *error) const;
    bool revoke(const QString &id, QString *error);
    // A new token for an active user; the old one stops working.
    std::optional<QString> rotate(const QString &id, QString *error);
    // Gives a user that has no token yet this one (a restarted demo portal
    // keeping its clients signed in); false if the user has one already.
    bool adoptToken(const QString &id, const QString &token, QString *error);
    bool hasTokenHash(const QString &id, const QByteArray &hash) const;

    // The active user a token belongs to.
    std::optional<UserIdentity> authenticate(QByteArrayView token) const;
    std::optional<UserIdentity> userWithHash(const QByteArray &hash) const;
    // Whether the last lookup found nothing because the database could not
    // be asked (a database server restarting), not because of the token.
    bool lastLookupFailed() const { return m_lookupFailed; }

    // Changes whenever another connection (another process included) has
    // committed to the database: the cue to look at held long polls again;
    // -1 when the database cannot say now.
    qint64 dataVersion() const;

private:
    bool setHash(const QString &id, const QByteArray &hash, bool onlyIfNone, QString *error);
    QString m_connectionName;
    mutable bool m_lookupFailed = false;
};

} // namespace Escalation::Portal

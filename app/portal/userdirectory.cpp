#include "userdirectory.h"

#include "portaldatabase.h"

#include "portaljson.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <limits>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

constexpr qsizetype tokenBytes = 32;

QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::Portal", text);
}

QString nowText()
{
    return QString::fromLatin1(
        Json::instant(QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC)));
}

bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    // No early exit: the time taken does not tell how much of a guess was right.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
    return diff == 0;
}

std::optional<UserRecord> recordOf(const QSqlQuery &q)
{
    const auto role = userRoleFromCode(q.value(2).toString());
    if (!role)
        return std::nullopt;
    UserRecord r;
    r.identity =
        UserIdentity {q.value(0).toString(), q.value(1).toString(), *role, q.value(3).toString()};
    r.revoked = !q.value(4).isNull();
    r.hasToken = !q.value(5).isNull();
    return r;
}

} // namespace

UserDirectory::UserDirectory(QString connectionName)
    : m_connectionName(std::move(connectionName))
{
}

QString UserDirectory::newToken()
{
    QByteArray bytes(tokenBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return u"esk_"_s
        + QString::fromLatin1(
               bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray UserDirectory::hashOf(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

std::optional<UserIdentity> UserDirectory::addWithoutToken(const QString &name, UserRole role,
                                                           const QString &team, QString *error)
{
    if (name.trimmed().isEmpty()) {
        *error = tr("a user needs a name");
        return std::nullopt;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // The next id and the insert in one write transaction: another process
    // adding a user at the same time waits rather than takes the same id.
    QSqlQuery q(db);
    if (!PortalDatabase::beginExclusive(db, error))
        return std::nullopt;
    UserIdentity user {{}, name.trimmed(), role, team.trimmed()};
    bool ok = q.exec(u"SELECT COALESCE(MAX(CAST(substr(id, 3) AS INTEGER)), 0) + 1 FROM users"_s)
        && q.next();
    if (ok) {
        user.id = u"u-"_s + QString::number(q.value(0).toLongLong());
        q.finish();
        ok = q.prepare(
            u"INSERT INTO users (id, name, role, team, created_at) VALUES (?, ?, ?, COALESCE(?, ''), ?)"_s);
        q.addBindValue(user.id);
        q.addBindValue(user.name);
        q.addBindValue(toCode(role));
        q.addBindValue(user.team);
        q.addBindValue(nowText());
        ok = ok && q.exec();
    }
    if (!ok) {
        *error = q.lastError().text();
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        return std::nullopt;
    }
    if (!QSqlQuery(db).exec(u"COMMIT"_s)) {
        *error = db.lastError().text();
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        return std::nullopt;
    }
    return user;
}

std::optional<IssuedToken> UserDirectory::add(const QString &name, UserRole role,
                                              const QString &team, QString *error)
{
    const auto user = addWithoutToken(name, role, team, error);
    if (!user)
        return std::nullopt;
    const QString token = newToken();
    if (!setHash(user->id, hashOf(token.toLatin1()), false, error))
        return std::nullopt;
    return IssuedToken {*user, token};
}

std::optional<QList<UserRecord>> UserDirectory::list(QString *error) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(u"SELECT id, name, role, team, revoked_at, token_hash FROM users"
                " ORDER BY CAST(substr(id, 3) AS INTEGER)"_s)) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    QList<UserRecord> out;
    while (q.next()) {
        if (const auto r = recordOf(q))
            out.append(*r);
    }
    return out;
}

std::optional<UserRecord> UserDirectory::find(const QString &id, QString *error) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT id, name, role, team, revoked_at, token_hash FROM users WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    if (q.next()) {
        if (auto r = recordOf(q))
            return r;
    }
    *error = tr("there is no user %1").arg(id);
    return std::nullopt;
}

bool UserDirectory::revoke(const QString &id, QString *error)
{
    const auto user = find(id, error);
    if (!user)
        return false;
    if (user->revoked)
        return true; // already done: revoking twice is not an error
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"UPDATE users SET revoked_at = ?, token_hash = NULL WHERE id = ?"_s);
    q.addBindValue(nowText());
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

std::optional<QString> UserDirectory::rotate(const QString &id, QString *error)
{
    const auto user = find(id, error);
    if (!user)
        return std::nullopt;
    if (user->revoked) {
        *error = tr("user %1 is revoked; add a new user instead").arg(id);
        return std::nullopt;
    }
    const QString token = newToken();
    if (!setHash(id, hashOf(token.toLatin1()), false, error))
        return std::nullopt;
    return token;
}

bool UserDirectory::adoptToken(const QString &id, const QString &token, QString *error)
{
    return setHash(id, hashOf(token.toUtf8()), true, error);
}

bool UserDirectory::hasTokenHash(const QString &id, const QByteArray &hash) const
{
    const auto user = userWithHash(hash);
    return user && user->id == id;
}

bool UserDirectory::setHash(const QString &id, const QByteArray &hash, bool onlyIfNone,
                            QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(onlyIfNone
                  ? u"UPDATE users SET token_hash = ? WHERE id = ? AND revoked_at IS NULL"
                    " AND token_hash IS NULL"_s
                  : u"UPDATE users SET token_hash = ? WHERE id = ? AND revoked_at IS NULL"_s);
    q.addBindValue(hash);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    if (q.numRowsAffected() != 1) {
        *error = tr("user %1 was not given a token").arg(id);
        return false;
    }
    return true;
}

std::optional<UserIdentity> UserDirectory::authenticate(QByteArrayView token) const
{
    m_lookupFailed = false;
    if (token.isEmpty())
        return std::nullopt;
    return userWithHash(hashOf(token));
}

std::optional<UserIdentity> UserDirectory::userWithHash(const QByteArray &hash) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    std::optional<QSqlQuery> found;
    const auto lookUp = [&] {
        found.emplace(db); // a fresh query: a reconnect ends the old ones
        found->prepare(u"SELECT id, name, role, team, revoked_at, token_hash FROM users"
                       " WHERE token_hash = ? AND revoked_at IS NULL"_s);
        found->addBindValue(hash);
        return found->exec();
    };
    // A database server that restarted meanwhile is connected to again.
    m_lookupFailed = !lookUp() && !(PortalDatabase::reconnectIfLost(db) && lookUp());
    if (m_lookupFailed)
        return std::nullopt;
    QSqlQuery &q = *found;
    if (!q.next())
        return std::nullopt;
    // Found by its hash; compared again without an early exit all the same.
    if (!sameBytes(q.value(5).toByteArray(), hash))
        return std::nullopt;
    const auto r = recordOf(q);
    return r ? std::optional(r->identity) : std::nullopt;
}

qint64 UserDirectory::dataVersion() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!PortalDatabase::isPostgres(db)) {
        QSqlQuery q(db);
        return q.exec(u"PRAGMA data_version"_s) && q.next() ? q.value(0).toLongLong() : -1;
    }
    // PostgreSQL keeps no such counter: a digest of what decides who may
    // sign in (ids, token hashes, revocations) changes when any of it does.
    const auto digest = [&db]() -> qint64 {
        QSqlQuery q(db);
        if (!q.exec(u"SELECT COUNT(*), COALESCE(SUM(hashtext(id || ':' || "
                    u"COALESCE(encode(token_hash, 'hex'), '') || ':' || COALESCE(revoked_at, "
                    u"''))), 0) FROM users"_s)
            || !q.next())
            return -1;
        // Never negative: -1 means "cannot say".
        return ((q.value(0).toLongLong() << 40) ^ q.value(1).toLongLong())
            & std::numeric_limits<qint64>::max();
    };
    const qint64 version = digest();
    return version >= 0 || !PortalDatabase::reconnectIfLost(db) ? version : digest();
}

} // namespace Escalation::Portal

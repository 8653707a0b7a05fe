#include "auditlog.h"

#include "portaldatabase.h"

#include "portaljson.h"
#include "portallog.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

const QString genesis = QString(64, u'0');

QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::Portal", text);
}

QVariant nullable(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

AuditEntry entryOf(const QSqlQuery &q)
{
    AuditEntry e;
    e.seq = q.value(0).toLongLong();
    e.at = q.value(1).toString();
    e.userId = q.value(2).toString();
    e.userName = q.value(3).toString();
    e.action = q.value(4).toString();
    e.target = q.value(5).toString();
    e.result = q.value(6).toString();
    e.idempotencyKey = q.value(7).toString();
    e.address = q.value(8).toString();
    e.prevHash = q.value(9).toString();
    e.hash = q.value(10).toString();
    return e;
}

const QString selectColumns = u"SELECT seq, at, user_id, user_name, action, target, result,"
                              " idempotency_key, address, prev_hash, hash FROM audit "_s;

} // namespace

QJsonObject AuditEntry::toJson() const
{
    return QJsonObject {
        {u"seq"_s, seq},
        {u"at"_s, at},
        {u"user"_s,
         userId.isEmpty() ? QJsonValue(QJsonValue::Null)
                          : QJsonValue(QJsonObject {{u"id"_s, userId}, {u"name"_s, userName}})},
        {u"action"_s, action},
        {u"target"_s, target},
        {u"result"_s, result},
        {u"idempotencyKey"_s, idempotencyKey},
        {u"address"_s, address},
        {u"prevHash"_s, prevHash},
        {u"hash"_s, hash},
    };
}

AuditLog::AuditLog(QString connectionName)
    : m_connectionName(std::move(connectionName))
{
}

QByteArray AuditLog::canonical(const AuditEntry &e)
{
    // A JSON array: every field delimited and escaped, one fixed order.
    const QJsonArray fields {e.seq,    e.at,     e.userId,         e.userName, e.action,
                             e.target, e.result, e.idempotencyKey, e.address};
    return QJsonDocument(fields).toJson(QJsonDocument::Compact);
}

QString AuditLog::chainHash(const QString &prevHash, const AuditEntry &entry)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(prevHash.toLatin1());
    hash.addData(canonical(entry));
    return QString::fromLatin1(hash.result().toHex());
}

bool AuditLog::append(AuditEntry entry)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    // The previous hash and the new row in one write transaction: a user
    // command appending from another process cannot fork the chain.
    if (QString error; !PortalDatabase::beginExclusive(db, &error)) {
        qCWarning(lcPortal) << "audit log:" << error;
        return false;
    }
    const auto fail = [&] {
        qCWarning(lcPortal) << "audit log:" << q.lastError().text();
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        return false;
    };
    if (!q.exec(u"SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"_s))
        return fail();
    entry.seq = 1;
    entry.prevHash = genesis;
    if (q.next()) {
        entry.seq = q.value(0).toLongLong() + 1;
        entry.prevHash = q.value(1).toString();
    }
    q.finish();
    if (entry.at.isEmpty())
        entry.at = QString::fromLatin1(Json::instant(QDateTime::currentDateTimeUtc()));
    entry.hash = chainHash(entry.prevHash, entry);
    q.prepare(u"INSERT INTO audit (seq, at, user_id, user_name, action, target, result,"
              " idempotency_key, address, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)"_s);
    q.addBindValue(entry.seq);
    q.addBindValue(entry.at);
    q.addBindValue(nullable(entry.userId));
    q.addBindValue(nullable(entry.userName));
    q.addBindValue(entry.action);
    q.addBindValue(entry.target);
    q.addBindValue(entry.result);
    q.addBindValue(nullable(entry.idempotencyKey));
    q.addBindValue(entry.address);
    q.addBindValue(entry.prevHash);
    q.addBindValue(entry.hash);
    if (!q.exec())
        return fail();
    q.prepare(u"INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE "
              u"SET value = excluded.value"_s);
    q.addBindValue(QString(QString::number(entry.seq) + u':' + entry.hash));
    if (!q.exec() || !q.exec(u"COMMIT"_s))
        return fail();
    return true;
}

QList<AuditEntry> AuditLog::page(qint64 after, int limit, bool *more) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(selectColumns + u"WHERE seq > ? ORDER BY seq LIMIT ?"_s);
    q.addBindValue(after);
    q.addBindValue(limit + 1);
    QList<AuditEntry> out;
    if (!q.exec())
        return out;
    while (q.next())
        out.append(entryOf(q));
    *more = out.size() > limit;
    if (*more)
        out.removeLast();
    return out;
}

AuditVerdict AuditLog::verify() const
{
    AuditVerdict verdict;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(selectColumns + u"ORDER BY seq"_s)) {
        verdict.message = q.lastError().text();
        return verdict;
    }
    qint64 expectedSeq = 1;
    QString prevHash = genesis;
    const auto broken = [&](qint64 seq, const QString &message) {
        verdict.firstBadSeq = seq;
        verdict.message = message;
        return verdict;
    };
    while (q.next()) {
        const AuditEntry e = entryOf(q);
        if (e.seq != expectedSeq)
            return broken(expectedSeq, tr("audit entry %1 was removed").arg(expectedSeq));
        if (e.prevHash != prevHash || chainHash(prevHash, e) != e.hash)
            return broken(e.seq, tr("audit entry %1 was changed").arg(e.seq));
        prevHash = e.hash;
        ++expectedSeq;
        ++verdict.entries;
    }
    q.finish();
    // The newest entries removed leave a shorter chain that is still whole:
    // the head kept with every append tells.
    if (q.exec(u"SELECT value FROM meta WHERE key = 'audit_head'"_s) && q.next()) {
        const QString head = q.value(0).toString();
        const qint64 headSeq = head.section(u':', 0, 0).toLongLong();
        if (headSeq > verdict.entries)
            return broken(verdict.entries + 1,
                          tr("audit entry %1 was removed").arg(verdict.entries + 1));
        if (headSeq == verdict.entries && head.section(u':', 1) != prevHash && headSeq > 0)
            return broken(headSeq, tr("audit entry %1 was changed").arg(headSeq));
    }
    verdict.intact = true;
    verdict.message = QCoreApplication::translate(
        "Escalation::Portal", "audit log intact: %n entries", nullptr, int(verdict.entries));
    return verdict;
}

} // namespace Escalation::Portal

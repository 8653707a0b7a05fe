#pragma once

// The audit trail: every write attempt and every failed authentication,
// appended to the audit table of the portal's file and never changed.
// Each entry's hash is SHA-256 over the previous entry's hash and the
// entry's own fields, so editing or removing an entry breaks the chain
// from there on; verify() names the first entry that no longer fits. The
// head (last seq and hash) is kept in meta too, so removing the newest
// entries is noticed as well. Never holds a token.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Escalation::Portal {

struct AuditEntry {
    qint64 seq = 0;
    QString at;
    QString userId; // empty: nobody was authenticated
    QString userName;
    QString action;
    QString target;
    QString result; // applied | conflict | rule_violation | forbidden | unauthorized | invalid | …
    QString idempotencyKey;
    QString address;
    QString prevHash; // hex
    QString hash; // hex

    QJsonObject toJson() const;
};

struct AuditVerdict {
    bool intact = false;
    qint64 entries = 0;
    qint64 firstBadSeq = 0; // 0 when intact
    QString message;
};

class AuditLog final {
public:
    // connectionName: opened with PortalDatabase::openConnection().
    explicit AuditLog(QString connectionName);

    // Fills in seq, at (if empty), prevHash and hash; false if it could not be stored.
    bool append(AuditEntry entry);
    // Up to `limit` entries after seq `after`, oldest first; *more if there are more.
    QList<AuditEntry> page(qint64 after, int limit, bool *more) const;
    AuditVerdict verify() const;

    // The bytes hashed for an entry after prevHash (documented in docs/security.md).
    static QByteArray canonical(const AuditEntry &entry);
    static QString chainHash(const QString &prevHash, const AuditEntry &entry);

private:
    QString m_connectionName;
};

} // namespace Escalation::Portal

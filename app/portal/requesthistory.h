#pragma once

// A request's timeline (GET /api/v1/requests/{id}/history): what was done
// to it after it was raised, by whom, oldest first: applied writes, and the
// attempts refused for the user's role (who tried what is part of the story;
// conflicts and invalid input are in the audit log only). The raise itself is
// read from the request record. Kept in the history table of the portal's file.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Escalation::Portal {

struct HistoryEntry {
    QDateTime at;
    QString action; // take_ownership | accept | decline | note | analysis | acknowledge | close
    QString actorId; // empty: not a portal user (a customer contact, the portal itself)
    QString actorName;
    QString actorRole;
    QString text; // for a refusal: why
    QString result = QStringLiteral("applied"); // "applied" | "refused"

    QJsonObject toJson() const;
};

class RequestHistory final {
public:
    // connectionName: opened with PortalDatabase::openConnection().
    explicit RequestHistory(QString connectionName);

    bool add(const QString &requestId, const HistoryEntry &entry);
    // Many entries in one transaction (the seeded history).
    bool addAll(const QList<std::pair<QString, HistoryEntry>> &entries);
    QList<HistoryEntry> entries(const QString &requestId) const;

private:
    QString m_connectionName;
};

} // namespace Escalation::Portal

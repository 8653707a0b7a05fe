#include "requesthistory.h"

#include "portaldatabase.h"

#include "portaljson.h"
#include "portallog.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

QJsonObject HistoryEntry::toJson() const
{
    return QJsonObject {
        {u"at"_s, QString::fromLatin1(Json::instant(at))},
        {u"action"_s, action},
        {u"actor"_s,
         QJsonObject {{u"id"_s, actorId}, {u"name"_s, actorName}, {u"role"_s, actorRole}}},
        {u"text"_s, text},
        {u"result"_s, result},
    };
}

RequestHistory::RequestHistory(QString connectionName)
    : m_connectionName(std::move(connectionName))
{
}

bool RequestHistory::add(const QString &requestId, const HistoryEntry &entry)
{
    return addAll({{requestId, entry}});
}

bool RequestHistory::addAll(const QList<std::pair<QString, HistoryEntry>> &entries)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // A database server that restarted meanwhile is connected to again.
    if (!db.transaction() && !(PortalDatabase::reconnectIfLost(db) && db.transaction()))
        return false;
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO history (request_id, at, action, actor_id, actor_name, actor_role,"
              " text, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const auto &[requestId, e] : entries) {
        q.bindValue(0, requestId);
        q.bindValue(1, QString::fromLatin1(Json::instant(e.at)));
        q.bindValue(2, e.action);
        q.bindValue(3, e.actorId);
        q.bindValue(4, e.actorName);
        q.bindValue(5, e.actorRole);
        q.bindValue(6, e.text);
        q.bindValue(7, e.result);
        if (!q.exec()) {
            qCWarning(lcPortal) << "request history:" << q.lastError().text();
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

QList<HistoryEntry> RequestHistory::entries(const QString &requestId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT at, action, actor_id, actor_name, actor_role, text, result FROM history"
              " WHERE request_id = ? ORDER BY at, id"_s);
    q.addBindValue(requestId);
    QList<HistoryEntry> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        out.append(HistoryEntry {Json::parseInstant(q.value(0).toString()), q.value(1).toString(),
                                 q.value(2).toString(), q.value(3).toString(),
                                 q.value(4).toString(), q.value(5).toString(),
                                 q.value(6).toString()});
    }
    return out;
}

} // namespace Escalation::Portal

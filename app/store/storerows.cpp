#include "storerows.h"

#include "activequeue.h"
#include "storeconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace Escalation {

QString placeholders(int n)
{
    QString s;
    for (int i = 0; i < n; ++i)
        s += (i ? u", ?"_s : u"?"_s);
    return s;
}

QString upsertSql(const QString &table, const QString &columns)
{
    const QStringList names = columns.split(u", "_s);
    QString updates;
    for (qsizetype i = 1; i < names.size(); ++i)
        updates += (i > 1 ? u", "_s : QString()) + names[i] + u" = excluded."_s + names[i];
    return u"INSERT INTO "_s + table + u" ("_s + columns + u") VALUES ("_s
        + placeholders(int(names.size())) + u") ON CONFLICT (id) DO UPDATE SET "_s + updates;
}

const QString &activeStatesSql()
{
    static const QString sql = []() -> QString {
        QStringList codes;
        for (RequestState state : kActiveQueueStates)
            codes.append(u'\'' + toCode(state) + u'\'');
        return u'(' + codes.join(u", "_s) + u')';
    }();
    return sql;
}

QString waitsToText(const QList<WaitingPeriod> &waits)
{
    if (waits.isEmpty())
        return {};
    const auto ms = [](const QDateTime &t) {
        return t.isValid() ? QJsonValue(t.toMSecsSinceEpoch()) : QJsonValue();
    };
    QJsonArray array;
    for (const WaitingPeriod &w : waits)
        array.append(QJsonObject {{u"question"_s, w.question},
                                  {u"askedBy"_s, w.askedBy},
                                  {u"from"_s, ms(w.from)},
                                  {u"until"_s, ms(w.until)},
                                  {u"answer"_s, w.answer}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<WaitingPeriod> waitsFromText(const QString &text)
{
    const auto time = [](const QJsonValue &v) {
        return v.isDouble() ? QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble()), Qt::UTC)
                            : QDateTime();
    };
    QList<WaitingPeriod> waits;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        waits.append(WaitingPeriod {o.value("question"_L1).toString(),
                                    o.value("askedBy"_L1).toString(), time(o.value("from"_L1)),
                                    time(o.value("until"_L1)), o.value("answer"_L1).toString()});
    }
    return waits;
}

OutboxEntry readOutbox(const QSqlQuery &q)
{
    OutboxEntry e;
    e.localId = q.value(0).toLongLong();
    e.idempotencyKey = q.value(1).toString();
    e.requestId = q.value(2).toString();
    e.action = outboxActionFromCode(q.value(3).toString()).value_or(OutboxAction::AddNote);
    e.text = q.value(4).toString();
    e.actor = q.value(5).toString();
    e.baseVersion = q.value(6).toLongLong();
    e.createdAt = timeFromDb(q.value(7));
    e.status = outboxStatusFromCode(q.value(8).toString()).value_or(OutboxStatus::Pending);
    e.attempts = q.value(9).toInt();
    e.nextAttemptAt = timeFromDb(q.value(10));
    e.lastError = q.value(11).toString();
    e.conflictJson = q.value(12).toString();
    if (q.record().count() > 13) { // a salvaged version-4 outbox has neither
        e.justification = q.value(13).toString();
        e.toTeam = q.value(14).toString();
    }
    return e;
}

void bindOutbox(QSqlQuery &q, const OutboxEntry &e, bool withLocalId)
{
    int i = 0;
    if (withLocalId)
        q.bindValue(i++, e.localId);
    q.bindValue(i++, sqlText(e.idempotencyKey));
    q.bindValue(i++, sqlText(e.requestId));
    q.bindValue(i++, toCode(e.action));
    q.bindValue(i++, sqlText(e.text));
    q.bindValue(i++, sqlText(e.actor));
    q.bindValue(i++, e.baseVersion);
    q.bindValue(i++, timeToDb(e.createdAt));
    q.bindValue(i++, toCode(e.status));
    q.bindValue(i++, e.attempts);
    q.bindValue(i++, timeToDb(e.nextAttemptAt));
    q.bindValue(i++, sqlText(e.lastError));
    q.bindValue(i++, sqlText(e.conflictJson));
    q.bindValue(i++, sqlText(e.justification));
    q.bindValue(i++, sqlText(e.toTeam));
}

} // namespace Escalation

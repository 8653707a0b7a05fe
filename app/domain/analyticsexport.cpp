#include "analyticsexport.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Escalation::AnalyticsExport {

namespace {

QJsonValue optional(const std::optional<double> &v)
{
    return v ? QJsonValue(std::round(*v * 10000.0) / 10000.0) : QJsonValue();
}

QJsonValue optional(const std::optional<qint64> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue();
}

QJsonObject count(const AnalyticsCount &c)
{
    return {{u"count"_s, c.count}, {u"requests"_s, QJsonArray::fromStringList(c.requestIds)}};
}

QJsonObject outcome(const AnalyticsOutcome &o)
{
    return {{u"name"_s, o.name},
            {u"accepted"_s, count(o.accepted)},
            {u"declined"_s, count(o.declined)},
            {u"declineRate"_s, optional(o.declineRate())}};
}

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n')
        && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString csvNumber(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 4) : QString();
}

QString csvNumber(const std::optional<qint64> &v)
{
    return v ? QString::number(*v) : QString();
}

class Csv {
public:
    void row(const QStringList &fields)
    {
        QStringList quoted;
        quoted.reserve(fields.size());
        for (const QString &f : fields)
            quoted << csvField(f);
        m_text += quoted.join(u',') + u"\r\n"_s;
    }
    QString text() const { return m_text; }

private:
    QString m_text;
};

const QList<Reason> kReasons {Reason::TimeConstraint, Reason::ImpairedFunction,
                              Reason::FirstResponseMissed, Reason::LackOfUpdates, Reason::Other};

} // namespace

QStringList tableNames()
{
    return {u"weeks"_s,         u"accounts"_s, u"managers"_s, u"teams"_s,
            u"reescalations"_s, u"funnel"_s,   u"refusals"_s};
}

QJsonObject toJson(const AnalyticsReport &report)
{
    QJsonArray weeks;
    for (const AnalyticsWeek &w : report.weeks) {
        QJsonObject byLevel;
        for (int level = 1; level <= 4; ++level)
            byLevel.insert(QString::number(level), count(w.byLevel[level - 1]));
        QJsonObject byReason;
        for (Reason r : kReasons)
            byReason.insert(toCode(r), count(w.byReason.value(r)));
        weeks.append(QJsonObject {
            {u"week"_s, w.monday.toString(Qt::ISODate)},
            {u"raised"_s, count(w.raised)},
            {u"byLevel"_s, byLevel},
            {u"byReason"_s, byReason},
            {u"reviewsDue"_s, count(w.reviewsDue)},
            {u"onTime"_s, count(w.onTime)},
            {u"achievement"_s, optional(w.achievement())},
            {u"medianBusinessMinutesToDecision"_s, optional(w.medianMinutesToDecision)},
            {u"p90BusinessMinutesToDecision"_s, optional(w.p90MinutesToDecision)},
        });
    }
    QJsonArray accounts;
    for (const AnalyticsAccount &a : report.topAccounts)
        accounts.append(QJsonObject {{u"account"_s, a.account},
                                     {u"level3"_s, count(a.level3)},
                                     {u"level4"_s, count(a.level4)}});
    QJsonArray managers;
    for (const AnalyticsOutcome &o : report.managers)
        managers.append(outcome(o));
    QJsonArray teams;
    for (const AnalyticsOutcome &o : report.teams)
        teams.append(outcome(o));
    QJsonArray reEscalations;
    for (const AnalyticsReEscalation &r : report.reEscalatedAfterDecline)
        reEscalations.append(QJsonObject {
            {u"declined"_s, r.declinedId},
            {u"reEscalation"_s, r.reEscalationId},
            {u"case"_s, r.caseNumber},
            {u"declinedAt"_s, r.declinedAt.toUTC().toString(Qt::ISODate)},
            {u"reEscalatedAt"_s, r.reEscalatedAt.toUTC().toString(Qt::ISODate)},
        });
    QJsonArray funnel;
    for (const AnalyticsLevel &l : report.funnel)
        funnel.append(
            QJsonObject {{u"level"_s, l.level},
                         {u"reached"_s, count(l.reached)},
                         {u"movedOn"_s, l.movedOn},
                         {u"medianBusinessMinutesAtLevel"_s, optional(l.medianMinutesAtLevel)}});
    const AnalyticsFilter &f = report.filter;
    return {
        {u"from"_s, f.from.toString(Qt::ISODate)},
        {u"to"_s, f.to.toString(Qt::ISODate)},
        {u"computedAt"_s, report.computedAt.toUTC().toString(Qt::ISODate)},
        {u"requests"_s, report.requests},
        {u"achievement"_s, optional(report.achievement())},
        {u"weeks"_s, weeks},
        {u"topAccounts"_s, accounts},
        {u"managers"_s, managers},
        {u"teams"_s, teams},
        {u"declines"_s, count(report.declines)},
        {u"reEscalatedWithin7Days"_s, reEscalations},
        {u"reEscalationRate"_s, optional(report.reEscalationRate())},
        {u"funnel"_s, funnel},
        {u"refusedTooEarly"_s, count(report.refusedTooEarly)},
        {u"refusedOutage"_s, count(report.refusedOutage)},
        {u"acceptedEarly"_s, count(report.acceptedEarly)},
        {u"handedOff"_s, count(report.handedOff)},
        {u"waitedOnRequester"_s, count(report.waitedOnRequester)},
        {u"waits"_s, report.waits},
        {u"medianWaitMinutes"_s, optional(report.medianWaitMinutes)},
        {u"p90WaitMinutes"_s, optional(report.p90WaitMinutes)},
    };
}

QString toCsv(const AnalyticsReport &report, const QString &table)
{
    Csv csv;
    if (table == u"weeks"_s) {
        QStringList header {u"week"_s,        u"raised"_s,         u"level1"_s,      u"level2"_s,
                            u"level3"_s,      u"level4"_s,         u"reviews_due"_s, u"on_time"_s,
                            u"achievement"_s, u"median_minutes"_s, u"p90_minutes"_s};
        for (Reason r : kReasons)
            header << toCode(r);
        csv.row(header);
        for (const AnalyticsWeek &w : report.weeks) {
            QStringList row {w.monday.toString(Qt::ISODate), QString::number(w.raised.count)};
            for (const AnalyticsCount &c : w.byLevel)
                row << QString::number(c.count);
            row << QString::number(w.reviewsDue.count) << QString::number(w.onTime.count)
                << csvNumber(w.achievement()) << csvNumber(w.medianMinutesToDecision)
                << csvNumber(w.p90MinutesToDecision);
            for (Reason r : kReasons)
                row << QString::number(w.byReason.value(r).count);
            csv.row(row);
        }
    } else if (table == u"accounts"_s) {
        csv.row({u"account"_s, u"level3"_s, u"level4"_s});
        for (const AnalyticsAccount &a : report.topAccounts)
            csv.row({a.account, QString::number(a.level3.count), QString::number(a.level4.count)});
    } else if (table == u"managers"_s || table == u"teams"_s) {
        csv.row({table == u"managers"_s ? u"manager"_s : u"team"_s, u"accepted"_s, u"declined"_s,
                 u"decline_rate"_s});
        for (const AnalyticsOutcome &o : table == u"managers"_s ? report.managers : report.teams)
            csv.row({o.name, QString::number(o.accepted.count), QString::number(o.declined.count),
                     csvNumber(o.declineRate())});
    } else if (table == u"reescalations"_s) {
        csv.row(
            {u"declined"_s, u"re_escalation"_s, u"case"_s, u"declined_at"_s, u"re_escalated_at"_s});
        for (const AnalyticsReEscalation &r : report.reEscalatedAfterDecline)
            csv.row({r.declinedId, r.reEscalationId, r.caseNumber,
                     r.declinedAt.toUTC().toString(Qt::ISODate),
                     r.reEscalatedAt.toUTC().toString(Qt::ISODate)});
    } else if (table == u"funnel"_s) {
        csv.row({u"level"_s, u"reached"_s, u"moved_on"_s, u"median_minutes_at_level"_s});
        for (const AnalyticsLevel &l : report.funnel)
            csv.row({QString::number(l.level), QString::number(l.reached.count),
                     QString::number(l.movedOn), csvNumber(l.medianMinutesAtLevel)});
    } else if (table == u"refusals"_s) {
        csv.row({u"refusal"_s, u"count"_s, u"requests"_s});
        csv.row({u"too_early"_s, QString::number(report.refusedTooEarly.count),
                 report.refusedTooEarly.requestIds.join(u' ')});
        csv.row({u"outage"_s, QString::number(report.refusedOutage.count),
                 report.refusedOutage.requestIds.join(u' ')});
        csv.row({u"too_early_accepted"_s, QString::number(report.acceptedEarly.count),
                 report.acceptedEarly.requestIds.join(u' ')});
    } else {
        return {};
    }
    return csv.text();
}

} // namespace Escalation::AnalyticsExport

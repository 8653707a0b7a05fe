#include "rtmapping.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RtMapping", text);
}

constexpr qsizetype MaxTextChars = 64 * 1024;

} // namespace

std::optional<RtCursor> RtCursor::parse(const QString &text)
{
    if (text.isEmpty() || text == u"0"_s)
        return RtCursor();
    const QStringList parts = text.split(u':');
    if (parts.size() != 4 || parts.at(0) != u"rt1"_s)
        return std::nullopt;
    RtCursor c;
    bool ok1 = false, ok2 = false, ok3 = false;
    c.since = parts.at(1).toLongLong(&ok1);
    c.next = parts.at(2).toLongLong(&ok2);
    c.afterId = parts.at(3).toLongLong(&ok3);
    if (!ok1 || !ok2 || !ok3 || c.since < 0 || c.next < 0 || c.afterId < 0)
        return std::nullopt;
    return c;
}

QString RtCursor::toString() const
{
    return u"rt1:%1:%2:%3"_s.arg(since).arg(next).arg(afterId);
}

QString rtQuote(const QString &value)
{
    QString escaped = value;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"'"_s, u"\\'"_s);
    return u"'"_s + escaped + u"'"_s;
}

QString rtQueryDate(qint64 epochSeconds, const QTimeZone &zone)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC)
        .toTimeZone(zone)
        .toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString rtChangesQuery(const RtSettings &s, const RtCursor &c)
{
    // Case tickets come along when they have children, so a severity change
    // on a case reaches the app without a change on its escalations.
    QString q = u"( Queue = %1 OR ( Queue = %2 AND HasMember IS NOT NULL ) )"_s.arg(
        rtQuote(s.escalationsQueue), rtQuote(s.casesQueue));
    if (c.since > 0)
        q += u" AND LastUpdated >= %1"_s.arg(rtQuote(rtQueryDate(c.since, s.queryTimeZone)));
    if (c.afterId > 0)
        q += u" AND id > %1"_s.arg(c.afterId);
    return q;
}

QString rtCasesQuery(const RtSettings &s, const QList<qint64> &ids)
{
    QStringList terms;
    for (qint64 id : ids)
        terms << u"id = %1"_s.arg(id);
    return u"Queue = %1 AND ( %2 )"_s.arg(rtQuote(s.casesQueue), terms.join(u" OR "_s));
}

QString rtTicketFields()
{
    return u"Queue,Subject,Status,Created,LastUpdated,LastUpdatedBy,Due,Started,Told,Resolved,"
           u"Owner,"
           "Requestor,CustomFields,_hyperlinks"_s;
}

QDateTime rtDate(const QJsonValue &value)
{
    const QString text = value.toString();
    if (text.isEmpty() || text.startsWith(u"1970-01-01"_s))
        return {};
    QDateTime at = QDateTime::fromString(text, Qt::ISODate);
    if (!at.isValid())
        return {};
    return at.toUTC();
}

QStringList rtCustomField(const QJsonObject &ticket, const QString &name)
{
    if (name.isEmpty())
        return {};
    const QJsonArray fields = ticket.value(u"CustomFields"_s).toArray();
    for (const QJsonValue &f : fields) {
        const QJsonObject o = f.toObject();
        if (o.value(u"name"_s).toString().compare(name, Qt::CaseInsensitive) != 0)
            continue;
        QStringList values;
        const QJsonArray raw = o.value(u"values"_s).toArray();
        for (const QJsonValue &v : raw) {
            const QString s = v.toVariant().toString().trimmed();
            if (!s.isEmpty())
                values << s;
        }
        return values;
    }
    return {};
}

qint64 rtId(const QJsonValue &value)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    if (value.isString())
        return value.toString().toLongLong();
    if (value.isObject())
        return rtId(value.toObject().value(u"id"_s));
    return 0;
}

QList<qint64> rtLinks(const QJsonObject &ticket, const QString &ref)
{
    QList<qint64> ids;
    const QJsonArray links = ticket.value(u"_hyperlinks"_s).toArray();
    for (const QJsonValue &l : links) {
        const QJsonObject o = l.toObject();
        if (o.value(u"ref"_s).toString() != ref || o.value(u"type"_s).toString() != u"ticket"_s)
            continue;
        if (const qint64 id = rtId(o.value(u"id"_s)); id > 0)
            ids << id;
    }
    return ids;
}

QString rtUser(const QJsonValue &value)
{
    QString id;
    if (value.isArray()) {
        const QJsonArray a = value.toArray();
        return a.isEmpty() ? QString() : rtUser(a.first());
    }
    if (value.isObject())
        id = value.toObject().value(u"id"_s).toVariant().toString();
    else
        id = value.toVariant().toString();
    return id == u"Nobody"_s ? QString() : id;
}

QString rtMarkerNeedle(const QString &idempotencyKey)
{
    return u"escalation-desk:"_s + idempotencyKey;
}

QString rtMarkerLine(const OutboxEntry &entry)
{
    // The actor goes in the marker because RT records the sync user as the
    // author; brackets would end the marker early.
    QString actor = entry.actor;
    actor.remove(u']').remove(u'[').replace(u'\n', u' ');
    return u"[%1 %2 by %3]"_s.arg(rtMarkerNeedle(entry.idempotencyKey), toCode(entry.action),
                                  actor.trimmed());
}

std::optional<RtMarker> rtFindMarker(const QString &text)
{
    static const QRegularExpression re(
        u"\\[escalation-desk:([A-Za-z0-9._-]{1,128}) ([a-z_]+) by ([^\\]\\n]*)\\]"_s);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const auto action = outboxActionFromCode(m.captured(2));
    if (!action)
        return std::nullopt;
    return RtMarker {*action, m.captured(1), m.captured(3).trimmed()};
}

QString rtStripMarker(const QString &text)
{
    static const QRegularExpression re(u"\\s*\\[escalation-desk:[^\\]\\n]*\\]\\s*$"_s);
    QString out = text;
    out.remove(re);
    return out.trimmed();
}

QString rtHtmlToText(const QString &html)
{
    QString text = html;
    static const QRegularExpression breaks(u"<\\s*(br|/p|/div|/li|/h[1-6])[^>]*>"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tags(u"<[^>]*>"_s);
    text.replace(breaks, u"\n"_s);
    text.remove(tags);
    text.replace(u"&nbsp;"_s, u" "_s)
        .replace(u"&lt;"_s, u"<"_s)
        .replace(u"&gt;"_s, u">"_s)
        .replace(u"&quot;"_s, u"\""_s)
        .replace(u"&#39;"_s, u"'"_s)
        .replace(u"&amp;"_s, u"&"_s);
    return text.trimmed();
}

QString rtMessageBody(const OutboxEntry &entry)
{
    QString lead;
    switch (entry.action) {
    case OutboxAction::Accept:
    case OutboxAction::Decline:
    case OutboxAction::AddNote:
        break;
    case OutboxAction::TakeOwnership:
        lead = tr("%1 takes ownership of this escalation.").arg(entry.actor);
        break;
    case OutboxAction::RecordAnalysis:
        lead = tr("Level 3 analysis by %1:").arg(entry.actor);
        break;
    case OutboxAction::AcknowledgeOwnership:
        lead =
            tr("%1 acknowledges personal ownership of this level 4 escalation.").arg(entry.actor);
        break;
    case OutboxAction::HandOff:
        lead = tr("%1 hands this escalation to %2.").arg(entry.actor, entry.toTeam);
        break;
    case OutboxAction::AskRequester:
        break; // the question itself goes to the requester
    case OutboxAction::ResumeReview:
        lead = tr("%1 resumes the review; the clock runs again.").arg(entry.actor);
        break;
    }
    QStringList parts;
    if (!lead.isEmpty())
        parts << lead;
    if (!entry.text.trimmed().isEmpty())
        parts << entry.text.trimmed();
    // RT has no field for it: the justification travels in the message.
    if (!entry.justification.trimmed().isEmpty())
        parts << tr("Accepted before the minimum case age because: %1")
                     .arg(entry.justification.trimmed());
    parts << rtMarkerLine(entry);
    return parts.join(u"\n\n"_s);
}

std::optional<Reason> rtReason(const QString &value)
{
    QString code = value.trimmed().toLower();
    code.replace(u' ', u'_').replace(u'-', u'_');
    return reasonFromCode(code);
}

bool rtIsDeleted(const QJsonObject &ticket)
{
    return ticket.value(u"Status"_s).toString() == u"deleted"_s;
}

std::optional<Case> rtCaseFromTicket(const QJsonObject &t, const RtSettings &s, QString *why)
{
    Case c;
    const qint64 id = rtId(t.value(u"id"_s));
    if (id <= 0) {
        *why = tr("the ticket has no id");
        return std::nullopt;
    }
    c.id = QString::number(id);
    c.number = c.id;
    c.subject = t.value(u"Subject"_s).toString().left(1000);
    const QStringList severity = rtCustomField(t, s.cfSeverity);
    bool ok = false;
    const int sev = severity.isEmpty() ? 0 : severity.first().toInt(&ok);
    const auto parsedSeverity = ok ? severityFromInt(sev) : std::nullopt;
    if (!parsedSeverity) {
        *why = tr("custom field \"%1\" is \"%2\"; expected 1 to 4")
                   .arg(s.cfSeverity, severity.isEmpty() ? QString() : severity.first());
        return std::nullopt;
    }
    c.severity = *parsedSeverity;
    if (const QStringList tier = rtCustomField(t, s.cfTier); !tier.isEmpty()) {
        const auto parsed = supportTierFromCode(tier.first().toLower());
        if (!parsed) {
            *why = tr("custom field \"%1\" is \"%2\"; expected premium or standard")
                       .arg(s.cfTier, tier.first());
            return std::nullopt;
        }
        c.tier = *parsed;
    }
    if (const QStringList prio = rtCustomField(t, s.cfPriority); !prio.isEmpty()) {
        const auto parsed = priorityFromCode(prio.first().toLower());
        if (!parsed) {
            *why = tr("custom field \"%1\" is \"%2\"; expected low, normal or high")
                       .arg(s.cfPriority, prio.first());
            return std::nullopt;
        }
        c.priority = *parsed;
    }
    const QStringList account = rtCustomField(t, s.cfAccount);
    c.account = account.isEmpty() ? QString() : account.first().left(500);
    const QStringList csm = rtCustomField(t, s.cfCsm);
    c.csm = csm.isEmpty() ? QString() : csm.first().left(500);
    c.status = t.value(u"Status"_s).toString();
    c.createdAt = rtDate(t.value(u"Created"_s));
    if (!c.createdAt.isValid()) {
        *why = tr("the ticket has no creation time");
        return std::nullopt;
    }
    // RT sets Started when a ticket is first opened (normally by the first
    // reply) and Told when the requestor was last written to.
    c.firstResponseAt = rtDate(t.value(u"Started"_s));
    c.lastSupportUpdateAt = rtDate(t.value(u"Told"_s));
    c.assignee = rtUser(t.value(u"Owner"_s));
    c.updatedAt = rtDate(t.value(u"LastUpdated"_s));
    c.version = c.updatedAt.isValid() ? c.updatedAt.toSecsSinceEpoch() : 0;
    return c;
}

std::optional<EscalationRequest> rtRequestFromTicket(const QJsonObject &t, const RtSettings &s,
                                                     const QList<RtMessage> &messages, QString *why)
{
    EscalationRequest r;
    const qint64 id = rtId(t.value(u"id"_s));
    if (id <= 0) {
        *why = tr("the ticket has no id");
        return std::nullopt;
    }
    r.id = QString::number(id);
    const QList<qint64> parents = rtLinks(t, u"parent"_s);
    if (parents.isEmpty()) {
        *why = tr("the ticket is not a child (MemberOf) of a case ticket");
        return std::nullopt;
    }
    r.caseId = QString::number(parents.first());
    const QStringList level = rtCustomField(t, s.cfLevel);
    bool ok = false;
    r.level = level.isEmpty() ? 0 : level.first().toInt(&ok);
    if (!ok || r.level < 1 || r.level > 4) {
        *why = tr("custom field \"%1\" is \"%2\"; expected 1 to 4")
                   .arg(s.cfLevel, level.isEmpty() ? QString() : level.first());
        return std::nullopt;
    }
    const QStringList reason = rtCustomField(t, s.cfReason);
    if (reason.isEmpty()) {
        r.reason = Reason::Other;
    } else if (const auto parsed = rtReason(reason.first())) {
        r.reason = *parsed;
    } else {
        *why =
            tr("custom field \"%1\" is \"%2\"; expected one of time_constraint, impaired_function, "
               "first_response_missed, lack_of_updates, other")
                .arg(s.cfReason, reason.first());
        return std::nullopt;
    }
    r.requestedAt = rtDate(t.value(u"Created"_s));
    if (!r.requestedAt.isValid()) {
        *why = tr("the ticket has no creation time");
        return std::nullopt;
    }
    r.requestedBy = rtUser(t.value(u"Requestor"_s));
    if (const QList<qint64> refers = rtLinks(t, u"refers-to"_s); !refers.isEmpty())
        r.previousRequestId = QString::number(refers.first());
    r.owner = rtUser(t.value(u"Owner"_s));
    r.calendarId = s.calendarId;
    r.externalDueAt = rtDate(t.value(u"Due"_s));
    r.updatedAt = rtDate(t.value(u"LastUpdated"_s));
    r.version = r.updatedAt.isValid() ? r.updatedAt.toSecsSinceEpoch() : 0;

    const QString status = t.value(u"Status"_s).toString();
    if (s.pendingStatuses.contains(status)) {
        // A newer escalation refers to this one: it was re-escalated.
        r.state = rtLinks(t, u"referred-to-by"_s).isEmpty() ? RequestState::Pending
                                                            : RequestState::Superseded;
    } else if (status == s.acceptStatus) {
        r.state = RequestState::Accepted;
    } else if (status == s.declineStatus) {
        r.state = RequestState::Declined;
    } else {
        r.state = RequestState::Closed;
    }

    const RtMessage *lastReply = nullptr;
    // Waits on the requester: the desk's question opens one; the next reply
    // without the desk's marker (the requester's) or a resume closes it.
    const auto closeWait = [&r](const QDateTime &at, const QString &answer) {
        if (r.isWaitingOnRequester()) {
            r.waits.last().until = at;
            r.waits.last().answer = answer.left(MaxTextChars);
        }
    };
    for (const RtMessage &m : messages) {
        if (m.ticketId != id)
            continue;
        const std::optional<RtMarker> marker = rtFindMarker(m.text);
        switch (m.type) {
        case RtMessage::Type::Create:
            if (r.summary.isEmpty())
                r.summary = m.text.left(MaxTextChars);
            break;
        case RtMessage::Type::Correspond:
            if (marker && marker->action == OutboxAction::AskRequester) {
                if (!r.isWaitingOnRequester())
                    r.waits.append(WaitingPeriod {
                        rtStripMarker(m.text).left(MaxTextChars), marker->actor, m.at, {}, {}});
            } else if (!marker) {
                closeWait(m.at, m.text);
                lastReply = &m;
            } else {
                lastReply = &m;
            }
            break;
        case RtMessage::Type::Comment: {
            const QString by = marker ? marker->actor : m.creator;
            const OutboxAction action = marker ? marker->action : OutboxAction::AddNote;
            if (action == OutboxAction::TakeOwnership) {
                r.owner = by;
            } else if (action == OutboxAction::RecordAnalysis) {
                QString text = rtStripMarker(m.text);
                const QString lead = tr("Level 3 analysis by %1:").arg(by);
                if (text.startsWith(lead))
                    text = text.mid(lead.size()).trimmed();
                r.analysis = Analysis {text.left(MaxTextChars), by, m.at};
            } else if (action == OutboxAction::AcknowledgeOwnership) {
                r.ownerAcknowledgement = OwnerAcknowledgement {by, m.at};
            } else if (action == OutboxAction::ResumeReview) {
                QString text = rtStripMarker(m.text);
                const QString lead = tr("%1 resumes the review; the clock runs again.").arg(by);
                if (text.startsWith(lead))
                    text = text.mid(lead.size()).trimmed();
                closeWait(m.at, text);
            } else {
                r.notes.append(Note {u"rt-%1"_s.arg(m.transactionId), by,
                                     rtStripMarker(m.text).left(MaxTextChars), m.at});
            }
            break;
        }
        }
    }
    // Still waiting only while the ticket says so; set to "stalled" in RT
    // itself, it waits from its last update.
    if (r.isWaitingOnRequester() && (r.state != RequestState::Pending || status != s.waitingStatus))
        closeWait(r.updatedAt, QString());
    else if (!r.isWaitingOnRequester() && r.state == RequestState::Pending
             && status == s.waitingStatus)
        r.waits.append(WaitingPeriod {
            tr("(set to \"%1\" in RT)").arg(status), QString(), r.updatedAt, {}, {}});
    if (r.state == RequestState::Accepted || r.state == RequestState::Declined) {
        Decision d;
        d.kind = r.state == RequestState::Accepted ? DecisionKind::Accept : DecisionKind::Decline;
        if (lastReply) {
            const std::optional<RtMarker> marker = rtFindMarker(lastReply->text);
            d.text = rtStripMarker(lastReply->text).left(MaxTextChars);
            d.by = marker ? marker->actor : lastReply->creator;
            d.at = lastReply->at;
        } else {
            d.by = rtUser(t.value(u"LastUpdatedBy"_s));
            d.at = rtDate(t.value(u"Resolved"_s));
            if (!d.at.isValid())
                d.at = r.updatedAt;
        }
        r.decision = d;
    }
    return r;
}

} // namespace Escalation

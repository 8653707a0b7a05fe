#include "rtconnector.h"

#include "synclogging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

constexpr int RtMaxPerPage = 100; // REST 2 caps per_page at 100

QByteArray toJson(const QJsonValue &v)
{
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

QJsonArray idArray(const QList<qint64> &ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(double(id));
    return a;
}

// REST 2 collections: {"items": [...], "count": n, ...}; nullopt if not one.
std::optional<QJsonArray> collectionItems(const QByteArray &body, QString *why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = QCoreApplication::translate("RtConnector", "RT sent malformed JSON: %1")
                   .arg(error.errorString());
        return std::nullopt;
    }
    if (!doc.isObject() || !doc.object().value(u"items"_s).isArray()) {
        *why = QCoreApplication::translate("RtConnector",
                                           "RT sent JSON that is not a REST 2 collection.");
        return std::nullopt;
    }
    return doc.object().value(u"items"_s).toArray();
}

ConnectorResult transportFailure(const RtReply &r)
{
    ConnectorResult c;
    c.error = r.error;
    c.httpStatus = r.httpStatus;
    c.message = r.message;
    c.retryAfter = r.retryAfter;
    c.push = ConnectorResult::PushOutcome::Failed;
    return c;
}

ConnectorResult dataFailure(const QString &message)
{
    ConnectorResult c;
    c.error = TransportError::Client;
    c.message = message;
    c.page.ok = false;
    c.page.error = message;
    return c;
}

} // namespace

// Common steps of the connector's calls: each runs its requests as children
// of the call, so abort() (deleting the call) cancels whatever is in flight.
class RtCallBase : public ConnectorCall {
public:
    RtCallBase(RtConnector *connector)
        : ConnectorCall(connector)
        , m_connector(connector)
    {
    }

    void abort() override
    {
        if (m_done)
            return;
        ConnectorResult r;
        r.error = TransportError::Canceled;
        r.message = tr("Canceled.");
        finish(r);
    }

protected:
    using ItemsCallback = std::function<void(const QJsonArray &items)>;
    using MessagesCallback = std::function<void(const QList<RtMessage> &messages)>;

    RtClient *client() const { return m_connector->m_client; }
    const RtSettings &settings() const { return m_connector->settings(); }

    void finish(const ConnectorResult &r)
    {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT finished(r);
        deleteLater();
    }

    // Makes sure the queue ids are known, then continues.
    void resolveQueues(std::function<void()> next)
    {
        if (m_connector->m_casesQueueId > 0 && m_connector->m_escalationsQueueId > 0) {
            next();
            return;
        }
        resolveQueue(settings().escalationsQueue, [this, next](qint64 escalations) {
            m_connector->m_escalationsQueueId = escalations;
            resolveQueue(settings().casesQueue, [this, next](qint64 cases) {
                m_connector->m_casesQueueId = cases;
                next();
            });
        });
    }

    // A page of a ticket search (TicketSQL), answered by items.
    void searchTickets(const QString &query, int perPage, int page, ItemsCallback next)
    {
        QUrlQuery q;
        q.addQueryItem(u"query"_s, query);
        q.addQueryItem(u"orderby"_s, u"id"_s);
        q.addQueryItem(u"order"_s, u"ASC"_s);
        q.addQueryItem(u"per_page"_s, QString::number(perPage));
        q.addQueryItem(u"page"_s, QString::number(page));
        q.addQueryItem(u"fields"_s, rtTicketFields());
        q.addQueryItem(u"fields[Queue]"_s, u"Name"_s);
        client()->request(
            "GET", u"/tickets"_s, q, QByteArray(), this,
            [this, next](const RtReply &r) {
                if (!r.ok())
                    return finish(transportFailure(r));
                m_lastServerDate = r.serverDate;
                QString why;
                const auto items = collectionItems(r.body, &why);
                if (!items)
                    return finish(dataFailure(why));
                next(*items);
            },
            m_searchAttempts);
    }

    // All pages of a JSON search of a collection ("transactions", "attachments").
    void searchAll(const QString &path, const QJsonArray &conditions, const QString &fields,
                   int page, QJsonArray collected, ItemsCallback next)
    {
        QUrlQuery q;
        q.addQueryItem(u"per_page"_s, QString::number(RtMaxPerPage));
        q.addQueryItem(u"page"_s, QString::number(page));
        q.addQueryItem(u"orderby"_s, u"id"_s);
        q.addQueryItem(u"fields"_s, fields);
        client()->request(
            "POST", path, q, toJson(conditions), this,
            [this, path, conditions, fields, page, collected, next](const RtReply &r) mutable {
                if (!r.ok())
                    return finish(transportFailure(r));
                QString why;
                const auto items = collectionItems(r.body, &why);
                if (!items)
                    return finish(dataFailure(why));
                for (const QJsonValue &v : *items)
                    collected.append(v);
                if (items->size() < RtMaxPerPage)
                    return next(collected);
                searchAll(path, conditions, fields, page + 1, collected, next);
            },
            m_searchAttempts);
    }

    // The creation message, replies and comments of the tickets, oldest first.
    void loadMessages(const QList<qint64> &ticketIds, MessagesCallback next)
    {
        if (ticketIds.isEmpty()) {
            next({});
            return;
        }
        const QJsonArray conditions {
            QJsonObject {{u"field"_s, u"ObjectType"_s}, {u"value"_s, u"RT::Ticket"_s}},
            QJsonObject {{u"field"_s, u"ObjectId"_s},
                         {u"operator"_s, u"IN"_s},
                         {u"value"_s, idArray(ticketIds)}},
            QJsonObject {{u"field"_s, u"Type"_s},
                         {u"operator"_s, u"IN"_s},
                         {u"value"_s, QJsonArray {u"Create"_s, u"Correspond"_s, u"Comment"_s}}},
        };
        searchAll(u"/transactions"_s, conditions, u"Type,ObjectId,Created,Creator"_s, 1, {},
                  [this, next](const QJsonArray &txns) {
                      QList<RtMessage> messages;
                      QHash<qint64, qsizetype> byTxn;
                      QList<qint64> txnIds;
                      for (const QJsonValue &v : txns) {
                          const QJsonObject o = v.toObject();
                          RtMessage m;
                          m.transactionId = rtId(o.value(u"id"_s));
                          m.ticketId = rtId(o.value(u"ObjectId"_s));
                          const QString type = o.value(u"Type"_s).toString();
                          m.type = type == u"Create"_s  ? RtMessage::Type::Create
                              : type == u"Correspond"_s ? RtMessage::Type::Correspond
                                                        : RtMessage::Type::Comment;
                          m.at = rtDate(o.value(u"Created"_s));
                          m.creator = rtUser(o.value(u"Creator"_s));
                          byTxn.insert(m.transactionId, messages.size());
                          txnIds << m.transactionId;
                          messages << m;
                      }
                      if (txnIds.isEmpty())
                          return next(messages);
                      const QJsonArray cond {QJsonObject {{u"field"_s, u"TransactionId"_s},
                                                          {u"operator"_s, u"IN"_s},
                                                          {u"value"_s, idArray(txnIds)}}};
                      searchAll(u"/attachments"_s, cond, u"TransactionId,ContentType,Content"_s, 1,
                                {}, [next, messages, byTxn](const QJsonArray &atts) mutable {
                                    // Prefer text/plain; a message written in RT's
                                    // editor may only have text/html.
                                    QSet<qint64> havePlain;
                                    for (const QJsonValue &v : atts) {
                                        const QJsonObject o = v.toObject();
                                        const qint64 txn = rtId(o.value(u"TransactionId"_s));
                                        const auto it = byTxn.constFind(txn);
                                        if (it == byTxn.constEnd())
                                            continue;
                                        const QString type =
                                            o.value(u"ContentType"_s).toString().toLower();
                                        const QString content = o.value(u"Content"_s).toString();
                                        if (content.isEmpty())
                                            continue;
                                        RtMessage &m = messages[*it];
                                        if (type == u"text/plain"_s && !havePlain.contains(txn)) {
                                            m.text = content.trimmed();
                                            havePlain.insert(txn);
                                        } else if (type == u"text/html"_s && m.text.isEmpty()) {
                                            m.text = rtHtmlToText(content);
                                        }
                                    }
                                    next(messages);
                                });
                  });
    }

    RtConnector *m_connector;
    QDateTime m_lastServerDate;
    int m_searchAttempts = 0; // 0: the client's default
    bool m_done = false;

private:
    void resolveQueue(const QString &name, std::function<void(qint64)> next)
    {
        const QString path = u"/queue/"_s + QString::fromLatin1(QUrl::toPercentEncoding(name));
        client()->request(
            "GET", path, {}, QByteArray(), this,
            [this, name, next](const RtReply &r) {
                if (r.httpStatus == 404) {
                    ConnectorResult c = dataFailure(
                        tr("RT has no queue \"%1\", or the sync user may not see it (SeeQueue).")
                            .arg(name));
                    c.error = TransportError::Client;
                    return finish(c);
                }
                if (!r.ok())
                    return finish(transportFailure(r));
                const qint64 id = rtId(QJsonDocument::fromJson(r.body).object().value(u"id"_s));
                if (id <= 0)
                    return finish(
                        dataFailure(tr("RT answered for queue \"%1\" without an id.").arg(name)));
                next(id);
            },
            m_searchAttempts);
    }
};

class RtFetchCall final : public RtCallBase {
public:
    RtFetchCall(RtConnector *connector, RtCursor cursor, FetchOptions options)
        : RtCallBase(connector)
        , m_cursor(cursor)
        , m_options(std::move(options))
    {
        if (m_options.interactive)
            m_searchAttempts = 2;
    }

    void start()
    {
        resolveQueues([this] {
            m_perPage = std::clamp(m_options.pageSize, 1, RtMaxPerPage);
            searchTickets(rtChangesQuery(settings(), m_cursor), m_perPage, 1,
                          [this](const QJsonArray &items) { onTickets(items); });
        });
    }

private:
    void onTickets(const QJsonArray &items)
    {
        m_pageSize = items.size();
        QSet<qint64> caseIdsHere;
        for (const QJsonValue &v : items) {
            const QJsonObject t = v.toObject();
            const qint64 id = rtId(t.value(u"id"_s));
            m_lastId = std::max(m_lastId, id);
            const qint64 queue = rtId(t.value(u"Queue"_s));
            if (queue == m_connector->escalationsQueueId()) {
                m_escalations << t;
            } else {
                m_cases << t;
                caseIdsHere.insert(id);
            }
        }
        QList<qint64> missing;
        for (const QJsonObject &t : std::as_const(m_escalations)) {
            const QList<qint64> parents = rtLinks(t, u"parent"_s);
            if (!parents.isEmpty() && !caseIdsHere.contains(parents.first())
                && !missing.contains(parents.first()))
                missing << parents.first();
        }
        fetchCases(missing, 0);
    }

    void fetchCases(const QList<qint64> &ids, qsizetype from)
    {
        if (from >= ids.size()) {
            QList<qint64> ticketIds;
            for (const QJsonObject &t : std::as_const(m_escalations))
                ticketIds << rtId(t.value(u"id"_s));
            loadMessages(ticketIds, [this](const QList<RtMessage> &messages) { build(messages); });
            return;
        }
        const QList<qint64> chunk = ids.mid(from, RtMaxPerPage);
        searchTickets(rtCasesQuery(settings(), chunk), RtMaxPerPage, 1,
                      [this, ids, from](const QJsonArray &items) {
                          for (const QJsonValue &v : items)
                              m_cases << v.toObject();
                          fetchCases(ids, from + RtMaxPerPage);
                      });
    }

    void build(const QList<RtMessage> &messages)
    {
        ConnectorResult result;
        PageParseResult &parsed = result.page;
        parsed.ok = true;
        SyncPage &page = parsed.page;
        QSet<QString> seenCases;
        int index = 0;
        for (const QJsonObject &t : std::as_const(m_cases)) {
            const QString id = QString::number(rtId(t.value(u"id"_s)));
            if (seenCases.contains(id))
                continue;
            seenCases.insert(id);
            if (rtIsDeleted(t)) {
                page.removedCaseIds << id;
                continue;
            }
            QString why;
            if (std::optional<Case> c = rtCaseFromTicket(t, settings(), &why))
                page.cases << *c;
            else
                parsed.skipped << RecordDiagnostic {u"case"_s, index, id, why};
            ++index;
        }
        index = 0;
        for (const QJsonObject &t : std::as_const(m_escalations)) {
            const QString id = QString::number(rtId(t.value(u"id"_s)));
            if (rtIsDeleted(t)) {
                page.removedRequestIds << id;
                continue;
            }
            QString why;
            if (std::optional<EscalationRequest> r =
                    rtRequestFromTicket(t, settings(), messages, &why))
                page.requests << *r;
            else
                parsed.skipped << RecordDiagnostic {u"request"_s, index, id, why};
            ++index;
        }

        // The next cycle starts where this one began on RT's clock, so
        // nothing changed during the cycle is missed.
        RtCursor next = m_cursor;
        if (next.next == 0) {
            const QDateTime serverNow =
                m_lastServerDate.isValid() ? m_lastServerDate : QDateTime::currentDateTimeUtc();
            next.next = std::max<qint64>(m_cursor.since,
                                         serverNow.toSecsSinceEpoch() - RtCursorMarginSeconds);
        }
        page.hasMore = m_pageSize >= m_perPage;
        if (page.hasMore) {
            next.afterId = m_lastId;
        } else {
            next = RtCursor {next.next, 0, 0};
        }
        page.cursor = next.toString();
        result.notModified = m_pageSize == 0;
        qCDebug(lcSync) << "RT page:" << page.cases.size() << "cases," << page.requests.size()
                        << "requests," << parsed.skipped.size() << "skipped; cursor" << page.cursor;
        finish(result);
    }

    RtCursor m_cursor;
    FetchOptions m_options;
    int m_perPage = RtMaxPerPage;
    qsizetype m_pageSize = 0;
    qint64 m_lastId = 0;
    QList<QJsonObject> m_escalations;
    QList<QJsonObject> m_cases;
};

class RtPushCall final : public RtCallBase {
public:
    RtPushCall(RtConnector *connector, OutboxEntry entry, PushOptions options)
        : RtCallBase(connector)
        , m_entry(std::move(entry))
        , m_options(options)
    {
        m_searchAttempts = std::max(1, m_options.maxAttempts);
    }

    void start()
    {
        bool ok = false;
        m_ticketId = m_entry.requestId.toLongLong(&ok);
        if (!ok || m_ticketId <= 0)
            return reject(tr("\"%1\" is not an RT ticket id.").arg(m_entry.requestId),
                          u"unknown_request"_s);
        // RT knows queues, not the desk's regional teams.
        if (m_entry.action == OutboxAction::HandOff)
            return reject(tr("Request Tracker has no regional teams to hand ticket %1 to; move it "
                             "to the other team in RT.")
                              .arg(m_ticketId),
                          u"unsupported"_s);
        resolveQueues([this] { loadTicket([this](const QJsonObject &t) { onTicket(t); }); });
    }

private:
    // Actions that set the ticket's status (and need it pending).
    bool isDecision() const
    {
        return m_entry.action == OutboxAction::Accept || m_entry.action == OutboxAction::Decline
            || m_entry.action == OutboxAction::AskRequester
            || m_entry.action == OutboxAction::ResumeReview;
    }
    // Written to the requester (a reply), not as an internal comment.
    bool isCorrespondence() const
    {
        return isDecision() && m_entry.action != OutboxAction::ResumeReview;
    }
    QString targetStatus() const
    {
        switch (m_entry.action) {
        case OutboxAction::Accept:
            return settings().acceptStatus;
        case OutboxAction::AskRequester:
            return settings().waitingStatus;
        case OutboxAction::ResumeReview:
            return settings().resumeStatus;
        default:
            return settings().declineStatus;
        }
    }

    void loadTicket(std::function<void(const QJsonObject &)> next)
    {
        searchTickets(u"id = %1"_s.arg(m_ticketId), 1, 1, [this, next](const QJsonArray &items) {
            if (items.isEmpty())
                return reject(
                    tr("RT has no ticket %1, or the sync user may not see it.").arg(m_ticketId),
                    u"unknown_request"_s);
            next(items.first().toObject());
        });
    }

    void onTicket(const QJsonObject &ticket)
    {
        if (rtId(ticket.value(u"Queue"_s)) != m_connector->escalationsQueueId())
            return reject(tr("RT ticket %1 is not in the escalations queue \"%2\".")
                              .arg(m_ticketId)
                              .arg(settings().escalationsQueue),
                          u"unknown_request"_s);
        // Was this entry applied before (the answer to an earlier attempt
        // was lost)? Its marker is then in the ticket's history.
        loadMessages({m_ticketId}, [this, ticket](const QList<RtMessage> &messages) {
            const QString needle = rtMarkerNeedle(m_entry.idempotencyKey);
            bool applied = false;
            for (const RtMessage &m : messages)
                applied = applied || m.text.contains(needle);
            const QString status = ticket.value(u"Status"_s).toString();
            if (applied) {
                qCInfo(lcSync) << "outbox entry" << m_entry.localId
                               << "was already applied to RT ticket" << m_ticketId;
                if (isDecision() && status != targetStatus())
                    return setStatus();
                return delivered(ticket, messages);
            }
            if (isDecision() && !settings().pendingStatuses.contains(status)) {
                // Decided meanwhile, in RT or by another desk.
                ConnectorResult c;
                c.error = TransportError::Client;
                c.httpStatus = 409;
                c.push = ConnectorResult::PushOutcome::Conflict;
                c.message = tr("RT ticket %1 is already \"%2\"; the decision was not sent.")
                                .arg(m_ticketId)
                                .arg(status);
                QString why;
                if (auto current = rtRequestFromTicket(ticket, settings(), messages, &why))
                    c.request = current;
                c.conflictJson = QString::fromUtf8(toJson(ticket));
                return finish(c);
            }
            write();
        });
    }

    void write()
    {
        QJsonObject body {{u"Content"_s, rtMessageBody(m_entry)},
                          {u"ContentType"_s, u"text/plain"_s}};
        if (isDecision())
            body.insert(u"Status"_s, targetStatus());
        const QString path = u"/ticket/%1/%2"_s.arg(m_ticketId)
                                 .arg(isCorrespondence() ? u"correspond"_s : u"comment"_s);
        // One attempt: a lost answer is resolved by the marker check of the
        // next push, never by sending the message twice.
        client()->request(
            "POST", path, {}, toJson(body), this,
            [this](const RtReply &r) {
                if (r.error == TransportError::Forbidden)
                    return refuse(r.message);
                if (r.error == TransportError::Client)
                    return reject(r.message, u"rule"_s);
                if (!r.ok())
                    return finish(transportFailure(r));
                afterWrite();
            },
            1);
    }

    void setStatus()
    {
        const QJsonObject body {{u"Status"_s, targetStatus()}};
        client()->request(
            "PUT", u"/ticket/%1"_s.arg(m_ticketId), {}, toJson(body), this,
            [this](const RtReply &r) {
                if (r.error == TransportError::Forbidden)
                    return refuse(r.message);
                if (r.error == TransportError::Client)
                    return reject(r.message, u"rule"_s);
                if (!r.ok())
                    return finish(transportFailure(r));
                afterWrite();
            },
            m_searchAttempts);
    }

    void afterWrite()
    {
        // The request as RT has it now, for the cache; a failure here does
        // not undo the delivery.
        m_searchAttempts = 1;
        loadTicket([this](const QJsonObject &t) {
            loadMessages({m_ticketId},
                         [this, t](const QList<RtMessage> &messages) { delivered(t, messages); });
        });
    }

    void delivered(const QJsonObject &ticket, const QList<RtMessage> &messages)
    {
        ConnectorResult c;
        c.push = ConnectorResult::PushOutcome::Delivered;
        QString why;
        c.request = rtRequestFromTicket(ticket, settings(), messages, &why);
        finish(c);
    }

    // RT's 403: the token's user lacks the right (ReplyToTicket,
    // CommentOnTicket, ModifyTicket). Terminal, like the portal's 403.
    void refuse(const QString &message)
    {
        ConnectorResult c;
        c.error = TransportError::Forbidden;
        c.httpStatus = 403;
        c.push = ConnectorResult::PushOutcome::Refused;
        c.message = message;
        finish(c);
    }

    void reject(const QString &message, const QString &code)
    {
        ConnectorResult c;
        c.error = TransportError::Client;
        c.httpStatus = 422;
        c.push = ConnectorResult::PushOutcome::Rejected;
        c.message = message;
        c.rejectCode = code;
        finish(c);
    }

    OutboxEntry m_entry;
    PushOptions m_options;
    qint64 m_ticketId = 0;
};

// A request's timeline from its ticket's messages: the creation (raised),
// then every reply and comment, with RT's own Creator as the actor. What the
// desk wrote carries its marker, which names the action (accept, decline,
// note, take ownership, analysis, acknowledgement); other replies and
// comments made in RT are shown as such. Two searches, like a push's check.
class RtHistoryCall final : public RtCallBase {
public:
    RtHistoryCall(RtConnector *connector, const QString &requestId)
        : RtCallBase(connector)
        , m_requestId(requestId)
    {
    }

    void start()
    {
        bool ok = false;
        const qint64 ticket = m_requestId.toLongLong(&ok);
        if (!ok || ticket <= 0) {
            ConnectorResult r;
            r.error = TransportError::Client;
            r.message = tr("%1 is not a Request Tracker ticket number.").arg(m_requestId);
            return finish(r);
        }
        loadMessages({ticket}, [this](const QList<RtMessage> &messages) {
            RequestHistory history;
            history.requestId = m_requestId;
            history.fetchedAt = QDateTime::currentDateTimeUtc();
            for (const RtMessage &m : messages) {
                HistoryEntry e;
                e.at = m.at;
                e.actorName = m.creator;
                e.text = rtStripMarker(m.text).trimmed();
                if (m.type == RtMessage::Type::Create) {
                    e.action = u"raise"_s;
                } else if (const std::optional<RtMarker> marker = rtFindMarker(m.text)) {
                    e.action = toCode(marker->action);
                } else {
                    e.action = m.type == RtMessage::Type::Correspond ? u"reply"_s : u"note"_s;
                }
                history.entries.append(e);
            }
            std::stable_sort(
                history.entries.begin(), history.entries.end(),
                [](const HistoryEntry &a, const HistoryEntry &b) { return a.at < b.at; });
            ConnectorResult r;
            r.history = history;
            finish(r);
        });
    }

private:
    QString m_requestId;
};

// RT's searches never return a deleted ticket, and the change feed searches
// the escalations queue only, so a ticket deleted in RT, or moved to another
// queue, would stay in the app for ever. This call asks about the requests
// the cache shows: one light search (id and queue only) per 100 ids, then
// each ticket the search did not return fetched by id. A ticket RT answers
// as "deleted" or no longer knows (404), or one now in another queue, is
// reported removed. A ticket the sync user may not see (403) is kept, with
// a warning: a change of rights must not empty the desk.
class RtReconcileCall final : public RtCallBase {
public:
    RtReconcileCall(RtConnector *connector, const QStringList &requestIds)
        : RtCallBase(connector)
    {
        for (const QString &id : requestIds) {
            bool ok = false;
            const qint64 n = id.toLongLong(&ok);
            if (ok && n > 0)
                m_ids << n;
        }
    }

    void start()
    {
        resolveQueues([this] { searchChunk(0); });
    }

private:
    void searchChunk(qsizetype from)
    {
        if (from >= m_ids.size())
            return fetchMissing(0);
        const QList<qint64> chunk = m_ids.mid(from, RtMaxPerPage);
        QStringList terms;
        for (qint64 id : chunk)
            terms << u"id = %1"_s.arg(id);
        QUrlQuery q;
        q.addQueryItem(u"query"_s, terms.join(u" OR "_s));
        q.addQueryItem(u"per_page"_s, QString::number(RtMaxPerPage));
        q.addQueryItem(u"page"_s, u"1"_s);
        q.addQueryItem(u"fields"_s, u"Queue"_s);
        client()->request(
            "GET", u"/tickets"_s, q, QByteArray(), this,
            [this, chunk, from](const RtReply &r) {
                if (!r.ok())
                    return finish(transportFailure(r));
                QString why;
                const auto items = collectionItems(r.body, &why);
                if (!items)
                    return finish(dataFailure(why));
                QSet<qint64> found;
                for (const QJsonValue &v : *items) {
                    const QJsonObject t = v.toObject();
                    const qint64 id = rtId(t.value(u"id"_s));
                    found.insert(id);
                    if (rtId(t.value(u"Queue"_s)) != m_connector->escalationsQueueId())
                        m_removed << QString::number(id);
                }
                for (qint64 id : chunk) {
                    if (!found.contains(id))
                        m_missing << id;
                }
                ++m_searches;
                searchChunk(from + RtMaxPerPage);
            },
            m_searchAttempts);
    }

    void fetchMissing(qsizetype index)
    {
        if (index >= m_missing.size())
            return done();
        const qint64 id = m_missing.at(index);
        client()->request(
            "GET", u"/ticket/%1"_s.arg(id), {}, QByteArray(), this,
            [this, id, index](const RtReply &r) {
                if (r.httpStatus == 404) {
                    m_removed << QString::number(id);
                } else if (r.httpStatus == 403) {
                    qCWarning(lcSync)
                        << "RT ticket" << id << "is no longer visible to the sync user (403); kept";
                } else if (!r.ok()) {
                    return finish(transportFailure(r));
                } else if (rtIsDeleted(QJsonDocument::fromJson(r.body).object())) {
                    m_removed << QString::number(id);
                }
                fetchMissing(index + 1);
            },
            m_searchAttempts);
    }

    void done()
    {
        ConnectorResult result;
        result.page.ok = true;
        result.page.page.removedRequestIds = m_removed;
        qCInfo(lcSync).noquote() << u"reconciled %1 requests with RT in %2 searches and %3 "
                                    u"lookups: %4 removed"_s.arg(m_ids.size())
                                        .arg(m_searches)
                                        .arg(m_missing.size())
                                        .arg(m_removed.size());
        finish(result);
    }

    QList<qint64> m_ids;
    QList<qint64> m_missing;
    QStringList m_removed;
    int m_searches = 0;
};

RtConnector::RtConnector(RtSettings settings, QNetworkAccessManager *nam, QObject *parent)
    : PortalConnector(parent)
    , m_client(new RtClient(std::move(settings), nam, this))
{
    qRegisterMetaType<Escalation::ConnectorResult>();
    connect(m_client, &RtClient::unauthorized, this, &PortalConnector::unauthorized);
}

QString RtConnector::displayTarget() const
{
    return tr("Request Tracker at %1").arg(settings().baseUrl.toDisplayString());
}

ConnectorCall *RtConnector::fetchChanges(const QString &cursor, const FetchOptions &options)
{
    const std::optional<RtCursor> parsed = RtCursor::parse(cursor);
    if (!parsed) {
        ConnectorResult r =
            dataFailure(tr("The cache's sync position \"%1\" is not a Request Tracker position; "
                           "the cache was filled from another portal. Use a new cache file.")
                            .arg(cursor.left(80)));
        return new ImmediateConnectorCall(this, r);
    }
    auto *call = new RtFetchCall(this, *parsed, options);
    QTimer::singleShot(0, call, [call] { call->start(); });
    return call;
}

ConnectorCall *RtConnector::waitForChanges(const QString &, std::chrono::seconds)
{
    ConnectorResult r;
    r.waitUnsupported = true;
    return new ImmediateConnectorCall(this, r);
}

ConnectorCall *RtConnector::reconcile(const QStringList &requestIds)
{
    auto *call = new RtReconcileCall(this, requestIds);
    QTimer::singleShot(0, call, [call] { call->start(); });
    return call;
}

ConnectorCall *RtConnector::fetchHistory(const QString &requestId)
{
    auto *call = new RtHistoryCall(this, requestId);
    QTimer::singleShot(0, call, [call] { call->start(); });
    return call;
}

ConnectorCall *RtConnector::whoAmI()
{
    // RT 5's REST 2 has no "current user" resource (/user/{id|name} needs
    // the name): the role stays the desk's setting, and the name is RT's
    // configured user where the settings have one (basic auth).
    ConnectorResult r;
    r.identityUnsupported = true;
    r.message = tr("Request Tracker does not say who the token belongs to; the role is the "
                   "desk's setting.");
    if (!settings().user.isEmpty()) {
        UserIdentity identity;
        identity.name = settings().user;
        r.identity = identity;
    }
    return new ImmediateConnectorCall(this, r);
}

ConnectorCall *RtConnector::push(const OutboxEntry &entry, const PushOptions &options)
{
    auto *call = new RtPushCall(this, entry, options);
    QTimer::singleShot(0, call, [call] { call->start(); });
    return call;
}

} // namespace Escalation

#include "nativeconnector.h"

#include "accountparser.h"
#include "synclogging.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace Escalation {

namespace {

ConnectorResult transport(const PortalResult &r)
{
    ConnectorResult c;
    c.error = r.error;
    c.httpStatus = r.httpStatus;
    c.message = r.message;
    c.retryAfter = r.retryAfter;
    return c;
}

// One PortalJob seen as a ConnectorCall. The handler turns the job's answer
// into a result; it may take a detour (parsing on a pool thread) before it
// calls finish().
class NativeCall final : public ConnectorCall {
public:
    using Handler = std::function<void(NativeCall *call, const PortalResult &result)>;

    NativeCall(NativeConnector *connector, PortalJob *job, Handler handler)
        : ConnectorCall(connector)
        , m_job(job)
    {
        connect(job, &PortalJob::finished, this,
                [this, handler = std::move(handler)](const PortalResult &r) {
                    if (!m_done)
                        handler(this, r);
                });
    }

    void abort() override
    {
        if (m_done)
            return;
        if (PortalJob *job = m_job)
            job->abort(); // reports Canceled through the handler
        if (!m_done) {
            // The job had already answered (the page is being parsed).
            ConnectorResult r;
            r.error = TransportError::Canceled;
            r.message = tr("The request to the portal was canceled.");
            finish(r);
        }
    }

    void finish(const ConnectorResult &result)
    {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT finished(result);
        deleteLater();
    }

    bool isDone() const { return m_done; }

private:
    QPointer<PortalJob> m_job;
    bool m_done = false;
};

} // namespace

NativeConnector::NativeConnector(PortalClient *client, QObject *parent)
    : PortalConnector(parent)
    , m_client(client)
{
    qRegisterMetaType<Escalation::ConnectorResult>();
    connect(client, &PortalClient::unauthorized, this, &PortalConnector::unauthorized);
}

QString NativeConnector::displayTarget() const
{
    return tr("the portal at %1")
        .arg(
            m_client->settings().baseUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
}

ConnectorCall *NativeConnector::fetchChanges(const QString &cursor, const FetchOptions &options)
{
    QUrlQuery query;
    query.addQueryItem(u"since"_s, cursor.isEmpty() ? u"0"_s : cursor);
    query.addQueryItem(u"limit"_s, QString::number(std::clamp(options.pageSize, 1, 1000)));
    PortalRequestOptions requestOptions;
    if (options.interactive)
        requestOptions.maxAttempts = std::min(m_client->settings().maxAttempts, 3);
    PortalJob *job = m_client->get(u"/changes"_s, query, options.etag, requestOptions);
    const ParseLimits limits = options.limits;
    return new NativeCall(this, job, [limits](NativeCall *call, const PortalResult &r) {
        ConnectorResult result = transport(r);
        if (!r.ok())
            return call->finish(result);
        if (r.notModified()) {
            result.notModified = true;
            return call->finish(result);
        }
        result.etag = r.etag;
        // Off the caller's thread: a full page is up to a thousand records.
        QtConcurrent::run([body = r.body, limits] {
            QElapsedTimer timer;
            timer.start();
            PageParseResult parsed = parseChangesPage(body, limits);
            qCDebug(lcSync) << "parsed" << body.size() << "bytes in" << timer.elapsed() << "ms";
            return parsed;
        }).then(call, [call, result](PageParseResult parsed) mutable {
            result.page = std::move(parsed);
            call->finish(result);
        });
    });
}

ConnectorCall *NativeConnector::waitForChanges(const QString &cursor, std::chrono::seconds timeout)
{
    QUrlQuery query;
    query.addQueryItem(u"since"_s, cursor);
    query.addQueryItem(u"timeout"_s, QString::number(timeout.count()));
    PortalRequestOptions options;
    options.maxAttempts = 1;
    options.transferTimeout = duration_cast<milliseconds>(timeout) + seconds(15);
    options.maxTotalTime = *options.transferTimeout + seconds(5);
    PortalJob *job = m_client->get(u"/changes/wait"_s, query, QByteArray(), options);
    return new NativeCall(this, job, [](NativeCall *call, const PortalResult &r) {
        ConnectorResult result = transport(r);
        if (r.ok()) {
            result.changed = r.httpStatus != 204; // 204: nothing within the timeout
        } else if (r.httpStatus == 404 || r.error == TransportError::Client) {
            // A portal without /changes/wait: the engine polls instead.
            result.waitUnsupported = true;
        }
        call->finish(result);
    });
}

ConnectorCall *NativeConnector::push(const OutboxEntry &entry, const PushOptions &options)
{
    // No "actor": the portal records the user the token belongs to.
    QJsonObject body {{u"action"_s, toCode(entry.action)},
                      {u"text"_s, entry.text},
                      {u"version"_s, entry.baseVersion}};
    if (!entry.justification.isEmpty())
        body.insert(u"justification"_s, entry.justification);
    if (entry.action == OutboxAction::HandOff)
        body.insert(u"team"_s, entry.toTeam);
    const QString path = u"/requests/"_s
        + QString::fromLatin1(QUrl::toPercentEncoding(entry.requestId)) + u"/actions"_s;
    PortalRequestOptions requestOptions;
    requestOptions.maxAttempts = options.maxAttempts;
    PortalJob *job = m_client->postJson(path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                        entry.idempotencyKey.toUtf8(), requestOptions);
    const qint64 localId = entry.localId;
    return new NativeCall(this, job, [localId](NativeCall *call, const PortalResult &r) {
        ConnectorResult result = transport(r);
        if (r.ok()) {
            // The portal applied it. The request it returns updates the
            // cache; an unreadable one is left to the next sync.
            result.push = ConnectorResult::PushOutcome::Delivered;
            const RequestParseResult parsed = parseRequestAnswer(r.body);
            if (!parsed.request)
                qCWarning(lcSync).noquote() << "delivered entry" << localId
                                            << "but its answer was unusable:" << parsed.error;
            result.request = parsed.request;
            return call->finish(result);
        }
        const QString code = r.errorBody ? r.errorBody->code : QString();
        if (r.error == TransportError::Client && (r.httpStatus == 409 || code == u"conflict"_s)) {
            result.push = ConnectorResult::PushOutcome::Conflict;
            const QJsonValue current =
                r.errorBody ? r.errorBody->details.value(u"current"_s) : QJsonValue();
            if (current.isObject())
                result.conflictJson = QString::fromUtf8(
                    QJsonDocument(current.toObject()).toJson(QJsonDocument::Compact));
            return call->finish(result);
        }
        if (r.error == TransportError::Forbidden) {
            // The user's role may not do this: a retry, or another token
            // of the same user, cannot help.
            result.push = ConnectorResult::PushOutcome::Refused;
            result.rejectCode = code;
            return call->finish(result);
        }
        if (r.error == TransportError::Client) {
            // 422 rule violation, 400 malformed, 404 unknown request:
            // retrying cannot help.
            result.push = ConnectorResult::PushOutcome::Rejected;
            result.rejectCode = code;
            return call->finish(result);
        }
        result.push = ConnectorResult::PushOutcome::Failed;
        call->finish(result);
    });
}

ConnectorCall *NativeConnector::whoAmI()
{
    PortalJob *job = m_client->get(u"/me"_s);
    return new NativeCall(this, job, [](NativeCall *call, const PortalResult &r) {
        ConnectorResult result = transport(r);
        if (r.ok()) {
            QString why;
            result.identity = parseIdentityAnswer(r.body, &why);
            if (!result.identity) {
                result.error = TransportError::Client;
                result.message =
                    tr("The portal's answer about the signed-in user is unusable: %1").arg(why);
            }
        } else if (r.httpStatus == 404) {
            // A portal from before user accounts.
            result.identityUnsupported = true;
        }
        call->finish(result);
    });
}

ConnectorCall *NativeConnector::fetchHistory(const QString &requestId)
{
    const QString path =
        u"/requests/"_s + QString::fromLatin1(QUrl::toPercentEncoding(requestId)) + u"/history"_s;
    PortalJob *job = m_client->get(path);
    return new NativeCall(this, job, [requestId](NativeCall *call, const PortalResult &r) {
        ConnectorResult result = transport(r);
        if (r.ok()) {
            QString why;
            result.history = parseHistoryAnswer(r.body, &why);
            if (!result.history) {
                result.error = TransportError::Client;
                result.message =
                    tr("The portal's history of %1 is unusable: %2").arg(requestId, why);
            } else {
                result.history->requestId = requestId;
                result.history->fetchedAt = QDateTime::currentDateTimeUtc();
            }
        }
        // A 404 (an unknown request, or a portal from before histories)
        // stays a failure with the portal's message: the cached history
        // is still shown.
        call->finish(result);
    });
}

} // namespace Escalation

#include "portalprocess.h"

#include "democredentials.h"

#include <escalationpolicy.h>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

QJsonObject HttpAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}
QString HttpAnswer::errorCode() const
{
    return json().value("error"_L1).toObject().value("code"_L1).toString();
}

QString HttpAnswer::rule() const
{
    return json()
        .value("error"_L1)
        .toObject()
        .value("details"_L1)
        .toObject()
        .value("rule"_L1)
        .toString();
}

QString HttpAnswer::field() const
{
    return json()
        .value("error"_L1)
        .toObject()
        .value("details"_L1)
        .toObject()
        .value("field"_L1)
        .toString();
}

PortalProcess::PortalProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setProgram(QStringLiteral(ESCALATION_PORTAL_EXECUTABLE));
}

PortalProcess::~PortalProcess()
{
    stop();
}

bool PortalProcess::start(const QStringList &args, QString *error)
{
    // A test may bring its own file (to restart on the same one); else the process's.
    const qsizetype given = args.indexOf(u"--demo-credentials"_s);
    m_credentials = given >= 0 ? args.value(given + 1) : DemoCredentials::sharedFile();
    QStringList all = {u"--listen"_s, u"127.0.0.1:0"_s};
    if (given < 0)
        all += {u"--demo-credentials"_s, m_credentials};
    all += args;
    m_process.setArguments(all);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(60000);
    QByteArray output;
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        output += m_process.readAllStandardOutput();
        const qsizetype at = output.indexOf("listening on http://127.0.0.1:");
        const qsizetype end = output.indexOf('\n', at);
        if (at >= 0 && end > at) {
            m_port = quint16(output.mid(at + 30, end - at - 30).toUInt());
            reloadCredentials();
            if (m_token.isEmpty())
                *error = u"no demo credentials in "_s + m_credentials;
            return m_port != 0 && !m_token.isEmpty();
        }
    }
    *error = u"no listening line; stderr: "_s + QString::fromUtf8(m_process.readAllStandardError());
    return false;
}

void PortalProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void PortalProcess::reloadCredentials()
{
    m_token = tokenFor(u"escalation_manager"_s);
}

QString PortalProcess::tokenFor(const QString &roleCode) const
{
    return DemoCredentials::token(m_credentials, roleCode);
}

QString PortalProcess::userName(const QString &roleCode) const
{
    return DemoCredentials::userName(m_credentials, roleCode);
}

QUrl PortalProcess::url(const QString &pathAndQuery) const
{
    return QUrl(u"http://127.0.0.1:"_s + QString::number(m_port) + pathAndQuery);
}

QNetworkRequest PortalProcess::request(const QString &pathAndQuery, const Headers &headers,
                                       bool authorized) const
{
    QNetworkRequest req(url(pathAndQuery));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    if (authorized)
        req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    for (const auto &[name, value] : headers)
        req.setRawHeader(name, value);
    return req;
}

HttpAnswer PortalProcess::finish(QNetworkReply *reply, std::chrono::milliseconds timeout)
{
    QElapsedTimer clock;
    clock.start();
    if (!reply->isFinished()) {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        timer.start(timeout);
        loop.exec();
        if (!reply->isFinished())
            reply->abort();
    }
    HttpAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.error = reply->error();
    answer.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        answer.headers.insert(name.toLower(), value);
    answer.elapsedMs = clock.elapsed();
    reply->deleteLater();
    return answer;
}

QNetworkReply *PortalProcess::startGet(const QString &pathAndQuery, const Headers &headers)
{
    return m_nam.get(request(pathAndQuery, headers, true));
}

HttpAnswer PortalProcess::get(const QString &pathAndQuery, const Headers &headers, bool authorized,
                              std::chrono::milliseconds timeout)
{
    return finish(m_nam.get(request(pathAndQuery, headers, authorized)), timeout);
}

HttpAnswer PortalProcess::post(const QString &pathAndQuery, const QByteArray &body,
                               const Headers &headers, std::chrono::milliseconds timeout)
{
    QNetworkRequest req = request(pathAndQuery, headers, true);
    req.setRawHeader("Content-Type", "application/json");
    return finish(m_nam.post(req, body), timeout);
}

HttpAnswer PortalProcess::sendCustom(const QByteArray &verb, const QString &pathAndQuery,
                                     const QByteArray &body, const Headers &headers,
                                     std::chrono::milliseconds timeout)
{
    return finish(m_nam.sendCustomRequest(request(pathAndQuery, headers, true), verb, body),
                  timeout);
}

HttpAnswer PortalProcess::action(const QString &requestId, const QJsonObject &body,
                                 const QString &key)
{
    return post(u"/api/v1/requests/"_s + requestId + u"/actions"_s,
                QJsonDocument(body).toJson(QJsonDocument::Compact),
                {{"Idempotency-Key", key.toUtf8()}});
}

QString PortalProcess::cursor()
{
    return get(u"/api/v1/health"_s, {}, false).json().value("cursor"_L1).toString();
}

bool raisedTooEarly(const QJsonObject &request, const QJsonObject &theCase)
{
    using namespace Escalation;
    Case c;
    c.createdAt = QDateTime::fromString(theCase.value("createdAt"_L1).toString(), Qt::ISODate);
    c.severity = severityFromInt(theCase.value("severity"_L1).toInt()).value_or(Severity::S3);
    c.tier =
        supportTierFromCode(theCase.value("tier"_L1).toString()).value_or(SupportTier::Standard);
    const QDateTime requestedAt =
        QDateTime::fromString(request.value("requestedAt"_L1).toString(), Qt::ISODate);
    return EscalationPolicy().checkEligibility(c, requestedAt).verdict
        == Eligibility::Verdict::TooEarly;
}

#include "portalprocess.h"

#include "democredentials.h"
#include "postgrescluster.h"

#include <escalationpolicy.h>

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// ESCALATION_TEST_PORTAL_BACKEND=postgresql runs the same tests against a
// PostgreSQL database: one throw-away cluster per test process, a fresh
// database for each portal started without --db (as :memory: is fresh),
// and the same database again for the same --db file (a restart).
struct PostgresBackend {
    PostgresCluster cluster;
    QString startError;
    QSet<QString> created;
    int fresh = 0;
};

PostgresBackend *postgresBackend()
{
    static const bool wanted =
        qEnvironmentVariable("ESCALATION_TEST_PORTAL_BACKEND") == u"postgresql"_s;
    if (!wanted)
        return nullptr;
    static PostgresBackend backend;
    static const bool started = backend.cluster.start(&backend.startError);
    Q_UNUSED(started);
    return &backend;
}

bool onBackend(QStringList &args, QString *error)
{
    PostgresBackend *pg = postgresBackend();
    if (!pg)
        return true;
    if (!pg->startError.isEmpty()) {
        *error = u"PostgreSQL cluster: "_s + pg->startError;
        return false;
    }
    const qsizetype db = args.indexOf(u"--db"_s);
    if (db >= 0 && args.value(db + 1).startsWith(u"postgresql://"_s))
        return true; // already one of the cluster's (stateDatabase)
    const QString name = db >= 0 ? u"file_"_s
            + QString::fromLatin1(QCryptographicHash::hash(args.value(db + 1).toUtf8(),
                                                           QCryptographicHash::Sha1)
                                      .toHex()
                                      .left(16))
                                 : u"fresh_"_s + QString::number(++pg->fresh);
    if (!pg->created.contains(name)) {
        if (!pg->cluster.createDatabase(name, error))
            return false;
        pg->created.insert(name);
    }
    if (db >= 0)
        args[db + 1] = pg->cluster.locator(name);
    else
        args += {u"--db"_s, pg->cluster.locator(name)};
    return true;
}

} // namespace

QString PortalProcess::stateDatabase(const QString &file)
{
    QStringList args = {u"--db"_s, file};
    QString error;
    if (!onBackend(args, &error))
        qFatal("%s", qPrintable(error));
    return args.at(1);
}

QSqlDatabase PortalProcess::openState(const QString &connectionName, const QString &database)
{
    if (!database.startsWith(u"postgresql://"_s)) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(database);
        db.open();
        return db;
    }
    const QUrl url(database);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(url.host());
    db.setPort(url.port());
    db.setUserName(url.userName());
    db.setDatabaseName(url.path().mid(1));
    db.open();
    return db;
}

QByteArray PortalProcess::stateBytes(const QString &database)
{
    QByteArray bytes;
    if (!database.startsWith(u"postgresql://"_s)) {
        for (const QString &suffix : {u""_s, u"-wal"_s}) {
            QFile f(database + suffix);
            if (f.open(QIODevice::ReadOnly))
                bytes += f.readAll();
        }
        return bytes;
    }
    // Every row, with bytea columns as hex and as escaped text (a token
    // stored as bytes would show in one of them).
    const QUrl url(database);
    QProcess dump;
    dump.start(u"pg_dump"_s,
               {u"-h"_s, url.host(), u"-p"_s, QString::number(url.port()), u"-U"_s, url.userName(),
                u"--data-only"_s, url.path().mid(1)});
    dump.waitForFinished(120000);
    bytes = dump.readAllStandardOutput();
    QByteArray decoded;
    static const QRegularExpression hex(u"\\\\x([0-9a-f]+)"_s);
    for (const QRegularExpressionMatch &m : hex.globalMatch(QString::fromLatin1(bytes)))
        decoded += QByteArray::fromHex(m.captured(1).toLatin1()) + '\n';
    return bytes + decoded;
}

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
    if (!onBackend(all, error))
        return false;
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

QNetworkReply *PortalProcess::startPost(const QString &pathAndQuery, const QByteArray &body)
{
    QNetworkRequest req =
        request(pathAndQuery,
                {{"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}}, true);
    req.setRawHeader("Content-Type", "application/json");
    return m_nam.post(req, body);
}

QNetworkReply *PortalProcess::startAction(const QString &requestId, const QJsonObject &body,
                                          const QString &key)
{
    QNetworkRequest req = request(u"/api/v1/requests/"_s + requestId + u"/actions"_s,
                                  {{"Idempotency-Key", key.toUtf8()}}, true);
    req.setRawHeader("Content-Type", "application/json");
    return m_nam.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact));
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

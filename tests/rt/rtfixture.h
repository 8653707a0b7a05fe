#pragma once

// A throw-away Request Tracker for one test executable: provision-rt.sh
// starts it on loopback (in a RAM-backed folder where there is one),
// seed-rt.sh fills it, and stop() removes it. One per executable, shared by
// its test functions: provisioning is the expensive part of an RT test.

#include "rtclient.h"
#include "rtmapping.h"
#include "rtsettings.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrlQuery>

namespace RtTest {

struct ScriptRun {
    int exitCode = -1;
    QString out;
    QString err;
};

inline QString scriptsDir()
{
    return QStringLiteral(RT_SCRIPTS_DIR);
}

inline ScriptRun runScript(const QString &script, const QStringList &args,
                           const QProcessEnvironment &env, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("bash"), QStringList {scriptsDir() + u'/' + script} + args);
    ScriptRun r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QStringLiteral("%1 %2 did not finish within %3 s")
                    .arg(script, args.join(u' '))
                    .arg(timeoutMs / 1000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

class Server final {
public:
    // Empty when RT is installed here; else why not (for QSKIP).
    QString notInstalled()
    {
        m_env = QProcessEnvironment::systemEnvironment();
        const ScriptRun check =
            runScript(QStringLiteral("provision-rt.sh"), {QStringLiteral("check")}, m_env, 30000);
        return check.exitCode == 0 ? QString() : check.out.trimmed() + check.err.trimmed();
    }

    // Starts and seeds RT; an error text on failure.
    QString start(int cases, int escalations)
    {
        if (m_env.isEmpty())
            m_env = QProcessEnvironment::systemEnvironment();
        // A RAM-backed folder makes RT's SQLite commits cheap.
        if (QFileInfo(QStringLiteral("/dev/shm")).isWritable())
            m_env.insert(QStringLiteral("TMPDIR"), QStringLiteral("/dev/shm"));
        QElapsedTimer clock;
        clock.start();
        const ScriptRun started =
            runScript(QStringLiteral("provision-rt.sh"), {QStringLiteral("start")}, m_env, 180000);
        if (started.exitCode != 0)
            return started.err;
        static const QRegularExpression line(QStringLiteral("^([A-Z_]+)=(.*)$"),
                                             QRegularExpression::MultilineOption);
        for (auto it = line.globalMatch(started.out); it.hasNext();) {
            const auto m = it.next();
            QString value = m.captured(2);
            if (value.startsWith(u'\'') && value.endsWith(u'\''))
                value = value.mid(1, value.size() - 2);
            m_env.insert(m.captured(1), value);
        }
        m_dir = m_env.value(QStringLiteral("RT_DIR"));
        if (m_dir.isEmpty())
            return QStringLiteral("provision-rt.sh printed no RT_DIR");
        qInfo("RT provisioned in %lld ms", qint64(clock.restart()));
        const ScriptRun seeded =
            runScript(QStringLiteral("seed-rt.sh"),
                      {QStringLiteral("--cases"), QString::number(cases),
                       QStringLiteral("--escalations"), QString::number(escalations)},
                      m_env, 360000);
        if (seeded.exitCode != 0)
            return seeded.err;
        qInfo("seeded %d cases and %d escalations in %lld ms (%s)", cases, escalations,
              qint64(clock.elapsed()), qPrintable(seeded.out.trimmed()));
        return {};
    }

    // Stops RT and removes its folder; an error text on failure.
    QString stop()
    {
        if (m_dir.isEmpty())
            return {};
        const ScriptRun stopped = runScript(QStringLiteral("provision-rt.sh"),
                                            {QStringLiteral("stop"), m_dir}, m_env, 60000);
        m_dir.clear();
        return stopped.exitCode == 0 ? QString() : stopped.err;
    }

    // Stops the server but keeps its data: RT is down until resume().
    QString pause()
    {
        const ScriptRun stopped =
            runScript(QStringLiteral("provision-rt.sh"),
                      {QStringLiteral("stop"), m_dir, QStringLiteral("--keep")}, m_env, 60000);
        return stopped.exitCode == 0 ? QString() : stopped.err;
    }
    // Serves the paused RT again; an error text on failure.
    QString resume()
    {
        const ScriptRun served = runScript(QStringLiteral("provision-rt.sh"),
                                           {QStringLiteral("serve"), m_dir}, m_env, 120000);
        return served.exitCode == 0 ? QString() : served.err;
    }

    // Settings for the connector: token auth, quick retries for tests.
    Escalation::RtSettings settings() const
    {
        Escalation::RtSettings s;
        s.baseUrl = QUrl(m_env.value(QStringLiteral("RT_URL")));
        s.auth = Escalation::RtSettings::Auth::Token;
        s.secret = m_env.value(QStringLiteral("RT_TOKEN"));
        s.calendarId = QStringLiteral("americas");
        s.maxAttempts = 2;
        s.backoffBase = std::chrono::milliseconds(100);
        s.backoffCap = std::chrono::milliseconds(300);
        s.transferTimeout = std::chrono::seconds(60);
        return s;
    }

    // RT's superuser over basic auth: for what the sync user may not do,
    // such as deleting a ticket as an RT administrator would.
    Escalation::RtSettings rootSettings() const
    {
        Escalation::RtSettings s = settings();
        s.auth = Escalation::RtSettings::Auth::Basic;
        s.user = QStringLiteral("root");
        s.secret = m_env.value(QStringLiteral("RT_ROOT_PASSWORD"));
        return s;
    }

    const QProcessEnvironment &environment() const { return m_env; }
    QString dir() const { return m_dir; }

private:
    QProcessEnvironment m_env;
    QString m_dir;
};

// One REST 2 call through the connector's client, waited for (60 s at most).
inline Escalation::RtReply rest(Escalation::RtClient *client, const QByteArray &verb,
                                const QString &path, const QUrlQuery &query = {},
                                const QJsonValue &body = QJsonValue())
{
    Escalation::RtReply reply;
    reply.error = Escalation::TransportError::Timeout;
    QEventLoop loop;
    QObject context;
    QByteArray json;
    if (body.isObject())
        json = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        json = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    client->request(verb, path, query, json, &context, [&](const Escalation::RtReply &r) {
        reply = r;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    return reply;
}

// How many replies and comments of the ticket carry the outbox entry's key,
// read from RT's own transactions, not through the connector's mapping.
// -1 when RT does not answer.
inline int markerCount(Escalation::RtClient *client, const QString &ticketId, const QString &key)
{
    const auto field = [](const char *name, const QJsonValue &value) {
        return QJsonObject {{QStringLiteral("field"), QString::fromLatin1(name)},
                            {QStringLiteral("value"), value}};
    };
    QJsonObject type =
        field("Type", QJsonArray {QStringLiteral("Correspond"), QStringLiteral("Comment")});
    type.insert(QStringLiteral("operator"), QStringLiteral("IN"));
    const QJsonArray conditions {field("ObjectType", QStringLiteral("RT::Ticket")),
                                 field("ObjectId", ticketId), type};
    const Escalation::RtReply txns =
        rest(client, "POST", QStringLiteral("/transactions"),
             QUrlQuery {{QStringLiteral("per_page"), QStringLiteral("100")}}, conditions);
    if (!txns.ok())
        return -1;
    QJsonArray ids;
    const QJsonArray items =
        QJsonDocument::fromJson(txns.body).object().value(QStringLiteral("items")).toArray();
    for (const QJsonValue &v : items)
        ids.append(v.toObject().value(QStringLiteral("id")).toString().toDouble());
    if (ids.isEmpty())
        return 0;
    QJsonObject inTransactions = field("TransactionId", ids);
    inTransactions.insert(QStringLiteral("operator"), QStringLiteral("IN"));
    const Escalation::RtReply atts = rest(
        client, "POST", QStringLiteral("/attachments"),
        QUrlQuery {{QStringLiteral("per_page"), QStringLiteral("100")},
                   {QStringLiteral("fields"), QStringLiteral("TransactionId,ContentType,Content")}},
        QJsonArray {inTransactions});
    if (!atts.ok())
        return -1;
    int count = 0;
    const QJsonArray attItems =
        QJsonDocument::fromJson(atts.body).object().value(QStringLiteral("items")).toArray();
    for (const QJsonValue &v : attItems) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("ContentType")).toString() == QStringLiteral("text/plain")
            && o.value(QStringLiteral("Content"))
                   .toString()
                   .contains(Escalation::rtMarkerNeedle(key)))
            ++count;
    }
    return count;
}

} // namespace RtTest

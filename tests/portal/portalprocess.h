#pragma once

// Test support: runs the real escalation-portal executable on a free
// loopback port and talks to it over HTTP with QNetworkAccessManager,
// waiting synchronously (with a deadline) for each answer.

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <utility>
#include <vector>

struct HttpAnswer {
    int status = 0; // 0: no HTTP answer (see error)
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    qint64 elapsedMs = 0;

    QJsonObject json() const;
    QString errorCode() const; // error.code
    QString rule() const; // error.details.rule
    QString field() const; // error.details.field
};

// Raised before its case reached the minimum age (DESIGN.md §1): such a
// request is accepted only with a justification.
bool raisedTooEarly(const QJsonObject &request, const QJsonObject &theCase);

class PortalProcess final : public QObject {
public:
    explicit PortalProcess(QObject *parent = nullptr);
    ~PortalProcess() override;

    // Starts the portal with --listen 127.0.0.1:0 --demo-credentials FILE
    // plus args, and signs in as the seeded escalation manager.
    bool start(const QStringList &args, QString *error);
    void setEnvironment(const QProcessEnvironment &env) { m_process.setProcessEnvironment(env); }
    void stop();
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    QUrl url(const QString &pathAndQuery) const;
    QString token() const { return m_token; }
    // The seeded demo user's token for a role code ("team_lead", …); their name.
    QString tokenFor(const QString &roleCode) const;
    QString userName(const QString &roleCode = QStringLiteral("escalation_manager")) const;
    QString credentialsFile() const { return m_credentials; }
    // Signs the following requests in as the seeded demo user of that role.
    void signInAs(const QString &roleCode) { m_token = tokenFor(roleCode); }
    // Reads the demo credentials again (after a restart with rotated tokens).
    void reloadCredentials();
    QByteArray standardError() { return m_process.readAllStandardError(); }

    using Headers = std::vector<std::pair<QByteArray, QByteArray>>;
    HttpAnswer get(const QString &pathAndQuery, const Headers &headers = {}, bool authorized = true,
                   std::chrono::milliseconds timeout = std::chrono::seconds(60));
    HttpAnswer post(const QString &pathAndQuery, const QByteArray &body,
                    const Headers &headers = {},
                    std::chrono::milliseconds timeout = std::chrono::seconds(60));
    HttpAnswer sendCustom(const QByteArray &verb, const QString &pathAndQuery,
                          const QByteArray &body = {}, const Headers &headers = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));
    // Fires a request and returns the reply without waiting (for long polls).
    QNetworkReply *startGet(const QString &pathAndQuery, const Headers &headers = {});
    // Fires a POST without waiting.
    QNetworkReply *startPost(const QString &pathAndQuery, const QByteArray &body);
    // Fires a request action without waiting (writes racing each other).
    QNetworkReply *startAction(const QString &requestId, const QJsonObject &body,
                               const QString &key);
    // Ends the process at once (SIGKILL), as a crash would.
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
    static HttpAnswer finish(QNetworkReply *reply, std::chrono::milliseconds timeout);

    // Writes a request action with an Idempotency-Key.
    HttpAnswer action(const QString &requestId, const QJsonObject &body, const QString &key);
    // Current cursor, from /health.
    QString cursor();

    // Where a test keeps a portal's state across restarts: the file itself,
    // or, under ESCALATION_TEST_PORTAL_BACKEND=postgresql, a database of the
    // test's own cluster made for that file (a postgresql:// locator).
    static QString stateDatabase(const QString &file);
    // A Qt SQL connection on it, open (QSQLITE or QPSQL).
    static QSqlDatabase openState(const QString &connectionName, const QString &database);
    // Everything stored there as bytes, to look for what must not be: the
    // file and its write-ahead log, or a pg_dump of the database.
    static QByteArray stateBytes(const QString &database);

private:
    QNetworkRequest request(const QString &pathAndQuery, const Headers &headers,
                            bool authorized) const;

    QProcess m_process;
    QNetworkAccessManager m_nam;
    QString m_token;
    QString m_credentials;
    quint16 m_port = 0;
};

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

class PortalProcess final : public QObject {
public:
    explicit PortalProcess(QObject *parent = nullptr);
    ~PortalProcess() override;

    // Starts the portal with --listen 127.0.0.1:0 --token <token> plus args.
    bool start(const QStringList &args, QString *error);
    void stop();
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    QUrl url(const QString &pathAndQuery) const;
    QString token() const { return m_token; }
    QByteArray standardError() { return m_process.readAllStandardError(); }

    using Headers = std::vector<std::pair<QByteArray, QByteArray>>;
    HttpAnswer get(const QString &pathAndQuery, const Headers &headers = {}, bool authorized = true,
                   std::chrono::milliseconds timeout = std::chrono::seconds(20));
    HttpAnswer post(const QString &pathAndQuery, const QByteArray &body,
                    const Headers &headers = {},
                    std::chrono::milliseconds timeout = std::chrono::seconds(20));
    HttpAnswer sendCustom(const QByteArray &verb, const QString &pathAndQuery,
                          const QByteArray &body = {}, const Headers &headers = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(20));
    // Fires a request and returns the reply without waiting (for long polls).
    QNetworkReply *startGet(const QString &pathAndQuery, const Headers &headers = {});
    static HttpAnswer finish(QNetworkReply *reply, std::chrono::milliseconds timeout);

    // Writes a request action with an Idempotency-Key.
    HttpAnswer action(const QString &requestId, const QJsonObject &body, const QString &key);
    // Current cursor, from /health.
    QString cursor();

private:
    QNetworkRequest request(const QString &pathAndQuery, const Headers &headers,
                            bool authorized) const;

    QProcess m_process;
    QNetworkAccessManager m_nam;
    QString m_token = QStringLiteral("test-token-4f2a");
    quint16 m_port = 0;
};

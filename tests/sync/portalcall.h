#pragma once

// Direct calls to the portal for tests: "another client" acting on the
// portal, and the reference portal's diagnostics.

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

struct PortalCallResult {
    int status = 0;
    QJsonObject json;
};

inline PortalCallResult portalCall(const QUrl &base, const QString &token, const QByteArray &verb,
                                   const QString &path, const QJsonObject &body = {})
{
    static QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(base.toString() + QStringLiteral("/api/v1") + path));
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    request.setTransferTimeout(20000);
    QNetworkReply *reply = verb == "GET"
        ? nam.get(request)
        : nam.sendCustomRequest(request, verb, QJsonDocument(body).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    PortalCallResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return r;
}

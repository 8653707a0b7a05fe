#pragma once

// Test support: the tokens a test portal issued to its seeded demo users
// (escalation-portal --demo-credentials FILE, docs/portal-api.md). Fixtures
// sign in as the escalation manager by default. One file per test process:
// a portal restarted with the same file keeps the tokens, so clients of a
// restarted portal stay signed in.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

namespace DemoCredentials {

inline QString sharedFile()
{
    static QTemporaryDir dir;
    return dir.filePath(QStringLiteral("demo-credentials.json"));
}

// roleCode: "escalation_manager", "team_lead", "director" or "admin".
inline QString token(const QString &file, const QString &roleCode)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(roleCode)
        .toObject()
        .value(QStringLiteral("token"))
        .toString();
}

inline QString userName(const QString &file, const QString &roleCode)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(roleCode)
        .toObject()
        .value(QStringLiteral("name"))
        .toString();
}

} // namespace DemoCredentials

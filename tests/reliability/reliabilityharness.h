#pragma once

// Shared pieces of the reliability tests: the reference portal as a child
// process (token through the environment, never on a command line), direct
// HTTP calls to it, its whole state read through the change feed, and the
// cache's state and health read straight from the SQLite file.

#include "democredentials.h"

#include <escalationpolicy.h>

#include <QByteArray>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>
#include <QVariant>

#include <memory>

namespace Reliability {

// id -> version of every case and request; what "the same state" means.
struct RecordVersions {
    QHash<QString, qint64> cases;
    QHash<QString, qint64> requests;
    bool operator==(const RecordVersions &other) const
    {
        return cases == other.cases && requests == other.requests;
    }
};

// The first few differences, for a failure message.
inline QString describeDifference(const RecordVersions &expected, const RecordVersions &actual)
{
    QStringList lines;
    auto compare = [&lines](const QString &kind, const QHash<QString, qint64> &want,
                            const QHash<QString, qint64> &have) {
        for (auto it = want.cbegin(); it != want.cend() && lines.size() < 10; ++it) {
            if (!have.contains(it.key()))
                lines << QStringLiteral("%1 %2 missing").arg(kind, it.key());
            else if (have.value(it.key()) != it.value())
                lines << QStringLiteral("%1 %2 version %3, expected %4")
                             .arg(kind, it.key())
                             .arg(have.value(it.key()))
                             .arg(it.value());
        }
        for (auto it = have.cbegin(); it != have.cend() && lines.size() < 10; ++it) {
            if (!want.contains(it.key()))
                lines << QStringLiteral("%1 %2 should not be there").arg(kind, it.key());
        }
    };
    compare(QStringLiteral("case"), expected.cases, actual.cases);
    compare(QStringLiteral("request"), expected.requests, actual.requests);
    return QStringLiteral("cases %1 vs %2, requests %3 vs %4: ")
               .arg(expected.cases.size())
               .arg(actual.cases.size())
               .arg(expected.requests.size())
               .arg(actual.requests.size())
        + lines.join(QStringLiteral("; "));
}

class Portal final {
public:
    ~Portal() { stop(); }

    // The seeded escalation manager's token; the same across restarts.
    static QString token()
    {
        return DemoCredentials::token(DemoCredentials::sharedFile(),
                                      QStringLiteral("escalation_manager"));
    }

    // port 0 picks a free one; a restart passes the previous port.
    bool start(QStringList extra, int port = 0)
    {
        extra += {QStringLiteral("--demo-credentials"), DemoCredentials::sharedFile()};
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), m_loggingRules);
        m_process->setProcessEnvironment(env);
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(QStringLiteral(ESCALATION_PORTAL_EXE),
                         QStringList {QStringLiteral("--listen"),
                                      QStringLiteral("127.0.0.1:%1").arg(port),
                                      QStringLiteral("--diagnostics")}
                             + extra);
        if (!m_process->waitForStarted(10000))
            return false;
        const QRegularExpression re(
            QStringLiteral("listening on (https?://127\\.0\\.0\\.1:(\\d+))"));
        QByteArray out;
        QElapsedTimer clock;
        clock.start();
        // A restart on the same port may find it in TIME_WAIT for a moment.
        while (clock.elapsed() < 60000) {
            if (m_process->state() != QProcess::Running) {
                m_errors += m_process->readAllStandardError();
                if (port == 0 || clock.elapsed() > 20000)
                    return false;
                m_process->start(QStringLiteral(ESCALATION_PORTAL_EXE),
                                 QStringList {QStringLiteral("--listen"),
                                              QStringLiteral("127.0.0.1:%1").arg(port),
                                              QStringLiteral("--diagnostics")}
                                     + extra);
                m_process->waitForStarted(10000);
                continue;
            }
            m_process->waitForReadyRead(100);
            out += m_process->readAllStandardOutput();
            const auto m = re.match(QString::fromUtf8(out));
            if (m.hasMatch()) {
                m_url = QUrl(m.captured(1));
                m_port = m.captured(2).toInt();
                return true;
            }
        }
        return false;
    }

    void stop()
    {
        if (!m_process)
            return;
        m_process->kill();
        m_process->waitForFinished(10000);
        m_errors += m_process->readAllStandardError();
        m_process.reset();
    }

    void setLoggingRules(const QString &rules) { m_loggingRules = rules; }

    // What the portal wrote on stderr so far (its log: injected faults).
    QByteArray log()
    {
        if (m_process)
            m_errors += m_process->readAllStandardError();
        return m_errors;
    }

    QUrl url() const { return m_url; }
    int port() const { return m_port; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }

private:
    std::unique_ptr<QProcess> m_process;
    QByteArray m_errors;
    QString m_loggingRules = QStringLiteral("*.debug=false");
    QUrl m_url;
    int m_port = 0;
};

struct CallResult {
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

inline CallResult call(const QUrl &base, const QByteArray &verb, const QString &path,
                       const QByteArray &body = {})
{
    static QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(base.toString() + QStringLiteral("/api/v1") + path));
    request.setRawHeader("Authorization", "Bearer " + Portal::token().toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    request.setTransferTimeout(30000);
    QNetworkReply *reply =
        verb == "GET" ? nam.get(request) : nam.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    CallResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    reply->deleteLater();
    return r;
}

inline int applications(const QUrl &base, const QString &key)
{
    return call(base, "GET",
                QStringLiteral("/admin/applications?key=")
                    + QString::fromUtf8(QUrl::toPercentEncoding(key)))
        .json()
        .value(QStringLiteral("applications"))
        .toInt(-1);
}

inline QString portalCursor(const QUrl &base)
{
    return call(base, "GET", QStringLiteral("/health"))
        .json()
        .value(QStringLiteral("cursor"))
        .toString();
}

// The portal's whole state, read through the change feed from the start
// (a fault-free portal). Each page's cumulative state is handed to onPage
// with the page's cursor, so a caller can know what a cache at that cursor
// must hold. Records are kept as their JSON objects in `records`.
struct FeedState {
    RecordVersions versions;
    QHash<QString, QJsonObject> cases;
    QHash<QString, QJsonObject> requests;
    QString cursor;
    bool ok = false;
};

template<typename OnPage> FeedState readFeed(const QUrl &base, int pageSize, OnPage onPage)
{
    FeedState state;
    QString since = QStringLiteral("0");
    for (int pages = 0; pages < 100000; ++pages) {
        const CallResult r = call(
            base, "GET", QStringLiteral("/changes?since=%1&limit=%2").arg(since).arg(pageSize));
        if (r.status != 200)
            return state;
        const QJsonObject page = r.json();
        for (const QJsonValue &v : page.value(QStringLiteral("cases")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString id = o.value(QStringLiteral("id")).toString();
            state.cases.insert(id, o);
            state.versions.cases.insert(id, o.value(QStringLiteral("version")).toInteger());
        }
        for (const QJsonValue &v : page.value(QStringLiteral("requests")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString id = o.value(QStringLiteral("id")).toString();
            state.requests.insert(id, o);
            state.versions.requests.insert(id, o.value(QStringLiteral("version")).toInteger());
        }
        const QJsonObject removed = page.value(QStringLiteral("removed")).toObject();
        for (const QJsonValue &v : removed.value(QStringLiteral("cases")).toArray()) {
            state.cases.remove(v.toString());
            state.versions.cases.remove(v.toString());
        }
        for (const QJsonValue &v : removed.value(QStringLiteral("requests")).toArray()) {
            state.requests.remove(v.toString());
            state.versions.requests.remove(v.toString());
        }
        since = page.value(QStringLiteral("cursor")).toString();
        state.cursor = since;
        onPage(since, state.versions);
        if (!page.value(QStringLiteral("hasMore")).toBool()) {
            state.ok = true;
            return state;
        }
    }
    return state;
}

inline FeedState readFeed(const QUrl &base)
{
    return readFeed(base, 1000, [](const QString &, const RecordVersions &) {});
}

// Opens the cache file the way the next start of the app would (a WAL left
// by a killed process is recovered) under its own connection name.
class CacheFile final {
public:
    explicit CacheFile(const QString &path)
        : m_name(QStringLiteral("reliability-")
                 + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_open = db.open();
    }
    ~CacheFile()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }

    bool isOpen() const { return m_open; }

    // "ok", or what PRAGMA integrity_check found.
    QString integrity() const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
            return q.lastError().text();
        QStringList rows;
        while (q.next())
            rows << q.value(0).toString();
        return rows.join(QStringLiteral("; "));
    }

    // The cursor the cache resumes from; empty when it never synced.
    QString cursor() const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (q.exec(QStringLiteral("SELECT cursor FROM sync_state WHERE id = 1")) && q.next())
            return q.value(0).toString();
        return {};
    }

    RecordVersions versions() const
    {
        RecordVersions v;
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        q.setForwardOnly(true);
        if (q.exec(QStringLiteral("SELECT id, version FROM cases"))) {
            while (q.next())
                v.cases.insert(q.value(0).toString(), q.value(1).toLongLong());
        }
        if (q.exec(QStringLiteral("SELECT id, version FROM requests"))) {
            while (q.next())
                v.requests.insert(q.value(0).toString(), q.value(1).toLongLong());
        }
        return v;
    }

    // "ID:VERSION" of every pending request, ordered by id.
    // "id:version" of each pending request that may be accepted without a
    // justification (its case had reached the minimum age).
    QStringList pendingRequests() const
    {
        using namespace Escalation;
        QStringList ids;
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (q.exec(QStringLiteral(
                "SELECT r.id, r.version, r.requested_at, c.created_at, c.severity, c.tier "
                "FROM requests r JOIN cases c ON c.id = r.case_id WHERE r.state = 'pending' "
                "ORDER BY r.id"))) {
            const EscalationPolicy policy;
            while (q.next()) {
                Case c;
                c.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC);
                c.severity = severityFromInt(q.value(4).toInt()).value_or(Severity::S3);
                c.tier = supportTierFromCode(q.value(5).toString()).value_or(SupportTier::Standard);
                const QDateTime requestedAt =
                    QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC);
                if (policy.checkEligibility(c, requestedAt).verdict
                    == Eligibility::Verdict::TooEarly)
                    continue;
                ids << q.value(0).toString() + QLatin1Char(':') + q.value(1).toString();
            }
        }
        return ids;
    }

    // idempotency key -> status of every outbox entry.
    QHash<QString, QString> outbox() const
    {
        QHash<QString, QString> entries;
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (q.exec(QStringLiteral("SELECT idempotency_key, status FROM outbox"))) {
            while (q.next())
                entries.insert(q.value(0).toString(), q.value(1).toString());
        }
        return entries;
    }

private:
    QString m_name;
    bool m_open = false;
};

} // namespace Reliability

// Who did what, against the real escalation-portal: every cell of the
// permission table (permissions.h) allowed and refused, the author of every
// applied write is the token's user whatever "actor" says, tokens absent
// from the database, the log and the audit, revocation ending an open long
// poll, throttled failed sign-ins, the hash-chained audit log checked by
// "audit verify", and the user commands with good and bad input.

#include "permissions.h"
#include "portalprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Escalation;

namespace {

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs escalation-portal with arguments (the user and audit commands).
Run portalCommand(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(ESCALATION_PORTAL_EXECUTABLE), args);
    Run r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

struct Targets {
    QStringList pending; // escalation-manager decisions
    QStringList level3; // analyses
    QStringList level4Open; // acknowledgements
    QStringList quietCases; // cases without a request: a first escalation
    QStringList teams;
    QString any;
    // A team other than `team`, for a hand-off.
    QString otherTeam(const QString &team) const
    {
        return teams.first() == team ? teams.last() : teams.first();
    }
};

Targets targetsOf(PortalProcess &portal)
{
    Targets t;
    QHash<QString, QJsonObject> cases;
    QSet<QString> escalated;
    QList<QJsonObject> requests;
    QString cursor = u"0"_s;
    for (bool more = true; more;) {
        const QJsonObject page =
            portal.get(u"/api/v1/changes?since=%1&limit=1000"_s.arg(cursor)).json();
        for (const QJsonValue &v : page.value("cases"_L1).toArray())
            cases.insert(v.toObject().value("id"_L1).toString(), v.toObject());
        for (const QJsonValue &v : page.value("requests"_L1).toArray())
            requests.append(v.toObject());
        cursor = page.value("cursor"_L1).toString();
        more = page.value("hasMore"_L1).toBool();
    }
    for (const QJsonObject &r : std::as_const(requests)) {
        const QString id = r.value("id"_L1).toString();
        const QString state = r.value("state"_L1).toString();
        const int level = r.value("level"_L1).toInt();
        escalated.insert(r.value("caseId"_L1).toString());
        if (t.any.isEmpty())
            t.any = id;
        // Accepted without a justification, so not raised too early.
        if (state == u"pending"_s
            && !raisedTooEarly(r, cases.value(r.value("caseId"_L1).toString())))
            t.pending.append(id);
        const QString team = r.value("team"_L1).toString();
        if (!team.isEmpty() && !t.teams.contains(team))
            t.teams.append(team);
        if (level == 3 && state != u"closed"_s)
            t.level3.append(id);
        if (level == 4 && r.value("ownerAcknowledgement"_L1).isNull())
            t.level4Open.append(id);
    }
    for (auto it = cases.cbegin(); it != cases.cend(); ++it) {
        if (!escalated.contains(it.key()) && it->value("severity"_L1).toInt() > 1
            && it->value("status"_L1).toString() != u"closed"_s)
            t.quietCases.append(it.key());
    }
    return t;
}

QJsonObject errorDetails(const HttpAnswer &answer)
{
    return answer.json().value("error"_L1).toObject().value("details"_L1).toObject();
}

} // namespace

class TestPortalAuth final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<PortalProcess> startPortal(const QStringList &args)
    {
        auto portal = std::make_unique<PortalProcess>();
        QString error;
        if (!portal->start(args, &error)) {
            qWarning() << "portal did not start:" << error;
            return nullptr;
        }
        return portal;
    }

    std::unique_ptr<PortalProcess> m_shared;
    Targets m_targets;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_shared = startPortal({u"--seed"_s, u"8"_s, u"--requests"_s, u"1500"_s});
        QVERIFY(m_shared);
        m_targets = targetsOf(*m_shared);
        QVERIFY(m_targets.pending.size() > 20);
        QVERIFY(m_targets.level3.size() > 8);
        QVERIFY(m_targets.level4Open.size() > 4);
        QVERIFY(m_targets.quietCases.size() > 8);
    }

    void cleanupTestCase() { m_shared.reset(); }

    void me_tellsWhoTheTokenBelongsTo_data()
    {
        QTest::addColumn<QString>("role");
        for (const char *role : {"escalation_manager", "team_lead", "director", "admin"})
            QTest::newRow(role) << QString::fromLatin1(role);
    }

    void me_tellsWhoTheTokenBelongsTo()
    {
        QFETCH(QString, role);
        m_shared->signInAs(role);
        const HttpAnswer me = m_shared->get(u"/api/v1/me"_s);
        m_shared->signInAs(u"escalation_manager"_s);
        QCOMPARE(me.status, 200);
        const QJsonObject user = me.json().value("user"_L1).toObject();
        QCOMPARE(user.value("role"_L1).toString(), role);
        QCOMPARE(user.value("name"_L1).toString(), m_shared->userName(role));
        QVERIFY(user.value("id"_L1).toString().startsWith(u"u-"_s));
        QVERIFY(!user.value("team"_L1).toString().isEmpty());
    }

    // Every cell of the table: each role tries what each permission guards.
    void permissions_everyCellAllowedOrRefused_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<int>("permission");
        const std::array roles = {UserRole::EscalationManager, UserRole::TeamLead,
                                  UserRole::Director, UserRole::Admin};
        const std::array permissions = {
            Permission::Read,        Permission::Decide, Permission::Note,  Permission::Analysis,
            Permission::Acknowledge, Permission::Raise,  Permission::Admin, Permission::HandOff};
        for (UserRole role : roles) {
            for (Permission permission : permissions) {
                const QString name = toCode(role) + u' ' + toCode(permission);
                QTest::newRow(qPrintable(name)) << int(role) << int(permission);
            }
        }
    }

    void permissions_everyCellAllowedOrRefused()
    {
        QFETCH(int, role);
        QFETCH(int, permission);
        const auto userRole = UserRole(role);
        const auto needed = Permission(permission);
        const QString roleCode = toCode(userRole);
        PortalProcess &portal = *m_shared;
        portal.signInAs(roleCode);
        const QString me = portal.userName(roleCode);
        const auto restore = qScopeGuard([&] { portal.signInAs(u"escalation_manager"_s); });

        // A request action, with "actor" claiming someone else.
        const auto act = [&](const QString &id, const QString &action, const QString &text) {
            const QJsonObject current = portal.get(u"/api/v1/requests/"_s + id).json();
            QJsonObject body {{u"action"_s, action},
                              {u"actor"_s, u"Mallory Impostor"_s},
                              {u"version"_s, current.value("version"_L1)}};
            if (!text.isEmpty())
                body.insert(u"text"_s, text);
            return portal.action(id, body, newKey());
        };
        HttpAnswer answer;
        QString target;
        switch (needed) {
        case Permission::Read:
            target = m_targets.any;
            answer = portal.get(u"/api/v1/requests/"_s + target + u"/history"_s);
            break;
        case Permission::Decide:
            target = m_targets.pending.takeFirst();
            answer = act(target, u"accept"_s, u"Plan: call at 15:00."_s);
            break;
        case Permission::Note:
            target = m_targets.pending.takeFirst();
            answer = act(target, u"note"_s, u"Customer called."_s);
            break;
        case Permission::Analysis:
            target = m_targets.level3.takeFirst();
            answer = act(target, u"analysis"_s, u"Two teams, no owner."_s);
            break;
        case Permission::Acknowledge:
            target = m_targets.level4Open.takeFirst();
            answer = act(target, u"acknowledge"_s, {});
            break;
        case Permission::Raise:
            target = m_targets.quietCases.takeFirst();
            answer = portal.post(
                u"/api/v1/cases/"_s + target + u"/escalations"_s,
                R"({"reason":"other","summary":"Please look.","requestedBy":"a@b.example"})",
                {{"Idempotency-Key", newKey().toUtf8()}});
            break;
        case Permission::Admin:
            answer = portal.get(u"/api/v1/audit?limit=5"_s);
            break;
        case Permission::HandOff: {
            target = m_targets.pending.takeFirst();
            const QJsonObject current = portal.get(u"/api/v1/requests/"_s + target).json();
            answer = portal.action(
                target,
                {{u"action"_s, u"hand_off"_s},
                 {u"team"_s, m_targets.otherTeam(current.value("team"_L1).toString())},
                 {u"version"_s, current.value("version"_L1)}},
                newKey());
            break;
        }
        }

        if (!hasPermission(userRole, needed)) {
            QCOMPARE(answer.status, 403);
            QCOMPARE(answer.errorCode(), u"forbidden"_s);
            QCOMPARE(errorDetails(answer).value("permission"_L1).toString(), toCode(needed));
            QCOMPARE(errorDetails(answer).value("role"_L1).toString(), roleCode);
            if (needed != Permission::Read && needed != Permission::Admin
                && needed != Permission::Raise) {
                // Nothing was applied.
                const QJsonObject after = portal.get(u"/api/v1/requests/"_s + target).json();
                QVERIFY(after.value("decision"_L1).isNull() || needed != Permission::Decide);
            }
            return;
        }
        QVERIFY2(answer.status == 200, answer.body.constData());
        const QJsonObject r = answer.json().value("request"_L1).toObject();
        // The author is the token's user, never the "actor" the client sent.
        switch (needed) {
        case Permission::Decide:
            QCOMPARE(r.value("decision"_L1).toObject().value("by"_L1).toString(), me);
            QCOMPARE(r.value("owner"_L1).toString().isEmpty(), false);
            break;
        case Permission::Note:
            QCOMPARE(r.value("notes"_L1).toArray().last().toObject().value("author"_L1).toString(),
                     me);
            break;
        case Permission::Analysis:
            QCOMPARE(r.value("analysis"_L1).toObject().value("by"_L1).toString(), me);
            break;
        case Permission::Acknowledge:
            QCOMPARE(r.value("ownerAcknowledgement"_L1).toObject().value("by"_L1).toString(), me);
            break;
        case Permission::HandOff:
            QCOMPARE(r.value("handOff"_L1).toObject().value("by"_L1).toString(), me);
            break;
        case Permission::Read:
            QCOMPARE(answer.json().value("requestId"_L1).toString(), target);
            QVERIFY(!answer.json().value("entries"_L1).toArray().isEmpty());
            return;
        case Permission::Raise:
            QCOMPARE(r.value("caseId"_L1).toString(), target);
            return;
        case Permission::Admin:
            QVERIFY(answer.json().value("entries"_L1).isArray());
            return;
        }
        QVERIFY(!answer.body.contains("Mallory"));
        // …and the request's timeline names them too.
        const QJsonArray history = portal.get(u"/api/v1/requests/"_s + target + u"/history"_s)
                                       .json()
                                       .value("entries"_L1)
                                       .toArray();
        const QJsonObject actor = history.last().toObject().value("actor"_L1).toObject();
        QCOMPARE(actor.value("name"_L1).toString(), me);
        QCOMPARE(actor.value("role"_L1).toString(), roleCode);
        QVERIFY(actor.value("id"_L1).toString().startsWith(u"u-"_s));
    }

    void forbidden_isRememberedUnderItsKey()
    {
        PortalProcess &portal = *m_shared;
        portal.signInAs(u"team_lead"_s);
        const auto restore = qScopeGuard([&] { portal.signInAs(u"escalation_manager"_s); });
        const QString id = m_targets.pending.takeFirst();
        const QJsonObject body {
            {u"action"_s, u"decline"_s},
            {u"text"_s, u"No."_s},
            {u"version"_s, portal.get(u"/api/v1/requests/"_s + id).json().value("version"_L1)}};
        const QString key = newKey();
        const HttpAnswer first = portal.action(id, body, key);
        const HttpAnswer again = portal.action(id, body, key);
        QCOMPARE(first.status, 403);
        QCOMPARE(again.status, 403);
        QCOMPARE(again.body, first.body);
    }

    void history_ofSeededRequests_namesTheSeededUsers()
    {
        PortalProcess &portal = *m_shared;
        QCOMPARE(portal.get(u"/api/v1/requests/E-999999/history"_s).status, 404);
        // The seeded director wrote the seeded analyses.
        const QString director = portal.userName(u"director"_s);
        bool found = false;
        for (const QString &id : std::as_const(m_targets.level3)) {
            const QJsonArray entries = portal.get(u"/api/v1/requests/"_s + id + u"/history"_s)
                                           .json()
                                           .value("entries"_L1)
                                           .toArray();
            QVERIFY(!entries.isEmpty());
            QVERIFY(QStringList({u"raise"_s, u"re_escalate"_s})
                        .contains(entries.first().toObject().value("action"_L1).toString()));
            for (const QJsonValue &e : entries) {
                const QJsonObject actor = e.toObject().value("actor"_L1).toObject();
                if (e.toObject().value("action"_L1).toString() == u"analysis"_s
                    && actor.value("name"_L1).toString() == director) {
                    QCOMPARE(actor.value("role"_L1).toString(), u"director"_s);
                    found = true;
                }
            }
        }
        QVERIFY2(found, "no seeded analysis by the seeded director");
    }

    void audit_isAdminOnlyAndPaged()
    {
        PortalProcess &portal = *m_shared;
        portal.signInAs(u"admin"_s);
        const auto restore = qScopeGuard([&] { portal.signInAs(u"escalation_manager"_s); });
        const HttpAnswer page = portal.get(u"/api/v1/audit?after=0&limit=2"_s);
        QCOMPARE(page.status, 200);
        const QJsonArray entries = page.json().value("entries"_L1).toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).toObject().value("seq"_L1).toInteger(), 1);
        QCOMPARE(entries.at(1).toObject().value("prevHash"_L1).toString(),
                 entries.at(0).toObject().value("hash"_L1).toString());
        const qint64 next = page.json().value("next"_L1).toInteger();
        QCOMPARE(next, 2);
        const HttpAnswer second = portal.get(u"/api/v1/audit?after=%1&limit=2"_s.arg(next));
        QCOMPARE(second.json()
                     .value("entries"_L1)
                     .toArray()
                     .first()
                     .toObject()
                     .value("seq"_L1)
                     .toInteger(),
                 3);
        QCOMPARE(portal.get(u"/api/v1/audit?limit=0"_s).status, 400);
    }

    void tokens_neverInTheDatabaseTheLogOrTheAudit()
    {
        const QString db = PortalProcess::stateDatabase(m_dir.filePath(u"secrets.sqlite"_s));
        const QString credentials = m_dir.filePath(u"secrets-credentials.json"_s);
        PortalProcess portal;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_LOGGING_RULES"_s, u"escalation.*.debug=true"_s); // the most it logs
        portal.setEnvironment(env);
        QString error;
        QVERIFY2(portal.start({u"--requests"_s, u"50"_s, u"--db"_s, db, u"--demo-credentials"_s,
                               credentials},
                              &error),
                 qPrintable(error));
        const Run added = portalCommand({u"user"_s, u"add"_s, u"--db"_s, db, u"--name"_s,
                                         u"Kim Sato"_s, u"--role"_s, u"team_lead"_s});
        QCOMPARE(added.exitCode, 0);
        QList<QByteArray> tokens;
        tokens.append(added.out.trimmed().split(u'\n').last().toUtf8());
        for (const char *role : {"escalation_manager", "team_lead", "director", "admin"})
            tokens.append(portal.tokenFor(QString::fromLatin1(role)).toUtf8());
        const QByteArray wrong = "esk_wrongwrongwrongwrongwrongwrongwrongwrong01";
        for (const QByteArray &token : std::as_const(tokens)) {
            QVERIFY(token.startsWith("esk_"));
            const HttpAnswer me =
                portal.get(u"/api/v1/me"_s, {{"Authorization", "Bearer " + token}}, false);
            QCOMPARE(me.status, 200);
        }
        QCOMPARE(portal.get(u"/api/v1/me"_s, {{"Authorization", "Bearer " + wrong}}, false).status,
                 401);
        portal.signInAs(u"admin"_s);
        const QByteArray audit = portal.get(u"/api/v1/audit?limit=1000"_s).body;
        QVERIFY(audit.contains("unauthorized"));
        portal.stop();

        const QByteArray stored = PortalProcess::stateBytes(db);
        QVERIFY(stored.size() > 10000);
        const QByteArray log = portal.standardError();
        QVERIFY(!log.isEmpty());
        for (const QByteArray &token : std::as_const(tokens) + QList<QByteArray> {wrong}) {
            const QByteArray secret = token.mid(4); // without the recognisable prefix
            QVERIFY2(!stored.contains(secret), "a token is in the database file");
            QVERIFY2(!log.contains(secret), "a token is in the portal's log");
            QVERIFY2(!audit.contains(secret), "a token is in the audit log");
        }
    }

    void revocation_endsAnOpenLongPollWith401()
    {
        const QString db = PortalProcess::stateDatabase(m_dir.filePath(u"revoke.sqlite"_s));
        PortalProcess portal;
        QString error;
        QVERIFY2(portal.start({u"--requests"_s, u"20"_s, u"--db"_s, db, u"--demo-credentials"_s,
                               m_dir.filePath(u"revoke-credentials.json"_s)},
                              &error),
                 qPrintable(error));
        portal.signInAs(u"team_lead"_s);
        const QString teamLeadId = portal.get(u"/api/v1/me"_s)
                                       .json()
                                       .value("user"_L1)
                                       .toObject()
                                       .value("id"_L1)
                                       .toString();
        QVERIFY(!teamLeadId.isEmpty());
        QNetworkReply *poll =
            portal.startGet(u"/api/v1/changes/wait?since=%1&timeout=60"_s.arg(portal.cursor()));
        QSignalSpy finished(poll, &QNetworkReply::finished);
        // The poll is held: nothing changes, so it has no reason to answer.
        QVERIFY(!finished.wait(300));

        const Run revoked = portalCommand({u"user"_s, u"revoke"_s, u"--db"_s, db, teamLeadId});
        QElapsedTimer sinceRevoke;
        sinceRevoke.start();
        QCOMPARE(revoked.exitCode, 0);
        QVERIFY(finished.count() > 0 || finished.wait(30000));
        const qint64 elapsed = sinceRevoke.elapsed();
        const HttpAnswer answer = PortalProcess::finish(poll, std::chrono::seconds(1));
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.errorCode(), u"unauthorized"_s);
        qInfo() << "the held poll ended" << elapsed << "ms after the revoke command exited";
        QVERIFY2(elapsed < 30000, "the poll ran to its timeout instead of ending on revocation");
        QCOMPARE(portal.get(u"/api/v1/me"_s).status, 401);

        // Rotation: the old token stops working at once, the new one works.
        portal.signInAs(u"director"_s);
        const QString directorId = portal.get(u"/api/v1/me"_s)
                                       .json()
                                       .value("user"_L1)
                                       .toObject()
                                       .value("id"_L1)
                                       .toString();
        const QByteArray oldToken = portal.token().toUtf8();
        const Run rotated = portalCommand({u"user"_s, u"rotate"_s, u"--db"_s, db, directorId});
        QCOMPARE(rotated.exitCode, 0);
        const QByteArray newToken = rotated.out.trimmed().split(u'\n').last().toUtf8();
        QVERIFY(newToken.startsWith("esk_") && newToken != oldToken);
        QCOMPARE(
            portal.get(u"/api/v1/me"_s, {{"Authorization", "Bearer " + oldToken}}, false).status,
            401);
        QCOMPARE(
            portal.get(u"/api/v1/me"_s, {{"Authorization", "Bearer " + newToken}}, false).status,
            200);
    }

    void failedSignIns_areThrottledAfterABurst()
    {
        auto portal = startPortal({u"--requests"_s, u"5"_s});
        QVERIFY(portal);
        const PortalProcess::Headers wrong {{"Authorization", "Bearer esk_not-a-token"}};
        for (int i = 0; i < 10; ++i)
            QCOMPARE(portal->get(u"/api/v1/me"_s, wrong, false).status, 401);
        const HttpAnswer throttled = portal->get(u"/api/v1/me"_s, wrong, false);
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.errorCode(), u"too_many_failures"_s);
        const int retryAfter = throttled.headers.value("retry-after").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60,
                 throttled.headers.value("retry-after").constData());
        // While throttled the address is not heard at all, a right token included.
        QCOMPARE(portal->get(u"/api/v1/me"_s).status, 429);
        QCOMPARE(portal->get(u"/api/v1/health"_s, {}, false).status, 200);
        // Claiming another address is no way out without --trusted-proxy.
        QCOMPARE(portal->get(u"/api/v1/me"_s, {{"X-Forwarded-For", "203.0.113.9"}}).status, 429);
    }

    void trustedProxy_throttlesAndAuditsTheForwardedClient()
    {
        // Desks behind a reverse proxy on this host: each its own client.
        auto portal = startPortal(
            {u"--requests"_s, u"5"_s, u"--trusted-proxy"_s, u"10.0.0.0/8, 127.0.0.1"_s});
        QVERIFY(portal);
        const auto from = [](const QByteArray &forwardedFor) {
            return PortalProcess::Headers {{"X-Forwarded-For", forwardedFor}};
        };
        PortalProcess::Headers guesser = from("203.0.113.5");
        guesser.emplace_back("Authorization", "Bearer esk_not-a-token");
        for (int i = 0; i < 10; ++i)
            QCOMPARE(portal->get(u"/api/v1/me"_s, guesser, false).status, 401);
        QCOMPARE(portal->get(u"/api/v1/me"_s, guesser, false).status, 429);
        // Another desk behind the same proxy is not throttled with it; one
        // that forges an address left of what the proxies wrote is still
        // the client the last proxy saw.
        QCOMPARE(portal->get(u"/api/v1/me"_s, from("203.0.113.6")).status, 200);
        QCOMPARE(portal->get(u"/api/v1/me"_s, from("198.51.100.1, 203.0.113.5")).status, 429);
        QCOMPARE(portal->get(u"/api/v1/me"_s, from("203.0.113.5, 10.0.0.7")).status, 429);

        // The audit log names the client, not the proxy.
        portal->signInAs(u"admin"_s);
        const HttpAnswer audit = portal->get(u"/api/v1/audit?limit=1000"_s, from("203.0.113.7"));
        QCOMPARE(audit.status, 200);
        int fromGuesser = 0;
        for (const QJsonValue &e : audit.json().value("entries"_L1).toArray()) {
            QVERIFY(e["address"_L1].toString() != u"127.0.0.1"_s);
            fromGuesser += e["address"_L1].toString() == u"203.0.113.5"_s ? 1 : 0;
        }
        QCOMPARE(fromGuesser, 10);

        // A bad list is refused at start.
        PortalProcess bad;
        QString error;
        QVERIFY(
            !bad.start({u"--requests"_s, u"5"_s, u"--trusted-proxy"_s, u"10.0.0.0/40"_s}, &error));
    }

    void auditVerify_namesTheFirstChangedOrRemovedEntry()
    {
        const QString db = PortalProcess::stateDatabase(m_dir.filePath(u"audit.sqlite"_s));
        {
            PortalProcess portal;
            QString error;
            QVERIFY2(portal.start({u"--requests"_s, u"40"_s, u"--db"_s, db, u"--demo-credentials"_s,
                                   m_dir.filePath(u"audit-credentials.json"_s)},
                                  &error),
                     qPrintable(error));
            const Targets t = targetsOf(portal);
            for (int i = 0; i < 3; ++i) {
                portal.action(t.any, {{u"action"_s, u"note"_s}, {u"text"_s, u"n"_s}}, newKey());
            }
            portal.get(u"/api/v1/me"_s, {{"Authorization", "Bearer esk_wrong"}}, false);
            portal.stop();
        }
        const Run intact = portalCommand({u"audit"_s, u"verify"_s, u"--db"_s, db});
        QCOMPARE(intact.exitCode, 0);
        QVERIFY2(intact.out.contains(u"audit log intact: 4 entries"_s), qPrintable(intact.out));

        const auto sql = [&](const QString &statement) {
            const QString name = u"tst-audit-edit"_s;
            bool ok = false;
            {
                QSqlDatabase edit = PortalProcess::openState(name, db);
                ok = edit.isOpen() && QSqlQuery(edit).exec(statement);
                edit.close();
            }
            QSqlDatabase::removeDatabase(name);
            return ok;
        };
        // Changed: someone else's name on entry 2.
        QVERIFY(sql(u"UPDATE audit SET user_name = 'Someone Else' WHERE seq = 2"_s));
        const Run changed = portalCommand({u"audit"_s, u"verify"_s, u"--db"_s, db});
        QCOMPARE(changed.exitCode, 1);
        QVERIFY2(changed.err.contains(u"audit entry 2 was changed"_s), qPrintable(changed.err));
        QVERIFY(sql(u"UPDATE audit SET user_name = (SELECT name FROM users WHERE id = "
                    "(SELECT user_id FROM audit WHERE seq = 2)) WHERE seq = 2"_s));
        QCOMPARE(portalCommand({u"audit"_s, u"verify"_s, u"--db"_s, db}).exitCode, 0);

        // Removed: entry 3 from the middle, and then the newest one.
        QVERIFY(sql(u"DELETE FROM audit WHERE seq = 3"_s));
        const Run removed = portalCommand({u"audit"_s, u"verify"_s, u"--db"_s, db});
        QCOMPARE(removed.exitCode, 1);
        QVERIFY2(removed.err.contains(u"audit entry 3 was removed"_s), qPrintable(removed.err));

        const QString db2 = PortalProcess::stateDatabase(m_dir.filePath(u"audit-tail.sqlite"_s));
        for (const QString &args : {u"Ann One"_s, u"Bob Two"_s}) {
            QCOMPARE(portalCommand({u"user"_s, u"add"_s, u"--db"_s, db2, u"--name"_s, args,
                                    u"--role"_s, u"director"_s})
                         .exitCode,
                     0);
        }
        QCOMPARE(portalCommand({u"audit"_s, u"verify"_s, u"--db"_s, db2}).exitCode, 0);
        QSqlDatabase::removeDatabase(u"tst-audit-edit"_s);
        {
            QSqlDatabase edit = PortalProcess::openState(u"tst-audit-tail"_s, db2);
            QVERIFY(edit.isOpen());
            QVERIFY(QSqlQuery(edit).exec(u"DELETE FROM audit WHERE seq = 2"_s));
            edit.close();
        }
        QSqlDatabase::removeDatabase(u"tst-audit-tail"_s);
        const Run tail = portalCommand({u"audit"_s, u"verify"_s, u"--db"_s, db2});
        QCOMPARE(tail.exitCode, 1);
        QVERIFY2(tail.err.contains(u"audit entry 2 was removed"_s), qPrintable(tail.err));
    }

    void userCommands_manageUsersAndRefuseBadInput()
    {
        const QString db = PortalProcess::stateDatabase(m_dir.filePath(u"users.sqlite"_s));
        const auto user = [&](const QStringList &args) {
            return portalCommand(QStringList {u"user"_s} + args);
        };
        const Run added =
            user({u"add"_s, u"--db"_s, db, u"--name"_s, u"Dana Whitfield"_s, u"--role"_s,
                  u"escalation_manager"_s, u"--team"_s, u"Platform Support"_s});
        QCOMPARE(added.exitCode, 0);
        const QStringList lines = added.out.trimmed().split(u'\n');
        const QString token = lines.last();
        QVERIFY(token.startsWith(u"esk_"_s));
        QCOMPARE(token.size(), 4 + 43); // 32 bytes, base64url without padding
        QVERIFY(lines.first().contains(u"u-1"_s));

        const Run listed = user({u"list"_s, u"--db"_s, db});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(listed.out.trimmed(),
                 u"u-1\tDana Whitfield\tescalation_manager\tPlatform Support\tactive"_s);
        QVERIFY(!listed.out.contains(token));

        const Run rotated = user({u"rotate"_s, u"--db"_s, db, u"u-1"_s});
        QCOMPARE(rotated.exitCode, 0);
        QVERIFY(rotated.out.trimmed().split(u'\n').last().startsWith(u"esk_"_s));
        QVERIFY(!rotated.out.contains(token));

        QCOMPARE(user({u"revoke"_s, u"--db"_s, db, u"u-1"_s}).exitCode, 0);
        QVERIFY(user({u"list"_s, u"--db"_s, db}).out.contains(u"\trevoked"_s));
        const Run rotateRevoked = user({u"rotate"_s, u"--db"_s, db, u"u-1"_s});
        QCOMPARE(rotateRevoked.exitCode, 2);
        QVERIFY2(rotateRevoked.err.contains(u"revoked"_s), qPrintable(rotateRevoked.err));

        struct Bad {
            QStringList args;
            QString says;
        };
        const QList<Bad> bad = {
            {{u"add"_s, u"--db"_s, db, u"--name"_s, u"X"_s, u"--role"_s, u"ceo"_s},
             u"unknown role \"ceo\""_s},
            {{u"add"_s, u"--db"_s, db, u"--role"_s, u"director"_s}, u"--name"_s},
            {{u"add"_s, u"--db"_s, db, u"--name"_s, u"  "_s, u"--role"_s, u"director"_s},
             u"--name"_s},
            {{u"add"_s, u"--db"_s, db, u"--name"_s, u"X"_s}, u"--role"_s},
            {{u"revoke"_s, u"--db"_s, db, u"u-99"_s}, u"no user u-99"_s},
            {{u"rotate"_s, u"--db"_s, db, u"u-99"_s}, u"no user u-99"_s},
            {{u"revoke"_s, u"--db"_s, db}, u"id"_s},
            {{u"list"_s}, u"--db"_s},
            {{u"list"_s, u"--db"_s, m_dir.filePath(u"missing.sqlite"_s)},
             u"no such portal database"_s},
            {{u"promote"_s, u"--db"_s, db}, u"unknown user command"_s},
            {{}, u"add, list, revoke or rotate"_s},
        };
        for (const Bad &b : bad) {
            const Run run = user(b.args);
            QVERIFY2(run.exitCode == 2,
                     qPrintable(b.args.join(u' ') + u" exited "_s + QString::number(run.exitCode)));
            QVERIFY2(run.err.contains(b.says), qPrintable(b.args.join(u' ') + u": "_s + run.err));
            QVERIFY(run.out.isEmpty());
        }
        QVERIFY(!QFile::exists(m_dir.filePath(u"missing.sqlite"_s)));
        // Nothing bad input did was stored.
        QCOMPARE(user({u"list"_s, u"--db"_s, db}).out.trimmed().split(u'\n').size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPortalAuth)
#include "tst_portalauth.moc"

// The accounts story end to end, the desk's connector against the real
// escalation-portal with the seeded users' own tokens: a manager accepts a
// level-3 request, a director records its analysis, a team lead's decline
// is refused (403), and the request's history shows the accept and the
// analysis in order under the right names (the refusal is not part of it).
//

#include "portalprocess.h"

#include <nativeconnector.h>
#include <permissions.h>
#include <portalclient.h>

#include <QEventLoop>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

// The seeded user's own token, from the portal's demo credentials.
QString tokenOf(const PortalProcess &portal, UserRole role)
{
    return portal.tokenFor(toCode(role));
}

ConnectorResult await(ConnectorCall *call)
{
    ConnectorResult result;
    result.error = TransportError::Timeout;
    result.message = u"no answer within 120 s"_s;
    QEventLoop loop;
    QObject::connect(call, &ConnectorCall::finished, &loop, [&](const ConnectorResult &r) {
        result = r;
        loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    return result;
}

} // namespace

class TestAuthStory final : public QObject {
    Q_OBJECT

    struct Desk {
        std::unique_ptr<PortalClient> client;
        std::unique_ptr<NativeConnector> connector;
        UserIdentity user;
    };

    PortalProcess m_portal;

    Desk deskOf(UserRole role)
    {
        Desk d;
        PortalSettings settings;
        settings.baseUrl = m_portal.url(QString());
        settings.token = tokenOf(m_portal, role);
        settings.maxAttempts = 2;
        d.client = std::make_unique<PortalClient>(settings);
        d.connector = std::make_unique<NativeConnector>(d.client.get());
        const ConnectorResult me = await(d.connector->whoAmI());
        if (me.identity)
            d.user = *me.identity;
        return d;
    }

    static OutboxEntry entry(const EscalationRequest &r, OutboxAction action, const QString &text)
    {
        OutboxEntry e;
        e.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
        e.requestId = r.id;
        e.action = action;
        e.text = text;
        e.baseVersion = r.version;
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_portal.start({u"--seed"_s, u"13"_s, u"--requests"_s, u"300"_s}, &error),
                 qPrintable(error));
        QVERIFY(!tokenOf(m_portal, UserRole::EscalationManager).isEmpty());
    }

    void managerAccepts_directorAnalyses_teamLeadRefused_historyInOrder()
    {
        Desk manager = deskOf(UserRole::EscalationManager);
        Desk director = deskOf(UserRole::Director);
        Desk lead = deskOf(UserRole::TeamLead);
        QCOMPARE(manager.user.role, UserRole::EscalationManager);
        QCOMPARE(director.user.role, UserRole::Director);
        QCOMPARE(lead.user.role, UserRole::TeamLead);
        QVERIFY(!manager.user.name.isEmpty() && manager.user.name != director.user.name);

        // A pending level-3 request, as the manager's desk syncs it.
        std::optional<EscalationRequest> pending;
        QString cursor;
        for (int page = 0; page < 50 && !pending; ++page) {
            FetchOptions options;
            options.pageSize = 1000;
            const ConnectorResult r = await(manager.connector->fetchChanges(cursor, options));
            QVERIFY2(r.ok() && r.page.ok, qPrintable(r.message + r.page.error));
            for (const EscalationRequest &q : r.page.page.requests) {
                if (q.level == 3 && q.state == RequestState::Pending) {
                    pending = q;
                    break;
                }
            }
            if (!r.page.page.hasMore)
                break;
            cursor = r.page.page.cursor;
        }
        QVERIFY2(pending, "the seeded portal has no pending level-3 request");

        // The manager accepts.
        ConnectorResult accepted = await(manager.connector->push(
            entry(*pending, OutboxAction::Accept, u"War room at 15:00; vendor joins."_s), {}));
        QCOMPARE(accepted.push, ConnectorResult::PushOutcome::Delivered);
        QVERIFY(accepted.request);
        QCOMPARE(accepted.request->decision->by, manager.user.name);

        // The director records the analysis.
        ConnectorResult analysed = await(director.connector->push(
            entry(*accepted.request, OutboxAction::RecordAnalysis,
                  u"Root cause: snapshot schedule skipped after the upgrade."_s),
            {}));
        QCOMPARE(analysed.push, ConnectorResult::PushOutcome::Delivered);
        QVERIFY(analysed.request && analysed.request->analysis);
        QCOMPARE(analysed.request->analysis->by, director.user.name);

        // The team lead's decline is refused: 403, terminal, not a sign-in problem.
        QSignalSpy unauthorized(lead.client.get(), &PortalClient::unauthorized);
        ConnectorResult declined = await(lead.connector->push(
            entry(*analysed.request, OutboxAction::Decline, u"Not needed."_s), {}));
        QCOMPARE(declined.push, ConnectorResult::PushOutcome::Refused);
        QCOMPARE(declined.error, TransportError::Forbidden);
        QCOMPARE(declined.httpStatus, 403);
        QCOMPARE(unauthorized.size(), 0);

        // The history: the accept, the analysis and the refused decline, in
        // that order, with the right names; only the decline is a refusal.
        const ConnectorResult history = await(manager.connector->fetchHistory(pending->id));
        QVERIFY2(history.history, qPrintable(history.message));
        QStringList story;
        for (const HistoryEntry &e : history.history->entries)
            story << e.action + u' ' + e.actorName + (e.refused ? u" refused"_s : QString());
        const qsizetype accept = story.indexOf(u"accept "_s + manager.user.name);
        const qsizetype analysis = story.indexOf(u"analysis "_s + director.user.name);
        const qsizetype decline = story.indexOf(u"decline "_s + lead.user.name + u" refused"_s);
        QVERIFY2(accept >= 0 && analysis > accept && decline > analysis,
                 qPrintable(story.join(u" | "_s)));
        QCOMPARE(decline, story.size() - 1);
        const HistoryEntry &refused = history.history->entries.at(decline);
        QCOMPARE(refused.actorRole, u"team_lead"_s);
        QCOMPARE(refused.text, refusalReason(UserRole::TeamLead, Permission::Decide));
        for (const HistoryEntry &e : history.history->entries)
            QVERIFY2(e.refused == (&e == &refused), qPrintable(story.join(u" | "_s)));
        // It opens with how the request came in: raised, or re-escalated
        // from an earlier declined request.
        QCOMPARE(history.history->entries.first().action,
                 pending->previousRequestId.isEmpty() ? u"raise"_s : u"re_escalate"_s);
    }
};

QTEST_GUILESS_MAIN(TestAuthStory)
#include "tst_authstory.moc"

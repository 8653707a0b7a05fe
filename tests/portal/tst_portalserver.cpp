// End to end: the real escalation-portal process on a free loopback port,
// spoken to over HTTP exactly as docs/portal-api.md describes.

#include "portalprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString pinnedNow = u"2026-03-30T15:00:00Z"_s;

struct Feed {
    QList<QJsonObject> caseList;
    QList<QJsonObject> requestList;
    QHash<QString, QJsonObject> cases;
    QHash<QString, QJsonObject> requests;
    QStringList removedCases;
    QStringList removedRequests;
    QString cursor;
    int pages = 0;
    bool requestBeforeCase = false;
};

// Pages through /changes from `since` to the end.
Feed pull(PortalProcess &portal, const QString &since = u"0"_s, int limit = 1000)
{
    Feed feed;
    QString cursor = since;
    for (bool more = true; more;) {
        const HttpAnswer page =
            portal.get(u"/api/v1/changes?since=%1&limit=%2"_s.arg(cursor).arg(limit));
        if (page.status != 200) {
            qWarning() << "page failed" << page.status << page.body.left(200);
            feed.pages = -1;
            return feed;
        }
        const QJsonObject o = page.json();
        for (const QJsonValue &v : o.value("cases"_L1).toArray()) {
            feed.caseList.append(v.toObject());
            feed.cases.insert(v.toObject().value("id"_L1).toString(), v.toObject());
        }
        for (const QJsonValue &v : o.value("requests"_L1).toArray()) {
            const QJsonObject r = v.toObject();
            if (!feed.cases.contains(r.value("caseId"_L1).toString()) && since == u"0"_s)
                feed.requestBeforeCase = true;
            feed.requestList.append(r);
            feed.requests.insert(r.value("id"_L1).toString(), r);
        }
        for (const QJsonValue &v : o.value("removed"_L1).toObject().value("cases"_L1).toArray())
            feed.removedCases.append(v.toString());
        for (const QJsonValue &v : o.value("removed"_L1).toObject().value("requests"_L1).toArray())
            feed.removedRequests.append(v.toString());
        cursor = o.value("cursor"_L1).toString();
        more = o.value("hasMore"_L1).toBool();
        ++feed.pages;
    }
    feed.cursor = cursor;
    return feed;
}

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject actionBody(const QString &action, const QString &text, const QJsonValue &version)
{
    QJsonObject o {{u"action"_s, action}, {u"actor"_s, u"Dana Whitfield"_s}};
    if (!text.isNull())
        o.insert(u"text"_s, text);
    if (!version.isUndefined())
        o.insert(u"version"_s, version);
    return o;
}

using Predicate = std::function<bool(const QJsonObject &request, const QJsonObject &theCase)>;

QString find(const Feed &feed, const Predicate &predicate)
{
    for (const QJsonObject &r : feed.requestList) {
        if (predicate(r, feed.cases.value(r.value("caseId"_L1).toString())))
            return r.value("id"_L1).toString();
    }
    return {};
}

bool isState(const QJsonObject &r, QStringView state)
{
    return r.value("state"_L1).toString() == state;
}

bool isActive(const QJsonObject &r)
{
    return !isState(r, u"superseded") && !isState(r, u"closed");
}

} // namespace

class TestPortalServer final : public QObject {
    Q_OBJECT

private:
    // With the diagnostic paths the tests use; diagnostics_offByDefault
    // starts one without.
    std::unique_ptr<PortalProcess> startPortal(const QStringList &args, bool diagnostics = true)
    {
        auto portal = std::make_unique<PortalProcess>();
        QString error;
        if (!portal->start(diagnostics ? args + QStringList {u"--diagnostics"_s} : args, &error)) {
            qWarning() << "portal did not start:" << error;
            return nullptr;
        }
        return portal;
    }

    std::unique_ptr<PortalProcess> m_shared; // read-mostly tests share one portal
    Feed m_feed;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_shared =
            startPortal({u"--seed"_s, u"4"_s, u"--requests"_s, u"600"_s, u"--now"_s, pinnedNow});
        QVERIFY(m_shared);
        m_feed = pull(*m_shared);
        QVERIFY(m_feed.pages > 0);
    }

    void cleanupTestCase() { m_shared.reset(); }

    void health_answersWithoutToken()
    {
        const HttpAnswer answer = m_shared->get(u"/api/v1/health"_s, {}, false);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json().value("status"_L1).toString(), u"ok"_s);
        QVERIFY(!answer.json().value("cursor"_L1).toString().isEmpty());
    }

    void requests_withoutValidTokenAreUnauthorized_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("missing") << QByteArray();
        QTest::newRow("wrong token") << QByteArray("Bearer nope");
        QTest::newRow("token prefix") << QByteArray("Bearer test-token");
        QTest::newRow("basic scheme") << QByteArray("Basic dGVzdDp0ZXN0");
    }

    void requests_withoutValidTokenAreUnauthorized()
    {
        QFETCH(QByteArray, authorization);
        PortalProcess::Headers headers;
        if (!authorization.isEmpty())
            headers.emplace_back("Authorization", authorization);
        // A portal of its own: failed sign-ins are throttled per address, and
        // the shared portal's other tests come from the same loopback address.
        auto portal = startPortal({u"--requests"_s, u"10"_s});
        QVERIFY(portal);
        for (const QString &path :
             {u"/api/v1/changes"_s, u"/api/v1/requests/E-200000"_s, u"/api/v1/nowhere"_s}) {
            const HttpAnswer answer = portal->get(path, headers, false);
            QCOMPARE(answer.status, 401);
            QCOMPARE(answer.errorCode(), u"unauthorized"_s);
        }
    }

    void changes_pageThroughEveryGeneratedRecord_data()
    {
        QTest::addColumn<int>("limit");
        QTest::newRow("limit 1000") << 1000;
        QTest::newRow("limit 97") << 97;
        QTest::newRow("limit 1") << 1;
    }

    void changes_pageThroughEveryGeneratedRecord()
    {
        QFETCH(int, limit);
        const Feed feed = pull(*m_shared, u"0"_s, limit);
        QCOMPARE(feed.requests.size(), 600);
        QCOMPARE(feed.requestList.size(), 600); // each record once
        QCOMPARE(feed.caseList.size(), feed.cases.size());
        QCOMPARE(feed.cases.size(), 600);
        QVERIFY(!feed.requestBeforeCase);
        QCOMPARE(feed.pages, (1200 + limit - 1) / limit);
        QCOMPARE(feed.cursor, m_shared->cursor());
        // Up to date: the next page is empty and says so.
        const HttpAnswer last = m_shared->get(u"/api/v1/changes?since="_s + feed.cursor);
        QCOMPARE(last.status, 200);
        QVERIFY(last.json().value("requests"_L1).toArray().isEmpty());
        QCOMPARE(last.json().value("hasMore"_L1).toBool(), false);
    }

    void changes_rejectMalformedParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("since text") << u"/api/v1/changes?since=abc"_s << u"since"_s;
        QTest::newRow("since negative") << u"/api/v1/changes?since=-5"_s << u"since"_s;
        QTest::newRow("limit zero") << u"/api/v1/changes?limit=0"_s << u"limit"_s;
        QTest::newRow("limit too big") << u"/api/v1/changes?limit=1001"_s << u"limit"_s;
        QTest::newRow("wait timeout zero")
            << u"/api/v1/changes/wait?since=0&timeout=0"_s << u"timeout"_s;
        QTest::newRow("wait timeout too long")
            << u"/api/v1/changes/wait?since=0&timeout=61"_s << u"timeout"_s;
    }

    void changes_rejectMalformedParameters()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        const HttpAnswer answer = m_shared->get(query);
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.errorCode(), u"bad_request"_s);
        QCOMPARE(answer.field(), field);
    }

    void generation_isDeterministicForTheSameSeed()
    {
        auto same =
            startPortal({u"--seed"_s, u"4"_s, u"--requests"_s, u"600"_s, u"--now"_s, pinnedNow});
        auto other =
            startPortal({u"--seed"_s, u"5"_s, u"--requests"_s, u"600"_s, u"--now"_s, pinnedNow});
        QVERIFY(same && other);
        const Feed sameFeed = pull(*same);
        const Feed otherFeed = pull(*other);
        QCOMPARE(sameFeed.caseList, m_feed.caseList);
        QCOMPARE(sameFeed.requestList, m_feed.requestList);
        QVERIFY(otherFeed.requestList != m_feed.requestList);
    }

    void unknownPathsAndRecords_answerNotFoundInJson_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("path") << u"/api/v1/elsewhere"_s;
        QTest::newRow("case") << u"/api/v1/cases/C-1"_s;
        QTest::newRow("request") << u"/api/v1/requests/E-1"_s;
    }

    void unknownPathsAndRecords_answerNotFoundInJson()
    {
        QFETCH(QString, path);
        const HttpAnswer answer = m_shared->get(path);
        QCOMPARE(answer.status, 404);
        QCOMPARE(answer.errorCode(), u"not_found"_s);
        QVERIFY(answer.headers.value("content-type").startsWith("application/json"));
    }

    void singleRecords_carryETagsAndAnswer304()
    {
        const QString requestId = m_feed.requestList.first().value("id"_L1).toString();
        const QString caseId = m_feed.caseList.first().value("id"_L1).toString();
        for (const QString &path :
             QStringList {u"/api/v1/requests/"_s + requestId, u"/api/v1/cases/"_s + caseId}) {
            const HttpAnswer first = m_shared->get(path);
            QCOMPARE(first.status, 200);
            const QByteArray etag = first.headers.value("etag");
            QVERIFY(!etag.isEmpty());
            const HttpAnswer again = m_shared->get(path, {{"If-None-Match", etag}});
            QCOMPARE(again.status, 304);
            QVERIFY(again.body.isEmpty());
        }
        QCOMPARE(m_shared->get(u"/api/v1/requests/"_s + requestId).json(),
                 m_feed.requests.value(requestId));
    }

    void changes_answer304UntilSomethingChanges()
    {
        auto portal = startPortal({u"--requests"_s, u"50"_s});
        QVERIFY(portal);
        const Feed feed = pull(*portal);
        const QString path = u"/api/v1/changes?since="_s + feed.cursor;
        const HttpAnswer first = portal->get(path);
        QCOMPARE(first.status, 200);
        const QByteArray etag = first.headers.value("etag");
        QVERIFY(!etag.isEmpty());
        QCOMPARE(portal->get(path, {{"If-None-Match", etag}}).status, 304);

        const QString id =
            find(feed, [](const QJsonObject &, const QJsonObject &) { return true; });
        QCOMPARE(portal->action(id, actionBody(u"note"_s, u"Called."_s, {}), newKey()).status, 200);
        const HttpAnswer changed = portal->get(path, {{"If-None-Match", etag}});
        QCOMPARE(changed.status, 200);
        QVERIFY(changed.headers.value("etag") != etag);
        const QJsonArray requests = changed.json().value("requests"_L1).toArray();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).toObject().value("id"_L1).toString(), id);
        QCOMPARE(requests.at(0)
                     .toObject()
                     .value("notes"_L1)
                     .toArray()
                     .last()
                     .toObject()
                     .value("text"_L1)
                     .toString(),
                 u"Called."_s);
    }

    void wait_wakesOnChangeAndTimesOutWith204()
    {
        auto portal = startPortal({u"--requests"_s, u"50"_s});
        QVERIFY(portal);
        const QString cursor = portal->cursor();

        const HttpAnswer idle =
            portal->get(u"/api/v1/changes/wait?since=%1&timeout=1"_s.arg(cursor));
        QCOMPARE(idle.status, 204);
        QVERIFY2(idle.elapsedMs >= 900, qPrintable(QString::number(idle.elapsedMs)));

        // A change wakes the wait: 200 with the new cursor, where the end
        // of its 30 s would answer 204.
        QNetworkReply *waiting =
            portal->startGet(u"/api/v1/changes/wait?since=%1&timeout=30"_s.arg(cursor));
        // Gives the wait time to reach the portal before the change. Only
        // makes the wake-up path likely: a wait that arrives after the
        // change answers 200 at once, so a slow machine cannot fail here.
        QTest::qWait(300);
        QVERIFY(!waiting->isFinished());
        const HttpAnswer step = portal->post(u"/api/v1/admin/activity"_s, R"({"steps":1})");
        QCOMPARE(step.status, 200);
        const HttpAnswer woken = PortalProcess::finish(waiting, std::chrono::seconds(60));
        QCOMPARE(woken.status, 200);
        QCOMPARE(woken.json().value("cursor"_L1).toString(), portal->cursor());
        QVERIFY(woken.json().value("cursor"_L1).toString() != cursor);

        // An old cursor answers at once: 200, not the 204 of its 30 s.
        const HttpAnswer behind =
            portal->get(u"/api/v1/changes/wait?since=%1&timeout=30"_s.arg(cursor));
        QCOMPARE(behind.status, 200);

        // A client that gives up mid-wait does not disturb the portal. The
        // pauses only make it likely that the wait is held and then dropped
        // while held; the checks below hold either way.
        QNetworkReply *abandoned =
            portal->startGet(u"/api/v1/changes/wait?since=%1&timeout=30"_s.arg(portal->cursor()));
        QTest::qWait(200);
        abandoned->abort();
        abandoned->deleteLater();
        QTest::qWait(100);
        QCOMPARE(portal->post(u"/api/v1/admin/activity"_s, R"({"steps":2})").status, 200);
        QCOMPARE(portal->get(u"/api/v1/health"_s).status, 200);
    }

    void activity_changesThePortalOnItsOwn()
    {
        auto portal = startPortal({u"--requests"_s, u"100"_s, u"--activity"_s, u"1200"_s});
        QVERIFY(portal);
        const QString cursor = portal->cursor();
        // Woken by a change the portal made itself: 200, where the end of
        // the wait's 10 s would answer 204.
        const HttpAnswer woken =
            portal->get(u"/api/v1/changes/wait?since=%1&timeout=10"_s.arg(cursor));
        QCOMPARE(woken.status, 200);
        // And it goes on changing.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const Feed changes = pull(*portal, cursor);
                return changes.caseList.size() + changes.requestList.size()
                    + changes.removedCases.size()
                    > 1;
            }(),
            60000);
    }

    void actions_followTheDomainRules_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("targetKind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("detail"); // rule or field
        QTest::addColumn<QString>("state"); // expected state after success

        enum {
            Pending,
            Answered,
            Level2,
            Level3,
            Level4Unacknowledged,
            Level4Acknowledged,
            Superseded
        };
        QTest::newRow("accept pending") << u"accept"_s << u"Call at 15:00."_s << int(Pending) << 200
                                        << QString() << u"accepted"_s;
        QTest::newRow("decline pending") << u"decline"_s << u"Within SLA."_s << int(Pending) << 200
                                         << QString() << u"declined"_s;
        QTest::newRow("accept answered")
            << u"accept"_s << u"Again."_s << int(Answered) << 422 << u"not_pending"_s << QString();
        QTest::newRow("decline superseded")
            << u"decline"_s << u"No."_s << int(Superseded) << 422 << u"not_pending"_s << QString();
        QTest::newRow("note on answered")
            << u"note"_s << u"FYI."_s << int(Answered) << 200 << QString() << QString();
        QTest::newRow("note on superseded")
            << u"note"_s << u"FYI."_s << int(Superseded) << 200 << QString() << QString();
        QTest::newRow("take ownership pending")
            << u"take_ownership"_s << QString() << int(Pending) << 200 << QString() << u"pending"_s;
        QTest::newRow("take ownership answered")
            << u"take_ownership"_s << QString() << int(Answered) << 422 << u"not_pending"_s
            << QString();
        QTest::newRow("analysis at level 2") << u"analysis"_s << u"Why."_s << int(Level2) << 422
                                             << u"analysis_below_level_3"_s << QString();
        QTest::newRow("analysis at level 3")
            << u"analysis"_s << u"Why."_s << int(Level3) << 200 << QString() << QString();
        QTest::newRow("acknowledge at level 3")
            << u"acknowledge"_s << QString() << int(Level3) << 422 << u"acknowledge_below_level_4"_s
            << QString();
        QTest::newRow("acknowledge at level 4")
            << u"acknowledge"_s << u"On it."_s << int(Level4Unacknowledged) << 200 << QString()
            << QString();
        QTest::newRow("acknowledge twice")
            << u"acknowledge"_s << QString() << int(Level4Acknowledged) << 422
            << u"already_acknowledged"_s << QString();
        QTest::newRow("accept without text")
            << u"accept"_s << QString() << int(Pending) << 400 << u"text"_s << QString();
        QTest::newRow("note blank")
            << u"note"_s << u"   "_s << int(Pending) << 400 << u"text"_s << QString();
        QTest::newRow("unknown action")
            << u"escalate"_s << u"x"_s << int(Pending) << 400 << u"action"_s << QString();
    }

    void actions_followTheDomainRules()
    {
        QFETCH(QString, action);
        QFETCH(QString, text);
        QFETCH(int, targetKind);
        QFETCH(int, status);
        QFETCH(QString, detail);
        QFETCH(QString, state);

        auto portal = startPortal({u"--seed"_s, u"8"_s, u"--requests"_s, u"1500"_s});
        QVERIFY(portal);
        const Feed feed = pull(*portal);
        const std::array<Predicate, 7> predicates = {
            [](const QJsonObject &r, const QJsonObject &c) {
                return isState(r, u"pending") && !raisedTooEarly(r, c);
            },
            [](const QJsonObject &r, const QJsonObject &) {
                return isState(r, u"accepted") || isState(r, u"declined");
            },
            [](const QJsonObject &r, const QJsonObject &) {
                return r.value("level"_L1).toInt() == 2 && isActive(r);
            },
            [](const QJsonObject &r, const QJsonObject &) {
                return r.value("level"_L1).toInt() == 3;
            },
            [](const QJsonObject &r, const QJsonObject &) {
                return r.value("level"_L1).toInt() == 4
                    && r.value("ownerAcknowledgement"_L1).isNull();
            },
            [](const QJsonObject &r, const QJsonObject &) {
                return r.value("level"_L1).toInt() == 4
                    && r.value("ownerAcknowledgement"_L1).isObject();
            },
            [](const QJsonObject &r, const QJsonObject &) { return isState(r, u"superseded"); },
        };
        const QString id = find(feed, predicates[std::size_t(targetKind)]);
        QVERIFY2(!id.isEmpty(), "the generated data has no such request");
        const QJsonObject before = feed.requests.value(id);

        // The level-4 owner's acknowledgement is a director's (permissions.h).
        const QString role = action == u"acknowledge"_s ? u"director"_s : u"escalation_manager"_s;
        portal->signInAs(role);
        const HttpAnswer answer =
            portal->action(id, actionBody(action, text, before.value("version"_L1)), newKey());
        QCOMPARE(answer.status, status);
        if (status == 422) {
            QCOMPARE(answer.errorCode(), u"rule_violation"_s);
            QCOMPARE(answer.rule(), detail);
        } else if (status == 400) {
            QCOMPARE(answer.errorCode(), u"bad_request"_s);
            QCOMPARE(answer.field(), detail);
        }
        const QJsonObject after = portal->get(u"/api/v1/requests/"_s + id).json();
        if (status != 200) {
            QCOMPARE(after, before); // nothing applied
            return;
        }
        const QJsonObject returned = answer.json().value("request"_L1).toObject();
        QCOMPARE(returned, after);
        QCOMPARE(after.value("version"_L1).toInteger(), before.value("version"_L1).toInteger() + 1);
        if (!state.isEmpty())
            QCOMPARE(after.value("state"_L1).toString(), state);
        if (action == u"accept"_s || action == u"decline"_s) {
            QCOMPARE(after.value("decision"_L1).toObject().value("kind"_L1).toString(), action);
            QCOMPARE(after.value("decision"_L1).toObject().value("text"_L1).toString(), text);
        } else if (action == u"take_ownership"_s) {
            QCOMPARE(after.value("owner"_L1).toString(), portal->userName(role));
        } else if (action == u"analysis"_s) {
            QCOMPARE(after.value("analysis"_L1).toObject().value("text"_L1).toString(), text);
        } else if (action == u"acknowledge"_s) {
            QCOMPARE(after.value("ownerAcknowledgement"_L1).toObject().value("by"_L1).toString(),
                     portal->userName(role));
        } else if (action == u"note"_s) {
            QCOMPARE(after.value("notes"_L1).toArray().size(),
                     before.value("notes"_L1).toArray().size() + 1);
        }
    }

    void actions_earlyAcceptanceNeedsAJustification()
    {
        auto portal = startPortal({u"--seed"_s, u"8"_s, u"--requests"_s, u"1500"_s});
        QVERIFY(portal);
        const Feed feed = pull(*portal);
        const QString id = find(feed, [](const QJsonObject &r, const QJsonObject &c) {
            return isState(r, u"pending") && raisedTooEarly(r, c);
        });
        QVERIFY2(!id.isEmpty(), "the generated data has no pending request raised too early");
        const QJsonObject before = feed.requests.value(id);
        const QJsonValue version = before.value("version"_L1);

        QJsonObject body = actionBody(u"accept"_s, u"Engineer joins today."_s, version);
        HttpAnswer answer = portal->action(id, body, newKey());
        QCOMPARE(answer.status, 422);
        QCOMPARE(answer.rule(), u"early_acceptance_unjustified"_s);
        body.insert(u"justification"_s, u"   "_s);
        answer = portal->action(id, body, newKey());
        QCOMPARE(answer.rule(), u"early_acceptance_unjustified"_s);
        body.insert(u"justification"_s, 42);
        answer = portal->action(id, body, newKey());
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.field(), u"justification"_s);
        QCOMPARE(portal->get(u"/api/v1/requests/"_s + id).json(), before); // nothing applied

        body.insert(u"justification"_s, u"Go-live is on Monday."_s);
        answer = portal->action(id, body, newKey());
        QVERIFY2(answer.status == 200, answer.body.constData());
        const QJsonObject decision =
            answer.json().value("request"_L1).toObject().value("decision"_L1).toObject();
        QCOMPARE(decision.value("kind"_L1).toString(), u"accept"_s);
        QCOMPARE(decision.value("justification"_L1).toString(), u"Go-live is on Monday."_s);
        // The timeline says why.
        const QJsonArray history = portal->get(u"/api/v1/requests/"_s + id + u"/history"_s)
                                       .json()
                                       .value("entries"_L1)
                                       .toArray();
        QVERIFY(history.last().toObject().value("text"_L1).toString().contains(
            u"Go-live is on Monday."_s));

        // An eligible request needs none; one sent anyway is not recorded.
        const QString eligible = find(feed, [](const QJsonObject &r, const QJsonObject &c) {
            return isState(r, u"pending") && !raisedTooEarly(r, c);
        });
        QJsonObject plain = actionBody(u"accept"_s, u"Call at 15:00."_s,
                                       feed.requests.value(eligible).value("version"_L1));
        plain.insert(u"justification"_s, u"Not needed."_s);
        answer = portal->action(eligible, plain, newKey());
        QVERIFY2(answer.status == 200, answer.body.constData());
        QVERIFY(answer.json()
                    .value("request"_L1)
                    .toObject()
                    .value("decision"_L1)
                    .toObject()
                    .value("justification"_L1)
                    .isNull());
    }

    void actions_handOffMovesTheRequestToAnotherTeam()
    {
        auto portal = startPortal({u"--seed"_s, u"8"_s, u"--requests"_s, u"1500"_s});
        QVERIFY(portal);
        const Feed feed = pull(*portal);
        const QString id = find(feed, [](const QJsonObject &r, const QJsonObject &) {
            return isState(r, u"pending") && !r.value("owner"_L1).toString().isEmpty();
        });
        QVERIFY(!id.isEmpty());
        const QJsonObject before = feed.requests.value(id);
        const QString from = before.value("team"_L1).toString();
        QString to;
        for (const QJsonObject &r : feed.requestList)
            if (r.value("team"_L1).toString() != from && to.isEmpty())
                to = r.value("team"_L1).toString();
        QVERIFY(!to.isEmpty());
        const auto handOff = [&](const QString &requestId, const QJsonValue &team) {
            QJsonObject body = actionBody(u"hand_off"_s, u"Logs are attached."_s,
                                          feed.requests.value(requestId).value("version"_L1));
            if (!team.isUndefined())
                body.insert(u"team"_s, team);
            return portal->action(requestId, body, newKey());
        };

        // A team lead may; a director may not.
        portal->signInAs(u"director"_s);
        QCOMPARE(handOff(id, to).status, 403);
        portal->signInAs(u"team_lead"_s);
        QCOMPARE(handOff(id, QJsonValue()).field(), u"team"_s);
        QCOMPARE(handOff(id, u" "_s).field(), u"team"_s);
        QCOMPARE(handOff(id, from).rule(), u"same_team"_s);
        QCOMPARE(handOff(id, u"Moon Base Support"_s).rule(), u"unknown_team"_s);
        QCOMPARE(portal->get(u"/api/v1/requests/"_s + id).json(), before); // nothing applied

        const HttpAnswer answer = handOff(id, to);
        QVERIFY2(answer.status == 200, answer.body.constData());
        const QJsonObject after = answer.json().value("request"_L1).toObject();
        QCOMPARE(after.value("team"_L1).toString(), to);
        QVERIFY(after.value("owner"_L1).isNull()); // the receiving team chooses
        QCOMPARE(after.value("calendar"_L1), before.value("calendar"_L1)); // the deadline stays
        QCOMPARE(after.value("state"_L1).toString(), u"pending"_s);
        const QJsonObject record = after.value("handOff"_L1).toObject();
        QCOMPARE(record.value("fromTeam"_L1).toString(), from);
        QCOMPARE(record.value("toTeam"_L1).toString(), to);
        QCOMPARE(record.value("text"_L1).toString(), u"Logs are attached."_s);
        QCOMPARE(record.value("by"_L1).toString(), portal->userName(u"team_lead"_s));
        const QJsonArray history = portal->get(u"/api/v1/requests/"_s + id + u"/history"_s)
                                       .json()
                                       .value("entries"_L1)
                                       .toArray();
        const QJsonObject last = history.last().toObject();
        QCOMPARE(last.value("action"_L1).toString(), u"hand_off"_s);
        QCOMPARE(last.value("text"_L1).toString(), u"To %1: Logs are attached."_s.arg(to));

        // Only a pending request moves.
        const QString answered = find(feed, [](const QJsonObject &r, const QJsonObject &) {
            return isState(r, u"accepted");
        });
        QCOMPARE(
            handOff(answered,
                    to == feed.requests.value(answered).value("team"_L1).toString() ? from : to)
                .rule(),
            u"not_pending"_s);
    }

    // A manager asks the requester; the requester answers through the
    // portal; a decision or a re-escalation ends a wait too. Every wait
    // stays on the request it paused.
    void waiting_onTheRequester_opensAndEnds()
    {
        auto portal = startPortal({u"--seed"_s, u"8"_s, u"--requests"_s, u"1500"_s});
        QVERIFY(portal);
        Feed feed = pull(*portal);
        // The generated data has waits, open and ended ones.
        QString open, ended;
        for (const QJsonObject &r : std::as_const(feed.requestList)) {
            const QJsonArray waits = r.value("waits"_L1).toArray();
            if (!waits.isEmpty() && waits.last().toObject().value("until"_L1).isNull())
                open = r.value("id"_L1).toString();
            else if (!waits.isEmpty())
                ended = r.value("id"_L1).toString();
        }
        QVERIFY2(!open.isEmpty() && !ended.isEmpty(), "the generated data has no waits");

        QStringList pending;
        for (const QJsonObject &r : std::as_const(feed.requestList))
            if (isState(r, u"pending") && r.value("waits"_L1).toArray().isEmpty()
                && !raisedTooEarly(r, feed.cases.value(r.value("caseId"_L1).toString())))
                pending << r.value("id"_L1).toString();
        QVERIFY(pending.size() >= 3);
        const auto act = [&](const QString &id, const QString &action, const QString &text) {
            const QJsonObject now = portal->get(u"/api/v1/requests/"_s + id).json();
            return portal->action(id, actionBody(action, text, now.value("version"_L1)), newKey());
        };
        const auto reply = [&](const QString &id, const QString &text) {
            return portal->post(
                u"/api/v1/requests/%1/reply"_s.arg(id),
                QJsonDocument(QJsonObject {{u"text"_s, text}, {u"by"_s, u"ops@contoso.example"_s}})
                    .toJson(),
                {{"Idempotency-Key", newKey().toUtf8()}});
        };

        // Ask: the wait opens; asking again is refused; a blank question is a 400.
        const QString id = pending[0];
        QCOMPARE(act(id, u"ask_requester"_s, u"  "_s).field(), u"text"_s);
        QCOMPARE(reply(id, u"Nothing was asked."_s).rule(), u"not_waiting"_s);
        QCOMPARE(act(id, u"resume_review"_s, QString()).rule(), u"not_waiting"_s);
        HttpAnswer answer = act(id, u"ask_requester"_s, u"Which nodes fail?"_s);
        QVERIFY2(answer.status == 200, answer.body.constData());
        QJsonObject wait = answer.json()
                               .value("request"_L1)
                               .toObject()
                               .value("waits"_L1)
                               .toArray()
                               .last()
                               .toObject();
        QCOMPARE(wait.value("question"_L1).toString(), u"Which nodes fail?"_s);
        QCOMPARE(wait.value("askedBy"_L1).toString(), portal->userName());
        QVERIFY(wait.value("until"_L1).isNull());
        QCOMPARE(act(id, u"ask_requester"_s, u"Again?"_s).rule(), u"already_waiting"_s);

        // The requester answers: the wait ends with the answer.
        QCOMPARE(reply(id, u"  "_s).field(), u"text"_s);
        answer = reply(id, u"Nodes 3 and 7."_s);
        QVERIFY2(answer.status == 200, answer.body.constData());
        wait = answer.json()
                   .value("request"_L1)
                   .toObject()
                   .value("waits"_L1)
                   .toArray()
                   .last()
                   .toObject();
        QVERIFY(wait.value("until"_L1).isString());
        QCOMPARE(wait.value("answer"_L1).toString(), u"Nodes 3 and 7."_s);
        const QJsonArray history = portal->get(u"/api/v1/requests/"_s + id + u"/history"_s)
                                       .json()
                                       .value("entries"_L1)
                                       .toArray();
        QCOMPARE(history.last().toObject().value("action"_L1).toString(), u"requester_reply"_s);

        // A manager resumes without an answer through the portal.
        QCOMPARE(act(id, u"ask_requester"_s, u"And the logs?"_s).status, 200);
        answer = act(id, u"resume_review"_s, u"Logs came by phone."_s);
        QVERIFY2(answer.status == 200, answer.body.constData());
        const QJsonArray waits =
            answer.json().value("request"_L1).toObject().value("waits"_L1).toArray();
        QCOMPARE(waits.size(), 2);
        QCOMPARE(waits.last().toObject().value("answer"_L1).toString(), u"Logs came by phone."_s);

        // A decision ends a wait.
        QCOMPARE(act(pending[1], u"ask_requester"_s, u"Still failing?"_s).status, 200);
        answer = act(pending[1], u"decline"_s, u"Within SLA."_s);
        QVERIFY2(answer.status == 200, answer.body.constData());
        QVERIFY(answer.json()
                    .value("request"_L1)
                    .toObject()
                    .value("waits"_L1)
                    .toArray()
                    .last()
                    .toObject()
                    .value("until"_L1)
                    .isString());

        // A re-escalation ends it on the request it paused, which keeps it.
        const QString third = pending[2];
        QCOMPARE(act(third, u"ask_requester"_s, u"Can you confirm the deadline?"_s).status, 200);
        const QString caseId = feed.requests.value(third).value("caseId"_L1).toString();
        answer = portal->post(u"/api/v1/cases/%1/escalations"_s.arg(caseId),
                              QJsonDocument(QJsonObject {{u"reason"_s, u"lack_of_updates"_s},
                                                         {u"summary"_s, u"Still nothing."_s},
                                                         {u"requestedBy"_s, u"a@b.example"_s},
                                                         {u"previousRequestId"_s, third}})
                                  .toJson(),
                              {{"Idempotency-Key", newKey().toUtf8()}});
        if (answer.status == 422) // already at level 4: nothing to re-escalate to
            QCOMPARE(answer.rule(), u"level_above_4"_s);
        else {
            QVERIFY2(answer.status == 200, answer.body.constData());
            const QJsonObject previous = portal->get(u"/api/v1/requests/"_s + third).json();
            QCOMPARE(previous.value("state"_L1).toString(), u"superseded"_s);
            const QJsonObject kept = previous.value("waits"_L1).toArray().last().toObject();
            QCOMPARE(kept.value("question"_L1).toString(), u"Can you confirm the deadline?"_s);
            QVERIFY(kept.value("until"_L1).isString());
        }
    }

    void actions_onAnOldVersionConflictWithTheCurrentRequest()
    {
        auto portal = startPortal({u"--requests"_s, u"100"_s});
        QVERIFY(portal);
        const Feed feed = pull(*portal);
        const QString id = find(
            feed, [](const QJsonObject &r, const QJsonObject &) { return isState(r, u"pending"); });
        QVERIFY(!id.isEmpty());
        const qint64 version = feed.requests.value(id).value("version"_L1).toInteger();
        QCOMPARE(portal->action(id, actionBody(u"take_ownership"_s, {}, version), newKey()).status,
                 200);

        const HttpAnswer stale =
            portal->action(id, actionBody(u"accept"_s, u"Plan."_s, version), newKey());
        QCOMPARE(stale.status, 409);
        QCOMPARE(stale.errorCode(), u"conflict"_s);
        const QJsonObject current = stale.json()
                                        .value("error"_L1)
                                        .toObject()
                                        .value("details"_L1)
                                        .toObject()
                                        .value("current"_L1)
                                        .toObject();
        QCOMPARE(current.value("version"_L1).toInteger(), version + 1);
        QCOMPARE(current.value("state"_L1).toString(), u"pending"_s);
        QCOMPARE(current, portal->get(u"/api/v1/requests/"_s + id).json());
        // Notes only add: never in conflict.
        QCOMPARE(
            portal->action(id, actionBody(u"note"_s, u"Still here."_s, version), newKey()).status,
            200);
        // Missing version on a decision.
        const HttpAnswer missing =
            portal->action(id, actionBody(u"accept"_s, u"Plan."_s, {}), newKey());
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.field(), u"version"_s);
    }

    void actions_retriedWithTheSameKeyAreAppliedOnce()
    {
        auto portal = startPortal({u"--requests"_s, u"100"_s});
        QVERIFY(portal);
        const Feed feed = pull(*portal);
        const QString id = find(
            feed, [](const QJsonObject &r, const QJsonObject &) { return isState(r, u"pending"); });
        const qint64 version = feed.requests.value(id).value("version"_L1).toInteger();
        const QString key = newKey();
        const QJsonObject body = actionBody(u"accept"_s, u"Engineering joins at 15:00."_s, version);

        const HttpAnswer first = portal->action(id, body, key);
        QCOMPARE(first.status, 200);
        const HttpAnswer retry = portal->action(id, body, key);
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.body, first.body);
        const HttpAnswer applications = portal->get(u"/api/v1/admin/applications?key="_s + key);
        QCOMPARE(applications.status, 200);
        QCOMPARE(applications.json().value("applications"_L1).toInt(), 1);
        QCOMPARE(portal->get(u"/api/v1/requests/"_s + id).json().value("version"_L1).toInteger(),
                 version + 1);

        // A refusal is remembered too: the same key keeps the same answer.
        const QString refusedKey = newKey();
        const HttpAnswer refused = portal->action(id, body, refusedKey);
        QCOMPARE(refused.status, 409);
        QCOMPARE(portal->action(id, body, refusedKey).body, refused.body);
        QCOMPARE(portal->get(u"/api/v1/admin/applications?key="_s + refusedKey)
                     .json()
                     .value("applications"_L1)
                     .toInt(),
                 0);

        // The same key for a different write is refused, not replayed.
        const HttpAnswer reused = portal->action(id, actionBody(u"note"_s, u"Other."_s, {}), key);
        QCOMPARE(reused.status, 422);
        QCOMPARE(reused.rule(), u"idempotency_key_reused"_s);

        const HttpAnswer keyless =
            portal->post(u"/api/v1/requests/"_s + id + u"/actions"_s, QJsonDocument(body).toJson());
        QCOMPARE(keyless.status, 400);
        QCOMPARE(keyless.field(), u"Idempotency-Key"_s);
        const HttpAnswer malformed =
            portal->post(u"/api/v1/requests/"_s + id + u"/actions"_s,
                         "{\"action\":", {{"Idempotency-Key", newKey().toUtf8()}});
        QCOMPARE(malformed.status, 400);
        QCOMPARE(malformed.field(), u"body"_s);
    }

    void escalations_followTheLadderRules()
    {
        auto portal = startPortal({u"--seed"_s, u"8"_s, u"--requests"_s, u"1500"_s});
        QVERIFY(portal);
        const Feed feed = pull(*portal);
        const auto escalate = [&](const QString &caseId, const QString &previous) {
            QJsonObject body {{u"reason"_s, u"lack_of_updates"_s},
                              {u"summary"_s, u"No update for days."_s},
                              {u"requestedBy"_s, u"maria.lopez@northwind.example"_s}};
            body.insert(u"previousRequestId"_s,
                        previous.isEmpty() ? QJsonValue() : QJsonValue(previous));
            return portal->post(u"/api/v1/cases/"_s + caseId + u"/escalations"_s,
                                QJsonDocument(body).toJson(QJsonDocument::Compact),
                                {{"Idempotency-Key", newKey().toUtf8()}});
        };

        QString outage;
        for (const QJsonObject &c : feed.caseList) {
            if (c.value("severity"_L1).toInt() == 1)
                outage = c.value("id"_L1).toString();
        }
        QVERIFY(!outage.isEmpty());
        const HttpAnswer refusedOutage = escalate(outage, {});
        QCOMPARE(refusedOutage.status, 422);
        QCOMPARE(refusedOutage.rule(), u"outage_not_escalated"_s);

        const QString top = find(feed, [](const QJsonObject &r, const QJsonObject &c) {
            return r.value("level"_L1).toInt() == 4 && isActive(r)
                && c.value("status"_L1).toString() != u"closed"_s;
        });
        QVERIFY(!top.isEmpty());
        const HttpAnswer aboveFour =
            escalate(feed.requests.value(top).value("caseId"_L1).toString(), top);
        QCOMPARE(aboveFour.status, 422);
        QCOMPARE(aboveFour.rule(), u"level_above_4"_s);

        const QString lower = find(feed, [](const QJsonObject &r, const QJsonObject &c) {
            return r.value("level"_L1).toInt() == 2 && isActive(r)
                && c.value("status"_L1).toString() != u"closed"_s;
        });
        QVERIFY(!lower.isEmpty());
        const QString caseId = feed.requests.value(lower).value("caseId"_L1).toString();
        const HttpAnswer up = escalate(caseId, lower);
        QCOMPARE(up.status, 200);
        const QJsonObject created = up.json().value("request"_L1).toObject();
        QCOMPARE(created.value("level"_L1).toInt(), 3);
        QCOMPARE(created.value("previousRequestId"_L1).toString(), lower);
        QCOMPARE(created.value("state"_L1).toString(), u"pending"_s);
        QCOMPARE(created.value("caseId"_L1).toString(), caseId);
        QCOMPARE(portal->get(u"/api/v1/requests/"_s + lower).json().value("state"_L1).toString(),
                 u"superseded"_s);
        const HttpAnswer twice = escalate(caseId, lower);
        QCOMPARE(twice.status, 422);
        QCOMPARE(twice.rule(), u"already_superseded"_s);

        // A first escalation on a case without one starts at level 1.
        QString quiet;
        for (const QJsonObject &c : feed.caseList) {
            const QString id = c.value("id"_L1).toString();
            const bool hasRequests = std::any_of(
                feed.requestList.begin(), feed.requestList.end(),
                [&](const QJsonObject &r) { return r.value("caseId"_L1).toString() == id; });
            if (!hasRequests && c.value("severity"_L1).toInt() > 1
                && c.value("status"_L1).toString() != u"closed"_s)
                quiet = id;
        }
        QVERIFY(!quiet.isEmpty());
        const HttpAnswer first = escalate(quiet, {});
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value("request"_L1).toObject().value("level"_L1).toInt(), 1);
        const HttpAnswer duplicate = escalate(quiet, {});
        QCOMPARE(duplicate.status, 422);
        QCOMPARE(duplicate.rule(), u"already_escalated"_s);
        const HttpAnswer badReason =
            portal->post(u"/api/v1/cases/"_s + quiet + u"/escalations"_s,
                         R"({"reason":"boredom","summary":"x","requestedBy":"a@b"})",
                         {{"Idempotency-Key", newKey().toUtf8()}});
        QCOMPARE(badReason.status, 400);
        QCOMPARE(badReason.field(), u"reason"_s);
    }

    void removals_appearInTheFeed()
    {
        auto portal = startPortal({u"--requests"_s, u"60"_s});
        QVERIFY(portal);
        const Feed feed = pull(*portal);
        const QString request = feed.requestList.first().value("id"_L1).toString();
        const QString caseId = feed.requestList.first().value("caseId"_L1).toString();
        const HttpAnswer removed = portal->sendCustom("DELETE", u"/api/v1/admin/cases/"_s + caseId);
        QCOMPARE(removed.status, 200);
        const Feed after = pull(*portal, feed.cursor);
        QCOMPARE(after.removedCases, QStringList {caseId});
        QVERIFY(after.removedRequests.contains(request));
        QCOMPARE(portal->get(u"/api/v1/cases/"_s + caseId).status, 404);
    }

    // A deployed portal (the packaged service) never lets a signed-in user
    // remove cases or make activity: those paths exist only with --diagnostics.
    void diagnostics_offByDefault()
    {
        auto portal = startPortal({u"--requests"_s, u"20"_s}, false);
        QVERIFY(portal);
        const Feed feed = pull(*portal);
        const QString caseId = feed.requestList.first().value("caseId"_L1).toString();
        const HttpAnswer removed = portal->sendCustom("DELETE", u"/api/v1/admin/cases/"_s + caseId);
        QCOMPARE(removed.status, 404);
        QCOMPARE(removed.errorCode(), u"not_found"_s);
        QCOMPARE(portal->post(u"/api/v1/admin/activity"_s, R"({"steps":1})").status, 404);
        QCOMPARE(portal->get(u"/api/v1/admin/applications?key=k"_s).status, 404);
        QCOMPARE(portal->get(u"/api/v1/cases/"_s + caseId).status, 200);
        QCOMPARE(pull(*portal, feed.cursor).requestList.size(), 0);
    }

    void restart_withDatabaseKeepsDataCursorAndKeys()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"portal.sqlite"_s);
        QString key = newKey();
        Feed before;
        QByteArray firstAnswer;
        QString id;
        {
            auto portal =
                startPortal({u"--db"_s, db, u"--seed"_s, u"3"_s, u"--requests"_s, u"200"_s});
            QVERIFY(portal);
            before = pull(*portal);
            id = find(before, [](const QJsonObject &r, const QJsonObject &) {
                return isState(r, u"pending");
            });
            const HttpAnswer answer =
                portal->action(id, actionBody(u"note"_s, u"Before the restart."_s, {}), key);
            QCOMPARE(answer.status, 200);
            firstAnswer = answer.body;
            before = pull(*portal);
            QCOMPARE(portal->cursor(), before.cursor);
        }
        auto portal = startPortal({u"--db"_s, db, u"--seed"_s, u"99"_s, u"--requests"_s, u"5"_s});
        QVERIFY(portal);
        QCOMPARE(portal->cursor(), before.cursor);
        const Feed after = pull(*portal);
        QCOMPARE(after.requests, before.requests);
        QCOMPARE(after.cases, before.cases);
        // Up to date at the old cursor, and the key is still known.
        QVERIFY(pull(*portal, before.cursor).requestList.isEmpty());
        const HttpAnswer retry =
            portal->action(id, actionBody(u"note"_s, u"Before the restart."_s, {}), key);
        QCOMPARE(retry.body, firstAnswer);
        QCOMPARE(portal->get(u"/api/v1/admin/applications?key="_s + key)
                     .json()
                     .value("applications"_L1)
                     .toInt(),
                 1);
    }

    void rateLimit_answers429WithRetryAfter()
    {
        auto portal = startPortal({u"--requests"_s, u"20"_s, u"--rate-limit"_s, u"3"_s});
        QVERIFY(portal);
        // Twelve requests at once, not one after another: the portal gets
        // them together and answers them back to back, while its bucket
        // takes a third of a second to refill one. Sent one by one, a slow
        // enough machine would stay under the limit.
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 12; ++i)
            replies << portal->startGet(u"/api/v1/changes?limit=1"_s);
        int limited = 0;
        for (QNetworkReply *reply : std::as_const(replies)) {
            const HttpAnswer answer = PortalProcess::finish(reply, std::chrono::seconds(60));
            if (answer.status == 429) {
                ++limited;
                QCOMPARE(answer.errorCode(), u"rate_limited"_s);
                QVERIFY(answer.headers.value("retry-after").toInt() >= 1);
            } else {
                QCOMPARE(answer.status, 200);
            }
        }
        QVERIFY(limited > 0);
        QCOMPARE(portal->get(u"/api/v1/health"_s, {}, false).status,
                 200); // health is never limited
    }

    void faults_misbehaveAsConfigured_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("status"); // 0: no HTTP answer expected; -1: one cut short
        QTest::addColumn<bool>("jsonParses");
        QTest::addColumn<int>("clientTimeoutSeconds");
        // Every answer, a cut or reset one too, arrives long before its
        // minute: the timeout only bounds a hang. A stalled answer is the
        // one the client gives up on; nothing arrives within the portal's
        // 30 s stall, however slow the machine.
        QTest::newRow("500") << u"500:1"_s << 500 << true << 60;
        QTest::newRow("503") << u"503:1"_s << 503 << true << 60;
        QTest::newRow("429") << u"429:1"_s << 429 << true << 60;
        QTest::newRow("malformed JSON") << u"badjson:1"_s << 200 << false << 60;
        QTest::newRow("wrong content type") << u"contenttype:1"_s << 200 << false << 60;
        QTest::newRow("truncated body") << u"truncate:1"_s << -1 << false << 60;
        QTest::newRow("reset") << u"reset:1"_s << 0 << false << 60;
        QTest::newRow("stall") << u"stall:1"_s << 0 << false << 2;
    }

    void faults_misbehaveAsConfigured()
    {
        QFETCH(QString, spec);
        QFETCH(int, status);
        QFETCH(bool, jsonParses);
        QFETCH(int, clientTimeoutSeconds);
        auto portal = startPortal(
            {u"--requests"_s, u"300"_s, u"--faults"_s, spec, u"--stall-seconds"_s, u"30"_s});
        QVERIFY(portal);
        const HttpAnswer answer =
            portal->get(u"/api/v1/changes"_s, {}, true, std::chrono::seconds(clientTimeoutSeconds));
        if (status > 0) {
            QCOMPARE(answer.status, status);
        } else if (status == 0) {
            QVERIFY(answer.error != QNetworkReply::NoError);
            QVERIFY(answer.status == 0);
        } else {
            // The headers came, promising more body than came before the
            // portal closed the connection.
            QCOMPARE(answer.status, 200);
            QVERIFY2(answer.error != QNetworkReply::NoError,
                     qPrintable(QString::number(answer.error)));
            QVERIFY2(answer.headers.contains("content-length"), answer.body.left(200).constData());
            QVERIFY(answer.body.size() < answer.headers.value("content-length").toLongLong());
        }
        QJsonParseError error;
        QJsonDocument::fromJson(answer.body, &error);
        QCOMPARE(error.error == QJsonParseError::NoError && !answer.body.isEmpty(), jsonParses);
        if (status == 429 || status == 503)
            QVERIFY(answer.headers.value("retry-after").toInt() >= 1);
        // Reads outside the faulted paths keep working.
        QCOMPARE(portal->get(u"/api/v1/requests/E-200000"_s).status, 200);
    }

    void faults_afterApplyingLoseTheAnswerButNotTheWrite()
    {
        auto portal = startPortal({u"--requests"_s, u"100"_s, u"--faults"_s, u"reset:1"_s});
        QVERIFY(portal);
        const HttpAnswer record = portal->get(u"/api/v1/requests/E-200000"_s);
        QCOMPARE(record.status, 200);
        const QString key = newKey();
        const HttpAnswer lost =
            portal->action(u"E-200000"_s, actionBody(u"note"_s, u"Lost answer."_s, {}), key);
        QVERIFY(lost.error != QNetworkReply::NoError);
        QCOMPARE(portal->get(u"/api/v1/admin/applications?key="_s + key)
                     .json()
                     .value("applications"_L1)
                     .toInt(),
                 1);
        const HttpAnswer retried =
            portal->action(u"E-200000"_s, actionBody(u"note"_s, u"Lost answer."_s, {}), key);
        QVERIFY(retried.error != QNetworkReply::NoError); // every answer is reset in this mode
        QCOMPARE(portal->get(u"/api/v1/admin/applications?key="_s + key)
                     .json()
                     .value("applications"_L1)
                     .toInt(),
                 1);
        QCOMPARE(
            portal->get(u"/api/v1/requests/E-200000"_s).json().value("notes"_L1).toArray().size(),
            record.json().value("notes"_L1).toArray().size() + 1);
    }

    void commandLine_rejectsBadOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no listen") << QStringList {u"--seed"_s, u"1"_s};
        QTest::newRow("bad listen") << QStringList {u"--listen"_s, u"nowhere"_s};
        QTest::newRow("bad requests")
            << QStringList {u"--listen"_s, u"127.0.0.1:0"_s, u"--requests"_s, u"many"_s};
        QTest::newRow("bad faults")
            << QStringList {u"--listen"_s, u"127.0.0.1:0"_s, u"--faults"_s, u"explode:0.5"_s};
        QTest::newRow("bad now") << QStringList {u"--listen"_s, u"127.0.0.1:0"_s, u"--now"_s,
                                                 u"yesterday"_s};
    }

    void commandLine_rejectsBadOptions()
    {
        QFETCH(QStringList, args);
        QProcess process;
        process.start(QStringLiteral(ESCALATION_PORTAL_EXECUTABLE), args);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(!process.readAllStandardError().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPortalServer)
#include "tst_portalserver.moc"

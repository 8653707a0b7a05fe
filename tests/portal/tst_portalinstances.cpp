// Two escalation-portal processes on one PostgreSQL database (a throw-away
// cluster of the test's own): they serve the same data, a desk polling one
// hears of a decision made through the other, the same write sent to both
// at once is applied once, the change feed followed on one never misses a
// change while both commit, and an instance killed mid-write loses nothing
// a client was told is saved while the desk carries on at the other.

#include "portalprocess.h"
#include "postgrescluster.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A client's copy of the portal's records, built from /changes pages.
struct FeedCopy {
    QString cursor = u"0"_s;
    QHash<QString, QJsonObject> requests;

    // Reads pages until the portal says it is up to date; false on an error.
    bool follow(PortalProcess &portal)
    {
        for (int page = 0; page < 10000; ++page) {
            const HttpAnswer answer = portal.get(u"/api/v1/changes?limit=200&since="_s + cursor);
            if (answer.status != 200)
                return false;
            const QJsonObject body = answer.json();
            for (const QJsonValue &r : body.value("requests"_L1).toArray())
                requests.insert(r["id"_L1].toString(), r.toObject());
            for (const QJsonValue &id :
                 body.value("removed"_L1).toObject().value("requests"_L1).toArray())
                requests.remove(id.toString());
            cursor = body.value("cursor"_L1).toString();
            if (!body.value("hasMore"_L1).toBool())
                return true;
        }
        return false;
    }
};

QStringList noteTexts(const QJsonObject &request)
{
    QStringList texts;
    for (const QJsonValue &n : request.value("notes"_L1).toArray())
        texts << n["text"_L1].toString();
    return texts;
}

QJsonObject note(const QString &text)
{
    return {{u"action"_s, u"note"_s}, {u"text"_s, text}};
}

} // namespace

class TestPortalInstances final : public QObject {
    Q_OBJECT

private:
    PostgresCluster m_cluster;
    QTemporaryDir m_dir;
    int m_databases = 0;

    // Two portals on a new database: A fills it, B starts on what A stored.
    struct Pair {
        std::unique_ptr<PortalProcess> a;
        std::unique_ptr<PortalProcess> b;
    };
    Pair startPair(const QStringList &extra = {})
    {
        Pair pair;
        QString error;
        const QString name = u"instances_"_s + QString::number(++m_databases);
        if (!m_cluster.createDatabase(name, &error))
            qFatal("createdb: %s", qPrintable(error));
        const QString credentials = m_dir.filePath(name + u"-credentials.json"_s);
        const QStringList common = QStringList {u"--db"_s,
                                                m_cluster.locator(name),
                                                u"--demo-credentials"_s,
                                                credentials,
                                                u"--seed"_s,
                                                u"7"_s,
                                                u"--requests"_s,
                                                u"120"_s}
            + extra;
        pair.a = std::make_unique<PortalProcess>();
        if (!pair.a->start(common, &error))
            qFatal("instance A: %s", qPrintable(error));
        pair.b = std::make_unique<PortalProcess>();
        if (!pair.b->start(common, &error))
            qFatal("instance B: %s", qPrintable(error));
        return pair;
    }

    static QStringList pendingRequests(PortalProcess &portal)
    {
        FeedCopy copy;
        if (!copy.follow(portal))
            return {};
        QStringList ids;
        for (const QJsonObject &r : std::as_const(copy.requests))
            if (r["state"_L1].toString() == u"pending"_s)
                ids << r["id"_L1].toString();
        ids.sort();
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
    }

    void bothInstances_serveTheSameData()
    {
        Pair p = startPair();
        FeedCopy fromA, fromB;
        QVERIFY(fromA.follow(*p.a));
        QVERIFY(fromB.follow(*p.b));
        QCOMPARE(fromA.requests.size(), 120);
        QCOMPARE(fromB.requests.keys(), fromA.requests.keys());
        QCOMPARE(fromB.cursor, fromA.cursor);
        // The seeding ran once: one set of demo users, one tokens file both use.
        QCOMPARE(p.b->get(u"/api/v1/me"_s).status, 200);
        QCOMPARE(p.a->get(u"/api/v1/me"_s).status, 200);
    }

    void decisionThroughA_isPushedToADeskPollingB()
    {
        // Notices only (no periodic look): what reaches B is the push.
        Pair p = startPair({u"--shared-poll"_s, u"0"_s});
        const QString cursor = p.b->cursor();
        QCOMPARE(p.a->cursor(), cursor);
        QNetworkReply *poll = p.b->startGet(u"/api/v1/changes/wait?timeout=60&since="_s + cursor);
        const QString id = pendingRequests(*p.a).constFirst();
        QElapsedTimer sinceDecision;
        const HttpAnswer noted = p.a->action(id, note(u"Decided through A"_s), newKey());
        QCOMPARE(noted.status, 200);
        sinceDecision.start();
        const HttpAnswer woken = PortalProcess::finish(poll, std::chrono::seconds(90));
        const qint64 latencyMs = sinceDecision.elapsed();
        QCOMPARE(woken.status, 200);
        QVERIFY(woken.json().value("cursor"_L1).toString() != cursor);
        qInfo("push from instance A to a desk on instance B: %lld ms", latencyMs);
        // The desk then reads the change from B.
        const HttpAnswer page = p.b->get(u"/api/v1/changes?since="_s + cursor);
        QCOMPARE(page.status, 200);
        bool found = false;
        for (const QJsonValue &r : page.json().value("requests"_L1).toArray())
            found = found
                || (r["id"_L1].toString() == id
                    && noteTexts(r.toObject()).contains(u"Decided through A"_s));
        QVERIFY(found);
    }

    void sameWriteToBothAtOnce_isAppliedOnce()
    {
        Pair p = startPair();
        const QStringList ids = pendingRequests(*p.a);
        QVERIFY(ids.size() >= 10);
        for (int i = 0; i < 10; ++i) {
            const QString key = newKey();
            const QString text = u"Duplicate sent to both, #%1"_s.arg(i);
            const QJsonObject body = note(text);
            // Both in flight before either answers.
            QNetworkReply *toA = p.a->startAction(ids.at(i), body, key);
            QNetworkReply *toB = p.b->startAction(ids.at(i), body, key);
            const HttpAnswer a = PortalProcess::finish(toA, std::chrono::seconds(60));
            const HttpAnswer b = PortalProcess::finish(toB, std::chrono::seconds(60));
            QCOMPARE(a.status, 200);
            QCOMPARE(b.status, 200);
            QCOMPARE(a.body, b.body); // the second is the first one's stored answer
            const HttpAnswer record = p.b->get(u"/api/v1/requests/"_s + ids.at(i));
            QCOMPARE(noteTexts(record.json()).count(text), 1);
        }
    }

    void feedFollowedOnB_missesNothing_whileBothCommit()
    {
        Pair p = startPair({u"--diagnostics"_s});
        const QStringList ids = pendingRequests(*p.a);
        QVERIFY(ids.size() >= 8);
        FeedCopy follower;
        QVERIFY(follower.follow(*p.b));
        // Rounds of writes racing through both instances; the follower reads
        // B's feed between rounds, while the next round is in flight.
        QStringList acknowledged;
        for (int round = 0; round < 10; ++round) {
            std::vector<std::pair<QNetworkReply *, QString>> inFlight;
            for (int i = 0; i < 8; ++i) {
                const QString text = u"round %1 write %2"_s.arg(round).arg(i);
                PortalProcess &via = i % 2 ? *p.b : *p.a;
                inFlight.emplace_back(via.startAction(ids.at(i), note(text), newKey()), text);
            }
            // The portals' own activity meanwhile: new requests and cases,
            // case updates, closures and removed cases, through each in turn.
            PortalProcess &busy = round % 2 ? *p.a : *p.b;
            QNetworkReply *activity =
                busy.startPost(u"/api/v1/admin/activity"_s, QByteArray("{\"steps\": 15}"));
            QVERIFY(follower.follow(*p.b));
            QCOMPARE(PortalProcess::finish(activity, std::chrono::seconds(60)).status, 200);
            for (const auto &[reply, text] : inFlight) {
                const HttpAnswer answer = PortalProcess::finish(reply, std::chrono::seconds(60));
                QCOMPARE(answer.status, 200);
                acknowledged << text;
            }
        }
        QVERIFY(follower.follow(*p.b));
        // Everything acknowledged through either instance is in B's feed.
        QStringList seen;
        for (const QJsonObject &r : std::as_const(follower.requests))
            seen += noteTexts(r);
        for (const QString &text : std::as_const(acknowledged))
            QVERIFY2(seen.count(text) == 1, qPrintable(text));
        // And the followed copy is what a first sync from A gives now.
        FeedCopy fresh;
        QVERIFY(fresh.follow(*p.a));
        QCOMPARE(follower.requests.size(), fresh.requests.size());
        for (auto it = fresh.requests.cbegin(); it != fresh.requests.cend(); ++it)
            QCOMPARE(follower.requests.value(it.key()), it.value());
        QCOMPARE(follower.cursor, fresh.cursor);
    }

    void killedMidWrite_losesNothingSaved_andTheDeskCarriesOnAtTheOther()
    {
        Pair p = startPair();
        const QStringList ids = pendingRequests(*p.a);
        QVERIFY(ids.size() >= 5);
        FeedCopy desk;
        QVERIFY(desk.follow(*p.a));
        // Acknowledged writes through A, then one more in flight when A dies.
        QStringList saved;
        for (int i = 0; i < 20; ++i) {
            const QString text = u"saved through A #%1"_s.arg(i);
            const HttpAnswer answer = p.a->action(ids.at(i % 5), note(text), newKey());
            QCOMPARE(answer.status, 200);
            saved << text;
        }
        const QString lastKey = newKey();
        const QString lastText = u"in flight when A died"_s;
        QNetworkReply *inFlight = p.a->startAction(ids.at(0), note(lastText), lastKey);
        p.a->kill();
        const HttpAnswer lost = PortalProcess::finish(inFlight, std::chrono::seconds(30));

        // The desk carries on at B with the cursor A gave it.
        QVERIFY(desk.follow(*p.b));
        QStringList seen;
        for (const QJsonObject &r : std::as_const(desk.requests))
            seen += noteTexts(r);
        for (const QString &text : std::as_const(saved))
            QVERIFY2(seen.count(text) == 1, qPrintable(text));
        // The write A never answered: applied once or not at all, and its
        // retry through B (same key) makes it applied exactly once.
        QVERIFY(seen.count(lastText) <= 1);
        Q_UNUSED(lost);
        const HttpAnswer retried = p.b->action(ids.at(0), note(lastText), lastKey);
        QCOMPARE(retried.status, 200);
        QVERIFY(desk.follow(*p.b));
        QCOMPARE(noteTexts(desk.requests.value(ids.at(0))).count(lastText), 1);
        // And B goes on taking writes.
        QCOMPARE(p.b->action(ids.at(1), note(u"after the failover"_s), newKey()).status, 200);
    }

    void databaseRestart_isAnsweredClearly_andBothCarryOn()
    {
        // The default look every 2 s is also what notices a lost listening
        // connection (--shared-poll 0 would only notice at the next write).
        Pair p = startPair();
        const QStringList ids = pendingRequests(*p.a);
        QVERIFY(!ids.isEmpty());
        QString error;
        const QString cursor = p.b->cursor();

        // The database server goes away: writes and sign-ins are answered
        // 503 (not 401, and no failed sign-in is counted), nothing is stored.
        m_cluster.stop();
        const QString key = newKey();
        const HttpAnswer during = p.a->action(ids.at(0), note(u"during the outage"_s), key);
        QCOMPARE(during.status, 503);
        QCOMPARE(during.errorCode(), u"unavailable"_s);
        for (int i = 0; i < 12; ++i) {
            const HttpAnswer me = p.b->get(u"/api/v1/me"_s);
            QCOMPARE(me.status, 503);
            QVERIFY(me.headers.contains("retry-after"));
        }

        // It comes back: both connect again by themselves, the write retried
        // with its key is applied once, and a desk polling B hears of it.
        QVERIFY2(m_cluster.restart(&error), qPrintable(error));
        QCOMPARE(p.b->get(u"/api/v1/me"_s).status, 200); // not throttled
        QNetworkReply *poll = p.b->startGet(u"/api/v1/changes/wait?timeout=60&since="_s + cursor);
        const HttpAnswer retried = p.a->action(ids.at(0), note(u"during the outage"_s), key);
        QCOMPARE(retried.status, 200);
        QCOMPARE(PortalProcess::finish(poll, std::chrono::seconds(90)).status, 200);
        const HttpAnswer record = p.b->get(u"/api/v1/requests/"_s + ids.at(0));
        QCOMPARE(noteTexts(record.json()).count(u"during the outage"_s), 1);
        QCOMPARE(p.b->action(ids.at(0), note(u"through B again"_s), newKey()).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestPortalInstances)
#include "tst_portalinstances.moc"

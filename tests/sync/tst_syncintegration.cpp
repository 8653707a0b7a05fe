#include "cachestore.h"
#include "outbox.h"
#include "portalcall.h"
#include "portalclient.h"
#include "portalprocess.h"
#include "storeworkerthread.h"
#include "syncengine.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;
using namespace std::chrono;

// The engine and the outbox against a real escalation-portal on loopback.
class TestSyncIntegration final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_cacheCount = 0;

    QString newCachePath() { return m_dir.filePath(u"cache-%1.sqlite"_s.arg(++m_cacheCount)); }

    static PortalSettings settingsFor(const PortalProcess &portal)
    {
        PortalSettings s;
        s.baseUrl = portal.url();
        s.token = PortalProcess::token();
        s.backoffBase = milliseconds(50);
        s.backoffCap = milliseconds(500);
        s.transferTimeout = seconds(10);
        return s;
    }
    static OutboxOptions fastOutbox()
    {
        OutboxOptions o;
        o.retryBase = milliseconds(100);
        o.retryCap = milliseconds(500);
        return o;
    }

    // A first sync into a fresh cache; returns the cache path.
    QString syncedCache(const PortalProcess &portal, SyncOutcome *outcome = nullptr)
    {
        const QString path = newCachePath();
        StoreWorkerThread store(path);
        PortalClient client(settingsFor(portal));
        SyncEngine engine(&client, store.worker);
        QSignalSpy done(&engine, &SyncEngine::cycleFinished);
        engine.runOnce(store.state);
        if (!done.wait(60000))
            qWarning() << "first sync did not finish";
        else if (outcome)
            *outcome = done.first().first().value<SyncOutcome>();
        return path;
    }

    static EscalationRequest somePending(const QString &cachePath, int skip = 0)
    {
        auto store = CacheStore::open(cachePath, nullptr, nullptr);
        const QueueSnapshot q = store->loadActiveQueue().valueOr(QueueSnapshot());
        for (const EscalationRequest &r : q.requests) {
            if (r.state == RequestState::Pending && skip-- == 0)
                return r;
        }
        return {};
    }

    static int applications(const PortalProcess &portal, const QString &key)
    {
        return portalCall(portal.url(), PortalProcess::token(), "GET",
                          u"/admin/applications?key="_s + key)
            .json.value(u"applications"_s)
            .toInt(-1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void firstSync_pagesEveryRequestIntoTheCache()
    {
        PortalProcess portal;
        QVERIFY(portal.start({u"--requests"_s, u"3000"_s, u"--seed"_s, u"7"_s}));
        const QString path = newCachePath();
        {
            StoreWorkerThread store(path);
            QVERIFY(store.ok);
            QVERIFY(store.state.cursor.isEmpty());
            PortalClient client(settingsFor(portal));
            SyncEngine engine(&client, store.worker);
            QSignalSpy status(&engine, &SyncEngine::statusChanged);
            QSignalSpy done(&engine, &SyncEngine::cycleFinished);
            QElapsedTimer t;
            t.start();
            engine.runOnce(store.state);
            QVERIFY(done.wait(60000));
            const SyncOutcome outcome = done.first().first().value<SyncOutcome>();
            QVERIFY2(outcome.ok(), qPrintable(outcome.message));
            qInfo() << "first sync of 3000 requests:" << t.elapsed() << "ms," << outcome.pages
                    << "pages";
            QVERIFY(outcome.pages >= 6); // 6000 records at 1000 a page
            // Progress was reported page by page during the first sync.
            qint64 lastRecords = -1;
            int progressUpdates = 0;
            for (const auto &args : std::as_const(status)) {
                const auto s = args.first().value<SyncStatus>();
                if (s.state == SyncStatus::State::Syncing && s.pagesDone > 0) {
                    QVERIFY(s.firstSync);
                    QVERIFY(s.recordsDone > lastRecords);
                    lastRecords = s.recordsDone;
                    ++progressUpdates;
                }
            }
            QVERIFY(progressUpdates >= 5);
            QCOMPARE(engine.status().state, SyncStatus::State::UpToDate);
        }
        auto cache = CacheStore::open(path, nullptr, nullptr);
        QCOMPARE(cache->requestCount().valueOr(-1), 3000);
        QVERIFY(cache->caseCount().valueOr(0) > 0);
        QVERIFY(!cache->syncState().valueOr(SyncState()).cursor.isEmpty());
        QVERIFY(cache->syncState().valueOr(SyncState()).lastSuccessAt.isValid());
    }

    void liveChange_reachesTheCacheByPush()
    {
        PortalProcess portal;
        QVERIFY(portal.start({u"--requests"_s, u"300"_s}));
        const QString path = syncedCache(portal);
        const EscalationRequest before = somePending(path);
        QVERIFY(!before.id.isEmpty());

        StoreWorkerThread store(path);
        PortalClient client(settingsFor(portal));
        SyncEngine engine(&client, store.worker);
        QSignalSpy upToDate(&engine, &SyncEngine::cycleFinished);
        engine.start(store.state, store.pending);
        QVERIFY(upToDate.wait(60000));
        // Gives the long poll time to be held at the portal, so that the
        // note below wakes it. Nothing depends on it: a wait that arrives
        // after the note is answered at once, and the change comes all the same.
        QTest::qWait(300);

        // Another manager adds a note at the portal.
        QElapsedTimer t;
        t.start();
        const auto note = portalCall(portal.url(), PortalProcess::token(), "POST",
                                     u"/requests/%1/actions"_s.arg(before.id),
                                     QJsonObject {{u"action"_s, u"note"_s},
                                                  {u"text"_s, u"Called the customer."_s},
                                                  {u"actor"_s, u"Other Manager"_s}});
        QCOMPARE(note.status, 200);
        auto cache = CacheStore::open(path, nullptr, nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(cache->request(before.id)->notes.size() == before.notes.size() + 1,
                                 60000);
        qInfo() << "portal change visible in the cache after" << t.elapsed() << "ms";
        QVERIFY(engine.status().push);

        // Live activity at the portal (new requests, re-escalations, closures) lands too.
        const auto activity = portalCall(portal.url(), PortalProcess::token(), "POST",
                                         u"/admin/activity"_s, QJsonObject {{u"steps"_s, 50}});
        QCOMPARE(activity.status, 200);
        const QString cursor = activity.json.value(u"cursor"_s).toString();
        QTRY_COMPARE_WITH_TIMEOUT(engine.committedCursor(), cursor, 60000);
        engine.stop();
    }

    void decision_deliveredOnceAndVisibleAtThePortal()
    {
        PortalProcess portal;
        QVERIFY(portal.start({u"--requests"_s, u"300"_s}));
        const QString path = syncedCache(portal);
        const EscalationRequest request = somePending(path);

        StoreWorkerThread store(path);
        PortalClient client(settingsFor(portal));
        Outbox outbox(&client, store.worker, fastOutbox());
        QSignalSpy saved(&outbox, &Outbox::saved);
        QSignalSpy delivered(&outbox, &Outbox::delivered);
        outbox.start();
        outbox.submit(request.id, OutboxAction::Accept, u"Engineering joins a call at 15:00."_s,
                      u"Dana Whitfield"_s, request.version);
        QVERIFY(saved.wait(60000));
        const OutboxEntry entry = saved.first().at(0).value<OutboxEntry>();
        QVERIFY(entry.localId > 0);
        QVERIFY(!entry.idempotencyKey.isEmpty());
        QVERIFY(delivered.size() == 1 || delivered.wait(60000));

        const auto atPortal =
            portalCall(portal.url(), PortalProcess::token(), "GET", u"/requests/"_s + request.id);
        QCOMPARE(atPortal.json.value(u"state"_s).toString(), u"accepted"_s);
        QCOMPARE(atPortal.json.value(u"decision"_s).toObject().value(u"text"_s).toString(),
                 u"Engineering joins a call at 15:00."_s);
        QCOMPARE(applications(portal, entry.idempotencyKey), 1);
        auto cache = CacheStore::open(path, nullptr, nullptr);
        QTRY_COMPARE_WITH_TIMEOUT(cache->request(request.id)->state, RequestState::Accepted, 60000);
        QCOMPARE(cache->outboxEntry(entry.localId)->status, OutboxStatus::Delivered);
    }

    void decisionWhilePortalDown_survivesRestartAndIsDeliveredOnce()
    {
        const QString portalDb = m_dir.filePath(u"portal-restart.sqlite"_s);
        PortalProcess portal;
        QVERIFY(portal.start({u"--requests"_s, u"200"_s, u"--db"_s, portalDb}));
        const int port = portal.port();
        const QString path = syncedCache(portal);
        const EscalationRequest request = somePending(path);
        portal.stop();

        QString key;
        {
            // The app decides while the portal is down, then quits.
            StoreWorkerThread store(path);
            PortalSettings settings = settingsFor(portal);
            settings.maxAttempts = 2;
            PortalClient client(settings);
            Outbox outbox(&client, store.worker, fastOutbox());
            QSignalSpy saved(&outbox, &Outbox::saved);
            QSignalSpy failed(&outbox, &Outbox::deliveryFailed);
            outbox.start();
            outbox.submit(request.id, OutboxAction::Decline,
                          u"Not eligible: please use standard triage."_s, u"Dana Whitfield"_s,
                          request.version);
            QVERIFY(saved.wait(60000));
            key = saved.first().at(0).value<OutboxEntry>().idempotencyKey;
            // Saved means committed: another connection sees it at once.
            auto cache = CacheStore::open(path, nullptr, nullptr);
            QCOMPARE(cache->pendingOutboxCount().valueOr(-1), 1);
            QVERIFY(!failed.isEmpty() || failed.wait(60000));
            QVERIFY(failed.first().at(2).toBool()); // will retry
            QCOMPARE(outbox.pendingCount(), 1);
        }

        // Portal back (same port, same data); the app starts again.
        QVERIFY(portal.start({u"--db"_s, portalDb}, port));
        StoreWorkerThread store(path);
        QCOMPARE(store.pending, 1);
        PortalClient client(settingsFor(portal));
        Outbox outbox(&client, store.worker, fastOutbox());
        QSignalSpy delivered(&outbox, &Outbox::delivered);
        outbox.start();
        QVERIFY(delivered.wait(60000));
        QCOMPARE(delivered.first().first().value<OutboxEntry>().idempotencyKey, key);
        const auto atPortal =
            portalCall(portal.url(), PortalProcess::token(), "GET", u"/requests/"_s + request.id);
        QCOMPARE(atPortal.json.value(u"state"_s).toString(), u"declined"_s);
        QCOMPARE(applications(portal, key), 1);
        QTRY_COMPARE_WITH_TIMEOUT(outbox.pendingCount(), 0, 60000);
    }

    void conflict_keptWithBothVersions()
    {
        PortalProcess portal;
        QVERIFY(portal.start({u"--requests"_s, u"300"_s}));
        const QString path = syncedCache(portal);
        const EscalationRequest request = somePending(path);

        // Another manager takes the request first.
        const auto taken = portalCall(portal.url(), PortalProcess::token(), "POST",
                                      u"/requests/%1/actions"_s.arg(request.id),
                                      QJsonObject {{u"action"_s, u"take_ownership"_s},
                                                   {u"text"_s, u""_s},
                                                   {u"actor"_s, u"Other Manager"_s},
                                                   {u"version"_s, request.version}});
        QCOMPARE(taken.status, 200);

        StoreWorkerThread store(path);
        PortalClient client(settingsFor(portal));
        Outbox outbox(&client, store.worker, fastOutbox());
        QSignalSpy conflicted(&outbox, &Outbox::conflicted);
        outbox.start();
        outbox.submit(request.id, OutboxAction::Accept, u"My plan of action."_s,
                      u"Dana Whitfield"_s, request.version);
        QVERIFY(conflicted.wait(60000));
        const OutboxEntry entry = conflicted.first().first().value<OutboxEntry>();
        QCOMPARE(entry.text, u"My plan of action."_s); // ours
        const QJsonObject theirs = QJsonDocument::fromJson(entry.conflictJson.toUtf8()).object();
        // Theirs, by the token's user (the portal ignores the sent actor).
        QCOMPARE(theirs.value(u"owner"_s).toString(), PortalProcess::userName());
        QVERIFY(theirs.value(u"version"_s).toInteger() > request.version);
        QCOMPARE(outbox.conflicts().size(), 1);
        auto cache = CacheStore::open(path, nullptr, nullptr);
        const QList<OutboxEntry> stored = cache->outbox(OutboxStatus::Conflict).valueOr({});
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().conflictJson, entry.conflictJson);
        QCOMPARE(applications(portal, entry.idempotencyKey), 0);
    }

    void retriedWrites_throughLostAnswers_areAppliedOnce()
    {
        const QString portalDb = m_dir.filePath(u"portal-faults.sqlite"_s);
        PortalProcess portal;
        QVERIFY(portal.start({u"--requests"_s, u"200"_s, u"--db"_s, portalDb}));
        const int port = portal.port();
        const QString path = syncedCache(portal);
        QList<EscalationRequest> requests;
        for (int i = 0; i < 5; ++i)
            requests.append(somePending(path, i));
        portal.stop();
        // Answers lost after the write was applied (reset, truncated, bad
        // JSON) and failures before it: only the key keeps retries safe.
        QVERIFY(portal.start({u"--db"_s, portalDb, u"--faults"_s,
                              u"reset:0.25,truncate:0.15,badjson:0.1,500:0.1"_s, u"--fault-seed"_s,
                              u"5"_s},
                             port));

        StoreWorkerThread store(path);
        PortalClient client(settingsFor(portal));
        Outbox outbox(&client, store.worker, fastOutbox());
        QSignalSpy saved(&outbox, &Outbox::saved);
        QSignalSpy delivered(&outbox, &Outbox::delivered);
        outbox.start();
        for (const EscalationRequest &r : std::as_const(requests))
            outbox.submit(r.id, OutboxAction::Accept, u"Plan for "_s + r.id, u"Dana Whitfield"_s,
                          r.version);
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 5, 60000);
        for (const auto &args : std::as_const(delivered)) {
            const OutboxEntry e = args.first().value<OutboxEntry>();
            QCOMPARE(applications(portal, e.idempotencyKey), 1);
        }
        for (const EscalationRequest &r : std::as_const(requests)) {
            const auto atPortal =
                portalCall(portal.url(), PortalProcess::token(), "GET", u"/requests/"_s + r.id);
            QCOMPARE(atPortal.json.value(u"state"_s).toString(), u"accepted"_s);
        }
    }

    void portalDown_engineGoesOfflineAndRecoversByItself()
    {
        const QString portalDb = m_dir.filePath(u"portal-offline.sqlite"_s);
        PortalProcess portal;
        QVERIFY(portal.start({u"--requests"_s, u"100"_s, u"--db"_s, portalDb}));
        const int port = portal.port();
        const QString path = syncedCache(portal);
        portal.stop();

        StoreWorkerThread store(path);
        PortalSettings settings = settingsFor(portal);
        settings.maxAttempts = 1;
        PortalClient client(settings);
        SyncEngineOptions options;
        options.retryBase = milliseconds(200);
        options.retryCap = seconds(1);
        SyncEngine engine(&client, store.worker, options);
        QSignalSpy status(&engine, &SyncEngine::statusChanged);
        engine.start(store.state, store.pending);
        QTRY_COMPARE_WITH_TIMEOUT(engine.status().state, SyncStatus::State::Offline, 60000);
        QVERIFY(engine.status().offlineSince.isValid());
        QVERIFY(engine.status().nextRetryAt.isValid());
        QVERIFY(!engine.status().message.isEmpty());

        QVERIFY(portal.start({u"--db"_s, portalDb}, port));
        QTRY_COMPARE_WITH_TIMEOUT(engine.status().state, SyncStatus::State::UpToDate, 60000);
        QVERIFY(!engine.status().offlineSince.isValid());
        engine.stop();
    }
};

QTEST_GUILESS_MAIN(TestSyncIntegration)
#include "tst_syncintegration.moc"

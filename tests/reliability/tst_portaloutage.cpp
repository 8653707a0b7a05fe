// A portal that stays down for a long while (many retry rounds, not one):
// the client says so, the queue stays usable from the cache with its review
// clocks computed against the running wall clock, decisions are saved, the
// retries come at growing (capped) intervals, and when the portal returns
// the client recovers and delivers by itself, without anyone pressing sync.

#include "outbox.h"
#include "portalclient.h"
#include "reliabilityharness.h"
#include "storeworkerthread.h"
#include "syncengine.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;
using namespace Reliability;
using namespace std::chrono;

class TestPortalOutage final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    struct CliRun {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    CliRun cli(const QStringList &arguments)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"ESCALATION_DESK_TOKEN"_s, Portal::token());
        env.insert(u"ESCALATION_DESK_ACTOR"_s, u"Offline Manager"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ESCALATION_CLI_EXE), arguments);
        CliRun run;
        if (p.waitForStarted(10000) && p.waitForFinished(60000)) {
            run.exitCode = p.exitCode();
            run.out = p.readAllStandardOutput();
            run.err = p.readAllStandardError();
        }
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void longOutage_saidSoQueueUsableRetriesGrowAndRecoversByItself()
    {
        const QString portalDb = m_dir.filePath(u"portal.sqlite"_s);
        const QString path = m_dir.filePath(u"cache.sqlite"_s);
        Portal portal;
        QVERIFY(
            portal.start({u"--requests"_s, u"300"_s, u"--seed"_s, u"31"_s, u"--db"_s, portalDb}));
        const int port = portal.port();

        StoreWorkerThread store(path);
        QVERIFY(store.ok);
        PortalSettings settings;
        settings.baseUrl = portal.url();
        settings.token = Portal::token();
        settings.maxAttempts = 2;
        settings.backoffBase = milliseconds(50);
        settings.backoffCap = milliseconds(100);
        settings.transferTimeout = seconds(3);
        PortalClient client(settings);
        SyncEngineOptions options;
        options.retryBase = milliseconds(250);
        options.retryCap = seconds(4);
        options.waitTimeout = seconds(2);
        SyncEngine engine(&client, store.worker, options);
        OutboxOptions outboxOptions;
        outboxOptions.retryBase = milliseconds(250);
        outboxOptions.retryCap = seconds(4);
        Outbox outbox(&client, store.worker, outboxOptions);
        engine.start(store.state, store.pending);
        outbox.start();
        QTRY_COMPARE_WITH_TIMEOUT(engine.status().state, SyncStatus::State::UpToDate, 60000);
        const QString cursorBefore = engine.committedCursor();

        // Every retry the engine schedules while offline: when, and how long after.
        QList<qint64> retryDelays;
        QDateTime lastPlanned;
        connect(&engine, &SyncEngine::statusChanged, this, [&](const SyncStatus &s) {
            if (s.state == SyncStatus::State::Offline && s.nextRetryAt.isValid()
                && s.nextRetryAt != lastPlanned) {
                lastPlanned = s.nextRetryAt;
                retryDelays << QDateTime::currentDateTimeUtc().msecsTo(s.nextRetryAt);
            }
        });

        portal.stop();
        QElapsedTimer outage;
        outage.start();
        QTRY_COMPARE_WITH_TIMEOUT(engine.status().state, SyncStatus::State::Offline, 60000);
        const SyncStatus offline = engine.status();
        QVERIFY(!offline.message.isEmpty());
        QVERIFY(offline.offlineSince.isValid());
        QVERIFY(offline.nextRetryAt.isValid());

        // A decision while the portal is down: saved, kept, retried.
        QSignalSpy saved(&outbox, &Outbox::saved);
        QSignalSpy failed(&outbox, &Outbox::deliveryFailed);
        QSignalSpy delivered(&outbox, &Outbox::delivered);
        const QStringList pending = CacheFile(path).pendingRequests();
        QVERIFY(!pending.isEmpty());
        const QString requestId = pending.first().section(u':', 0, 0);
        outbox.submit(requestId, OutboxAction::Accept, u"Plan made while offline."_s,
                      u"Offline Manager"_s, pending.first().section(u':', 1, 1).toLongLong());
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 60000);
        QVERIFY(failed.first().at(2).toBool()); // will retry by itself

        // The queue from the cache, with clocks against the running clock:
        // a request whose review deadline has passed shows as breached now,
        // whatever it showed at the last sync.
        for (int look = 0; look < 2; ++look) {
            const CliRun listed = cli({u"list"_s, u"--json"_s, u"--db"_s, path});
            QCOMPARE(listed.exitCode, 0);
            const QJsonArray rows = QJsonDocument::fromJson(listed.out).array();
            QVERIFY(rows.size() >= pending.size());
            const QDateTime now = QDateTime::currentDateTimeUtc();
            int open = 0;
            for (const QJsonValue &v : rows) {
                const QJsonObject row = v.toObject();
                if (row.value(u"state"_s).toString() != u"pending"_s
                    || row.value(u"reviewDueAt"_s).isNull())
                    continue;
                const QDateTime due =
                    QDateTime::fromString(row.value(u"reviewDueAt"_s).toString(), Qt::ISODate);
                const QString clock = row.value(u"clockState"_s).toString();
                if (qAbs(now.secsTo(due)) > 60) // not at the edge while we look
                    QCOMPARE(clock == u"breached"_s, due < now);
                ++open;
            }
            QVERIFY(open > 0);
            // Lets the clocks run on between the two looks; nothing waits
            // for it, so a slow machine only looks later.
            QTest::qWait(3000);
        }
        // The command line during the outage: saved, says so, exit 3.
        const QString second = pending.value(1).section(u':', 0, 0);
        const CliRun decided =
            cli({u"decide"_s, second, u"decline"_s, u"--text"_s, u"Not an escalation."_s, u"--db"_s,
                 path, u"--portal"_s, portal.url().toString()});
        QCOMPARE(decided.exitCode, 3);
        QVERIFY(decided.err.contains("saved in the outbox"));

        // A long outage: at least 14 s, and until the engine has planned
        // six retries, so that the later delays reach the cap however slowly
        // the machine runs the attempts.
        QTRY_VERIFY_WITH_TIMEOUT(outage.elapsed() > 14000, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(retryDelays.size() >= 6, 60000);
        QCOMPARE(engine.status().state, SyncStatus::State::Offline);
        qInfo() << "outage" << outage.elapsed() << "ms; retry delays (ms):" << retryDelays;
        for (qint64 d : std::as_const(retryDelays))
            QVERIFY(d <= 4000 + 200);
        // Equal jitter keeps each delay within [cap/2, cap] of its step: the
        // later ones must be well above the first.
        const qint64 late =
            *std::max_element(retryDelays.cbegin() + retryDelays.size() / 2, retryDelays.cend());
        QVERIFY2(late >= 4 * std::max<qint64>(retryDelays.first(), 100) / 2,
                 "retry delays did not grow");
        QVERIFY(late >= 1500);

        // The portal returns; nobody presses anything.
        QVERIFY(portal.start({u"--db"_s, portalDb}, port));
        QElapsedTimer recovery;
        recovery.start();
        QTRY_COMPARE_WITH_TIMEOUT(engine.status().state, SyncStatus::State::UpToDate, 60000);
        QVERIFY(!engine.status().offlineSince.isValid());
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 60000);
        const OutboxEntry entry = delivered.first().first().value<OutboxEntry>();
        qInfo() << "recovered by itself in" << recovery.elapsed() << "ms";
        QCOMPARE(applications(portal.url(), entry.idempotencyKey), 1);
        QCOMPARE(call(portal.url(), "GET", u"/requests/"_s + requestId)
                     .json()
                     .value(u"state"_s)
                     .toString(),
                 u"accepted"_s);
        // The decision comes back through the feed, by push.
        QTRY_VERIFY_WITH_TIMEOUT(engine.committedCursor() != cursorBefore, 60000);
        engine.stop();

        // The decision the command line saved goes with the next sync.
        const CliRun synced =
            cli({u"sync"_s, u"--once"_s, u"--db"_s, path, u"--portal"_s, portal.url().toString()});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        QCOMPARE(
            call(portal.url(), "GET", u"/requests/"_s + second).json().value(u"state"_s).toString(),
            u"declined"_s);
    }
};

QTEST_GUILESS_MAIN(TestPortalOutage)
#include "tst_portaloutage.moc"

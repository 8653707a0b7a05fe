// The cache survives kill -9 at any moment: a helper process writes sync
// pages and outbox entries in a loop and is killed with SIGKILL right after
// a line it printed, picked at random; after each kill the database must pass
// integrity_check and hold every write the helper reported as committed. The
// kill points follow the writes the helper reports, not the clock, so a
// faster or a busier machine kills at the same places.

#include "cachestore.h"
#include "cachestoretesting.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

class StoreCrashTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void killedWriter_leavesEveryReportedWriteIntact()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"crash.db"_s);
        // ESCALATION_STORECRASH_SEED replays the kill points of a run.
        bool seeded = false;
        quint32 seed = qEnvironmentVariable("ESCALATION_STORECRASH_SEED").toUInt(&seeded);
        if (!seeded)
            seed = QRandomGenerator::system()->generate();
        qInfo("kill points from seed %u (replay: ESCALATION_STORECRASH_SEED=%u)", seed, seed);
        QRandomGenerator random(seed);

        // Under ASan and UBSan every process starts several times slower:
        // half the kills there, looking for memory errors instead.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
        constexpr int kills = 100;
#else
        constexpr int kills = 200;
#endif
        constexpr int hangMs = 60000; // only bounds a writer that stopped reporting
        int killsAfterCommits = 0;
        int lastCursor = 0;
        QSet<QString> reportedKeys;

        for (int kill = 0; kill < kills; ++kill) {
            QProcess writer;
            writer.setProcessChannelMode(QProcess::SeparateChannels);
            writer.start(QStringLiteral(CRASHWRITER_PATH), {path});
            QVERIFY2(writer.waitForStarted(hangMs), qPrintable(writer.errorString()));
            // Every fourth run is killed right after "opening", while the
            // cache is opened (its schema made, its WAL recovered); the
            // others after the k-th reported write, while the next one
            // commits.
            const int k = kill % 4 == 0 ? 0 : 1 + int(random.bounded(16));
            QList<QByteArray> lines; // line 0 is "opening"
            QDeadlineTimer silence(hangMs);
            while (lines.size() <= k && !silence.hasExpired()
                   && writer.state() == QProcess::Running) {
                if (!writer.canReadLine()) {
                    writer.waitForReadyRead(int(std::max<qint64>(1, silence.remainingTime())));
                    continue;
                }
                lines.append(writer.readLine().chopped(1));
                silence.setRemainingTime(hangMs);
            }
            writer.kill(); // SIGKILL
            QVERIFY2(lines.size() > k,
                     qPrintable(u"the writer stopped reporting before line %1: "_s.arg(k)
                                + QString::fromUtf8(writer.readAllStandardError())));
            QVERIFY(writer.waitForFinished(hangMs));
            QVERIFY2(writer.exitStatus() == QProcess::CrashExit,
                     qPrintable(u"writer stopped on its own: "_s
                                + QString::fromUtf8(writer.readAllStandardError())));

            // Only whole lines: a report is printed after its commit returned.
            QList<QByteArray> rest = writer.readAllStandardOutput().split('\n');
            rest.removeLast(); // an unterminated (cut) line or the empty rest
            lines += rest;
            QStringList pageRequestIds;
            int runCursor = 0;
            for (const QByteArray &line : std::as_const(lines)) {
                const QList<QByteArray> f = line.split(' ');
                QVERIFY2(f.value(0) != "rebuilt", line.constData());
                if (f.value(0) == "page") {
                    runCursor = f.value(1).toInt();
                    pageRequestIds.append(QString::fromUtf8(f.value(2)));
                } else if (f.value(0) == "outbox") {
                    reportedKeys.insert(QString::fromUtf8(f.value(2)));
                }
            }
            if (lines.size() > 1)
                ++killsAfterCommits;

            // 1. The file itself is sound.
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery q(db);
                if (QFileInfo::exists(path) && QFileInfo(path).size() > 0) {
                    QVERIFY(q.exec(u"PRAGMA integrity_check"_s));
                    QVERIFY(q.next());
                    QCOMPARE(q.value(0).toString(), u"ok"_s);
                }
                q = QSqlQuery();
                db.close();
            }
            QSqlDatabase::removeDatabase(u"check"_s);

            // 2. Every reported write is there.
            StoreOpenReport report;
            StoreError error;
            auto store = CacheStore::open(path, &report, &error);
            QVERIFY2(store, qPrintable(error.message));
            QVERIFY2(!report.rebuilt, qPrintable(report.movedAsidePath));
            const int storedCursor = store->syncState().valueOr(SyncState()).cursor.toInt();
            QVERIFY2(storedCursor >= runCursor,
                     qPrintable(u"%1 < %2"_s.arg(storedCursor).arg(runCursor)));
            QVERIFY(storedCursor >= lastCursor); // never goes back
            lastCursor = storedCursor;
            for (const QString &id : std::as_const(pageRequestIds)) {
                const auto r = store->request(id);
                QVERIFY2(r, qPrintable(id));
                QVERIFY(store->caseRecord(r->caseId));
                QCOMPARE(r->notes.size() >= 2, true);
            }
            QSet<QString> keys;
            for (const OutboxEntry &e : store->outbox().valueOr({}))
                keys.insert(e.idempotencyKey);
            for (const QString &key : std::as_const(reportedKeys))
                QVERIFY2(keys.contains(key), qPrintable(key));
            // A page and its cursor commit together: the requests of the
            // stored cursor's page are all there.
            if (storedCursor > 0)
                QCOMPARE(store->requestsForCase(u"C-%1"_s.arg(100000 + storedCursor * 20 + 19))
                             .valueOr({})
                             .size(),
                         1);
        }
        qInfo("%d kills (%d after at least one reported commit); cursor %d, %lld outbox entries",
              kills, killsAfterCommits, lastCursor, qint64(reportedKeys.size()));
        // Three runs in four wait for a reported write before the kill.
        QVERIFY(killsAfterCommits >= kills * 3 / 4);
    }
};

QTEST_GUILESS_MAIN(StoreCrashTest)
#include "tst_storecrash.moc"

// The cache survives kill -9 at any moment: a helper process writes sync
// pages and outbox entries in a loop and is killed with SIGKILL at random
// moments; after each kill the database must pass integrity_check and hold
// every write the helper reported as committed.

#include "cachestore.h"
#include "cachestoretesting.h"

#include <QElapsedTimer>
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
        QRandomGenerator random(20260330); // fixed seed: a failure can be replayed

        constexpr int minKills = 200;
        constexpr qint64 budgetMs =
            90000; // ~60 s on a loaded 2-core machine; margin for slower ones
        QElapsedTimer clock;
        clock.start();
        int kills = 0;
        int killsAfterCommits = 0;
        int lastCursor = 0;
        QSet<QString> reportedKeys;

        while (kills < minKills && clock.elapsed() < budgetMs) {
            QProcess writer;
            writer.setProcessChannelMode(QProcess::SeparateChannels);
            writer.start(QStringLiteral(CRASHWRITER_PATH), {path});
            QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
            // Every other run is killed anywhere from the open (and schema
            // creation) on; the others once writing is under way, so that
            // most kills interrupt commits even on a slow, busy machine.
            if (kills % 2)
                writer.waitForReadyRead(10000);
            QTest::qSleep(int(random.bounded(5, 120)));
            writer.kill(); // SIGKILL
            QVERIFY(writer.waitForFinished(10000));
            QVERIFY2(writer.exitStatus() == QProcess::CrashExit,
                     qPrintable(u"writer stopped on its own: "_s
                                + QString::fromUtf8(writer.readAllStandardError())));
            ++kills;

            // Only whole lines: a report is printed after its commit returned.
            QList<QByteArray> lines = writer.readAllStandardOutput().split('\n');
            lines.removeLast();
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
            if (!lines.isEmpty())
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
            const int storedCursor = store->syncState().cursor.toInt();
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
            for (const OutboxEntry &e : store->outbox())
                keys.insert(e.idempotencyKey);
            for (const QString &key : std::as_const(reportedKeys))
                QVERIFY2(keys.contains(key), qPrintable(key));
            // A page and its cursor commit together: the requests of the
            // stored cursor's page are all there.
            if (storedCursor > 0)
                QCOMPARE(
                    store->requestsForCase(u"C-%1"_s.arg(100000 + storedCursor * 20 + 19)).size(),
                    1);
        }
        qInfo("%d kills (%d after at least one reported commit) in %lld ms; cursor %d, %lld outbox "
              "entries",
              kills, killsAfterCommits, clock.elapsed(), lastCursor, qint64(reportedKeys.size()));
        QVERIFY2(kills >= minKills,
                 "the machine was too slow to reach the number of kills in the time budget");
        QVERIFY(killsAfterCommits > kills / 2); // the kills really hit a writing process
    }
};

QTEST_GUILESS_MAIN(StoreCrashTest)
#include "tst_storecrash.moc"

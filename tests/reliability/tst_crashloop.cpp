// Crash loops: the sync and the outbox push (reliability-driver, the app's
// engine without a window) are killed with SIGKILL over and over, each time
// right after a progress line the driver printed: the k-th committed page,
// saved decision or recorded push, k drawn at random. The kill points follow
// the work the driver reports, not the clock, so a faster or a busier machine
// kills at the same places. After every kill the cache must pass
// integrity_check and hold exactly what its cursor says; every page and
// decision the driver reported must still be there, and every decision
// reported saved must in the end reach the portal exactly once.

#include "reliabilityharness.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace Reliability;

namespace {

// Under ASan and UBSan every process starts several times slower, so the
// sanitizer build runs half the kills, looking for memory errors instead.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
constexpr int killScale = 2;
#else
constexpr int killScale = 1;
#endif

// Only bounds a hang (a driver that stopped reporting): a loaded machine or a
// sanitizer build is slower, never this much slower between two lines.
constexpr int hangMs = 60000;

QProcessEnvironment driverEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"ESCALATION_DESK_TOKEN"_s, Portal::token());
    env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=false;*.info=false"_s);
    return env;
}

// The seed of the kill points: ESCALATION_CRASHLOOP_SEED replays a run,
// otherwise every run draws new ones.
quint32 killSeed()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariable("ESCALATION_CRASHLOOP_SEED").toUInt(&ok);
    return ok ? seed : QRandomGenerator::system()->generate();
}

// One run of the driver, its output read line by line as it comes.
class Driver final {
public:
    explicit Driver(const QStringList &arguments)
    {
        m_process.setProcessEnvironment(driverEnvironment());
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral(RELIABILITY_DRIVER_EXE), arguments);
        m_started = m_process.waitForStarted(hangMs);
    }
    ~Driver()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(hangMs);
        }
    }

    bool started() const { return m_started; }

    // Reads lines until `stop` accepts one. False when the driver ended or
    // printed nothing for a minute first.
    bool readUntil(const std::function<bool(const QByteArray &)> &stop)
    {
        QDeadlineTimer silence(hangMs);
        for (;;) {
            while (m_process.canReadLine()) {
                QByteArray line = m_process.readLine();
                line.chop(1);
                m_lines.append(line);
                silence.setRemainingTime(hangMs);
                if (stop(line))
                    return true;
            }
            if (m_process.state() != QProcess::Running || silence.hasExpired())
                return false;
            m_process.waitForReadyRead(int(std::max<qint64>(1, silence.remainingTime())));
        }
    }

    // SIGKILL now. A line is printed after its fact is durable, so the whole
    // lines the driver managed to print before it died count too.
    void kill()
    {
        m_process.kill();
        finish();
    }

    // Waits for the driver to end (on its own, or after kill()).
    void finish()
    {
        m_process.waitForFinished(hangMs);
        QList<QByteArray> rest = m_process.readAllStandardOutput().split('\n');
        rest.removeLast(); // an unterminated (cut) line or the empty rest
        m_lines += rest;
        m_errors += m_process.readAllStandardError();
    }

    bool crashed() const { return m_process.exitStatus() == QProcess::CrashExit; }
    bool contains(const QByteArray &line) const { return m_lines.contains(line); }
    const QList<QByteArray> &lines() const { return m_lines; }
    QByteArray errors() const { return m_errors; }

private:
    QProcess m_process;
    QList<QByteArray> m_lines;
    QByteArray m_errors;
    bool m_started = false;
};

// Runs the driver until it says it is idle (--exit-when-idle).
QList<QByteArray> runToIdle(const QStringList &arguments, QByteArray *errors)
{
    Driver driver(arguments + QStringList {u"--exit-when-idle"_s});
    driver.readUntil([](const QByteArray &line) { return line == "idle"; });
    driver.finish();
    *errors = driver.errors();
    return driver.lines();
}

bool isOutboxStep(const QByteArray &line)
{
    for (const char *step : {"saved ", "attempt ", "delivered ", "conflict ", "rejected "}) {
        if (line.startsWith(step))
            return true;
    }
    return false;
}

void removeCache(const QString &path)
{
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s})
        QFile::remove(path + suffix);
}

} // namespace

class TestCrashLoop final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QRandomGenerator m_random;
    int m_kills = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const quint32 seed = killSeed();
        qInfo("kill points from seed %u (replay: ESCALATION_CRASHLOOP_SEED=%u)", seed, seed);
        m_random.seed(seed);
    }

    // The engine commits each page with its cursor in one transaction, so a
    // cache killed at any moment holds exactly the records of the pages up
    // to its cursor: no more (a cursor behind its data would re-apply, which
    // is harmless but hides bugs), no fewer (a cursor ahead would lose them).
    void killedSync_resumesFromACursorThatMatchesItsData()
    {
        Portal portal;
        QVERIFY(portal.start({u"--requests"_s, u"2000"_s, u"--seed"_s, u"11"_s}));
        constexpr int pageSize = 40;
        QStringList cursors; // in feed order
        QHash<QString, RecordVersions> atCursor; // what a cache at that cursor holds
        const FeedState reference =
            readFeed(portal.url(), pageSize, [&](const QString &cursor, const RecordVersions &v) {
                cursors.append(cursor);
                atCursor.insert(cursor, v);
            });
        QVERIFY(reference.ok);
        QCOMPARE(atCursor.size(), cursors.size());
        qInfo() << "reference feed:" << cursors.size() << "pages,"
                << reference.versions.cases.size() << "cases," << reference.versions.requests.size()
                << "requests";

        const QString path = m_dir.filePath(u"sync-kills.sqlite"_s);
        const QStringList args {
            u"--portal"_s,    portal.url().toString(),  u"--db"_s, path, u"--sync"_s,
            u"--page-size"_s, QString::number(pageSize)};
        constexpr int wantedKills = 120 / killScale;
        int midSync = 0, ahead = 0, completed = 0;
        QString expectedResume;
        for (int kill = 0; kill < wantedKills; ++kill) {
            // A run prints "resume", a line per page still to come and
            // "uptodate"; it is killed right after the k-th of these: after a
            // page while the next one commits, after the last page, or once
            // up to date, waiting for changes.
            const int done = expectedResume.isEmpty() ? 0 : cursors.indexOf(expectedResume) + 1;
            const int expectedLines = 1 + int(cursors.size()) - done + 1;
            const int k = 1 + int(m_random.bounded(expectedLines));
            int seen = 0;
            Driver driver(args);
            QVERIFY(driver.started());
            const bool reached = driver.readUntil([&seen, k](const QByteArray &line) {
                if (line.startsWith("resume ") || line.startsWith("page ")
                    || line.startsWith("uptodate "))
                    ++seen;
                return seen >= k || line.startsWith("uptodate ");
            });
            driver.kill();
            QVERIFY2(reached,
                     qPrintable(u"the driver stopped reporting before line %1: "_s.arg(k)
                                + QString::fromUtf8(driver.errors())));
            QVERIFY2(driver.crashed(), driver.errors().constData());
            ++m_kills;

            bool upToDate = false;
            QString lastPage; // the last page the driver reported committed
            for (const QByteArray &line : driver.lines()) {
                QVERIFY2(!line.startsWith("movedaside"), line.constData());
                if (line.startsWith("resume "))
                    QCOMPARE(QString::fromUtf8(line.mid(7)), expectedResume);
                if (line.startsWith("page "))
                    lastPage = QString::fromUtf8(line.mid(5));
                upToDate = upToDate || line.startsWith("uptodate");
            }

            CacheFile cache(path);
            QVERIFY(cache.isOpen());
            QCOMPARE(cache.integrity(), u"ok"_s);
            const QString cursor = cache.cursor();
            const RecordVersions held = cache.versions();
            if (cursor.isEmpty()) {
                QVERIFY2(held.cases.isEmpty() && held.requests.isEmpty(),
                         "records without a cursor");
            } else {
                QVERIFY2(atCursor.contains(cursor),
                         qPrintable(u"cursor %1 was never handed out"_s.arg(cursor)));
                QVERIFY2(held == atCursor.value(cursor),
                         qPrintable(describeDifference(atCursor.value(cursor), held)));
            }
            if (!lastPage.isEmpty()) {
                QVERIFY2(atCursor.contains(lastPage), qPrintable(lastPage));
                QVERIFY2(cursors.indexOf(cursor) >= cursors.indexOf(lastPage),
                         qPrintable(u"page %1 was reported committed, the cache is at %2"_s.arg(
                             lastPage, cursor)));
            }
            // How far the driver got past its kill line depends on the
            // machine; counted for the log only.
            ahead += cursor != lastPage && !cursor.isEmpty() ? 1 : 0;
            midSync += !cursor.isEmpty() && cursor != reference.cursor ? 1 : 0;
            expectedResume = cursor;
            if (upToDate || cursor == reference.cursor) {
                // Start over, so that the kills keep landing in a first sync.
                ++completed;
                removeCache(path);
                expectedResume.clear();
            }
        }
        qInfo() << "sync kills:" << wantedKills << "(" << midSync << "left a partial sync," << ahead
                << "found the cache past the last page reported," << completed
                << "syncs completed across kills)";

        // Whatever the kills left, the next start finishes the sync.
        QByteArray errors;
        const QList<QByteArray> last = runToIdle(args, &errors);
        QVERIFY2(last.contains("idle"), errors.constData());
        CacheFile cache(path);
        QCOMPARE(cache.integrity(), u"ok"_s);
        QCOMPARE(cache.cursor(), reference.cursor);
        const RecordVersions held = cache.versions();
        QVERIFY2(held == reference.versions,
                 qPrintable(describeDifference(reference.versions, held)));
    }

    // Decisions are saved, pushed and acknowledged while the process is
    // killed again and again; some answers are also lost on the way (reset,
    // truncated) so retries after a restart must rely on the key alone.
    void killedOutbox_deliversEverySavedDecisionExactlyOnce()
    {
        Portal portal;
        const QString portalDb = m_dir.filePath(u"portal-outbox-kills.sqlite"_s);
        QVERIFY(portal.start({u"--requests"_s, u"600"_s, u"--seed"_s, u"12"_s, u"--db"_s, portalDb,
                              u"--faults"_s, u"reset:0.1,truncate:0.1,500:0.05"_s,
                              u"--fault-seed"_s, u"3"_s}));
        const QString path = m_dir.filePath(u"outbox-kills.sqlite"_s);
        const QStringList base {u"--portal"_s, portal.url().toString(), u"--db"_s, path,
                                u"--sync"_s};

        QByteArray errors;
        const QList<QByteArray> first = runToIdle(base, &errors);
        QVERIFY2(first.contains("idle"), errors.constData());
        QStringList pending = CacheFile(path).pendingRequests();
        constexpr int wantedKills = 90 / killScale;
        QVERIFY2(pending.size() >= 2 * wantedKills, qPrintable(QString::number(pending.size())));

        QHash<QString, QString> saved; // key -> request id, as the user was told
        int killsAfterSaving = 0;
        for (int kill = 0; kill < wantedKills; ++kill) {
            // Each run saves two decisions and pushes them after the ones
            // still pending in the outbox. Its steps: "saved" twice (always
            // first: the saves are queued to the store before any push can
            // be recorded), then an "attempt" per failed push and one ending
            // per entry. It is killed right after the k-th step, or every
            // fourth run right after "resume", while the decisions are saved.
            int waiting = 0;
            const QHash<QString, QString> outboxBefore = CacheFile(path).outbox();
            for (const QString &status : outboxBefore)
                waiting += status == u"pending"_s ? 1 : 0;
            const int k = kill % 4 == 0 ? 0 : 1 + int(m_random.bounded(2 + waiting + 2));
            const QStringList batch {pending.takeFirst(), pending.takeFirst()};
            int steps = 0;
            Driver driver(base + QStringList {u"--decide"_s, batch.join(u',')});
            QVERIFY(driver.started());
            const bool reached = driver.readUntil([&steps, k](const QByteArray &line) {
                steps += isOutboxStep(line) ? 1 : 0;
                return line.startsWith("resume ") ? k == 0 : steps >= k && k > 0;
            });
            driver.kill();
            QVERIFY2(reached,
                     qPrintable(u"the driver stopped reporting before step %1: "_s.arg(k)
                                + QString::fromUtf8(driver.errors())));
            QVERIFY2(driver.crashed(), driver.errors().constData());
            ++m_kills;
            killsAfterSaving += k > 0 ? 1 : 0;

            QStringList delivered;
            for (const QByteArray &line : driver.lines()) {
                QVERIFY2(!line.startsWith("movedaside"), line.constData());
                const QList<QByteArray> f = line.split(' ');
                if (f.value(0) == "saved")
                    saved.insert(QString::fromUtf8(f.value(1)), QString::fromUtf8(f.value(2)));
                if (f.value(0) == "delivered")
                    delivered.append(QString::fromUtf8(f.value(1)));
            }
            CacheFile cache(path);
            QCOMPARE(cache.integrity(), u"ok"_s);
            QVERIFY(!cache.cursor().isEmpty());
            const QHash<QString, QString> outbox = cache.outbox();
            for (auto it = saved.cbegin(); it != saved.cend(); ++it)
                QVERIFY2(outbox.contains(it.key()),
                         qPrintable(u"saved decision %1 is gone"_s.arg(it.key())));
            for (const QString &key : std::as_const(delivered))
                QVERIFY2(
                    outbox.value(key) == u"delivered"_s,
                    qPrintable(u"delivered decision %1 is %2 again"_s.arg(key, outbox.value(key))));
        }
        // A run killed after its first step had reported a save.
        QVERIFY(saved.size() >= killsAfterSaving);

        // The faults stop mattering once the process may run to the end.
        const QList<QByteArray> last = runToIdle(base, &errors);
        QVERIFY2(last.contains("idle"), errors.constData());

        CacheFile cache(path);
        const QHash<QString, QString> outbox = cache.outbox();
        int delivered = 0;
        for (auto it = outbox.cbegin(); it != outbox.cend(); ++it) {
            const int applied = applications(portal.url(), it.key());
            QCOMPARE(it.value(), u"delivered"_s);
            QCOMPARE(applied, 1);
            ++delivered;
        }
        for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
            QCOMPARE(applications(portal.url(), it.key()), 1);
            const CallResult atPortal = call(portal.url(), "GET", u"/requests/"_s + it.value());
            QCOMPARE(atPortal.json().value(u"state"_s).toString(), u"accepted"_s);
        }
        qInfo() << "outbox kills:" << wantedKills << ";" << saved.size()
                << "decisions reported saved," << delivered << "in the outbox, each applied once";

        // And the cache converged on the portal, crashes and all: one more
        // sync against the same portal without faults, then compare.
        const int port = portal.port();
        portal.stop();
        QVERIFY(portal.start({u"--db"_s, portalDb}, port));
        const QList<QByteArray> sync = runToIdle(base, &errors);
        QVERIFY2(sync.contains("idle"), errors.constData());
        const FeedState truth = readFeed(portal.url());
        QVERIFY(truth.ok);
        const RecordVersions held = CacheFile(path).versions();
        QVERIFY2(held == truth.versions, qPrintable(describeDifference(truth.versions, held)));
    }

    void cleanupTestCase() { qInfo() << "kills in all:" << m_kills; }
};

QTEST_GUILESS_MAIN(TestCrashLoop)
#include "tst_crashloop.moc"

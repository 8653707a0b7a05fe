// Bad local input, through the programs people run: a broken calendar file,
// a cache written by a newer version, an unwritable data folder. Each gets
// a message that names what is wrong and a documented exit status, and no
// file is changed by the attempt.

#include "cachestore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

struct CliRun {
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
};

CliRun runCli(const QStringList &arguments,
              const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ESCALATION_CLI_EXE), arguments);
    CliRun run;
    if (!p.waitForStarted(10000) || !p.waitForFinished(60000))
        return run;
    run.exitCode = p.exitCode();
    run.crashed = p.exitStatus() == QProcess::CrashExit;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

QByteArray digestOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestBadLocalInput final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void brokenCalendarFile_exit2NamesFileAndProblemAndKeepsIt_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("mentioned");
        QTest::newRow("empty file") << QByteArray() << QString();
        QTest::newRow("binary garbage") << QByteArray("\x00\xff\xfe\x01{[\x80\x81", 8) << QString();
        QTest::newRow("cut short") << QByteArray(
            "{\"name\":\"Americas\",\"timeZone\":\"America/New_York\",\"week\":{\"mon")
                                   << QString();
        QTest::newRow("array instead of object") << QByteArray("[1,2,3]") << QString();
        QTest::newRow("unknown time zone") << QByteArray(
            R"({"name":"X","timeZone":"Mars/Olympus","week":{"monday":["09:00-17:00"]}})")
                                           << u"Mars/Olympus"_s;
        QTest::newRow("interval of text")
            << QByteArray(R"({"name":"X","timeZone":"UTC","week":{"monday":"all day"}})")
            << u"monday"_s;
        QTest::newRow("holiday not a date") << QByteArray(
            R"({"name":"X","timeZone":"UTC","week":{"monday":["09:00-17:00"]},"holidays":["13-45"]})")
                                            << u"13-45"_s;
        QTest::newRow("no working time at all")
            << QByteArray(R"({"name":"X","timeZone":"UTC","week":{}})") << QString();
        QTest::newRow("deeply nested") << QByteArray(100000, '[') << QString();
    }

    void brokenCalendarFile_exit2NamesFileAndProblemAndKeepsIt()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, mentioned);
        const QString path =
            m_dir.filePath(u"calendar-%1.json"_s.arg(QString::fromUtf8(QTest::currentDataTag()))
                               .replace(u' ', u'-'));
        QVERIFY(writeFile(path, content));
        const QByteArray before = digestOf(path);
        const CliRun run = runCli({u"deadline"_s, u"--calendar"_s, path, u"--start"_s,
                                   u"2026-03-04T13:00:00Z"_s, u"--minutes"_s, u"240"_s});
        QVERIFY(!run.crashed);
        QVERIFY2(run.exitCode == 2, qPrintable(run.err));
        QVERIFY2(run.err.contains(path), qPrintable(run.err));
        if (!mentioned.isEmpty())
            QVERIFY2(run.err.contains(mentioned), qPrintable(run.err));
        QVERIFY(run.out.isEmpty()); // no deadline from a calendar that could not be read
        QCOMPARE(digestOf(path), before);
    }

    void cacheFromANewerVersion_exit4SaysSoAndIsLeftUntouched_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("list") << QStringList {u"list"_s};
        QTest::newRow("export") << QStringList {u"export"_s, u"--format"_s, u"csv"_s};
        QTest::newRow("decide") << QStringList {
            u"decide"_s,   u"E-200001"_s,          u"accept"_s, u"--text"_s, u"Plan."_s,
            u"--portal"_s, u"http://127.0.0.1:9"_s};
        QTest::newRow("sync") << QStringList {u"sync"_s, u"--once"_s, u"--portal"_s,
                                              u"http://127.0.0.1:9"_s};
    }

    void cacheFromANewerVersion_exit4SaysSoAndIsLeftUntouched()
    {
        QFETCH(QStringList, arguments);
        const QString path =
            m_dir.filePath(u"newer-%1.sqlite"_s.arg(QString::fromUtf8(QTest::currentDataTag())));
        {
            StoreError error;
            auto store = CacheStore::open(path, nullptr, &error);
            QVERIFY2(store, qPrintable(error.message));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"PRAGMA user_version = %1"_s.arg(CacheStore::schemaVersion() + 7)));
            QVERIFY(q.exec(u"INSERT INTO settings (key, value) VALUES ('future', 'kept')"_s));
            QVERIFY(q.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"bump"_s);
        const QByteArray before = digestOf(path);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"ESCALATION_DESK_TOKEN"_s, u"unused-token"_s);
        env.insert(u"ESCALATION_DESK_ACTOR"_s, u"Dana Whitfield"_s);
        const CliRun run = runCli(arguments + QStringList {u"--db"_s, path}, env);
        QVERIFY(!run.crashed);
        QVERIFY2(run.exitCode == 4, qPrintable(run.err));
        QVERIFY2(run.err.contains(u"newer version"_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(path), qPrintable(run.err));
        QCOMPARE(digestOf(path), before);
        QVERIFY(!QFile::exists(path + u".damaged"_s)); // not mistaken for a damaged cache
    }

    void unwritableDataFolder_exit4NamesThePath_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentioned");
        QTest::newRow("sync into the default cache")
            << QStringList {u"sync"_s, u"--once"_s, u"--portal"_s, u"http://127.0.0.1:9"_s}
            << u"@BLOCKED/data/"_s;
        QTest::newRow("list from the default cache")
            << QStringList {u"list"_s} << u"@BLOCKED/data/"_s;
        QTest::newRow("export to an unwritable file")
            << QStringList {u"export"_s, u"--format"_s, u"json"_s, u"--output"_s,
                            u"@BLOCKED/out.json"_s}
            << u"@BLOCKED/out.json"_s;
    }

    void unwritableDataFolder_exit4NamesThePath()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentioned);
        // A data folder that cannot be created: its parent is a plain file.
        // (Unlike permission bits, this holds for root too, as on CI.)
        const QString blocked = m_dir.filePath(u"blocked"_s);
        QVERIFY(writeFile(blocked, "a file where a folder should be\n"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_DATA_HOME"_s, blocked + u"/data"_s);
        env.insert(u"ESCALATION_DESK_TOKEN"_s, u"unused-token"_s);
        if (arguments.first() == u"export"_s) {
            // Export reads a good cache and writes where it cannot.
            const QString good = m_dir.filePath(u"good.sqlite"_s);
            QVERIFY(CacheStore::open(good, nullptr, nullptr));
            arguments << u"--db"_s << good;
        }
        for (QString &a : arguments)
            a.replace(u"@BLOCKED"_s, blocked);
        mentioned.replace(u"@BLOCKED"_s, blocked);
        const CliRun run = runCli(arguments, env);
        QVERIFY(!run.crashed);
        QVERIFY2(run.exitCode == 4, qPrintable(run.err));
        QVERIFY2(run.err.contains(mentioned), qPrintable(run.err));
        QCOMPARE(QFile(blocked).size(), qint64(32)); // the file in the way is untouched
    }
};

QTEST_GUILESS_MAIN(TestBadLocalInput)
#include "tst_badlocalinput.moc"

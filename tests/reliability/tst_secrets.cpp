// Secrets and TLS, end to end with the real programs. The token of a whole
// session (sync, list, decide, export, a continuous sync that crashes, a
// wrong token) must appear in no log, no settings or data file, no crash
// output and no command line. A portal with a self-signed certificate is
// refused, with the fingerprint shown, unless exactly that certificate is
// pinned; and the token is never sent to a portal that was not trusted.

#include "reliabilityharness.h"

#include <QDeadlineTimer>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace Reliability;

namespace {

struct CliRun {
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestSecrets final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // A home of its own: settings, data and cache folders all inside it, so
    // that every file a run writes can be searched afterwards.
    QProcessEnvironment cliEnvironment(const QByteArray &token, const QByteArray &pin = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_dir.filePath(u"home"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"home/config"_s));
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"home/data"_s));
        env.insert(u"XDG_CACHE_HOME"_s, m_dir.filePath(u"home/cache"_s));
        env.insert(u"XDG_STATE_HOME"_s, m_dir.filePath(u"home/state"_s));
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s); // no keychain: the environment is the source
        env.insert(u"ESCALATION_DESK_TOKEN"_s, QString::fromUtf8(token));
        env.insert(u"ESCALATION_DESK_ACTOR"_s, u"Secret Keeper"_s);
        if (!pin.isEmpty())
            env.insert(u"ESCALATION_DESK_PIN_SHA256"_s, QString::fromLatin1(pin));
        // Everything every library and Qt itself is willing to say.
        env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=true"_s);
        return env;
    }

    CliRun cli(const QStringList &arguments, const QProcessEnvironment &env, int timeoutMs = 60000)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ESCALATION_CLI_EXE), arguments);
        CliRun run;
        if (!p.waitForStarted(10000) || !p.waitForFinished(timeoutMs))
            return run;
        run.exitCode = p.exitCode();
        run.crashed = p.exitStatus() == QProcess::CrashExit;
        run.out = p.readAllStandardOutput();
        run.err = p.readAllStandardError();
        return run;
    }

    static bool generateCertificate(const QString &cert, const QString &key)
    {
        QProcess openssl;
        openssl.start(u"openssl"_s,
                      {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                       key, u"-out"_s, cert, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s,
                       u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s});
        return openssl.waitForFinished(60000) && openssl.exitStatus() == QProcess::NormalExit
            && openssl.exitCode() == 0;
    }

    static QByteArray fingerprintOf(const QString &certFile)
    {
        QFile f(certFile);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QSslCertificate(&f, QSsl::Pem).digest(QCryptographicHash::Sha256).toHex();
    }

    static QString withColons(const QByteArray &hex)
    {
        QStringList pairs;
        for (qsizetype i = 0; i < hex.size(); i += 2)
            pairs << QString::fromLatin1(hex.mid(i, 2)).toUpper();
        return pairs.join(u':');
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void token_appearsInNoLogFileCrashOutputOrCommandLine()
    {
        const QByteArray wrongToken = "wrong-0d9e44c2-token";
        Portal portal;
        portal.setLoggingRules(u"*.debug=true"_s);
        QVERIFY(portal.start({u"--requests"_s, u"150"_s, u"--seed"_s, u"5"_s}));
        // The seeded manager's token (issued at the start) is 32 random
        // bytes: distinctive enough to never occur by chance.
        const QByteArray token = Portal::token().toUtf8();
        QVERIFY(!token.isEmpty());
        const QString url = portal.url().toString();
        const QProcessEnvironment env = cliEnvironment(token);
        QList<QPair<QString, QByteArray>> captured; // where, what

        // A whole session on the default cache (under XDG_DATA_HOME).
        const CliRun synced = cli({u"sync"_s, u"--once"_s, u"--portal"_s, url}, env);
        QVERIFY2(synced.exitCode == 0, synced.err.right(2000).constData());
        captured << qMakePair(u"sync stdout"_s, synced.out)
                 << qMakePair(u"sync stderr"_s, synced.err);
        QVERIFY2(synced.err.contains("escalation.sync"),
                 "debug logging was not on: the search would prove little");

        const CliRun listed = cli({u"list"_s, u"--json"_s, u"--state"_s, u"pending"_s}, env);
        QCOMPARE(listed.exitCode, 0);
        captured << qMakePair(u"list stdout"_s, listed.out)
                 << qMakePair(u"list stderr"_s, listed.err);
        const QJsonArray pending = QJsonDocument::fromJson(listed.out).array();
        QVERIFY(!pending.isEmpty());
        const QString requestId = pending.first().toObject().value(u"id"_s).toString();

        const CliRun decided =
            cli({u"decide"_s, requestId, u"accept"_s, u"--text"_s, u"Call at 15:00."_s}, env);
        QVERIFY2(decided.exitCode == 0, decided.err.right(2000).constData());
        captured << qMakePair(u"decide stdout"_s, decided.out)
                 << qMakePair(u"decide stderr"_s, decided.err);

        const CliRun exported = cli({u"export"_s, u"--format"_s, u"json"_s, u"--output"_s,
                                     m_dir.filePath(u"home/export.json"_s)},
                                    env);
        QCOMPARE(exported.exitCode, 0);
        captured << qMakePair(u"export stderr"_s, exported.err);

        // A wrong token: refused with a message, and echoed nowhere either.
        const CliRun refused =
            cli({u"sync"_s, u"--once"_s, u"--portal"_s, url}, cliEnvironment(wrongToken));
        QCOMPARE(refused.exitCode, 3);
        QVERIFY(refused.err.contains("ESCALATION_DESK_TOKEN"));
        captured << qMakePair(u"refused stderr"_s, refused.err)
                 << qMakePair(u"refused stdout"_s, refused.out);

        // A continuous sync: its command line while it runs, then a crash.
        QProcess follower;
        follower.setProcessEnvironment(env);
        follower.start(QStringLiteral(ESCALATION_CLI_EXE), {u"sync"_s, u"--portal"_s, url});
        QVERIFY(follower.waitForStarted(60000));
        // Synced and long-polling once its debug log shows the wait for
        // changes; the minute only bounds a hang.
        QByteArray followerLog;
        follower.setReadChannel(QProcess::StandardError);
        QDeadlineTimer polling(60000);
        while (!followerLog.contains("/changes/wait") && !polling.hasExpired()
               && follower.state() == QProcess::Running) {
            follower.waitForReadyRead(int(std::max<qint64>(1, polling.remainingTime())));
            followerLog += follower.readAllStandardError();
        }
        QVERIFY2(followerLog.contains("/changes/wait"), "the sync never waited for changes");
        QFile cmdline(u"/proc/%1/cmdline"_s.arg(follower.processId()));
        QVERIFY(cmdline.open(QIODevice::ReadOnly));
        const QByteArray commandLine = cmdline.readAll();
        QVERIFY(commandLine.contains("--portal"));
        captured << qMakePair(u"/proc/PID/cmdline"_s, commandLine);
        ::kill(pid_t(follower.processId()), SIGABRT);
        QVERIFY(follower.waitForFinished(60000));
        QCOMPARE(follower.exitStatus(), QProcess::CrashExit);
        captured << qMakePair(u"crashed sync stderr"_s,
                              followerLog + follower.readAllStandardError())
                 << qMakePair(u"crashed sync stdout"_s, follower.readAllStandardOutput());

        portal.stop();
        const QByteArray portalLog = portal.log();
        QVERIFY2(portalLog.contains("GET /api/v1/changes"), "the portal's debug log was not on");
        captured << qMakePair(u"portal log"_s, portalLog);

        // Every file the session left: settings, cache and its WAL, export.
        int files = 0;
        QDirIterator it(m_dir.filePath(u"home"_s), QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        bool sawCache = false;
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            captured << qMakePair(path, f.readAll());
            sawCache = sawCache || path.endsWith(u".sqlite"_s);
            ++files;
        }
        QVERIFY2(sawCache, "the session wrote no cache where it was expected");

        qint64 bytes = 0;
        for (const auto &[where, what] : std::as_const(captured)) {
            bytes += what.size();
            QVERIFY2(!what.contains(token), qPrintable(u"the token appears in "_s + where));
            QVERIFY2(!what.contains(token.toBase64()),
                     qPrintable(u"the token (base64) appears in "_s + where));
            QVERIFY2(!what.contains(wrongToken),
                     qPrintable(u"the wrong token appears in "_s + where));
        }
        qInfo() << "searched" << captured.size() << "outputs and files (" << files << "files,"
                << bytes << "bytes): no token";
    }

    void selfSignedPortal_trustedOnlyWhenItsFingerprintIsPinned_data()
    {
        QTest::addColumn<QString>("pin"); // "right", "other", "malformed" or empty
        QTest::addColumn<int>("exitCode");
        QTest::newRow("no pin: refused, fingerprint shown") << QString() << 3;
        QTest::newRow("another certificate pinned: refused") << u"other"_s << 3;
        QTest::newRow("malformed pin: refused") << u"malformed"_s << 3;
        QTest::newRow("this certificate pinned: trusted") << u"right"_s << 0;
    }

    void selfSignedPortal_trustedOnlyWhenItsFingerprintIsPinned()
    {
        QFETCH(QString, pin);
        QFETCH(int, exitCode);
        const QString cert = m_dir.filePath(u"portal-cert.pem"_s),
                      key = m_dir.filePath(u"portal-key.pem"_s);
        const QString otherCert = m_dir.filePath(u"other-cert.pem"_s),
                      otherKey = m_dir.filePath(u"other-key.pem"_s);
        if (!QFile::exists(cert)) {
            QVERIFY2(generateCertificate(cert, key), "openssl could not make a certificate");
            QVERIFY(generateCertificate(otherCert, otherKey));
        }
        const QByteArray fingerprint = fingerprintOf(cert);
        QCOMPARE(fingerprint.size(), 64);

        Portal portal;
        portal.setLoggingRules(u"escalation.portal.debug=true"_s); // every request line
        QVERIFY(
            portal.start({u"--requests"_s, u"20"_s, u"--tls-cert"_s, cert, u"--tls-key"_s, key}));
        QCOMPARE(portal.url().scheme(), u"https"_s);

        QByteArray pinValue;
        if (pin == u"right"_s)
            pinValue = withColons(fingerprint).toLatin1(); // as shown to the user
        else if (pin == u"other"_s)
            pinValue = fingerprintOf(otherCert);
        else if (pin == u"malformed"_s)
            pinValue = "not-a-fingerprint";
        QProcessEnvironment env = cliEnvironment(Portal::token().toUtf8(), pinValue);
        env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=false"_s);
        const QString db = m_dir.filePath(
            u"tls-%1.sqlite"_s.arg(QString::fromUtf8(QTest::currentDataTag())).replace(u' ', u'-'));
        const CliRun run = cli(
            {u"sync"_s, u"--once"_s, u"--portal"_s, portal.url().toString(), u"--db"_s, db}, env);
        QVERIFY2(run.exitCode == exitCode, run.err.constData());
        portal.stop(); // all of its log, up to the last request
        const QByteArray portalLog = portal.log();
        if (exitCode == 0) {
            QVERIFY(run.out.contains("synced"));
            QVERIFY(portalLog.contains("/api/v1/changes")); // what the refusals below must not show
            return;
        }
        // Refused: the user is shown the fingerprint to compare out of band…
        QVERIFY2(run.err.contains(withColons(fingerprint).toLatin1()), run.err.constData());
        // …and nothing, least of all the token, was sent to that portal.
        QCOMPARE(CacheFile(db).versions().requests.size(), 0);
        QVERIFY2(!portalLog.contains("/api/v1/changes"), portalLog.constData());
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"

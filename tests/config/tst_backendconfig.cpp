// The backend the desk and the command line reach, resolved in one place:
// the pin trusted in the settings unless the environment overrides it, the
// rt/ group for Request Tracker with the address the caller settled, the
// connector built from that, the pin as people type it, and the token read
// and stored only through the keychain or the environment.

#include <backendconfig.h>
#include <certificatepin.h>
#include <connectorfactory.h>
#include <desksettings.h>
#include <nativeconnector.h>
#include <portalcredentials.h>
#include <rtconnector.h>

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;

namespace {

const QByteArray Pin = QByteArray("0123456789abcdef").repeated(4);
const QByteArray OtherPin = QByteArray("fedcba9876543210").repeated(4);

} // namespace

class TestBackendConfig final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        qunsetenv("ESCALATION_DESK_PIN_SHA256");
        qunsetenv("ESCALATION_DESK_TOKEN");
    }

    void certificatePin_acceptsWhatPeopleType_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("normalized");
        QTest::newRow("colons, upper case") << CertificatePin::displayed(Pin).toUpper() << Pin;
        QTest::newRow("spaces and tabs")
            << QString::fromLatin1(Pin.left(32) + " \t" + Pin.mid(32)) << Pin;
        QTest::newRow("surrounding blanks")
            << QStringLiteral("  %1\n").arg(QString::fromLatin1(Pin)) << Pin;
        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("too short") << QStringLiteral("AB:CD:EF") << QByteArray();
        QTest::newRow("not hex") << QString::fromLatin1(Pin.left(63) + "g") << QByteArray();
        QTest::newRow("not Latin-1")
            << QString::fromLatin1(Pin.left(63)) + QChar(0x0661) << QByteArray();
    }

    void certificatePin_acceptsWhatPeopleType()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, normalized);
        QCOMPARE(CertificatePin::normalized(text), normalized);
    }

    void certificatePin_isShownInPairs()
    {
        const QString shown = CertificatePin::displayed(Pin);
        QVERIFY(shown.startsWith(QStringLiteral("01:23:45:67:89:AB:CD:EF:01")));
        QCOMPARE(shown.size(), 64 + 31);
        QCOMPARE(CertificatePin::normalized(shown), Pin);
    }

    void native_takesThePinTrustedInTheSettings()
    {
        DeskSettings settings(iniFile(QStringLiteral("native.ini")), nullptr);
        settings.setTrustedCertificateSha256(Pin);
        const QUrl url(QStringLiteral("https://cases.example.org"));
        QStringList problems;
        const BackendConfig backend =
            BackendConfig::resolve(settings, BackendConfig::nativeKind(), url, &problems);
        QCOMPARE(backend.kind, BackendConfig::nativeKind());
        QCOMPARE(backend.url(), url);
        QCOMPARE(backend.native.baseUrl, url);
        QCOMPARE(backend.native.pinnedCertificateSha256, Pin);
        QVERIFY(backend.validate().isEmpty());
        QVERIFY(problems.isEmpty());
    }

    void native_environmentPinOverridesTheSettings()
    {
        DeskSettings settings(iniFile(QStringLiteral("override.ini")), nullptr);
        settings.setTrustedCertificateSha256(Pin);
        qputenv("ESCALATION_DESK_PIN_SHA256", OtherPin);
        const BackendConfig backend =
            BackendConfig::resolve(settings, BackendConfig::nativeKind(),
                                   QUrl(QStringLiteral("https://a.example")), nullptr);
        QCOMPARE(backend.native.pinnedCertificateSha256, OtherPin);
        QCOMPARE(BackendConfig::pinEnvironmentVariable(),
                 QStringLiteral("ESCALATION_DESK_PIN_SHA256"));
    }

    void rt_readsTheRtGroupWithTheSettledAddress()
    {
        const QString path = iniFile(QStringLiteral("rt.ini"));
        {
            QSettings raw(path, QSettings::IniFormat);
            raw.setValue(QStringLiteral("rt/url"), QStringLiteral("https://stored.example/rt"));
            raw.setValue(QStringLiteral("rt/auth"), QStringLiteral("kerberos"));
            raw.setValue(QStringLiteral("rt/queues/cases"), QStringLiteral("Support"));
        }
        DeskSettings settings(path, nullptr);
        QCOMPARE(settings.storedBackendUrl(BackendConfig::rtKind()),
                 QStringLiteral("https://stored.example/rt"));
        const QUrl url(QStringLiteral("https://given.example/rt"));
        QStringList problems;
        BackendConfig backend =
            BackendConfig::resolve(settings, BackendConfig::rtKind(), url, &problems);
        QCOMPARE(backend.url(), url);
        QCOMPARE(backend.rt.casesQueue, QStringLiteral("Support"));
        QCOMPARE(backend.rt.auth, RtSettings::Auth::Token);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.constFirst().contains(QStringLiteral("kerberos")),
                 qPrintable(problems.constFirst()));
        // RT cannot work without its token; with it, it can.
        QVERIFY(!backend.validate().isEmpty());
        backend.setToken(QStringLiteral("rt-secret"));
        QVERIFY2(backend.validate().isEmpty(), qPrintable(backend.validate().join(u' ')));
    }

    void factory_buildsNativeConnector()
    {
        DeskSettings settings(iniFile(QStringLiteral("factory-native.ini")), nullptr);
        settings.setTrustedCertificateSha256(Pin);
        const QUrl url(QStringLiteral("https://cases.example.org"));
        const BackendConfig backend =
            BackendConfig::resolve(settings, BackendConfig::nativeKind(), url, nullptr);
        QObject owner;
        PortalConnector *connector = ConnectorFactory::create(backend, &owner);
        QCOMPARE(connector->parent(), &owner);
        QCOMPARE(connector->kind(), BackendConfig::nativeKind());
        auto *native = qobject_cast<NativeConnector *>(connector);
        QVERIFY(native);
        QCOMPARE(native->client()->settings().baseUrl, url);
        QCOMPARE(native->client()->settings().pinnedCertificateSha256, Pin);
        QVERIFY(ConnectorFactory::authorize(connector, QStringLiteral("tok")).isEmpty());
        QCOMPARE(native->client()->settings().token, QStringLiteral("tok"));
    }

    void factory_buildsRtConnector_andSaysWhatItLacks()
    {
        DeskSettings settings(iniFile(QStringLiteral("factory-rt.ini")), nullptr);
        const QUrl url(QStringLiteral("https://rt.example/rt"));
        const BackendConfig backend =
            BackendConfig::resolve(settings, BackendConfig::rtKind(), url, nullptr);
        std::unique_ptr<PortalConnector> connector(ConnectorFactory::create(backend));
        QCOMPARE(connector->kind(), BackendConfig::rtKind());
        auto *rt = qobject_cast<RtConnector *>(connector.get());
        QVERIFY(rt);
        QCOMPARE(rt->settings().baseUrl, url);
        QVERIFY(!ConnectorFactory::authorize(connector.get(), QString()).isEmpty());
        QVERIFY(
            ConnectorFactory::authorize(connector.get(), QStringLiteral("rt-secret")).isEmpty());
        QCOMPARE(rt->settings().secret, QStringLiteral("rt-secret"));
    }

    void credentials_environmentWins_andTheSourceCarriesNoToken()
    {
        qputenv("ESCALATION_DESK_TOKEN", "  env-token-71c2  ");
        PortalCredentials credentials(QUrl(QStringLiteral("http://127.0.0.1:8080")));
        QSignalSpy source(&credentials, &PortalCredentials::sourceRead);
        QSignalSpy token(&credentials, &PortalCredentials::tokenRead);
        credentials.read();
        QVERIFY(source.wait(5000));
        QCOMPARE(source.constFirst().at(0).value<TokenSource>(), TokenSource::Environment);
        QCOMPARE(source.constFirst().size(), 2); // the source and an error text, no token
        QCOMPARE(token.size(), 1);
        QCOMPARE(token.constFirst().at(0).value<TokenLookup>().token,
                 QStringLiteral("env-token-71c2"));
        QCOMPARE(credentials.readBlocking().token, QStringLiteral("env-token-71c2"));
    }

    void credentials_withoutKeychain_storeFailsAndSaysSo()
    {
        PortalCredentials credentials(QUrl(QStringLiteral("http://127.0.0.1:8080")));
        QSignalSpy stored(&credentials, &PortalCredentials::stored);
        credentials.store(QStringLiteral("never-written"));
        QVERIFY(stored.wait(20000));
        QCOMPARE(stored.constFirst().at(0).toBool(), false);
        QVERIFY2(
            stored.constFirst().at(1).toString().contains(PortalCredentials::environmentVariable()),
            qPrintable(stored.constFirst().at(1).toString()));
    }

    void settings_userNameAndWindowLayout_roundTrip()
    {
        const QString path = iniFile(QStringLiteral("layout.ini"));
        {
            QSettings raw(path, QSettings::IniFormat);
            raw.setValue(QStringLiteral("identity/name"), QStringLiteral("Maya Fischer"));
        }
        DeskSettings::WindowLayout layout;
        layout.geometry = QByteArrayLiteral("\x01\x02geometry");
        layout.state = QByteArrayLiteral("state\x00\xff");
        layout.splitter = QByteArrayLiteral("splitter");
        layout.queueHeader = QByteArrayLiteral("header");
        layout.view = QStringLiteral("director");
        {
            DeskSettings settings(path, nullptr);
            QCOMPARE(settings.userName(), QStringLiteral("Maya Fischer"));
            settings.setWindowLayout(layout);
        }
        const DeskSettings reread(path, nullptr);
        const DeskSettings::WindowLayout back = reread.windowLayout();
        QCOMPARE(back.geometry, layout.geometry);
        QCOMPARE(back.state, layout.state);
        QCOMPARE(back.splitter, layout.splitter);
        QCOMPARE(back.queueHeader, layout.queueHeader);
        QCOMPARE(back.view, layout.view);
        QCOMPARE(reread.userName(), QStringLiteral("Maya Fischer"));
    }

private:
    QString iniFile(const QString &name) const
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        return path;
    }

    QTemporaryDir m_dir;
};

int main(int argc, char *argv[])
{
    // No session bus: the keychain answers "unavailable" at once instead of
    // waiting for a desktop that is not there.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/escalation-desk-test-bus");
    QCoreApplication app(argc, argv);
    TestBackendConfig test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_backendconfig.moc"

// Who a request comes from behind reverse proxies: X-Forwarded-For counts
// only from trusted proxies, and only as far left as trusted proxies wrote.

#include <clientaddress.h>

#include <QTest>

using namespace Escalation::Portal;

class TestClientAddress final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void client_data()
    {
        QTest::addColumn<QString>("trusted");
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QByteArray>("forwardedFor");
        QTest::addColumn<QString>("client");
        QTest::newRow("no proxy trusted: the header is ignored")
            << QString() << "127.0.0.1" << QByteArray("203.0.113.5") << "127.0.0.1";
        QTest::newRow("an untrusted peer's header is ignored")
            << "10.0.0.1"
            << "192.0.2.4" << QByteArray("203.0.113.5") << "192.0.2.4";
        QTest::newRow("one trusted proxy")
            << "127.0.0.1"
            << "127.0.0.1" << QByteArray("203.0.113.5") << "203.0.113.5";
        QTest::newRow("a forged entry left of the proxy's")
            << "127.0.0.1"
            << "127.0.0.1" << QByteArray("198.51.100.1, 203.0.113.5") << "203.0.113.5";
        QTest::newRow("two proxies, the inner one in a trusted subnet")
            << "127.0.0.1,10.0.0.0/8"
            << "127.0.0.1" << QByteArray("203.0.113.5, 10.0.0.7") << "203.0.113.5";
        QTest::newRow("not an address: trust ends there")
            << "127.0.0.1"
            << "127.0.0.1" << QByteArray("203.0.113.5, unknown") << "127.0.0.1";
        QTest::newRow("a trusted proxy with no header")
            << "127.0.0.1"
            << "127.0.0.1" << QByteArray() << "127.0.0.1";
        QTest::newRow("IPv4 seen as IPv6 is the same peer")
            << "127.0.0.1"
            << "::ffff:127.0.0.1" << QByteArray("203.0.113.5") << "203.0.113.5";
        QTest::newRow("IPv6 client") << "::1"
                                     << "::1" << QByteArray("2001:db8::7") << "2001:db8::7";
    }

    void client()
    {
        QFETCH(QString, trusted);
        QFETCH(QString, peer);
        QFETCH(QByteArray, forwardedFor);
        QFETCH(QString, client);
        ClientAddress address;
        QString error;
        QVERIFY2(address.setTrustedProxies(trusted, &error), qPrintable(error));
        QCOMPARE(address.of(QHostAddress(peer), forwardedFor), client);
    }

    void badLists_areRefused()
    {
        for (const char *bad : {"nonsense", "10.0.0.0/33", "127.0.0.1, 300.1.1.1"}) {
            ClientAddress address;
            QString error;
            QVERIFY2(!address.setTrustedProxies(QString::fromLatin1(bad), &error), bad);
            QVERIFY(!error.isEmpty());
            QVERIFY(!address.hasTrustedProxies());
        }
    }
};

QTEST_GUILESS_MAIN(TestClientAddress)
#include "tst_clientaddress.moc"

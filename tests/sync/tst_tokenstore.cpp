#include "tokenstore.h"

#include <QStandardPaths>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

// Where the token comes from: the environment when set, else the keychain,
// and a message that says how to provide one when neither has it.
class TestTokenStore final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void environment_winsWhenSet()
    {
        qputenv("ESCALATION_DESK_TOKEN", "  from-env  ");
        TokenStore store(TokenStore::keyForPortal(QUrl(u"http://127.0.0.1:8080/x"_s)));
        const TokenLookup lookup = store.readBlocking(std::chrono::seconds(5));
        QVERIFY(lookup.found());
        QCOMPARE(lookup.token, u"from-env"_s);
        QCOMPARE(lookup.source, TokenSource::Environment);
        qunsetenv("ESCALATION_DESK_TOKEN");
    }

    void nothingStored_saysHowToProvideOne()
    {
        qunsetenv("ESCALATION_DESK_TOKEN");
        TokenStore store(u"portal-token:http://never-stored.invalid"_s);
        const TokenLookup lookup = store.readBlocking(std::chrono::seconds(5));
        QVERIFY(!lookup.found());
        QCOMPARE(lookup.source, TokenSource::None);
        QVERIFY2(lookup.error.contains(u"ESCALATION_DESK_TOKEN"_s), qPrintable(lookup.error));
    }

    void keyForPortal_ignoresPathAndCredentials()
    {
        QCOMPARE(
            TokenStore::keyForPortal(QUrl(u"https://user:pw@portal.example:8443/tenant?q=1"_s)),
            u"portal-token:https://portal.example:8443"_s);
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"

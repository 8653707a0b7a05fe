#include "fakenetwork.h"
#include "portalclient.h"
#include <certificatepin.h>

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

Q_DECLARE_METATYPE(FakeAnswer)

using namespace Escalation;
using namespace Qt::StringLiterals;
using namespace std::chrono;

// The client's error paths against a scripted network: what is retried and
// what is not, how long it waits, what the user is told.
class TestPortalClient final : public QObject {
    Q_OBJECT

    PortalSettings settings() const
    {
        PortalSettings s;
        s.baseUrl = QUrl(u"http://127.0.0.1:9/"_s);
        s.token = u"secret-token"_s;
        s.backoffBase = milliseconds(5);
        s.backoffCap = milliseconds(20);
        s.transferTimeout = milliseconds(300);
        s.maxAttempts = 4;
        s.maxTotalTime = seconds(20);
        return s;
    }

    static PortalResult run(PortalJob *job)
    {
        QSignalSpy spy(job, &PortalJob::finished);
        if (!spy.wait(30000)) {
            PortalResult none;
            none.error = TransportError::Canceled;
            none.httpStatus = -1;
            none.message = u"no answer"_s;
            return none;
        }
        return spy.first().first().value<PortalResult>();
    }

    static QByteArray errorBody(const char *code, const char *message)
    {
        return "{\"error\":{\"code\":\"" + QByteArray(code) + "\",\"message\":\"" + message
            + "\",\"details\":{}}}";
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void success_returnsBodyEtagAndSendsBearer()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(200, "{\"ok\":true}", {{"ETag", "\"v1\""}})});
        PortalClient client(settings(), &nam);
        const PortalResult r = run(client.get(u"/changes"_s, QUrlQuery(u"since=0"_s)));
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.httpStatus, 200);
        QCOMPARE(r.body, QByteArray("{\"ok\":true}"));
        QCOMPARE(r.etag, QByteArray("\"v1\""));
        QCOMPARE(nam.requests.size(), 1);
        QCOMPARE(nam.requests[0].request.rawHeader("Authorization"),
                 QByteArray("Bearer secret-token"));
        QCOMPARE(nam.requests[0].url.toString(), u"http://127.0.0.1:9/api/v1/changes?since=0"_s);
    }

    void ifNoneMatch_sentAnd304IsNotModified()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(304, {})});
        PortalClient client(settings(), &nam);
        const PortalResult r = run(client.get(u"/changes"_s, {}, "\"v1\""));
        QVERIFY(r.notModified());
        QCOMPARE(nam.requests[0].request.rawHeader("If-None-Match"), QByteArray("\"v1\""));
    }

    void unauthorized_notRetriedAndSaysHowToFix()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(401, errorBody("unauthorized", "bad token"))});
        PortalClient client(settings(), &nam);
        QSignalSpy unauthorized(&client, &PortalClient::unauthorized);
        const PortalResult r = run(client.get(u"/changes"_s));
        QCOMPARE(r.error, TransportError::Unauthorized);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(nam.requests.size(), 1);
        QVERIFY(r.message.contains(u"ESCALATION_DESK_TOKEN"_s));
        QVERIFY(r.message.contains(u"Settings"_s));
        QVERIFY(!r.message.contains(u"secret-token"_s));
        QCOMPARE(unauthorized.size(), 1);
        QVERIFY(!r.isTransient());
    }

    void clientErrors_notRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("code");
        QTest::newRow("400 bad request") << 400 << QByteArray("bad_request");
        QTest::newRow("404 not found") << 404 << QByteArray("not_found");
        QTest::newRow("409 conflict") << 409 << QByteArray("conflict");
        QTest::newRow("422 rule violation") << 422 << QByteArray("rule_violation");
    }
    void clientErrors_notRetried()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, code);
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(status, errorBody(code.constData(), "portal says no"))});
        PortalClient client(settings(), &nam);
        const PortalResult r = run(client.postJson(u"/requests/E-1/actions"_s, "{}", "key-1"));
        QCOMPARE(r.error, TransportError::Client);
        QCOMPARE(r.httpStatus, status);
        QCOMPARE(nam.requests.size(), 1);
        QVERIFY(r.errorBody);
        QCOMPARE(r.errorBody->code, QString::fromLatin1(code));
        QVERIFY(r.message.contains(u"portal says no"_s));
    }

    void transientFailures_retriedUntilSuccess_data()
    {
        QTest::addColumn<FakeAnswer>("failure");
        QTest::newRow("500") << FakeAnswer::json(500, errorBody("server_error", "boom"));
        QTest::newRow("503") << FakeAnswer::json(503, "<html>down</html>");
        QTest::newRow("408") << FakeAnswer::json(408, {});
        QTest::newRow("429 without Retry-After")
            << FakeAnswer::json(429, errorBody("rate_limited", "slow"));
        QTest::newRow("connection refused")
            << FakeAnswer::fail(QNetworkReply::ConnectionRefusedError);
        QTest::newRow("host not found") << FakeAnswer::fail(QNetworkReply::HostNotFoundError);
        FakeAnswer truncated = FakeAnswer::json(200, "{\"cases\": [");
        truncated.kind = FakeAnswer::Truncate;
        QTest::newRow("truncated body") << truncated;
        QTest::newRow("hang") << FakeAnswer::hang();
    }
    void transientFailures_retriedUntilSuccess()
    {
        QFETCH(FakeAnswer, failure);
        FakeNetworkAccessManager nam;
        nam.script({failure, failure, FakeAnswer::json(200, "{}")});
        PortalClient client(settings(), &nam);
        const PortalResult r = run(client.get(u"/changes"_s));
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.attempts, 3);
        QCOMPARE(nam.requests.size(), 3);
    }

    void retries_stopAtMaxAttemptsWithLastError()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(500, errorBody("server_error", "database down"))});
        PortalClient client(settings(), &nam);
        const PortalResult r = run(client.get(u"/changes"_s));
        QCOMPARE(r.error, TransportError::Server);
        QCOMPARE(r.attempts, 4);
        QCOMPARE(nam.requests.size(), 4);
        QVERIFY(r.message.contains(u"database down"_s));
        QVERIFY(r.isTransient());
    }

    void hang_timesOutWithReadableMessage()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::hang()});
        PortalSettings s = settings();
        s.maxAttempts = 1;
        PortalClient client(s, &nam);
        QElapsedTimer t;
        t.start();
        const PortalResult r = run(client.get(u"/changes"_s));
        QCOMPARE(r.error, TransportError::Timeout);
        QVERIFY(t.elapsed() >= 250);
        QVERIFY(r.message.contains(u"did not answer"_s));
    }

    void totalTimeBound_endsRetriesEarly()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(503, {}, {{"Retry-After", "120"}})});
        PortalSettings s = settings();
        s.maxAttempts = 10;
        s.maxTotalTime = seconds(30);
        PortalClient client(s, &nam);
        const PortalResult r = run(client.get(u"/changes"_s));
        // A 120 s Retry-After cannot fit in a 30 s budget: no second
        // attempt, and the server's error at once. A client that waited
        // for the budget to run out would report a timeout instead.
        QCOMPARE(r.error, TransportError::Server);
        QCOMPARE(nam.requests.size(), 1);
        QCOMPARE(r.attempts, 1);
    }

    void rateLimited_waitsAtLeastRetryAfter()
    {
        FakeNetworkAccessManager nam;
        nam.script(
            {FakeAnswer::json(429, errorBody("rate_limited", "slow down"), {{"Retry-After", "1"}}),
             FakeAnswer::json(200, "{}")});
        PortalClient client(settings(), &nam);
        const PortalResult r = run(client.get(u"/changes"_s));
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(nam.requests.size(), 2);
        QVERIFY2(nam.requests[1].atMs - nam.requests[0].atMs >= 990,
                 qPrintable(QString::number(nam.requests[1].atMs - nam.requests[0].atMs)));
    }

    void rateLimited_holdsBackOtherRequestsToo()
    {
        FakeNetworkAccessManager nam;
        nam.script(
            {FakeAnswer::json(429, {}, {{"Retry-After", "1"}}), FakeAnswer::json(200, "{}")});
        PortalSettings s = settings();
        s.maxAttempts = 1;
        PortalClient client(s, &nam);
        const PortalResult first = run(client.get(u"/changes"_s));
        QCOMPARE(first.error, TransportError::RateLimited);
        QVERIFY(client.rateLimitRemaining() > milliseconds(500));
        const PortalResult second = run(client.get(u"/cases/C-1"_s));
        QVERIFY(second.ok());
        QVERIFY(nam.requests[1].atMs - nam.requests[0].atMs >= 990);
    }

    void hugeBody_refused_data()
    {
        QTest::addColumn<bool>("declareLength");
        QTest::newRow("Content-Length announced") << true;
        QTest::newRow("no Content-Length, streamed") << false;
    }
    void hugeBody_refused()
    {
        QFETCH(bool, declareLength);
        FakeNetworkAccessManager nam;
        FakeAnswer big;
        big.kind = FakeAnswer::Stream;
        big.streamBytes = 50LL * 1024 * 1024;
        big.declareLength = declareLength;
        nam.script({big});
        PortalClient client(settings(), &nam);
        const PortalResult r = run(client.get(u"/changes"_s));
        QCOMPARE(r.error, TransportError::TooLarge);
        QCOMPARE(nam.requests.size(), 1); // refusing is final
        QVERIFY(r.body.isEmpty());
        QVERIFY(r.message.contains(u"16 MB"_s));
    }

    void post_sendsIdempotencyKeyOnEveryRetry()
    {
        FakeNetworkAccessManager nam;
        nam.script(
            {FakeAnswer::fail(QNetworkReply::RemoteHostClosedError), FakeAnswer::json(200, "{}")});
        PortalClient client(settings(), &nam);
        const PortalResult r =
            run(client.postJson(u"/requests/E-1/actions"_s, "{\"action\":\"accept\"}",
                                "3f1c9a52-6a4e-4c0d-9a53-5b0f2c6de2a1"));
        QVERIFY(r.ok());
        QCOMPARE(nam.requests.size(), 2);
        for (const RecordedRequest &req : std::as_const(nam.requests)) {
            QCOMPARE(req.verb, QByteArray("POST"));
            QCOMPARE(req.request.rawHeader("Idempotency-Key"),
                     QByteArray("3f1c9a52-6a4e-4c0d-9a53-5b0f2c6de2a1"));
            QCOMPARE(req.body, QByteArray("{\"action\":\"accept\"}"));
        }
    }

    void abort_reportsCanceled()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::hang()});
        PortalSettings s = settings();
        s.transferTimeout = seconds(20);
        PortalClient client(s, &nam);
        PortalJob *job = client.get(u"/changes/wait"_s);
        QSignalSpy spy(job, &PortalJob::finished);
        QTRY_COMPARE_WITH_TIMEOUT(nam.requests.size(), 1, 30000);
        job->abort();
        QVERIFY(spy.size() == 1 || spy.wait(30000));
        QCOMPARE(spy.first().first().value<PortalResult>().error, TransportError::Canceled);
    }

    void pins_normalizedAndChecked_data()
    {
        QTest::addColumn<QByteArray>("pin");
        QTest::addColumn<bool>("valid");
        const QByteArray hex(64, 'a');
        QTest::newRow("plain lower hex") << hex << true;
        QTest::newRow("upper hex with colons") << QByteArray("AA:").repeated(31) + "AA" << true;
        QTest::newRow("too short") << QByteArray("ab:cd") << false;
        QTest::newRow("not hex") << QByteArray(64, 'z') << false;
        QTest::newRow("empty") << QByteArray() << false;
    }
    void pins_normalizedAndChecked()
    {
        QFETCH(QByteArray, pin);
        QFETCH(bool, valid);
        const QByteArray n = CertificatePin::normalized(pin);
        QCOMPARE(!n.isEmpty(), valid);
        if (valid)
            QCOMPARE(n, QByteArray(64, 'a'));
    }

    void urlFor_keepsPrefixPath()
    {
        PortalSettings s = settings();
        s.baseUrl = QUrl(u"https://portal.example/tenant-a/"_s);
        PortalClient client(s);
        QCOMPARE(client.urlFor(u"/changes"_s).toString(),
                 u"https://portal.example/tenant-a/api/v1/changes"_s);
    }
};

QTEST_GUILESS_MAIN(TestPortalClient)
#include "tst_portalclient.moc"

#include "fakenetwork.h"
#include "httpjob.h"

#include <QDateTime>
#include <QLocale>
#include <QNetworkRequest>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

Q_DECLARE_METATYPE(FakeAnswer)
Q_DECLARE_METATYPE(Escalation::TransportResult)
Q_DECLARE_METATYPE(Escalation::TransportError)

using namespace Escalation;
using namespace Qt::StringLiterals;
using namespace std::chrono;

// The smallest backend: a header of its own, its name in messages, the
// body's start as the error detail, advice for a refused key.
class TestJob final : public HttpJob {
    Q_OBJECT
public:
    TestJob(QNetworkAccessManager *nam, RetryAfterGate *gate, const QByteArray &verb,
            HttpJobOptions options)
        : HttpJob(nam, gate, verb, QUrl(u"http://127.0.0.1:9/items"_s),
                  verb == "GET" ? QByteArray() : QByteArray("{}"), std::move(options), nullptr)
    {
    }
    using HttpJob::setRepeatable;

Q_SIGNALS:
    void finished(const Escalation::TransportResult &result);

private:
    void prepare(QNetworkRequest &request) const override { request.setRawHeader("X-Test", "yes"); }
    void report(const TransportResult &result) override { Q_EMIT finished(result); }
    QString serverName() const override { return u"the test server"_s; }
    QString errorDetail(const QByteArray &body) const override
    {
        return QString::fromUtf8(body.left(40));
    }
    QString advice(TransportError error) const override
    {
        return error == TransportError::Unauthorized ? u"Fix the key."_s : QString();
    }
};

namespace {

struct Outcome {
    TransportResult result;
    qsizetype reports = 0;
    bool deleted = false;
};

// Starts the job and waits for its report; the timeouts only bound a hang.
Outcome run(TestJob *job)
{
    QPointer<TestJob> alive(job);
    QSignalSpy spy(job, &TestJob::finished);
    job->start();
    Outcome o;
    if (!spy.wait(30000)) {
        o.result.error = TransportError::Canceled;
        o.result.message = u"the job did not report"_s;
        return o;
    }
    o.result = spy.first().first().value<TransportResult>();
    o.deleted = QTest::qWaitFor([&] { return alive.isNull(); }, 10000);
    o.reports = spy.size();
    return o;
}

HttpJobOptions quick()
{
    HttpJobOptions o;
    o.transferTimeout = seconds(30);
    o.maxAttempts = 3;
    o.backoffBase = milliseconds(1);
    o.backoffCap = milliseconds(4);
    o.maxResponseBytes = 1024 * 1024;
    return o;
}

QByteArray httpDate(const QDateTime &utc)
{
    return QLocale::c().toString(utc, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

} // namespace

// The job base every backend's requests derive from, against a scripted
// network: how answers map onto errors, what is retried and how often, the
// size cap, Retry-After in both forms, timeouts, and that a job reports once
// and deletes itself.
class TestHttpJob final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<Escalation::TransportResult>();
    }

    void answer_mapsToErrorAndAttempts_data()
    {
        QTest::addColumn<FakeAnswer>("answer");
        QTest::addColumn<TransportError>("error");
        QTest::addColumn<int>("attempts");
        using E = TransportError;
        QTest::newRow("200 ok") << FakeAnswer::json(200, "{}") << E::None << 1;
        QTest::newRow("304 not modified") << FakeAnswer::json(304, {}) << E::None << 1;
        QTest::newRow("302 not followed") << FakeAnswer::json(302, {}) << E::Client << 1;
        QTest::newRow("401") << FakeAnswer::json(401, "bad key") << E::Unauthorized << 1;
        QTest::newRow("403") << FakeAnswer::json(403, "no rights") << E::Forbidden << 1;
        QTest::newRow("404") << FakeAnswer::json(404, "no such item") << E::Client << 1;
        QTest::newRow("409") << FakeAnswer::json(409, "changed meanwhile") << E::Client << 1;
        QTest::newRow("422") << FakeAnswer::json(422, "rule violated") << E::Client << 1;
        QTest::newRow("408 retried") << FakeAnswer::json(408, {}) << E::Timeout << 3;
        QTest::newRow("429 retried") << FakeAnswer::json(429, {}) << E::RateLimited << 3;
        QTest::newRow("500 retried") << FakeAnswer::json(500, "boom") << E::Server << 3;
        QTest::newRow("503 retried")
            << FakeAnswer::json(503, "<html>down</html>") << E::Server << 3;
        QTest::newRow("connection refused retried")
            << FakeAnswer::fail(QNetworkReply::ConnectionRefusedError) << E::Network << 3;
        QTest::newRow("host not found retried")
            << FakeAnswer::fail(QNetworkReply::HostNotFoundError) << E::Network << 3;
        FakeAnswer truncated = FakeAnswer::json(200, "{\"items\": [");
        truncated.kind = FakeAnswer::Truncate;
        QTest::newRow("truncated body retried") << truncated << E::Network << 3;
        QTest::newRow("TLS handshake not retried")
            << FakeAnswer::fail(QNetworkReply::SslHandshakeFailedError) << E::Tls << 1;
    }
    void answer_mapsToErrorAndAttempts()
    {
        QFETCH(FakeAnswer, answer);
        QFETCH(TransportError, error);
        QFETCH(int, attempts);
        FakeNetworkAccessManager nam;
        nam.script({answer});
        RetryAfterGate gate;
        const Outcome o = run(new TestJob(&nam, &gate, "GET", quick()));
        QCOMPARE(o.result.error, error);
        QCOMPARE(o.result.attempts, attempts);
        QCOMPARE(nam.requests.size(), attempts);
        QCOMPARE(o.reports, 1);
        QVERIFY(o.deleted);
        for (const RecordedRequest &r : std::as_const(nam.requests)) {
            QCOMPARE(r.request.rawHeader("X-Test"), QByteArray("yes"));
            QCOMPARE(r.request.rawHeader("Accept"), QByteArray("application/json"));
        }
        if (o.result.ok()) {
            QVERIFY(o.result.message.isEmpty());
            QCOMPARE(o.result.body, answer.body);
            return;
        }
        QVERIFY2(o.result.message.contains(u"the test server"_s), qPrintable(o.result.message));
        if (answer.kind == FakeAnswer::Respond && !answer.body.isEmpty())
            QVERIFY2(o.result.message.contains(QString::fromUtf8(answer.body)),
                     qPrintable(o.result.message));
        if (error == TransportError::Unauthorized)
            QVERIFY(o.result.message.endsWith(u"Fix the key."_s));
    }

    void retries_onlyForRepeatableRequests_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<int>("repeatable"); // -1: the verb decides
        QTest::addColumn<int>("attempts");
        QTest::newRow("GET") << QByteArray("GET") << -1 << 3;
        QTest::newRow("PUT") << QByteArray("PUT") << -1 << 3;
        QTest::newRow("DELETE") << QByteArray("DELETE") << -1 << 3;
        QTest::newRow("POST") << QByteArray("POST") << -1 << 1;
        QTest::newRow("POST with an idempotency key") << QByteArray("POST") << 1 << 3;
        QTest::newRow("GET marked not repeatable") << QByteArray("GET") << 0 << 1;
    }
    void retries_onlyForRepeatableRequests()
    {
        QFETCH(QByteArray, verb);
        QFETCH(int, repeatable);
        QFETCH(int, attempts);
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(500, {})});
        auto *job = new TestJob(&nam, nullptr, verb, quick());
        if (repeatable >= 0)
            job->setRepeatable(repeatable == 1);
        const Outcome o = run(job);
        QCOMPARE(o.result.error, TransportError::Server);
        QCOMPARE(o.result.attempts, attempts);
        QCOMPARE(nam.requests.size(), attempts);
        for (const RecordedRequest &r : std::as_const(nam.requests))
            QCOMPARE(r.verb, verb);
    }

    void retries_endWithSuccess()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(503, {}),
                    FakeAnswer::fail(QNetworkReply::ConnectionRefusedError),
                    FakeAnswer::json(200, "{\"ok\":true}")});
        auto *job = new TestJob(&nam, nullptr, "GET", quick());
        QSignalSpy retrying(job, &HttpJob::retrying);
        const Outcome o = run(job);
        QVERIFY2(o.result.ok(), qPrintable(o.result.message));
        QCOMPARE(o.result.attempts, 3);
        QCOMPARE(o.result.body, QByteArray("{\"ok\":true}"));
        QCOMPARE(retrying.size(), 2);
        QCOMPARE(retrying.at(0).at(0).toInt(), 2);
        QCOMPARE(retrying.at(1).at(0).toInt(), 3);
    }

    void sizeCap_abortsAndReportsTooLarge_data()
    {
        QTest::addColumn<FakeAnswer>("answer");
        QTest::addColumn<TransportError>("error");
        constexpr qint64 cap = 1024 * 1024;
        FakeAnswer announced;
        announced.kind = FakeAnswer::Stream;
        announced.streamBytes = 3 * cap;
        QTest::newRow("Content-Length above the cap") << announced << TransportError::TooLarge;
        FakeAnswer streamed = announced;
        streamed.declareLength = false;
        QTest::newRow("streamed past the cap") << streamed << TransportError::TooLarge;
        FakeAnswer oneBody = FakeAnswer::json(200, QByteArray(cap + 1, ' '));
        oneBody.declareLength = false;
        QTest::newRow("one byte above the cap") << oneBody << TransportError::TooLarge;
        QTest::newRow("exactly the cap")
            << FakeAnswer::json(200, QByteArray(cap, ' ')) << TransportError::None;
    }
    void sizeCap_abortsAndReportsTooLarge()
    {
        QFETCH(FakeAnswer, answer);
        QFETCH(TransportError, error);
        FakeNetworkAccessManager nam;
        nam.script({answer});
        const Outcome o = run(new TestJob(&nam, nullptr, "GET", quick()));
        QCOMPARE(o.result.error, error);
        QCOMPARE(nam.requests.size(), 1); // refusing is final
        if (error == TransportError::TooLarge) {
            QVERIFY(o.result.body.isEmpty());
            QVERIFY2(o.result.message.contains(u"1 MB"_s), qPrintable(o.result.message));
        } else {
            QCOMPARE(o.result.body.size(), 1024 * 1024);
        }
    }

    // The header is read as the server sent it; one attempt, so no waiting.
    void retryAfter_readInBothForms_data()
    {
        QTest::addColumn<QByteArray>("header"); // "+N": an HTTP-date N s after the answer
        QTest::addColumn<qint64>("minMs"); // -1: no Retry-After
        QTest::addColumn<qint64>("maxMs");
        QTest::newRow("seconds") << QByteArray("120") << qint64(120000) << qint64(120000);
        QTest::newRow("HTTP-date") << QByteArray("+120") << qint64(110000) << qint64(120000);
        QTest::newRow("HTTP-date in the past") << QByteArray("+-60") << qint64(0) << qint64(0);
        QTest::newRow("above a day, clamped")
            << QByteArray("999999") << qint64(86400000) << qint64(86400000);
        QTest::newRow("unreadable") << QByteArray("soon") << qint64(-1) << qint64(-1);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1) << qint64(-1);
    }
    void retryAfter_readInBothForms()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, minMs);
        QFETCH(qint64, maxMs);
        FakeNetworkAccessManager nam;
        nam.setHandler([header](const RecordedRequest &, int) {
            QByteArray value = header;
            if (header.startsWith('+'))
                value = httpDate(QDateTime::currentDateTimeUtc().addSecs(header.mid(1).toInt()));
            return FakeAnswer::json(429, {}, {{"Retry-After", value}});
        });
        HttpJobOptions options = quick();
        options.maxAttempts = 1;
        RetryAfterGate gate;
        const Outcome o = run(new TestJob(&nam, &gate, "GET", options));
        QCOMPARE(o.result.error, TransportError::RateLimited);
        if (minMs < 0) {
            QVERIFY(!o.result.retryAfter);
            QCOMPARE(gate.remaining(), milliseconds(0));
            return;
        }
        QVERIFY(o.result.retryAfter);
        QVERIFY2(o.result.retryAfter->count() >= minMs && o.result.retryAfter->count() <= maxMs,
                 qPrintable(QString::number(o.result.retryAfter->count())));
        // The client's other jobs wait as well.
        QVERIFY(gate.remaining() <= *o.result.retryAfter);
        QCOMPARE(gate.remaining() > milliseconds(0), minMs > 0);
    }

    void retryAfter_delaysTheRetry_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("minGapMs");
        QTest::newRow("seconds") << QByteArray("1") << qint64(990);
        // A date has whole seconds: two seconds ahead is more than one away.
        QTest::newRow("HTTP-date") << QByteArray("+2") << qint64(950);
    }
    void retryAfter_delaysTheRetry()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, minGapMs);
        FakeNetworkAccessManager nam;
        nam.setHandler([header](const RecordedRequest &, int index) {
            if (index > 0)
                return FakeAnswer::json(200, "{}");
            QByteArray value = header;
            if (header.startsWith('+'))
                value = httpDate(QDateTime::currentDateTimeUtc().addSecs(header.mid(1).toInt()));
            return FakeAnswer::json(503, {}, {{"Retry-After", value}});
        });
        RetryAfterGate gate;
        const Outcome o = run(new TestJob(&nam, &gate, "GET", quick()));
        QVERIFY2(o.result.ok(), qPrintable(o.result.message));
        QCOMPARE(nam.requests.size(), 2);
        const qint64 gap = nam.requests[1].atMs - nam.requests[0].atMs;
        QVERIFY2(gap >= minGapMs, qPrintable(QString::number(gap)));
    }

    void transferTimeout_endsAHangAsTimeout_data()
    {
        QTest::addColumn<int>("maxAttempts");
        QTest::newRow("one attempt") << 1;
        QTest::newRow("retried") << 2;
    }
    void transferTimeout_endsAHangAsTimeout()
    {
        QFETCH(int, maxAttempts);
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::hang()});
        HttpJobOptions options = quick();
        options.transferTimeout = milliseconds(200);
        options.maxAttempts = maxAttempts;
        const Outcome o = run(new TestJob(&nam, nullptr, "GET", options));
        QCOMPARE(o.result.error, TransportError::Timeout);
        QCOMPARE(o.result.attempts, maxAttempts);
        QCOMPARE(nam.requests.size(), maxAttempts);
        QVERIFY2(o.result.message.contains(u"did not answer"_s), qPrintable(o.result.message));
    }

    void totalTime_endsAHangingJobAsTimeout()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::hang()});
        HttpJobOptions options = quick();
        options.maxAttempts = 5;
        options.maxTotalTime = milliseconds(200); // far below the 30 s transfer timeout
        const Outcome o = run(new TestJob(&nam, nullptr, "GET", options));
        QCOMPARE(o.result.error, TransportError::Timeout);
        QCOMPARE(o.result.attempts, 1);
        QCOMPARE(nam.requests.size(), 1);
    }

    void abort_reportsCanceledOnceAndDeletesTheJob_data()
    {
        QTest::addColumn<FakeAnswer>("answer");
        QTest::newRow("during an attempt") << FakeAnswer::hang();
        QTest::newRow("while a retry waits") << FakeAnswer::json(503, {}, {{"Retry-After", "60"}});
    }
    void abort_reportsCanceledOnceAndDeletesTheJob()
    {
        QFETCH(FakeAnswer, answer);
        FakeNetworkAccessManager nam;
        nam.script({answer});
        auto *job = new TestJob(&nam, nullptr, "GET", quick());
        QPointer<TestJob> alive(job);
        QSignalSpy finished(job, &TestJob::finished);
        QSignalSpy retrying(job, &HttpJob::retrying);
        job->start();
        if (answer.kind == FakeAnswer::Hang)
            QTRY_COMPARE_WITH_TIMEOUT(nam.requests.size(), 1, 10000);
        else
            QVERIFY(retrying.wait(10000));
        job->abort();
        job->abort(); // a second call changes nothing
        QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 10000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<TransportResult>().error, TransportError::Canceled);
        QCOMPARE(nam.requests.size(), 1);
    }

    void deletingTheJob_abortsItsReplyAndReportsNothing()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::hang()});
        auto *job = new TestJob(&nam, nullptr, "GET", quick());
        QSignalSpy finished(job, &TestJob::finished);
        job->start();
        QTRY_COMPARE_WITH_TIMEOUT(nam.requests.size(), 1, 10000);
        const QList<QNetworkReply *> replies = nam.findChildren<QNetworkReply *>();
        QCOMPARE(replies.size(), 1);
        QPointer<QNetworkReply> reply = replies.first();
        delete job;
        QVERIFY(!reply || reply->isFinished());
        QTRY_VERIFY_WITH_TIMEOUT(reply.isNull(), 10000);
        QCOMPARE(finished.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHttpJob)
#include "tst_httpjob.moc"

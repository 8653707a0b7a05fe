#include "backoff.h"

#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

using namespace Escalation;
using namespace std::chrono;

// Retry delays: full-jitter bounds, growth and cap, Retry-After as a floor.
class TestBackoff final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void ceiling_doublesUntilCap_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("ceiling");
        QTest::newRow("first") << 0 << qint64(100);
        QTest::newRow("second") << 1 << qint64(200);
        QTest::newRow("fourth") << 3 << qint64(800);
        QTest::newRow("capped") << 10 << qint64(5000);
        QTest::newRow("huge attempt does not overflow") << 100000 << qint64(5000);
    }
    void ceiling_doublesUntilCap()
    {
        QFETCH(int, attempt);
        QFETCH(qint64, ceiling);
        QCOMPARE(
            Backoff::fullJitter(milliseconds(100), milliseconds(5000)).ceiling(attempt).count(),
            ceiling);
    }

    void fullJitter_staysWithinZeroAndCeiling()
    {
        QRandomGenerator rng(7);
        const Backoff b = Backoff::fullJitter(milliseconds(100), milliseconds(5000));
        for (int attempt = 0; attempt < 12; ++attempt) {
            qint64 lo = std::numeric_limits<qint64>::max(), hi = 0;
            for (int i = 0; i < 2000; ++i) {
                const qint64 d = b.delay(attempt, &rng).count();
                QVERIFY(d >= 0);
                QVERIFY(d <= b.ceiling(attempt).count());
                lo = std::min(lo, d);
                hi = std::max(hi, d);
            }
            // Spread over the whole range, not clustered at the top.
            QVERIFY(lo < b.ceiling(attempt).count() / 10);
            QVERIFY(hi > b.ceiling(attempt).count() * 9 / 10);
        }
    }

    void equalJitter_keepsAFloorOfHalf()
    {
        QRandomGenerator rng(11);
        const Backoff b = Backoff::equalJitter(seconds(1), minutes(5));
        for (int attempt = 0; attempt < 15; ++attempt) {
            for (int i = 0; i < 500; ++i) {
                const milliseconds d = b.delay(attempt, &rng);
                QVERIFY(d >= b.ceiling(attempt) / 2);
                QVERIFY(d <= b.ceiling(attempt));
                QVERIFY(d <= minutes(5));
            }
        }
    }

    void retryAfter_isAFloor()
    {
        QRandomGenerator rng(3);
        const Backoff b = Backoff::fullJitter(milliseconds(100), milliseconds(1000));
        for (int i = 0; i < 500; ++i)
            QVERIFY(b.delay(2, milliseconds(7000), &rng) >= milliseconds(7000));
        // Without a Retry-After the jitter alone decides.
        QVERIFY(b.delay(2, std::nullopt, &rng) <= milliseconds(400));
    }

    void parseRetryAfter_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("expectedMs"); // -1: none
        QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("spaces") << QByteArray(" 3 ") << qint64(3000);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("absurd is clamped to a day")
            << QByteArray("99999999999") << qint64(86400000);
        QTest::newRow("http date 30 s ahead")
            << QByteArray("Mon, 30 Mar 2026 15:00:30 GMT") << qint64(30000);
        QTest::newRow("http date in the past")
            << QByteArray("Mon, 30 Mar 2026 14:00:00 GMT") << qint64(0);
    }
    void parseRetryAfter()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, expectedMs);
        const QDateTime now(QDate(2026, 3, 30), QTime(15, 0), Qt::UTC);
        const auto got = Escalation::parseRetryAfter(header, now);
        if (expectedMs < 0) {
            QVERIFY(!got);
        } else {
            QVERIFY(got);
            QCOMPARE(got->count(), expectedMs);
        }
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"

// `escalation-desk-cli report` on a cache holding the hand-worked analytics
// fixture (tests/support/analyticsfixture.h): the JSON and CSV carry the
// same figures as tst_escalationanalytics, the user's calendars folder is
// used, and bad input is refused with exit status 2 and a clear message.

#include "analyticsfixture.h"

#include <cachestore.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

class TestCliReport final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

    struct Run {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };

    Run cli(const QStringList &arguments) const
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(ESCALATION_CLI_EXE), QStringList {u"report"_s} + arguments);
        if (!process.waitForFinished(60000))
            return {};
        return {process.exitCode(), process.readAllStandardOutput(),
                QString::fromUtf8(process.readAllStandardError())};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The fixture's calendar in the user's calendars folder, where the
        // desk and the CLI look for calendars of their own.
        const QString calendars =
            m_dir.filePath(u"config/EscalationDesk/escalation-desk/calendars"_s);
        QVERIFY(QDir().mkpath(calendars));
        QFile calendar(calendars + u"/test.json"_s);
        QVERIFY(calendar.open(QIODevice::WriteOnly));
        calendar.write(AnalyticsFixture::calendarJson());
        calendar.close();

        m_db = m_dir.filePath(u"cache.sqlite"_s);
        StoreError error;
        std::unique_ptr<CacheStore> store = CacheStore::open(m_db, nullptr, &error);
        QVERIFY2(store, qPrintable(error.message));
        SyncPage page;
        page.cases = AnalyticsFixture::cases().values();
        page.requests = AnalyticsFixture::requests();
        page.cursor = u"1"_s;
        QVERIFY(store->applySyncPage(page));
    }

    void json_givesTheHandWorkedFigures()
    {
        const Run run = cli({u"--db"_s, m_db, u"--from"_s, u"2026-03-30"_s, u"--to"_s,
                             u"2026-04-12"_s, u"--as-of"_s, u"2026-04-08T15:00:00Z"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QJsonParseError parseError;
        const QJsonObject json = QJsonDocument::fromJson(run.out, &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(json.value(u"requests"_s).toInt(), 9);
        QCOMPARE(json.value(u"achievement"_s).toDouble(), 0.625);
        const QJsonArray weeks = json.value(u"weeks"_s).toArray();
        QCOMPARE(weeks.size(), 2);
        QCOMPARE(weeks.at(0).toObject().value(u"p90BusinessMinutesToDecision"_s).toInt(), 360);
        // Only with the user's calendar (Easter Monday a holiday) is this 120.
        QCOMPARE(weeks.at(1).toObject().value(u"medianBusinessMinutesToDecision"_s).toInt(), 120);
        QCOMPARE(json.value(u"funnel"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"medianBusinessMinutesAtLevel"_s)
                     .toInt(),
                 2400);
        QCOMPARE(json.value(u"reEscalatedWithin7Days"_s).toArray().size(), 2);
        QCOMPARE(json.value(u"refusedTooEarly"_s).toObject().value(u"requests"_s).toArray(),
                 QJsonArray {u"R4"_s});
    }

    void csv_oneTableWithFilters()
    {
        const Run run = cli({u"--db"_s, m_db, u"--from"_s, u"2026-03-30"_s, u"--to"_s,
                             u"2026-04-12"_s, u"--as-of"_s, u"2026-04-08T15:00:00Z"_s,
                             u"--format"_s, u"csv"_s, u"--table"_s, u"teams"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(QString::fromUtf8(run.out),
                 u"team,accepted,declined,decline_rate\r\nAPAC,0,2,1.0000\r\n"
                 "EMEA,3,2,0.4000\r\n"_s);
        const Run levels =
            cli({u"--db"_s, m_db, u"--from"_s, u"2026-03-30"_s, u"--to"_s, u"2026-04-12"_s,
                 u"--as-of"_s, u"2026-04-08T15:00:00Z"_s, u"--level"_s, u"3,4"_s, u"--format"_s,
                 u"csv"_s, u"--table"_s, u"accounts"_s});
        QVERIFY2(levels.exitCode == 0, qPrintable(levels.err));
        QCOMPARE(QString::fromUtf8(levels.out),
                 u"account,level3,level4\r\nContoso,1,1\r\n\"Fabrikam, Inc.\",1,0\r\n"_s);
    }

    void weeks_countBackFromAsOf()
    {
        const Run run =
            cli({u"--db"_s, m_db, u"--weeks"_s, u"2"_s, u"--as-of"_s, u"2026-04-08T15:00:00Z"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json.value(u"from"_s).toString(), u"2026-03-30"_s);
        QCOMPARE(json.value(u"to"_s).toString(), u"2026-04-12"_s);
        QCOMPARE(json.value(u"requests"_s).toInt(), 9);
    }

    void period_readsOnlyWhatWasRaisedInIt()
    {
        const Run run = cli({u"--db"_s, m_db, u"--from"_s, u"2026-04-06"_s, u"--to"_s,
                             u"2026-04-12"_s, u"--as-of"_s, u"2026-04-08T15:00:00Z"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json.value(u"requests"_s).toInt(), 4);
        QCOMPARE(json.value(u"weeks"_s).toArray().size(), 1);
        // R2's decline was before the period: only R7 → R8 is counted.
        const QJsonArray back = json.value(u"reEscalatedWithin7Days"_s).toArray();
        QCOMPARE(back.size(), 1);
        QCOMPARE(back.at(0).toObject().value(u"declined"_s).toString(), u"R7"_s);
    }

    void pdf_holdsTheFiguresAsText()
    {
        const QString pdf = m_dir.filePath(u"review.pdf"_s);
        const Run run = cli({u"--db"_s, m_db, u"--from"_s, u"2026-03-30"_s, u"--to"_s,
                             u"2026-04-12"_s, u"--as-of"_s, u"2026-04-08T15:00:00Z"_s,
                             u"--format"_s, u"pdf"_s, u"--output"_s, pdf});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
        QProcess pdftotext;
        pdftotext.start(u"pdftotext"_s, {u"-layout"_s, pdf, u"-"_s});
        QVERIFY2(pdftotext.waitForFinished(60000) && pdftotext.exitCode() == 0,
                 "pdftotext (poppler-utils) could not read the PDF");
        const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
        for (const QString &expected :
             {u"9 requests; 8 reviews due, 62.5 % within the 4-business-hour target"_s,
              u"2 of 4 declines came back within 7 days"_s, u"Fabrikam, Inc."_s, u"1 too early"_s,
              u"40 h 0 min"_s, u"66.7 %"_s, u"100.0 %"_s})
            QVERIFY2(text.simplified().contains(expected),
                     qPrintable(expected + u" not in:\n"_s + text));
        // A file that cannot be written is an error, and leaves nothing.
        const Run bad = cli({u"--db"_s, m_db, u"--format"_s, u"pdf"_s, u"--output"_s,
                             m_dir.filePath(u"missing/review.pdf"_s)});
        QCOMPARE(bad.exitCode, 4);
        QVERIFY(bad.err.contains(u"cannot write"_s));
    }

    void badInput_isRefusedClearly_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("says");
        QTest::newRow("date") << QStringList {u"--from"_s, u"30/03/2026"_s} << 2
                              << u"is not a date like"_s;
        QTest::newRow("order") << QStringList {u"--from"_s, u"2026-04-12"_s, u"--to"_s,
                                               u"2026-03-30"_s}
                               << 2 << u"--to is before --from"_s;
        QTest::newRow("format") << QStringList {u"--format"_s, u"xlsx"_s} << 2
                                << u"is not json, csv or pdf"_s;
        QTest::newRow("pdf without a file")
            << QStringList {u"--format"_s, u"pdf"_s} << 2 << u"needs --output FILE"_s;
        QTest::newRow("table") << QStringList {u"--format"_s, u"csv"_s, u"--table"_s, u"x"_s} << 2
                               << u"is not one of weeks"_s;
        QTest::newRow("level") << QStringList {u"--level"_s, u"5"_s} << 2
                               << u"--level: unknown value \"5\""_s;
        QTest::newRow("weeks") << QStringList {u"--weeks"_s, u"0"_s} << 2 << u"--weeks"_s;
        QTest::newRow("no cache") << QStringList {u"--db"_s, u"/nonexistent/cache.sqlite"_s} << 4
                                  << u"there is no cache"_s;
    }

    void badInput_isRefusedClearly()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, says);
        if (!arguments.contains(u"--db"_s))
            arguments << u"--db"_s << m_db;
        const Run run = cli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(says), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliReport)
#include "tst_clireport.moc"

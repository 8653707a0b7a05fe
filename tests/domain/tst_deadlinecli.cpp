#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(QStringLiteral(ESCALATION_CLI_PATH), arguments);
    if (!process.waitForStarted())
        qFatal("cannot start %s", ESCALATION_CLI_PATH);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        qFatal("escalation-desk-cli did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

const QByteArray kCalendar = R"({"name":"NY","timeZone":"America/New_York","week":{
    "monday":["09:00-17:00"],"tuesday":["09:00-17:00"],"wednesday":["09:00-17:00"],
    "thursday":["09:00-17:00"],"friday":["09:00-17:00"]},"holidays":["2026-07-03"]})";

} // namespace

// escalation-desk-cli deadline is a contract with scripts (DESIGN.md §4):
// output format, exit statuses, and messages naming what was wrong.
class TestDeadlineCli final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_calendar = m_dir.filePath(u"ny.json"_s);
        QFile file(m_calendar);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kCalendar);
    }

    void single_printsUtcDeadline_data()
    {
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("minutes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("endOfDay") << u"2026-03-04T13:00:00-05:00"_s << u"240"_s
                                  << u"2026-03-04T22:00:00Z\n"_s;
        QTest::newRow("utcInput") << u"2026-03-04T18:00:00Z"_s << u"240"_s
                                  << u"2026-03-04T22:00:00Z\n"_s;
        QTest::newRow("otherOffset")
            << u"2026-03-04T19:00:00+01:00"_s << u"240"_s << u"2026-03-04T22:00:00Z\n"_s;
        QTest::newRow("zeroAtNight_nextOpening")
            << u"2026-03-04T23:00:00-05:00"_s << u"0"_s << u"2026-03-05T14:00:00Z\n"_s;
        QTest::newRow("holidaySkipped")
            << u"2026-07-02T16:00:00-04:00"_s << u"120"_s << u"2026-07-06T14:00:00Z\n"_s;
    }

    void single_printsUtcDeadline()
    {
        QFETCH(QString, start);
        QFETCH(QString, minutes);
        QFETCH(QString, expected);
        const Run run = runCli({u"deadline"_s, u"--calendar"_s, m_calendar, u"--start"_s, start,
                                u"--minutes"_s, minutes});
        QCOMPARE(run.err, QString());
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, expected);
    }

    void explain_listsIntervalsAfterTheDeadline()
    {
        const Run run =
            runCli({u"deadline"_s, u"--calendar"_s, m_calendar, u"--start"_s,
                    u"2026-03-06T16:00:00-05:00"_s, u"--minutes"_s, u"120"_s, u"--explain"_s});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(u'\n');
        QCOMPARE(lines.first(), u"2026-03-09T14:00:00Z"_s);
        QVERIFY2(run.out.contains(u"2026-03-06 16:00 UTC-05:00 to 2026-03-06 17:00 UTC-05:00"_s),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(u"2026-03-09 09:00 UTC-04:00 to 2026-03-09 10:00 UTC-04:00"_s),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(
                     u"Daylight-saving shift at 2026-03-08T07:00:00Z: UTC-05:00 to UTC-04:00"_s),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(u"Deadline: 2026-03-09T14:00:00Z"_s), qPrintable(run.out));
    }

    void batch_oneDeadlinePerLine()
    {
        const Run run = runCli({u"deadline"_s, u"--calendar"_s, m_calendar, u"--batch"_s},
                               "2026-03-04T13:00:00-05:00 240\n2026-03-04T23:00:00-05:00 0\n  "
                               "2026-07-02T20:00:00Z   120  \n");
        QCOMPARE(run.err, QString());
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, u"2026-03-04T22:00:00Z\n2026-03-05T14:00:00Z\n2026-07-06T14:00:00Z\n"_s);
    }

    void batch_badLine_namesLineNumber_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("outputBefore");
        QTest::newRow("badInstant")
            << QByteArray("2026-03-04T13:00:00Z 10\n2026-02-30T10:00:00Z 10\n")
            << u"line 2: expected an ISO 8601 instant"_s << u"2026-03-04T14:10:00Z\n"_s;
        QTest::newRow("noOffset") << QByteArray("2026-03-04T13:00:00 10\n")
                                  << u"line 1: expected an ISO 8601 instant"_s << QString();
        QTest::newRow("negativeMinutes")
            << QByteArray("2026-03-04T13:00:00Z -5\n")
            << u"line 1: expected a whole number of minutes"_s << QString();
        QTest::newRow("missingMinutes")
            << QByteArray("2026-03-04T13:00:00Z 1\n2026-03-04T13:00:00Z\n")
            << u"line 2: expected \"ISO8601 MINUTES\", got \"2026-03-04T13:00:00Z\""_s
            << u"2026-03-04T14:01:00Z\n"_s;
        QTest::newRow("emptyLine")
            << QByteArray("\n") << u"line 1: expected \"ISO8601 MINUTES\", got \"\""_s << QString();
    }

    void batch_badLine_namesLineNumber()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, message);
        QFETCH(QString, outputBefore);
        const Run run = runCli({u"deadline"_s, u"--calendar"_s, m_calendar, u"--batch"_s}, input);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(run.out, outputBefore);
    }

    void badUsage_exit2WithMessage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("badInstant")
            << QStringList {u"deadline"_s,  u"--calendar"_s, u"@CAL"_s, u"--start"_s,
                            u"yesterday"_s, u"--minutes"_s,  u"5"_s}
            << u"--start: expected an ISO 8601 instant with Z or an offset"_s;
        QTest::newRow("badMinutes")
            << QStringList {u"deadline"_s, u"--calendar"_s,           u"@CAL"_s,
                            u"--start"_s,  u"2026-03-04T13:00:00Z"_s, u"--minutes"_s,
                            u"ten"_s}
            << u"--minutes: expected a whole number of minutes"_s;
        QTest::newRow("missingCalendar")
            << QStringList {u"deadline"_s, u"--start"_s, u"2026-03-04T13:00:00Z"_s, u"--minutes"_s,
                            u"5"_s}
            << u"--calendar FILE is required"_s;
        QTest::newRow("missingStart")
            << QStringList {u"deadline"_s, u"--calendar"_s, u"@CAL"_s, u"--minutes"_s, u"5"_s}
            << u"--start ISO8601 and --minutes N are required"_s;
        QTest::newRow("batchWithStart")
            << QStringList {u"deadline"_s, u"--calendar"_s, u"@CAL"_s,
                            u"--batch"_s,  u"--start"_s,    u"2026-03-04T13:00:00Z"_s}
            << u"cannot be combined"_s;
        QTest::newRow("unknownOption")
            << QStringList {u"deadline"_s, u"--calender"_s, u"x"_s} << u"calender"_s;
        QTest::newRow("missingCalendarFile")
            << QStringList {u"deadline"_s, u"--calendar"_s,           u"/nonexistent/cal.json"_s,
                            u"--start"_s,  u"2026-03-04T13:00:00Z"_s, u"--minutes"_s,
                            u"5"_s}
            << u"/nonexistent/cal.json: cannot be read"_s;
        QTest::newRow("unknownCommand")
            << QStringList {u"deadlines"_s} << u"unknown command \"deadlines\""_s;
        QTest::newRow("noCommand") << QStringList {} << u"Usage: escalation-desk-cli"_s;
    }

    void badUsage_exit2WithMessage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        arguments.replaceInStrings(u"@CAL"_s, m_calendar);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(run.out, QString());
    }

    void badCalendar_exit2NamingFileAndKey()
    {
        const QString path = m_dir.filePath(u"broken.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"timeZone":"America/New_York","week":{"monday":["09:00-12:00","13:00-12:00"]}})");
        file.close();
        const Run run = runCli({u"deadline"_s, u"--calendar"_s, path, u"--start"_s,
                                u"2026-03-04T13:00:00Z"_s, u"--minutes"_s, u"5"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(
            run.err.contains(
                path
                + u": week.monday[1]: expected \"HH:MM-HH:MM\" with start before end, got \"13:00-12:00\""_s),
            qPrintable(run.err));
        QCOMPARE(run.out, QString());
    }

    void help_exit0()
    {
        const Run top = runCli({u"--help"_s});
        QCOMPARE(top.exitCode, 0);
        QVERIFY(top.out.contains(u"deadline"_s));
        const Run sub = runCli({u"deadline"_s, u"--help"_s});
        QCOMPARE(sub.exitCode, 0);
        QVERIFY(sub.out.contains(u"--batch"_s));
    }

private:
    QTemporaryDir m_dir;
    QString m_calendar;
};

QTEST_GUILESS_MAIN(TestDeadlineCli)
#include "tst_deadlinecli.moc"

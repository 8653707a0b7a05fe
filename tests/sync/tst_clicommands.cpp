#include "cachestore.h"
#include "portalcall.h"
#include "portalprocess.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

// escalation-desk-cli sync/list/decide/export as scripts use them: exit
// statuses (0 ok, 2 bad usage, 3 portal, 4 storage) and output formats.
class TestCliCommands final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    PortalProcess m_portal;
    QString m_cache;

    struct Run {
        int code = -1;
        QByteArray out;
        QString err;
    };

    // The CLI's settings and configuration folder are the test's own, never
    // those of whoever runs the test.
    QString configHome() const { return m_dir.filePath(u"config"_s); }
    QString appConfigDir() const { return configHome() + u"/EscalationDesk/escalation-desk"_s; }
    QString settingsFile() const
    {
        return configHome() + u"/EscalationDesk/escalation-desk.conf"_s;
    }

    static bool writeFile(const QString &path, const QByteArray &data)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
    }

    // A calendar open around the clock, in UTC: a review deadline on it is
    // exactly the target's business minutes after the request.
    static QByteArray roundTheClockCalendar(const char *name)
    {
        QByteArray week;
        for (const char *day :
             {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
            week += (week.isEmpty() ? "" : ", ") + QByteArray("\"") + day + "\": [\"00:00-24:00\"]";
        return QByteArray("{\"name\": \"") + name + "\", \"timeZone\": \"UTC\", \"week\": {" + week
            + "}, \"holidays\": []}";
    }

    // Every row of `list --json` (or `export --format json`) is on a user
    // calendar (open around the clock), with its deadline `minutes` after
    // the request plus the time it waited on its requester; none while it
    // still waits.
    void verifyDeadlines(const QStringList &args, int minutes)
    {
        const Run r = cli(args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QVERIFY(!rows.isEmpty());
        auto store = CacheStore::open(m_cache, nullptr, nullptr);
        QVERIFY(store);
        for (const QJsonValue &v : rows) {
            const QJsonObject o = v.toObject();
            QVERIFY2(!o.value(u"calendarFallback"_s).toBool(),
                     qPrintable(o.value(u"calendar"_s).toString()));
            const QDateTime requested =
                QDateTime::fromString(o.value(u"requestedAt"_s).toString(), Qt::ISODate);
            QVERIFY(requested.isValid());
            if (o.value(u"waitingSince"_s).isString()) {
                QVERIFY(o.value(u"reviewDueAt"_s).isNull());
                continue;
            }
            const QDateTime due =
                QDateTime::fromString(o.value(u"reviewDueAt"_s).toString(), Qt::ISODate);
            qint64 waited = 0;
            const auto request = store->request(o.value(u"id"_s).toString()).toOptional();
            QVERIFY(request);
            for (const WaitingPeriod &w : request->waits)
                if (w.from < due)
                    waited += w.from.secsTo(w.until);
            QCOMPARE(requested.secsTo(due), qint64(minutes) * 60 + waited);
        }
    }

    Run cli(const QStringList &args, const QString &token = PortalProcess::token()) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, configHome());
        env.insert(u"ESCALATION_DESK_TOKEN"_s, token);
        env.insert(u"ESCALATION_DESK_ACTOR"_s, u"Dana Whitfield"_s);
        env.remove(u"QT_LOGGING_RULES"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ESCALATION_CLI_EXE), args);
        Run r;
        if (!p.waitForFinished(60000)) {
            p.kill();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    // RFC 4180 reader, enough to check the quoting.
    static QList<QStringList> parseCsv(const QString &text)
    {
        QList<QStringList> rows;
        QStringList row;
        QString field;
        bool quoted = false;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text[i];
            if (quoted) {
                if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else if (c == u'"') {
                    quoted = false;
                } else {
                    field += c;
                }
            } else if (c == u'"') {
                quoted = true;
            } else if (c == u',') {
                row << field;
                field.clear();
            } else if (c == u'\r') {
            } else if (c == u'\n') {
                row << field;
                rows << row;
                row.clear();
                field.clear();
            } else {
                field += c;
            }
        }
        return rows;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(m_portal.start({u"--requests"_s, u"400"_s, u"--seed"_s, u"3"_s}));
        m_cache = m_dir.filePath(u"cli.sqlite"_s);
        const Run r = cli(
            {u"sync"_s, u"--portal"_s, m_portal.url().toString(), u"--db"_s, m_cache, u"--once"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("synced"));
    }

    void badUsage_exits2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("sync without --portal")
            << QStringList {u"sync"_s, u"--once"_s} << u"--portal"_s;
        QTest::newRow("sync with a non-URL")
            << QStringList {u"sync"_s, u"--portal"_s, u"ftp://x"_s} << u"http"_s;
        QTest::newRow("token on the command line is refused")
            << QStringList {u"sync"_s, u"--token"_s, u"x"_s} << u"token"_s;
        QTest::newRow("list unknown state")
            << QStringList {u"list"_s, u"--state"_s, u"urgent"_s} << u"urgent"_s;
        QTest::newRow("decide without text")
            << QStringList {u"decide"_s, u"E-1"_s, u"accept"_s} << u"--text"_s;
        QTest::newRow("decide bad verb")
            << QStringList {u"decide"_s, u"E-1"_s, u"maybe"_s, u"--text"_s, u"x"_s} << u"maybe"_s;
        QTest::newRow("export bad format")
            << QStringList {u"export"_s, u"--format"_s, u"xml"_s} << u"--format"_s;
    }
    void badUsage_exits2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        args << u"--db"_s << m_cache;
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    }

    void sync_unreachablePortal_exits3()
    {
        const Run r = cli({u"sync"_s, u"--portal"_s, u"http://127.0.0.1:1"_s, u"--db"_s,
                           m_dir.filePath(u"x.sqlite"_s), u"--once"_s});
        QCOMPARE(r.code, 3);
        QVERIFY(r.err.contains(u"Cannot reach"_s));
    }

    void sync_wrongToken_exits3AndSaysHowToFix()
    {
        const Run r = cli(
            {u"sync"_s, u"--portal"_s, m_portal.url().toString(), u"--db"_s, m_cache, u"--once"_s},
            u"wrong"_s);
        QCOMPARE(r.code, 3);
        QVERIFY(r.err.contains(u"ESCALATION_DESK_TOKEN"_s));
        QVERIFY(!r.err.contains(u"wrong"_s));
    }

    void list_missingCache_exits4()
    {
        const Run r = cli({u"list"_s, u"--db"_s, m_dir.filePath(u"none.sqlite"_s)});
        QCOMPARE(r.code, 4);
    }

    void listJson_hasTheContractFields()
    {
        const Run r = cli({u"list"_s, u"--db"_s, m_cache, u"--json"_s});
        QCOMPARE(r.code, 0);
        QJsonParseError pe;
        const QJsonArray rows = QJsonDocument::fromJson(r.out, &pe).array();
        QCOMPARE(pe.error, QJsonParseError::NoError);
        auto store = CacheStore::open(m_cache, nullptr, nullptr);
        QCOMPARE(rows.size(), store->loadActiveQueue().valueOr(QueueSnapshot()).requests.size());
        QVERIFY(rows.size() > 0);
        for (const auto &v : rows) {
            const QJsonObject o = v.toObject();
            for (const char *key :
                 {"id", "caseId", "caseNumber", "level", "reason", "state", "requestedAt",
                  "reviewDueAt", "clockState", "severity", "tier", "priority"})
                QVERIFY2(o.contains(QLatin1StringView(key)), key);
            QVERIFY(o.value(u"requestedAt"_s).toString().endsWith(u'Z'));
            QVERIFY(o.value(u"reviewDueAt"_s).toString().endsWith(u'Z')
                    || o.value(u"clockState"_s).toString() == u"waiting"_s);
        }
        const Run pending =
            cli({u"list"_s, u"--db"_s, m_cache, u"--json"_s, u"--state"_s, u"pending"_s});
        for (const auto &v : QJsonDocument::fromJson(pending.out).array())
            QCOMPARE(v.toObject().value(u"state"_s).toString(), u"pending"_s);
    }

    void decide_deliversAndRefusesTheSecondTime()
    {
        const Run list =
            cli({u"list"_s, u"--db"_s, m_cache, u"--json"_s, u"--state"_s, u"pending"_s});
        const QString id =
            QJsonDocument::fromJson(list.out).array().first().toObject().value(u"id"_s).toString();
        const Run r = cli({u"decide"_s, id, u"accept"_s, u"--text"_s,
                           u"Call at 15:00, \"war room\"."_s, u"--db"_s, m_cache});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto atPortal =
            portalCall(m_portal.url(), PortalProcess::token(), "GET", u"/requests/"_s + id);
        QCOMPARE(atPortal.json.value(u"state"_s).toString(), u"accepted"_s);
        const Run again =
            cli({u"decide"_s, id, u"decline"_s, u"--text"_s, u"no"_s, u"--db"_s, m_cache});
        QCOMPARE(again.code, 2);
        const Run unknown =
            cli({u"decide"_s, u"E-999999"_s, u"accept"_s, u"--text"_s, u"x"_s, u"--db"_s, m_cache});
        QCOMPARE(unknown.code, 2);
    }

    // Another desk took the request after this cache saw it: the portal
    // refuses the decision as a conflict, and the CLI says so with its own
    // exit status (neither bad input nor a portal failure).
    void decide_conflict_exits5AndKeepsTheDecision()
    {
        const Run list =
            cli({u"list"_s, u"--db"_s, m_cache, u"--json"_s, u"--state"_s, u"pending"_s});
        const QJsonArray pending = QJsonDocument::fromJson(list.out).array();
        QVERIFY(pending.size() >= 3);
        const QString id = pending.at(2).toObject().value(u"id"_s).toString();
        const auto before =
            portalCall(m_portal.url(), PortalProcess::token(), "GET", u"/requests/"_s + id);
        QCOMPARE(before.status, 200);
        const auto taken = portalCall(m_portal.url(), PortalProcess::token(), "POST",
                                      u"/requests/"_s + id + u"/actions"_s,
                                      {{u"action"_s, u"take_ownership"_s},
                                       {u"actor"_s, u"Another Desk"_s},
                                       {u"version"_s, before.json.value(u"version"_s)}});
        QCOMPARE(taken.status, 200);
        const Run r =
            cli({u"decide"_s, id, u"accept"_s, u"--text"_s, u"Plan."_s, u"--db"_s, m_cache});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(u"conflict"_s), qPrintable(r.err));
        auto store = CacheStore::open(m_cache, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
        QVERIFY(store);
        bool kept = false;
        for (const OutboxEntry &e : store->outbox(OutboxStatus::Conflict).valueOr({}))
            kept = kept || e.requestId == id;
        QVERIFY2(kept, "the refused decision is kept in the outbox as a conflict");
    }

    void decide_portalDown_exits3AndNextSyncDelivers()
    {
        const Run list =
            cli({u"list"_s, u"--db"_s, m_cache, u"--json"_s, u"--state"_s, u"pending"_s});
        const QString id =
            QJsonDocument::fromJson(list.out).array().first().toObject().value(u"id"_s).toString();
        const Run r =
            cli({u"decide"_s, id, u"decline"_s, u"--text"_s, u"Please use standard triage."_s,
                 u"--db"_s, m_cache, u"--portal"_s, u"http://127.0.0.1:1"_s});
        QCOMPARE(r.code, 3);
        QVERIFY(r.err.contains(u"outbox"_s));
        {
            auto store = CacheStore::open(m_cache, nullptr, nullptr);
            QCOMPARE(store->pendingOutboxCount().valueOr(-1), 1);
        }
        const Run sync = cli(
            {u"sync"_s, u"--portal"_s, m_portal.url().toString(), u"--db"_s, m_cache, u"--once"_s});
        QVERIFY2(sync.code == 0, qPrintable(sync.err));
        const auto atPortal =
            portalCall(m_portal.url(), PortalProcess::token(), "GET", u"/requests/"_s + id);
        QCOMPARE(atPortal.json.value(u"state"_s).toString(), u"declined"_s);
        auto store = CacheStore::open(m_cache, nullptr, nullptr);
        QCOMPARE(store->pendingOutboxCount().valueOr(-1), 0);
    }

    void exportCsv_isProperlyQuoted()
    {
        const QString file = m_dir.filePath(u"export.csv"_s);
        const Run r =
            cli({u"export"_s, u"--format"_s, u"csv"_s, u"--db"_s, m_cache, u"--output"_s, file});
        QCOMPARE(r.code, 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(f.readAll()));
        QVERIFY(rows.size() > 1);
        const qsizetype columns = rows.first().size();
        QCOMPARE(rows.first().first(), u"id"_s);
        bool sawQuotedText = false;
        for (const QStringList &row : rows) {
            QCOMPARE(row.size(), columns);
            sawQuotedText = sawQuotedText || row.join(QString()).contains(u"\"war room\""_s);
        }
        QVERIFY(sawQuotedText); // the decision text with quotes and a comma survived
        auto store = CacheStore::open(m_cache, nullptr, nullptr);
        QCOMPARE(rows.size() - 1,
                 store->loadActiveQueue().valueOr(QueueSnapshot()).requests.size());
    }

    // list and export compute the clocks as the desk does: on the user's
    // calendars folder (a file named like a built-in calendar replaces it),
    // else the default folder in the configuration folder, with the user's
    // policy file.
    void listAndExport_computeOnTheUsersCalendarsAndPolicy()
    {
        const QString folder = m_dir.filePath(u"my-calendars"_s);
        for (const char *name : {"americas", "emea", "apac"})
            QVERIFY(writeFile(folder + u'/' + QLatin1StringView(name) + u".json"_s,
                              roundTheClockCalendar(name)));
        QVERIFY(writeFile(settingsFile(), "[calendars]\ndirectory=" + folder.toUtf8() + "\n"));
        const QStringList list {u"list"_s, u"--db"_s, m_cache, u"--json"_s};
        const QStringList exportJson {u"export"_s, u"--format"_s, u"json"_s, u"--db"_s, m_cache};
        verifyDeadlines(list, 240);
        verifyDeadlines(exportJson, 240);

        // The user's policy file: a 2-hour review target.
        QVERIFY(writeFile(appConfigDir() + u"/policy.json"_s,
                          R"({"review": {"targetBusinessMinutes": 120,
                                         "approachingBusinessMinutes": 30}})"));
        verifyDeadlines(list, 120);
        QVERIFY(QFile::remove(appConfigDir() + u"/policy.json"_s));

        // No folder set: the default one in the configuration folder.
        QVERIFY(QFile::remove(settingsFile()));
        QVERIFY(QDir(folder).rename(folder, appConfigDir() + u"/calendars"_s));
        verifyDeadlines(list, 240);
        QVERIFY(QDir(appConfigDir() + u"/calendars"_s).removeRecursively());

        // A folder that does not exist is said, and the built-in calendars stand in.
        QVERIFY(writeFile(settingsFile(), "[calendars]\ndirectory=" + folder.toUtf8() + "\n"));
        const Run missing = cli(list);
        QCOMPARE(missing.code, 0);
        QVERIFY2(missing.err.contains(folder), qPrintable(missing.err));
        QVERIFY(QFile::remove(settingsFile()));
    }

    void exportJson_andUnwritableOutput()
    {
        const Run r = cli({u"export"_s, u"--format"_s, u"json"_s, u"--db"_s, m_cache});
        QCOMPARE(r.code, 0);
        QVERIFY(QJsonDocument::fromJson(r.out).isArray());
        const Run bad = cli({u"export"_s, u"--format"_s, u"json"_s, u"--db"_s, m_cache,
                             u"--output"_s, m_dir.filePath(u"no/such/dir/out.json"_s)});
        QCOMPARE(bad.code, 4);
    }
};

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_clicommands.moc"

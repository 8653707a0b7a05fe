// A portal that misbehaves in every way the fault injector knows, at random,
// while the portal's data keeps changing and a manager keeps deciding. The
// client must keep running, tell the user, and once the faults stop hold
// exactly the portal's state, with every decision applied at most once.

#include "cachestore.h"
#include "outbox.h"
#include "portalclient.h"
#include "recordparser.h"
#include "reliabilityharness.h"
#include "storeworkerthread.h"
#include "syncengine.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Escalation;
using namespace Qt::StringLiterals;
using namespace Reliability;
using namespace std::chrono;

namespace {

// Every kind, about half of all feed reads and writes misbehaving.
const QString faultMix =
    u"500:0.04,502:0.03,503:0.03,429:0.02,reset:0.04,stall:0.02,truncate:0.04,"
    "badjson:0.03,contenttype:0.03,wrongtypes:0.05,oversize:0.03,duplicate:0.05,"
    "reorder:0.05,huge:0.02,deepnest:0.03,hostiletext:0.08"_s;

// The fields in which two records differ, control characters escaped so
// that a NUL does not cut the message short.
QString differences(const QJsonObject &cached, const QJsonObject &portal)
{
    auto shown = [](const QJsonValue &v) {
        QString text =
            QString::fromUtf8(QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact));
        QString escaped;
        for (QChar c : std::as_const(text))
            escaped += c.unicode() < 0x20 ? u"\\x%1"_s.arg(int(c.unicode()), 2, 16, QChar(u'0'))
                                          : QString(c);
        return escaped.left(400);
    };
    QStringList lines;
    QStringList keys = cached.keys() + portal.keys();
    keys.removeDuplicates();
    for (const QString &key : std::as_const(keys)) {
        if (cached.value(key) != portal.value(key))
            lines << key + u": cache "_s + shown(cached.value(key)) + u" portal "_s
                    + shown(portal.value(key));
    }
    return lines.join(u'\n');
}

} // namespace

class TestFaultMix final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // What the hostile-text fault sends, kept verbatim by the parser and the
    // cache: the field comes back from the cache exactly as it was sent.
    void hostileText_keptVerbatimThroughParserAndCache_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("byte-order mark inside") << u"before"_s + QChar(0xFEFF) + u"after"_s;
        QTest::newRow("NUL inside") << u"before"_s + QChar(0) + u"after"_s;
        QTest::newRow("control characters") << u"\u0001\u0007\u001b[31mred\t\r\n"_s;
        QTest::newRow("HTML and script")
            << u"<script>alert(1)</script><img src=x onerror=alert(1)>"_s;
        QTest::newRow("bidirectional override") << u"\u202Eevil\u202C"_s;
        QTest::newRow("astral characters") << u"\U0001F600\U0001D11E"_s;
        QTest::newRow("exactly 1000 characters") << QString(1000, u'w');
    }

    void hostileText_keptVerbatimThroughParserAndCache()
    {
        QFETCH(QString, text);
        const QJsonObject wire {{u"id"_s, u"C-1"_s},
                                {u"number"_s, u"00000001"_s},
                                {u"subject"_s, text},
                                {u"account"_s, text.left(200)},
                                {u"tier"_s, u"premium"_s},
                                {u"severity"_s, 2},
                                {u"priority"_s, u"high"_s},
                                {u"status"_s, u"open"_s},
                                {u"createdAt"_s, u"2026-03-30T08:12:00Z"_s},
                                {u"firstResponseAt"_s, QJsonValue()},
                                {u"lastCustomerUpdateAt"_s, QJsonValue()},
                                {u"lastSupportUpdateAt"_s, QJsonValue()},
                                {u"assignee"_s, text.left(200)},
                                {u"csm"_s, QJsonValue()},
                                {u"updatedAt"_s, u"2026-03-30T08:12:00Z"_s},
                                {u"version"_s, 1}};
        const QByteArray body = "{\"cases\":[" + QJsonDocument(wire).toJson(QJsonDocument::Compact)
            + "],\"requests\":[],\"cursor\":\"1\",\"hasMore\":false}";
        const PageParseResult parsed = parseChangesPage(body);
        QVERIFY2(
            parsed.ok && parsed.page.cases.size() == 1,
            qPrintable(parsed.skipped.isEmpty() ? parsed.error : parsed.skipped.first().reason));
        QCOMPARE(parsed.page.cases.first().subject, text);
        const QString path =
            m_dir.filePath(u"verbatim-%1.sqlite"_s.arg(QString::fromUtf8(QTest::currentDataTag())));
        {
            auto cache = CacheStore::open(path, nullptr, nullptr);
            QVERIFY(cache);
            const StoreResult<ChangeSet> written = cache->applySyncPage(parsed.page);
            QVERIFY2(written, qPrintable(written.error().message));
        }
        auto cache = CacheStore::open(path, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
        const std::optional<Case> stored = cache->caseRecord(u"C-1"_s).toOptional();
        QVERIFY(stored);
        QCOMPARE(stored->subject, text);
        QCOMPARE(stored->account, text.left(200));
        QCOMPARE(stored->assignee, text.left(200));
        QCOMPARE(cache->loadActiveQueue().valueOr(QueueSnapshot()).requests.size(), 0);
    }

    // A text that starts with a byte-order mark, or a reversed one: Qt's UTF-8
    // decoding drops a leading U+FEFF (it is not content), but the rest of
    // the text must never be lost or read byte-swapped, as SQLite would do
    // with UTF-16 text that starts with U+FFFE.
    void leadingByteOrderMark_neverGarblesTheRest_data()
    {
        QTest::addColumn<QChar>("mark");
        QTest::newRow("U+FEFF") << QChar(0xFEFF);
        QTest::newRow("U+FFFE") << QChar(0xFFFE);
    }

    void leadingByteOrderMark_neverGarblesTheRest()
    {
        QFETCH(QChar, mark);
        const QString rest = u"Certificate expires Friday <b>not bold</b>"_s;
        SyncPage page;
        page.cursor = u"1"_s;
        Case c;
        c.id = u"C-2"_s;
        c.number = u"00000002"_s;
        c.subject = mark + rest;
        c.account = QString(2, mark) + rest;
        c.createdAt = QDateTime::fromSecsSinceEpoch(1774858320, Qt::UTC);
        c.updatedAt = c.createdAt;
        page.cases.append(c);
        const QString path = m_dir.filePath(u"mark-%1.sqlite"_s.arg(mark.unicode(), 4, 16));
        {
            auto cache = CacheStore::open(path, nullptr, nullptr);
            QVERIFY(cache);
            const StoreResult<ChangeSet> written = cache->applySyncPage(page);
            QVERIFY2(written, qPrintable(written.error().message));
        }
        auto cache = CacheStore::open(path, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
        const std::optional<Case> stored = cache->caseRecord(u"C-2"_s).toOptional();
        QVERIFY(stored);
        QVERIFY2(stored->subject.endsWith(rest), qPrintable(stored->subject));
        QVERIFY2(stored->account.endsWith(rest), qPrintable(stored->account));
        QVERIFY(stored->subject.size() <= rest.size() + 1);
    }

    void randomFaults_clientKeepsRunningReportsAndConverges()
    {
        const QString portalDb = m_dir.filePath(u"portal.sqlite"_s);
        const QString path = m_dir.filePath(u"cache.sqlite"_s);
        Portal portal;
        QVERIFY(portal.start({u"--requests"_s, u"800"_s, u"--seed"_s, u"21"_s, u"--db"_s, portalDb,
                              u"--faults"_s, faultMix, u"--fault-seed"_s, u"9"_s,
                              u"--stall-seconds"_s, u"3"_s}));
        const int port = portal.port();

        StoreWorkerThread store(path);
        QVERIFY(store.ok);
        PortalSettings settings;
        settings.baseUrl = portal.url();
        settings.token = Portal::token();
        settings.transferTimeout = milliseconds(1500);
        settings.maxAttempts = 3;
        settings.maxTotalTime = seconds(8);
        settings.backoffBase = milliseconds(50);
        settings.backoffCap = milliseconds(400);
        PortalClient client(settings);
        SyncEngineOptions syncOptions;
        syncOptions.pageSize = 200;
        syncOptions.retryBase = milliseconds(200);
        syncOptions.retryCap = milliseconds(1500);
        syncOptions.waitTimeout = seconds(2);
        SyncEngine engine(&client, store.worker, syncOptions);
        OutboxOptions outboxOptions;
        outboxOptions.retryBase = milliseconds(100);
        outboxOptions.retryCap = milliseconds(800);
        Outbox outbox(&client, store.worker, outboxOptions);

        // What the user was shown: every trouble state with its message.
        std::map<SyncStatus::State, int> troubles;
        QStringList messages;
        connect(&engine, &SyncEngine::statusChanged, this, [&](const SyncStatus &s) {
            if (s.state == SyncStatus::State::Offline || s.state == SyncStatus::State::Error) {
                ++troubles[s.state];
                QVERIFY2(!s.message.isEmpty(), "a trouble state without a message");
                if (messages.size() < 200)
                    messages << s.message;
            }
        });
        int cycles = 0, goodCycles = 0;
        connect(&engine, &SyncEngine::cycleFinished, this, [&](const SyncOutcome &o) {
            ++cycles;
            if (o.ok()) {
                ++goodCycles;
                outbox.pushNow();
            }
        });
        QSignalSpy skipped(&engine, &SyncEngine::recordsSkipped);
        QSignalSpy failedPushes(&outbox, &Outbox::deliveryFailed);
        engine.start(store.state, store.pending);
        outbox.start();

        // The run: the portal's data changes (other people, time passing)
        // and the manager decides, all through the faults. It is counted in
        // sync cycles, not seconds, so a slower machine runs the same mix,
        // only longer; it goes on until most kinds of fault were drawn (hostile
        // text among them) and the user was told.
        QElapsedTimer clock;
        clock.start();
        const QRegularExpression faultLine(u"injected fault (\\w+)"_s);
        QMap<QString, int> injected;
        auto countInjected = [&] {
            injected.clear();
            const QString log = QString::fromUtf8(portal.log());
            for (auto it = faultLine.globalMatch(log); it.hasNext();)
                ++injected[it.next().captured(1)];
        };
        auto ranEnough = [&](int ticks) {
            countInjected();
            return ticks >= 40 && injected.size() >= 12 && injected.contains(u"hostiletext"_s)
                && goodCycles > 0
                && troubles[SyncStatus::State::Offline] + troubles[SyncStatus::State::Error] > 0;
        };
        int decisions = 0, activitySteps = 0, ticks = 0;
        QSet<QString> decided;
        for (; !ranEnough(ticks); ++ticks) {
            // Bounds a mix that never draws enough kinds (40 cycles do here).
            QVERIFY2(ticks < 150, qPrintable(QStringList(injected.keys()).join(u' ')));
            const int cyclesBefore = cycles;
            const CallResult activity =
                call(portal.url(), "POST", u"/admin/activity"_s, R"({"steps":4})");
            QCOMPARE(activity.status, 200);
            activitySteps += 4;
            if (ticks % 2 == 0) {
                const QStringList pending = CacheFile(path).pendingRequests();
                for (const QString &entry : pending) {
                    const QString id = entry.section(u':', 0, 0);
                    if (decided.contains(id))
                        continue;
                    decided.insert(id);
                    outbox.submit(id, ticks % 4 ? OutboxAction::Accept : OutboxAction::Decline,
                                  u"<b>Decided</b> under faults\u0007 for "_s + id, u"Fault Mix"_s,
                                  entry.section(u':', 1, 1).toLongLong());
                    ++decisions;
                    break;
                }
            }
            // The change wakes the engine's wait; the next tick follows the
            // cycle it starts (or the retry of a failed one).
            QTRY_VERIFY_WITH_TIMEOUT(cycles > cyclesBefore, 60000);
        }

        // The faults stop; the same portal, data and port, now well behaved.
        portal.stop();
        QVERIFY(portal.start({u"--db"_s, portalDb}, port));
        QString portalCursorNow = portalCursor(portal.url());
        engine.syncNow();
        outbox.pushNow();
        QElapsedTimer settling;
        settling.start();
        auto converged = [&] {
            portalCursorNow = portalCursor(portal.url()); // deliveries move it
            return engine.status().state == SyncStatus::State::UpToDate
                && engine.committedCursor() == portalCursorNow && outbox.pendingCount() == 0;
        };
        while (!converged() && settling.elapsed() < 60000)
            QTest::qWait(100);
        if (!converged()) {
            QStringList pendingEntries;
            for (const OutboxEntry &e : outbox.entries()) {
                if (e.status == OutboxStatus::Pending)
                    pendingEntries << e.requestId + u" attempts "_s + QString::number(e.attempts)
                            + u" next "_s + e.nextAttemptAt.toString(Qt::ISODateWithMs) + u": "_s
                            + e.lastError;
            }
            QFAIL(qPrintable(
                u"no convergence: state %1 (%2), cursor %3 of %4, %5 pending: %6"_s
                    .arg(int(engine.status().state))
                    .arg(engine.status().message, engine.committedCursor(), portalCursorNow)
                    .arg(outbox.pendingCount())
                    .arg(pendingEntries.join(u"; "_s))));
        }
        qInfo() << "converged" << settling.elapsed() << "ms after the faults stopped";
        engine.stop();

        qInfo().noquote() << "fault mix for" << ticks << "ticks," << clock.elapsed()
                          << "ms:" << cycles << "sync cycles (" << goodCycles << "complete),"
                          << activitySteps << "activity steps," << decisions << "decisions";
        qInfo().noquote() << "injected:" << injected;
        qInfo().noquote() << "shown to the user:" << troubles[SyncStatus::State::Offline]
                          << "offline," << troubles[SyncStatus::State::Error] << "error states;"
                          << failedPushes.size() << "failed pushes;" << skipped.size()
                          << "pages with skipped records";
        // The mix really ran (the run above waited for it): most kinds were
        // drawn, and the user was told.
        QVERIFY2(injected.size() >= 12, qPrintable(QStringList(injected.keys()).join(u' ')));
        QVERIFY(troubles[SyncStatus::State::Offline] + troubles[SyncStatus::State::Error] > 0);
        QVERIFY(goodCycles > 0);

        // Exactly the portal's state: the same records at the same versions,
        // and each record equal field by field once read by the client's
        // own parser (hostile text included, kept verbatim as plain text).
        const FeedState truth = readFeed(portal.url());
        QVERIFY(truth.ok);
        const RecordVersions held = CacheFile(path).versions();
        QVERIFY2(held == truth.versions, qPrintable(describeDifference(truth.versions, held)));
        auto cache = CacheStore::open(path, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
        QVERIFY(cache);
        int hostile = 0;
        for (auto it = truth.cases.cbegin(); it != truth.cases.cend(); ++it) {
            QString why;
            const std::optional<Case> expected = parseCase(it.value(), ParseLimits(), &why);
            QVERIFY2(expected, qPrintable(it.key() + u": "_s + why));
            const std::optional<Case> cached = cache->caseRecord(it.key()).toOptional();
            QVERIFY2(cached == expected,
                     qPrintable(it.key() + u"\n"_s
                                + differences(cached ? caseToJson(*cached) : QJsonObject(),
                                              caseToJson(*expected))));
            hostile +=
                expected->subject.contains(u"<script>"_s) || expected->subject.contains(QChar(0))
                ? 1
                : 0;
        }
        for (auto it = truth.requests.cbegin(); it != truth.requests.cend(); ++it) {
            QString why;
            const std::optional<EscalationRequest> expected =
                parseRequest(it.value(), ParseLimits(), &why);
            QVERIFY2(expected, qPrintable(it.key() + u": "_s + why));
            const std::optional<EscalationRequest> cached = cache->request(it.key()).toOptional();
            QVERIFY2(cached == expected,
                     qPrintable(it.key() + u"\n"_s
                                + differences(cached ? requestToJson(*cached) : QJsonObject(),
                                              requestToJson(*expected))));
        }
        QVERIFY2(hostile > 0 || injected.value(u"hostiletext"_s) == 0,
                 "no hostile text reached the cache");

        // Every decision has an answer, and none was applied twice.
        int delivered = 0;
        const QList<OutboxEntry> entries = outbox.entries();
        QCOMPARE(entries.size(), decisions);
        for (const OutboxEntry &e : entries) {
            QVERIFY(e.status != OutboxStatus::Pending);
            QCOMPARE(applications(portal.url(), e.idempotencyKey),
                     e.status == OutboxStatus::Delivered ? 1 : 0);
            delivered += e.status == OutboxStatus::Delivered ? 1 : 0;
        }
        qInfo() << "decisions:" << delivered << "delivered once," << entries.size() - delivered
                << "kept as conflicts or refusals;" << hostile
                << "cases with hostile text, stored verbatim";
    }
};

QTEST_GUILESS_MAIN(TestFaultMix)
#include "tst_faultmix.moc"

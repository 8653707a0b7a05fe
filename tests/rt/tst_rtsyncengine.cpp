// The sync engine and the outbox with the Request Tracker connector, end to
// end against a real RT 5 (provision-rt.sh, one for all test functions): a
// first sync into a CacheStore, RT's Due kept in the cache, an RT change
// picked up by polling, a decision through the outbox that reaches RT once
// (also across a restart), and the command line choosing the connector
// (sync, list with RT's Due, decide).

#include "cachestore.h"
#include "outbox.h"
#include "rtconnector.h"
#include "rtfixture.h"
#include "storeworker.h"
#include "storeworkerthread.h"
#include "syncengine.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Escalation;
using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace {

// Smaller than the connector test's seed: these tests are about the engine
// and the outbox, the connector's paging is proven there.
constexpr int SeedCases = 20;
constexpr int SeedEscalations = 60;

OutboxOptions fastOutbox()
{
    OutboxOptions o;
    o.retryBase = milliseconds(100);
    o.retryCap = milliseconds(500);
    return o;
}

} // namespace

class TestRtSyncEngine final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void firstSync_engineFillsTheCacheWithEverySeededEscalation();
    void firstSync_cacheKeepsRtDueBesideTheRequest();
    void continuousSync_pollsRtAndBringsAChangeIntoTheCache();
    void decisionThroughOutbox_appearsInRtOnce();
    void decisionWithAUsersOwnToken_isAuthoredByThatUser();
    void cli_syncAndDecideWithConnectorRt();
    // Last: it deletes a seeded ticket.
    void ticketDeletedInRt_leavesTheCache();

private:
    // Straight to RT through the connector's client (tests/rt/rtfixture.h).
    RtReply rest(const QByteArray &verb, const QString &path, const QUrlQuery &query = {},
                 const QJsonValue &body = QJsonValue())
    {
        return RtTest::rest(m_connector->client(), verb, path, query, body);
    }
    int markerCount(const QString &ticketId, const QString &key)
    {
        return RtTest::markerCount(m_connector->client(), ticketId, key);
    }
    QString rtStatus(const QString &ticketId);
    QString takePending();

    RtTest::Server m_rt;
    RtSettings m_settings;
    std::unique_ptr<RtConnector> m_connector;
    QTemporaryDir m_tmp;
    QString m_cache;
    QStringList m_used;
};

void TestRtSyncEngine::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    const QString missing = m_rt.notInstalled();
    if (!missing.isEmpty())
        QSKIP(qPrintable(u"Request Tracker is not installed here: "_s + missing
                         + u" (see docs/request-tracker.md)"_s));
    const QString error = m_rt.start(SeedCases, SeedEscalations);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_settings = m_rt.settings();
    QVERIFY2(m_settings.validate().isEmpty(), qPrintable(m_settings.validate().join(u' ')));
    m_connector = std::make_unique<RtConnector>(m_settings);
    m_cache = m_tmp.filePath(u"rt-cache.sqlite"_s);
}

void TestRtSyncEngine::cleanupTestCase()
{
    m_connector.reset();
    const QString error = m_rt.stop();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QString TestRtSyncEngine::rtStatus(const QString &ticketId)
{
    const RtReply ticket = rest("GET", u"/ticket/"_s + ticketId);
    return ticket.ok() ? QJsonDocument::fromJson(ticket.body).object().value(u"Status"_s).toString()
                       : QString();
}

// A request still pending in the cache that no test used yet.
QString TestRtSyncEngine::takePending()
{
    auto store = CacheStore::open(m_cache, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
    if (!store)
        return {};
    const QueueSnapshot queue = store->loadActiveQueue().valueOr(QueueSnapshot());
    for (const EscalationRequest &r : queue.requests) {
        if (r.state == RequestState::Pending && !m_used.contains(r.id)) {
            m_used << r.id;
            return r.id;
        }
    }
    return {};
}

void TestRtSyncEngine::firstSync_engineFillsTheCacheWithEverySeededEscalation()
{
    {
        StoreWorkerThread store(m_cache);
        QVERIFY2(store.ok, qPrintable(store.error));
        QVERIFY(store.state.cursor.isEmpty());
        SyncEngineOptions options;
        options.pageSize = 25; // several RT pages, and pages in flight while others commit
        SyncEngine engine(m_connector.get(), store.worker, options);
        QSignalSpy done(&engine, &SyncEngine::cycleFinished);
        QElapsedTimer clock;
        clock.start();
        engine.runOnce(store.state);
        QVERIFY(done.wait(180000));
        const SyncOutcome outcome = done.first().first().value<SyncOutcome>();
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        qInfo("first sync through the engine: %d pages, %lld records in %lld ms", outcome.pages,
              outcome.records, qint64(clock.elapsed()));
        QVERIFY(outcome.pages >= SeedEscalations / options.pageSize);
        QCOMPARE(engine.status().state, SyncStatus::State::UpToDate);
        QCOMPARE(engine.status().skippedRecords, qint64(0));
        QVERIFY(engine.committedCursor().startsWith(u"rt1:"_s));
    }
    auto cache = CacheStore::open(m_cache, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
    QVERIFY(cache);
    QCOMPARE(cache->requestCount().valueOr(-1), SeedEscalations);
    QCOMPARE(cache->caseCount().valueOr(-1), SeedCases);
    QVERIFY(cache->syncState().valueOr(SyncState()).cursor.startsWith(u"rt1:"_s));
    QVERIFY(cache->syncState().valueOr(SyncState()).lastSuccessAt.isValid());
    // Every case has its ladder: level 1 to SeedEscalations / SeedCases.
    const QueueSnapshot queue = cache->loadActiveQueue().valueOr(QueueSnapshot());
    QVERIFY(!queue.requests.isEmpty());
    const QList<EscalationRequest> ladder =
        cache->requestsForCase(queue.requests.first().caseId).valueOr({});
    QCOMPARE(ladder.size(), SeedEscalations / SeedCases);
    for (qsizetype i = 1; i < ladder.size(); ++i)
        QCOMPARE(ladder.at(i).previousRequestId, ladder.at(i - 1).id);
}

void TestRtSyncEngine::firstSync_cacheKeepsRtDueBesideTheRequest()
{
    auto cache = CacheStore::open(m_cache, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
    QVERIFY(cache);
    const QueueSnapshot queue = cache->loadActiveQueue().valueOr(QueueSnapshot());
    QVERIFY(!queue.requests.isEmpty());
    for (const EscalationRequest &r : queue.requests) {
        // The escalations queue's SLA: 4 business hours on a 08:00-18:00
        // New York week, read back from the cache's own column.
        QVERIFY2(r.externalDueAt.isValid(), qPrintable(r.id));
        QVERIFY(r.externalDueAt >= r.requestedAt.addSecs(4 * 3600));
        QVERIFY(r.externalDueAt <= r.requestedAt.addDays(5));
        QCOMPARE(cache->request(r.id)->externalDueAt, r.externalDueAt);
    }
}

void TestRtSyncEngine::continuousSync_pollsRtAndBringsAChangeIntoTheCache()
{
    const QString id = takePending();
    QVERIFY(!id.isEmpty());
    StoreWorkerThread store(m_cache);
    QVERIFY2(store.ok, qPrintable(store.error));
    SyncEngineOptions options;
    options.pollInterval = seconds(1);
    SyncEngine engine(m_connector.get(), store.worker, options);
    QSignalSpy cycles(&engine, &SyncEngine::cycleFinished);
    engine.start(store.state, store.pending);
    QVERIFY(cycles.wait(60000));
    QVERIFY2(cycles.first().first().value<SyncOutcome>().ok(),
             qPrintable(cycles.first().first().value<SyncOutcome>().message));
    // RT has no push: the engine says so and polls.
    QTRY_VERIFY_WITH_TIMEOUT(!engine.status().push, 60000);

    QElapsedTimer clock;
    clock.start();
    const RtReply changed =
        rest("PUT", u"/ticket/"_s + id, {},
             QJsonObject {{u"CustomFields"_s, QJsonObject {{m_settings.cfLevel, u"4"_s}}}});
    QVERIFY2(changed.ok(), qPrintable(changed.message));
    auto cache = CacheStore::open(m_cache, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
    QVERIFY(cache);
    QTRY_COMPARE_WITH_TIMEOUT(cache->request(id).valueOr(EscalationRequest()).level, 4, 60000);
    qInfo("RT change in the cache after %lld ms of polling", qint64(clock.elapsed()));
    engine.stop();
}

void TestRtSyncEngine::decisionThroughOutbox_appearsInRtOnce()
{
    const QString id = takePending();
    QVERIFY(!id.isEmpty());
    const QString text = u"Plan of action for %1: engineer on site tomorrow."_s.arg(id);
    OutboxEntry sent;
    {
        StoreWorkerThread store(m_cache);
        QVERIFY2(store.ok, qPrintable(store.error));
        Outbox outbox(m_connector.get(), store.worker, fastOutbox());
        QSignalSpy loaded(&outbox, &Outbox::loaded);
        QSignalSpy delivered(&outbox, &Outbox::delivered);
        QSignalSpy failed(&outbox, &Outbox::deliveryFailed);
        outbox.start();
        QVERIFY(loaded.wait(60000));
        outbox.submit(id, OutboxAction::Accept, text, u"Dana Manager"_s, 0);
        QVERIFY2(delivered.wait(120000),
                 failed.isEmpty() ? "not delivered" : qPrintable(failed.first().at(1).toString()));
        sent = delivered.first().first().value<OutboxEntry>();
        QCOMPARE(sent.requestId, id);
        QCOMPARE(sent.status, OutboxStatus::Delivered);
    }
    QCOMPARE(rtStatus(id), m_settings.acceptStatus);
    QCOMPARE(markerCount(id, sent.idempotencyKey), 1);
    {
        // The cache took RT's answer: the request is accepted with the plan.
        auto cache = CacheStore::open(m_cache, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
        QVERIFY(cache);
        const std::optional<EscalationRequest> request = cache->request(id).toOptional();
        QVERIFY(request);
        QCOMPARE(request->state, RequestState::Accepted);
        QVERIFY(request->decision);
        QCOMPARE(request->decision->text, text);
    }

    // A restart: the outbox loads the delivered entry and sends nothing again.
    {
        StoreWorkerThread store(m_cache);
        QVERIFY2(store.ok, qPrintable(store.error));
        QCOMPARE(store.pending, 0);
        Outbox outbox(m_connector.get(), store.worker, fastOutbox());
        QSignalSpy idle(&outbox, &Outbox::idle);
        QSignalSpy delivered(&outbox, &Outbox::delivered);
        outbox.start();
        outbox.pushNow();
        QVERIFY(idle.wait(60000));
        QCOMPARE(delivered.size(), 0);
        QCOMPARE(outbox.pendingCount(), 0);
    }
    // The same entry pushed again, as after an answer lost on the way:
    // RT finds the key and applies nothing twice.
    ConnectorResult again;
    {
        QEventLoop loop;
        ConnectorCall *call = m_connector->push(sent, {});
        connect(call, &ConnectorCall::finished, &loop, [&](const ConnectorResult &r) {
            again = r;
            loop.quit();
        });
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QCOMPARE(again.push, ConnectorResult::PushOutcome::Delivered);
    QCOMPARE(markerCount(id, sent.idempotencyKey), 1);
}

// With a person's own RT token, the reply the desk writes is theirs in RT
// (the transaction's Creator), not the sync user's; and the desk's History,
// built from the ticket's transactions, names them.
void TestRtSyncEngine::decisionWithAUsersOwnToken_isAuthoredByThatUser()
{
    const RtTest::ScriptRun added = RtTest::runScript(
        u"provision-rt.sh"_s, {u"add-user"_s, m_rt.dir(), u"dana.whitfield"_s, u"Dana Whitfield"_s},
        m_rt.environment(), 120000);
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    static const QRegularExpression tokenLine(u"^RT_USER_TOKEN=(\\S+)$"_s,
                                              QRegularExpression::MultilineOption);
    const QRegularExpressionMatch token = tokenLine.match(added.out);
    QVERIFY2(token.hasMatch(), qPrintable(added.out));
    RtSettings own = m_settings;
    own.secret = token.captured(1);
    if (own.secret.startsWith(u'\'') && own.secret.endsWith(u'\''))
        own.secret = own.secret.mid(1, own.secret.size() - 2);
    RtConnector dana(own);

    const QString id = takePending();
    QVERIFY(!id.isEmpty());
    OutboxEntry sent;
    {
        StoreWorkerThread store(m_cache);
        QVERIFY2(store.ok, qPrintable(store.error));
        Outbox outbox(&dana, store.worker, fastOutbox());
        QSignalSpy loaded(&outbox, &Outbox::loaded);
        QSignalSpy delivered(&outbox, &Outbox::delivered);
        QSignalSpy failed(&outbox, &Outbox::deliveryFailed);
        outbox.start();
        QVERIFY(loaded.wait(60000));
        outbox.submit(id, OutboxAction::Accept, u"Dana takes it: call at 15:00."_s,
                      u"Dana Whitfield"_s, 0);
        QVERIFY2(delivered.wait(120000),
                 failed.isEmpty() ? "not delivered" : qPrintable(failed.first().at(1).toString()));
        sent = delivered.first().first().value<OutboxEntry>();
    }
    // RT's own record: the reply carrying the entry's key was created by Dana.
    const QJsonArray conditions {
        QJsonObject {{u"field"_s, u"ObjectType"_s}, {u"value"_s, u"RT::Ticket"_s}},
        QJsonObject {{u"field"_s, u"ObjectId"_s}, {u"value"_s, id}},
        QJsonObject {{u"field"_s, u"Type"_s}, {u"value"_s, u"Correspond"_s}}};
    const RtReply txns =
        rest("POST", u"/transactions"_s,
             QUrlQuery {{u"per_page"_s, u"100"_s}, {u"fields"_s, u"Creator"_s}}, conditions);
    QVERIFY2(txns.ok(), qPrintable(txns.message));
    const QJsonArray items =
        QJsonDocument::fromJson(txns.body).object().value(u"items"_s).toArray();
    QVERIFY(!items.isEmpty());
    QStringList creators;
    for (const QJsonValue &v : items)
        creators << v.toObject().value(u"Creator"_s).toObject().value(u"id"_s).toString();
    QVERIFY2(creators.contains(u"dana.whitfield"_s), qPrintable(creators.join(u", "_s)));
    QVERIFY(!creators.contains(m_settings.user.isEmpty() ? u"desk-sync"_s : m_settings.user));

    // The History the desk shows, from the ticket's transactions.
    QEventLoop loop;
    ConnectorResult history;
    ConnectorCall *call = dana.fetchHistory(id);
    connect(call, &ConnectorCall::finished, &loop, [&](const ConnectorResult &r) {
        history = r;
        loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    QVERIFY2(history.history, qPrintable(history.message));
    QVERIFY(!history.history->entries.isEmpty());
    QCOMPARE(history.history->entries.first().action, u"raise"_s);
    const HistoryEntry &last = history.history->entries.last();
    QCOMPARE(last.action, u"accept"_s);
    QCOMPARE(last.actorName, u"dana.whitfield"_s);
    QVERIFY2(last.text.contains(u"call at 15:00"_s), qPrintable(last.text));
    QVERIFY(!last.text.contains(sent.idempotencyKey)); // the marker is not shown

    // RT cannot say who a token belongs to: the desk keeps the settings' role.
    ConnectorResult who;
    ConnectorCall *whoCall = dana.whoAmI();
    connect(whoCall, &ConnectorCall::finished, &loop, [&](const ConnectorResult &r) {
        who = r;
        loop.quit();
    });
    loop.exec();
    QVERIFY(who.identityUnsupported);
}

// RT's searches never return a deleted ticket, so the feed alone would
// leave it pending in the app, breaching for ever. The engine asks RT about
// the cache's pending requests and removes the deleted one with a change set.
void TestRtSyncEngine::ticketDeletedInRt_leavesTheCache()
{
    const QString deleted = takePending();
    QVERIFY(!deleted.isEmpty());
    int before = 0;
    {
        auto cache = CacheStore::open(m_cache, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
        QVERIFY(cache && cache->request(deleted));
        before = cache->requestCount().valueOr(-1);
    }
    RtClient root(m_rt.rootSettings());
    QCOMPARE(RtTest::rest(&root, "DELETE", u"/ticket/"_s + deleted).httpStatus, 204);
    QCOMPARE(rtStatus(deleted), u"deleted"_s);
    const RtReply search =
        rest("GET", u"/tickets"_s, QUrlQuery {{u"query"_s, u"id = "_s + deleted}});
    QVERIFY(search.ok());
    QCOMPARE(QJsonDocument::fromJson(search.body).object().value(u"count"_s).toInt(), 0);

    StoreWorkerThread store(m_cache);
    QVERIFY2(store.ok, qPrintable(store.error));
    SyncEngineOptions options;
    options.reconcileInterval = milliseconds(0);
    SyncEngine engine(m_connector.get(), store.worker, options);
    QSignalSpy done(&engine, &SyncEngine::cycleFinished);
    QSignalSpy changes(store.worker, &StoreWorker::changeSetCommitted);
    engine.runOnce(store.state);
    QVERIFY(done.wait(120000));
    const SyncOutcome outcome = done.first().first().value<SyncOutcome>();
    QVERIFY2(outcome.ok(), qPrintable(outcome.message));
    bool announced = false;
    for (const QList<QVariant> &signal : std::as_const(changes))
        announced =
            announced || signal.first().value<ChangeSet>().removedRequestIds.contains(deleted);
    QVERIFY2(announced, "the removal reaches the models as a change set");

    auto cache = CacheStore::open(m_cache, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
    QVERIFY(cache);
    QVERIFY(!cache->request(deleted));
    QCOMPARE(cache->requestCount().valueOr(-1), before - 1);
}

void TestRtSyncEngine::cli_syncAndDecideWithConnectorRt()
{
#ifndef ESCALATION_CLI_EXE
    QSKIP("escalation-desk-cli is not part of this build");
#else
    // The CLI reads the rt/ group from the app's settings and the token from
    // the environment; this settings folder is the test's own.
    QTemporaryDir config;
    QVERIFY(config.isValid());
    QVERIFY(QDir().mkpath(config.filePath(u"EscalationDesk"_s)));
    // The user's own calendar, matching the SLA of the escalations queue
    // (provision-rt.sh), in a folder of their own: list computes the review
    // deadlines on it, as the desk does, so they agree with RT's Due.
    const QString calendars = config.filePath(u"my-calendars"_s);
    QVERIFY(QDir().mkpath(calendars));
    {
        QFile calendar(calendars + u"/rt-sla.json"_s);
        QVERIFY(calendar.open(QIODevice::WriteOnly));
        calendar.write(R"({"name": "RT SLA", "timeZone": "America/New_York",
            "week": {"monday": ["08:00-18:00"], "tuesday": ["08:00-18:00"],
                     "wednesday": ["08:00-18:00"], "thursday": ["08:00-18:00"],
                     "friday": ["08:00-17:00"], "saturday": [], "sunday": []},
            "holidays": []})");
    }
    {
        QFile ini(config.filePath(u"EscalationDesk/escalation-desk.conf"_s));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[rt]\ncalendar=rt-sla\nauth=token\n[calendars]\ndirectory=" + calendars.toUtf8()
                  + "\n");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CONFIG_HOME"_s, config.path());
    env.insert(u"ESCALATION_DESK_TOKEN"_s, m_settings.secret);
    const QString db = m_tmp.filePath(u"cli-rt.sqlite"_s);
    auto cli = [&](const QStringList &args, QString *out, QString *err) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ESCALATION_CLI_EXE), args);
        if (!p.waitForFinished(180000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        *out = QString::fromUtf8(p.readAllStandardOutput());
        *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    };
    QString out, err;
    const QString url = m_settings.baseUrl.toString();
    QCOMPARE(
        cli({u"sync"_s, u"--connector"_s, u"rt"_s, u"--portal"_s, url, u"--db"_s, db, u"--once"_s},
            &out, &err),
        0);
    QVERIFY2(out.contains(u"cursor rt1:"_s), qPrintable(out + err));
    {
        auto cache = CacheStore::open(db, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
        QVERIFY(cache);
        QCOMPARE(cache->requestCount().valueOr(-1), SeedEscalations);
    }
    // list --json carries RT's Due beside the app's review deadline.
    QCOMPARE(cli({u"list"_s, u"--json"_s, u"--db"_s, db}, &out, &err), 0);
    const QJsonArray listed = QJsonDocument::fromJson(out.toUtf8()).array();
    QVERIFY(!listed.isEmpty());
    for (const QJsonValue &v : listed) {
        const QJsonObject row = v.toObject();
        QVERIFY2(row.value(u"externalDueAt"_s).toString().endsWith(u'Z'),
                 qPrintable(out.left(400)));
        QVERIFY(row.value(u"reviewDueAt"_s).toString().endsWith(u'Z'));
        QCOMPARE(row.value(u"calendar"_s).toString(), u"rt-sla"_s);
        QVERIFY2(!row.value(u"calendarFallback"_s).toBool(), qPrintable(err));
        const QDateTime appDue =
            QDateTime::fromString(row.value(u"reviewDueAt"_s).toString(), Qt::ISODate);
        const QDateTime rtDue =
            QDateTime::fromString(row.value(u"externalDueAt"_s).toString(), Qt::ISODate);
        QVERIFY2(qAbs(appDue.secsTo(rtDue)) <= 60,
                 qPrintable(row.value(u"id"_s).toString() + u": app "_s
                            + appDue.toString(Qt::ISODate) + u", RT "_s
                            + rtDue.toString(Qt::ISODate)));
    }

    // A cache filled from RT refuses to continue from the native portal.
    QCOMPARE(cli({u"sync"_s, u"--connector"_s, u"native"_s, u"--portal"_s, url, u"--db"_s, db,
                  u"--once"_s},
                 &out, &err),
             2);
    QVERIFY2(err.contains(u"rt"_s), qPrintable(err));
    QCOMPARE(cli({u"sync"_s, u"--connector"_s, u"jira"_s, u"--portal"_s, url, u"--db"_s, db}, &out,
                 &err),
             2);
    QVERIFY2(err.contains(u"jira"_s), qPrintable(err));

    // decide pushes to the backend the cache remembers, without --connector.
    QString id;
    {
        auto cache = CacheStore::open(db, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
        for (const EscalationRequest &r :
             cache->loadActiveQueue().valueOr(QueueSnapshot()).requests) {
            if (r.state == RequestState::Pending && !m_used.contains(r.id)) {
                id = r.id;
                break;
            }
        }
    }
    QVERIFY(!id.isEmpty());
    m_used << id;
    QCOMPARE(cli({u"decide"_s, id, u"decline"_s, u"--text"_s, u"Standard triage applies."_s,
                  u"--db"_s, db},
                 &out, &err),
             0);
    QVERIFY2(out.contains(u"delivered"_s), qPrintable(out + err));
    QCOMPARE(rtStatus(id), m_settings.declineStatus);

    // Closed in RT after this cache saw it: the decision is kept as a
    // conflict, with its own exit status.
    QString closed;
    {
        auto cache = CacheStore::open(db, nullptr, nullptr, CacheStore::OpenMode::ReadOnly);
        for (const EscalationRequest &r :
             cache->loadActiveQueue().valueOr(QueueSnapshot()).requests) {
            if (r.state == RequestState::Pending && !m_used.contains(r.id)) {
                closed = r.id;
                break;
            }
        }
    }
    QVERIFY(!closed.isEmpty());
    m_used << closed;
    QVERIFY(
        rest("PUT", u"/ticket/"_s + closed, {}, QJsonObject {{u"Status"_s, u"resolved"_s}}).ok());
    QCOMPARE(
        cli({u"decide"_s, closed, u"accept"_s, u"--text"_s, u"Plan."_s, u"--db"_s, db}, &out, &err),
        5);
    QVERIFY2(err.contains(u"conflict"_s), qPrintable(err));
    QCOMPARE(rtStatus(closed), u"resolved"_s);
#endif
}

QTEST_GUILESS_MAIN(TestRtSyncEngine)
#include "tst_rtsyncengine.moc"

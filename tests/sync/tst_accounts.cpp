// The desk's side of user accounts against a scripted network: 401 is a
// sign-in problem and 403 a refused permission (an outbox entry refused
// for good, never retried); GET /me and a request's history read and
// checked; a history cached for offline reading through HistorySync.

#include "fakenetwork.h"

#include <accountparser.h>
#include <cachestore.h>
#include <historysync.h>
#include <nativeconnector.h>
#include <outbox.h>
#include <portalclient.h>
#include <storeworker.h>
#include <storeworkerthread.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace {

PortalSettings fastSettings()
{
    PortalSettings s;
    s.baseUrl = QUrl(u"http://127.0.0.1:9/"_s);
    s.token = u"esk_dana"_s;
    s.backoffBase = milliseconds(5);
    s.backoffCap = milliseconds(20);
    s.maxAttempts = 4;
    return s;
}

const QByteArray kForbidden = "{\"error\":\"forbidden\",\"message\":\"A team lead cannot decide "
                              "requests.\",\"details\":{\"permission\":\"decide\",\"role\":"
                              "\"team_lead\"}}";

const QByteArray kHistory = R"({"requestId":"E-1042","entries":[
 {"at":"2026-12-01T14:03:11.000Z","action":"raise","actor":{"id":"","name":"Priya Raman","role":""},"text":"Certificate expires Friday."},
 {"at":"2026-12-01T14:20:00Z","action":"take_ownership","actor":{"id":"u-2","name":"Dana Whitfield","role":"escalation_manager"},"text":""},
 {"at":"2026-12-01T14:30:00Z","action":"accept","actor":{"id":"u-2","name":"Dana Whitfield","role":"escalation_manager"},"text":"Engineering joins at 15:00.","result":"applied"},
 {"at":"2026-12-01T14:31:00Z","action":"decline","actor":{"id":"u-5","name":"Ruth Adeyemi","role":"team_lead"},"text":"A team lead cannot decide requests.","result":"refused"}
]})";

ConnectorResult waitFor(ConnectorCall *call)
{
    QSignalSpy spy(call, &ConnectorCall::finished);
    if (!spy.wait(30000)) {
        ConnectorResult none;
        none.error = TransportError::Canceled;
        none.message = u"no answer within 30 s"_s;
        return none;
    }
    return spy.first().first().value<ConnectorResult>();
}

} // namespace

class TestAccounts final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<Escalation::ConnectorResult>();
    }

    void forbidden_isNotUnauthorizedAndNotRetried()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(403, kForbidden)});
        PortalClient client(fastSettings(), &nam);
        QSignalSpy unauthorized(&client, &PortalClient::unauthorized);
        PortalJob *job = client.get(u"/changes"_s);
        QSignalSpy finished(job, &PortalJob::finished);
        QVERIFY(finished.wait(30000));
        const PortalResult r = finished.first().first().value<PortalResult>();
        QCOMPARE(r.error, TransportError::Forbidden);
        QCOMPARE(r.attempts, 1);
        QVERIFY(!r.isTransient());
        // The portal's reason, and no advice to fix a token that is fine.
        QVERIFY2(r.message.contains(u"A team lead cannot decide requests."_s),
                 qPrintable(r.message));
        QVERIFY(!r.message.contains(u"ESCALATION_DESK_TOKEN"_s));
        QCOMPARE(unauthorized.size(), 0);
        QCOMPARE(r.errorBody->details.value(u"permission"_s).toString(), u"decide"_s);
    }

    void push403_isRefusedKeptAndNeverRetried()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(403, kForbidden)});
        PortalClient client(fastSettings(), &nam);
        StoreWorkerThread store(m_dir.filePath(u"outbox-%1.db"_s.arg(++m_counter)));
        QVERIFY2(store.ok, qPrintable(store.error));
        OutboxOptions options;
        options.retryBase = milliseconds(10);
        options.retryCap = milliseconds(20);
        Outbox outbox(&client, store.worker, options);
        QSignalSpy refused(&outbox, &Outbox::refused);
        QSignalSpy rejected(&outbox, &Outbox::rejected);
        QSignalSpy failed(&outbox, &Outbox::deliveryFailed);
        outbox.start();
        QTRY_VERIFY_WITH_TIMEOUT(outbox.isLoaded(), 30000);
        outbox.submit(u"E-1042"_s, OutboxAction::Decline, u"Not now."_s, u"Sam Ortiz"_s, 4);
        QVERIFY(refused.wait(30000));
        const OutboxEntry entry = refused.first().first().value<OutboxEntry>();
        QCOMPARE(entry.status, OutboxStatus::Refused);
        QVERIFY(entry.lastError.contains(u"A team lead cannot decide requests."_s));
        QCOMPARE(rejected.size(), 0);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(outbox.pendingCount(), 0);
        // The body no longer names an actor: the portal records the token's user.
        const QJsonObject body = QJsonDocument::fromJson(nam.requests.first().body).object();
        QVERIFY(!body.contains(u"actor"_s));
        QCOMPARE(body.value(u"action"_s).toString(), u"decline"_s);

        // A push round after it, and a restart, send nothing again.
        outbox.pushNow();
        QTRY_VERIFY_WITH_TIMEOUT(outbox.isIdle(), 30000);
        QCOMPARE(nam.requests.size(), 1);
        const auto stored = store.worker->loadOutbox().takeResult();
        QVERIFY(stored);
        QCOMPARE(stored->size(), 1);
        QCOMPARE(stored->first().status, OutboxStatus::Refused);
        QCOMPARE(toCode(OutboxStatus::Refused), u"refused"_s);
    }

    void whoAmI_readsTheUser_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("known");
        QTest::addColumn<bool>("unsupported");
        QTest::addColumn<TransportError>("error");
        QTest::newRow("manager")
            << 200
            << QByteArray(
                   R"({"user":{"id":"u-2","name":"Dana Whitfield","role":"escalation_manager","team":"Platform Support"}})")
            << true << false << TransportError::None;
        QTest::newRow("unknown role is not guessed")
            << 200 << QByteArray(R"({"user":{"id":"u-9","name":"X","role":"superuser"}})") << false
            << false << TransportError::Client;
        QTest::newRow("no name") << 200 << QByteArray(R"({"user":{"id":"u-9","role":"admin"}})")
                                 << false << false << TransportError::Client;
        QTest::newRow("not json") << 200 << QByteArray("<html/>") << false << false
                                  << TransportError::Client;
        QTest::newRow("portal before accounts")
            << 404 << QByteArray(R"({"error":{"code":"not_found","message":"no"}})") << false
            << true << TransportError::Client;
        QTest::newRow("bad token")
            << 401 << QByteArray(R"({"error":"unauthorized","message":"no"})") << false << false
            << TransportError::Unauthorized;
    }

    void whoAmI_readsTheUser()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, known);
        QFETCH(bool, unsupported);
        QFETCH(TransportError, error);
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::json(status, body)});
        PortalClient client(fastSettings(), &nam);
        NativeConnector connector(&client);
        const ConnectorResult r = waitFor(connector.whoAmI());
        QCOMPARE(nam.requests.first().url.path(), u"/api/v1/me"_s);
        QCOMPARE(r.error, error);
        QCOMPARE(r.identity.has_value(), known);
        QCOMPARE(r.identityUnsupported, unsupported);
        if (known) {
            QCOMPARE(r.identity->name, u"Dana Whitfield"_s);
            QCOMPARE(r.identity->role, UserRole::EscalationManager);
            QCOMPARE(r.identity->team, u"Platform Support"_s);
        }
    }

    void history_parsedOldestFirstAndBadEntriesLeftOut()
    {
        QByteArray body = kHistory;
        body.replace(
            "]}",
            R"(,{"at":"never","action":"note","actor":{"name":"?"}},{"at":"2026-12-01T15:00:00Z","action":5}]})");
        QString why;
        const auto history = parseHistoryAnswer(body, &why);
        QVERIFY2(history, qPrintable(why));
        QCOMPARE(history->entries.size(), 4);
        QCOMPARE(history->entries[0].action, u"raise"_s);
        QCOMPARE(history->entries[0].actorName, u"Priya Raman"_s);
        QVERIFY(!history->entries[0].refused); // no "result": an applied write
        QCOMPARE(history->entries[2].text, u"Engineering joins at 15:00."_s);
        QCOMPARE(history->entries[2].actorRole, u"escalation_manager"_s);
        QVERIFY(!history->entries[2].refused);
        QCOMPARE(history->entries[3].action, u"decline"_s);
        QVERIFY(history->entries[3].refused);
        QVERIFY(!parseHistoryAnswer("{\"entries\":5}", &why));
        QVERIFY(!parseHistoryAnswer("[]", &why));
    }

    void historySync_cachesTheTimelineForOfflineReading()
    {
        FakeNetworkAccessManager nam;
        nam.setHandler([](const RecordedRequest &r, int) {
            if (r.url.path().endsWith(u"/history"_s))
                return FakeAnswer::json(200, kHistory);
            return FakeAnswer::fail(QNetworkReply::ConnectionRefusedError);
        });
        PortalClient client(fastSettings(), &nam);
        NativeConnector connector(&client);
        const QString path = m_dir.filePath(u"history-%1.db"_s.arg(++m_counter));
        {
            StoreWorkerThread store(path);
            QVERIFY2(store.ok, qPrintable(store.error));
            HistorySync sync(&connector, store.worker);
            QSignalSpy updated(&sync, &HistorySync::updated);
            sync.refresh(u"E-1042"_s);
            QVERIFY(updated.wait(30000));
            QCOMPARE(updated.first().first().toString(), u"E-1042"_s);
            QCOMPARE(nam.requests.first().url.path(), u"/api/v1/requests/E-1042/history"_s);
        }
        // Offline the next day: the cache still tells the story.
        StoreError error;
        auto store = CacheStore::open(path, nullptr, &error, CacheStore::OpenMode::ReadOnly);
        QVERIFY2(store, qPrintable(error.message));
        const auto cached = store->requestHistory(u"E-1042"_s);
        QVERIFY(cached);
        QCOMPARE(cached->entries.size(), 4);
        QCOMPARE(cached->entries[1].action, u"take_ownership"_s);
        QVERIFY(cached->fetchedAt.isValid());
    }

    void historySync_offline_reportsFailureAndKeepsTheCache()
    {
        FakeNetworkAccessManager nam;
        nam.script({FakeAnswer::fail(QNetworkReply::ConnectionRefusedError)});
        PortalSettings settings = fastSettings();
        settings.maxAttempts = 1;
        PortalClient client(settings, &nam);
        NativeConnector connector(&client);
        StoreWorkerThread store(m_dir.filePath(u"history-%1.db"_s.arg(++m_counter)));
        QVERIFY2(store.ok, qPrintable(store.error));
        HistorySync sync(&connector, store.worker);
        QSignalSpy failed(&sync, &HistorySync::failed);
        QSignalSpy updated(&sync, &HistorySync::updated);
        sync.refresh(u"E-1042"_s);
        QVERIFY(failed.wait(30000));
        QCOMPARE(updated.size(), 0);
        QVERIFY(!failed.first().at(1).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"

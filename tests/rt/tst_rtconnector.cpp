// Integration tests of the Request Tracker connector against a real RT 5
// that tests/rt/provision-rt.sh starts on loopback and seed-rt.sh fills
// through REST 2: first sync of a few hundred escalation tickets, an update
// in RT seen by the next incremental sync, decisions written back as replies
// with the right status, a retried decision applied once, RT down and back.

#include "rtconnector.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

constexpr int SeedCases = 100;
constexpr int SeedEscalations = 300;

QString scriptsDir()
{
    return QStringLiteral(RT_SCRIPTS_DIR);
}

struct ScriptRun {
    int exitCode = -1;
    QString out;
    QString err;
};

ScriptRun runScript(const QString &script, const QStringList &args, const QProcessEnvironment &env,
                    int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(u"bash"_s, QStringList {scriptsDir() + u'/' + script} + args);
    ScriptRun r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = u"%1 %2 did not finish within %3 s"_s.arg(script, args.join(u' '))
                    .arg(timeoutMs / 1000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

ConnectorResult waitFor(ConnectorCall *call, int timeoutMs = 120000)
{
    ConnectorResult result;
    result.error = PortalError::Timeout;
    result.message = u"test timed out"_s;
    QEventLoop loop;
    QObject::connect(call, &ConnectorCall::finished, &loop, [&](const ConnectorResult &r) {
        result = r;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return result;
}

} // namespace

class TestRtConnector final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void firstSync_deliversEverySeededEscalationWithItsCase();
    void firstSync_carriesRtDueFromTheQueueSla();
    void incrementalSync_bringsAnUpdateMadeInRt();
    void decision_appearsInRtAsReplyWithStatus_data();
    void decision_appearsInRtAsReplyWithStatus();
    void retriedDecision_isAppliedOnce();
    void decisionOnDecidedTicket_isAConflict();
    void note_appearsAsCommentAndSyncsBackAsNote();
    void rtDownAndBack_failsTransientlyThenRecovers();

private:
    struct Sync {
        QList<Case> cases;
        QList<EscalationRequest> requests;
        QString cursor;
        int pages = 0;
        qsizetype skipped = 0;
    };
    Sync syncFrom(const QString &cursor);
    RtReply rest(const QByteArray &verb, const QString &path, const QUrlQuery &query = {},
                 const QJsonValue &body = QJsonValue());
    OutboxEntry entry(const QString &requestId, OutboxAction action, const QString &text);
    int markerCount(const QString &ticketId, const QString &key);
    QString pendingRequestId();

    QProcessEnvironment m_env;
    QString m_dir;
    RtSettings m_settings;
    std::unique_ptr<RtConnector> m_connector;
    QString m_cursor;
    QList<EscalationRequest> m_firstRequests;
    QStringList m_used; // requests a test already decided
};

void TestRtConnector::initTestCase()
{
    m_env = QProcessEnvironment::systemEnvironment();
    const ScriptRun check = runScript(u"provision-rt.sh"_s, {u"check"_s}, m_env, 30000);
    if (check.exitCode != 0)
        QSKIP(qPrintable(u"Request Tracker is not installed here: "_s + check.out.trimmed()
                         + u" (see docs/request-tracker.md)"_s));

    // A RAM-backed folder makes RT's SQLite commits cheap.
    if (QFileInfo(u"/dev/shm"_s).isWritable())
        m_env.insert(u"TMPDIR"_s, u"/dev/shm"_s);
    QElapsedTimer clock;
    clock.start();
    const ScriptRun started = runScript(u"provision-rt.sh"_s, {u"start"_s}, m_env, 180000);
    QVERIFY2(started.exitCode == 0, qPrintable(started.err));
    static const QRegularExpression line(u"^([A-Z_]+)=(.*)$"_s,
                                         QRegularExpression::MultilineOption);
    for (auto it = line.globalMatch(started.out); it.hasNext();) {
        const auto m = it.next();
        QString value = m.captured(2);
        if (value.startsWith(u'\'') && value.endsWith(u'\''))
            value = value.mid(1, value.size() - 2);
        m_env.insert(m.captured(1), value);
    }
    m_dir = m_env.value(u"RT_DIR"_s);
    QVERIFY(!m_dir.isEmpty());
    qInfo("RT provisioned in %lld ms", qint64(clock.restart()));

    const ScriptRun seeded = runScript(u"seed-rt.sh"_s,
                                       {u"--cases"_s, QString::number(SeedCases),
                                        u"--escalations"_s, QString::number(SeedEscalations)},
                                       m_env, 360000);
    QVERIFY2(seeded.exitCode == 0, qPrintable(seeded.err));
    qInfo("seeded %d cases and %d escalations in %lld ms (%s)", SeedCases, SeedEscalations,
          qint64(clock.elapsed()), qPrintable(seeded.out.trimmed()));

    m_settings.baseUrl = QUrl(m_env.value(u"RT_URL"_s));
    m_settings.auth = RtSettings::Auth::Token;
    m_settings.secret = m_env.value(u"RT_TOKEN"_s);
    m_settings.calendarId = u"americas"_s;
    m_settings.maxAttempts = 2;
    m_settings.backoffBase = std::chrono::milliseconds(100);
    m_settings.backoffCap = std::chrono::milliseconds(300);
    m_settings.transferTimeout = std::chrono::seconds(60);
    QVERIFY2(m_settings.validate().isEmpty(), qPrintable(m_settings.validate().join(u' ')));
    m_connector = std::make_unique<RtConnector>(m_settings);
}

void TestRtConnector::cleanupTestCase()
{
    m_connector.reset();
    if (!m_dir.isEmpty()) {
        const ScriptRun stopped = runScript(u"provision-rt.sh"_s, {u"stop"_s, m_dir}, m_env, 60000);
        QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.err));
    }
}

TestRtConnector::Sync TestRtConnector::syncFrom(const QString &cursor)
{
    Sync s;
    s.cursor = cursor;
    for (;;) {
        FetchOptions options;
        options.pageSize = 100;
        const ConnectorResult r = waitFor(m_connector->fetchChanges(s.cursor, options));
        if (!r.ok() || !r.page.ok) {
            qWarning("fetch failed: %s", qPrintable(r.message));
            s.pages = -1;
            return s;
        }
        ++s.pages;
        s.cases += r.page.page.cases;
        s.requests += r.page.page.requests;
        s.skipped += r.page.skipped.size();
        if (r.page.page.cursor.isEmpty()
            || (r.page.page.hasMore && r.page.page.cursor == s.cursor)) {
            qWarning("cursor did not advance past %s", qPrintable(s.cursor));
            s.pages = -1;
            return s;
        }
        s.cursor = r.page.page.cursor;
        if (!r.page.page.hasMore)
            return s;
    }
}

RtReply TestRtConnector::rest(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                              const QJsonValue &body)
{
    RtReply reply;
    reply.error = PortalError::Timeout;
    QEventLoop loop;
    QObject context;
    QByteArray json;
    if (body.isObject())
        json = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        json = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    m_connector->client()->request(verb, path, query, json, &context, [&](const RtReply &r) {
        reply = r;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    return reply;
}

OutboxEntry TestRtConnector::entry(const QString &requestId, OutboxAction action,
                                   const QString &text)
{
    OutboxEntry e;
    e.localId = 1;
    e.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.requestId = requestId;
    e.action = action;
    e.text = text;
    e.actor = u"Dana Manager"_s;
    e.createdAt = QDateTime::currentDateTimeUtc();
    return e;
}

int TestRtConnector::markerCount(const QString &ticketId, const QString &key)
{
    // Independently of the connector: every reply and comment of the ticket.
    const QJsonArray conditions {
        QJsonObject {{u"field"_s, u"ObjectType"_s}, {u"value"_s, u"RT::Ticket"_s}},
        QJsonObject {{u"field"_s, u"ObjectId"_s}, {u"value"_s, ticketId}},
        QJsonObject {{u"field"_s, u"Type"_s},
                     {u"operator"_s, u"IN"_s},
                     {u"value"_s, QJsonArray {u"Correspond"_s, u"Comment"_s}}},
    };
    QUrlQuery q;
    q.addQueryItem(u"per_page"_s, u"100"_s);
    const RtReply txns = rest("POST", u"/transactions"_s, q, conditions);
    if (!txns.ok())
        return -1;
    QJsonArray ids;
    const QJsonArray items =
        QJsonDocument::fromJson(txns.body).object().value(u"items"_s).toArray();
    for (const QJsonValue &v : items)
        ids.append(v.toObject().value(u"id"_s).toString().toDouble());
    if (ids.isEmpty())
        return 0;
    QUrlQuery aq;
    aq.addQueryItem(u"per_page"_s, u"100"_s);
    aq.addQueryItem(u"fields"_s, u"TransactionId,ContentType,Content"_s);
    const RtReply atts =
        rest("POST", u"/attachments"_s, aq,
             QJsonArray {QJsonObject {
                 {u"field"_s, u"TransactionId"_s}, {u"operator"_s, u"IN"_s}, {u"value"_s, ids}}});
    if (!atts.ok())
        return -1;
    int count = 0;
    const QJsonArray attItems =
        QJsonDocument::fromJson(atts.body).object().value(u"items"_s).toArray();
    for (const QJsonValue &v : attItems) {
        const QJsonObject o = v.toObject();
        if (o.value(u"ContentType"_s).toString() == u"text/plain"_s
            && o.value(u"Content"_s).toString().contains(rtMarkerNeedle(key)))
            ++count;
    }
    return count;
}

QString TestRtConnector::pendingRequestId()
{
    for (const EscalationRequest &r : std::as_const(m_firstRequests)) {
        if (r.state == RequestState::Pending && !m_used.contains(r.id)) {
            m_used << r.id;
            return r.id;
        }
    }
    return {};
}

void TestRtConnector::firstSync_deliversEverySeededEscalationWithItsCase()
{
    QElapsedTimer clock;
    clock.start();
    const Sync s = syncFrom(u"0"_s);
    QVERIFY(s.pages > 0);
    qInfo("first sync: %d pages, %lld requests, %lld cases in %lld ms", s.pages,
          qint64(s.requests.size()), qint64(s.cases.size()), qint64(clock.elapsed()));
    QCOMPARE(s.skipped, 0);
    QHash<QString, EscalationRequest> requests;
    for (const EscalationRequest &r : s.requests)
        requests.insert(r.id, r);
    QCOMPARE(requests.size(), SeedEscalations);
    QSet<QString> caseIds;
    for (const Case &c : s.cases)
        caseIds.insert(c.id);
    QCOMPARE(caseIds.size(), SeedCases);
    QVERIFY(s.pages >= SeedEscalations / 100);

    int reEscalations = 0;
    for (const EscalationRequest &r : std::as_const(requests)) {
        QVERIFY2(caseIds.contains(r.caseId), qPrintable(r.id));
        QVERIFY(r.level >= 1 && r.level <= 3);
        QVERIFY(r.summary.contains(u"level %1"_s.arg(r.level)));
        QVERIFY(r.requestedBy.endsWith(u".example"_s));
        QCOMPARE(r.calendarId, u"americas"_s);
        if (r.level > 1) {
            ++reEscalations;
            QVERIFY2(requests.contains(r.previousRequestId), qPrintable(r.id));
            QCOMPARE(requests.value(r.previousRequestId).level, r.level - 1);
            QCOMPARE(requests.value(r.previousRequestId).caseId, r.caseId);
            QCOMPARE(requests.value(r.previousRequestId).state, RequestState::Superseded);
        }
    }
    QCOMPARE(reEscalations, SeedEscalations - SeedCases);
    for (const Case &c : s.cases) {
        QVERIFY(!c.account.isEmpty());
        QVERIFY(c.severity != Severity::S1);
    }
    m_cursor = s.cursor;
    m_firstRequests = s.requests;
}

void TestRtConnector::firstSync_carriesRtDueFromTheQueueSla()
{
    QVERIFY(!m_firstRequests.isEmpty());
    for (const EscalationRequest &r : std::as_const(m_firstRequests)) {
        QVERIFY2(r.externalDueAt.isValid(), qPrintable(r.id));
        // 4 business hours on a 08:00-18:00 New York week: never sooner than
        // 4 real hours, never later than a long weekend away.
        QVERIFY(r.externalDueAt >= r.requestedAt.addSecs(4 * 3600));
        QVERIFY(r.externalDueAt <= r.requestedAt.addDays(5));
    }
}

void TestRtConnector::incrementalSync_bringsAnUpdateMadeInRt()
{
    QVERIFY(!m_cursor.isEmpty());
    const QString id = pendingRequestId();
    QVERIFY(!id.isEmpty());
    QTest::qWait(2500); // past the cursor's safety margin, so the first sync's tickets fall out
    const RtReply changed =
        rest("PUT", u"/ticket/"_s + id, {},
             QJsonObject {{u"CustomFields"_s, QJsonObject {{m_settings.cfLevel, u"4"_s}}},
                          {u"Subject"_s, u"Changed in RT"_s}});
    QVERIFY2(changed.ok(), qPrintable(changed.message));

    const Sync s = syncFrom(m_cursor);
    QVERIFY(s.pages > 0);
    auto it = std::find_if(s.requests.cbegin(), s.requests.cend(),
                           [&](const EscalationRequest &r) { return r.id == id; });
    QVERIFY2(it != s.requests.cend(), "the changed ticket did not come with the incremental sync");
    QCOMPARE(it->level, 4);
    QVERIFY2(s.requests.size() < SeedEscalations / 2,
             "an incremental sync must not repeat the first");
    m_cursor = s.cursor;
}

void TestRtConnector::decision_appearsInRtAsReplyWithStatus_data()
{
    QTest::addColumn<OutboxAction>("action");
    QTest::addColumn<QString>("status");
    QTest::addColumn<RequestState>("state");
    QTest::newRow("accept") << OutboxAction::Accept << u"resolved"_s << RequestState::Accepted;
    QTest::newRow("decline") << OutboxAction::Decline << u"rejected"_s << RequestState::Declined;
}

void TestRtConnector::decision_appearsInRtAsReplyWithStatus()
{
    QFETCH(OutboxAction, action);
    QFETCH(QString, status);
    QFETCH(RequestState, state);
    const QString id = pendingRequestId();
    QVERIFY(!id.isEmpty());
    const QString text = u"Plan of action for %1: patch on Monday, daily updates."_s.arg(id);
    const OutboxEntry e = entry(id, action, text);
    const ConnectorResult r = waitFor(m_connector->push(e, {}));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.push, ConnectorResult::PushOutcome::Delivered);
    QVERIFY(r.request);
    QCOMPARE(r.request->state, state);
    QVERIFY(r.request->decision);
    QCOMPARE(r.request->decision->text, text);
    QCOMPARE(r.request->decision->by, e.actor);

    // In RT itself: the status, and the reply text in the ticket's history.
    const RtReply ticket = rest("GET", u"/ticket/"_s + id);
    QVERIFY(ticket.ok());
    QCOMPARE(QJsonDocument::fromJson(ticket.body).object().value(u"Status"_s).toString(), status);
    QCOMPARE(markerCount(id, e.idempotencyKey), 1);
    const RtReply history = rest("GET", u"/ticket/%1/history"_s.arg(id),
                                 QUrlQuery {{u"per_page"_s, u"100"_s}, {u"fields"_s, u"Type"_s}});
    QVERIFY(history.ok());
    QVERIFY(history.body.contains("\"Correspond\""));
}

void TestRtConnector::retriedDecision_isAppliedOnce()
{
    const QString id = pendingRequestId();
    QVERIFY(!id.isEmpty());
    const OutboxEntry e = entry(id, OutboxAction::Accept, u"We will send an engineer on site."_s);
    const ConnectorResult first = waitFor(m_connector->push(e, {}));
    QCOMPARE(first.push, ConnectorResult::PushOutcome::Delivered);
    // The same entry again, as after a lost answer or a restart.
    const ConnectorResult again = waitFor(m_connector->push(e, {}));
    QVERIFY2(again.ok(), qPrintable(again.message));
    QCOMPARE(again.push, ConnectorResult::PushOutcome::Delivered);
    QCOMPARE(again.request->state, RequestState::Accepted);
    QCOMPARE(markerCount(id, e.idempotencyKey), 1);
}

void TestRtConnector::decisionOnDecidedTicket_isAConflict()
{
    const QString id = pendingRequestId();
    QVERIFY(!id.isEmpty());
    QCOMPARE(
        waitFor(m_connector->push(entry(id, OutboxAction::Accept, u"Accepted first."_s), {})).push,
        ConnectorResult::PushOutcome::Delivered);
    const OutboxEntry late = entry(id, OutboxAction::Decline, u"Declined later."_s);
    const ConnectorResult r = waitFor(m_connector->push(late, {}));
    QCOMPARE(r.push, ConnectorResult::PushOutcome::Conflict);
    QVERIFY(!r.conflictJson.isEmpty());
    QCOMPARE(markerCount(id, late.idempotencyKey), 0);
}

void TestRtConnector::note_appearsAsCommentAndSyncsBackAsNote()
{
    const QString id = pendingRequestId();
    QVERIFY(!id.isEmpty());
    const OutboxEntry e =
        entry(id, OutboxAction::AddNote, u"Called the customer, waiting for logs."_s);
    const ConnectorResult r = waitFor(m_connector->push(e, {}));
    QCOMPARE(r.push, ConnectorResult::PushOutcome::Delivered);
    QVERIFY(r.request);
    QCOMPARE(r.request->state, RequestState::Pending); // a comment decides nothing
    QCOMPARE(r.request->notes.size(), 1);
    QCOMPARE(r.request->notes.first().text, e.text);
    QCOMPARE(r.request->notes.first().author, e.actor);
    QCOMPARE(markerCount(id, e.idempotencyKey), 1);
}

void TestRtConnector::rtDownAndBack_failsTransientlyThenRecovers()
{
    const QString id = pendingRequestId();
    QVERIFY(!id.isEmpty());
    const ScriptRun stopped =
        runScript(u"provision-rt.sh"_s, {u"stop"_s, m_dir, u"--keep"_s}, m_env, 60000);
    QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.err));

    FetchOptions options;
    options.pageSize = 100;
    const ConnectorResult down = waitFor(m_connector->fetchChanges(m_cursor, options));
    QCOMPARE(down.error, PortalError::Network);
    QVERIFY(down.isTransient());
    QVERIFY(!down.message.isEmpty());
    const OutboxEntry e =
        entry(id, OutboxAction::Decline, u"Not an escalation: standard triage applies."_s);
    const ConnectorResult pushDown = waitFor(m_connector->push(e, {}));
    QCOMPARE(pushDown.push, ConnectorResult::PushOutcome::Failed);
    QVERIFY(pushDown.isTransient());

    const ScriptRun served = runScript(u"provision-rt.sh"_s, {u"serve"_s, m_dir}, m_env, 120000);
    QVERIFY2(served.exitCode == 0, qPrintable(served.err));
    const Sync s = syncFrom(m_cursor);
    QVERIFY2(s.pages > 0, "sync after RT came back failed");
    const ConnectorResult pushed = waitFor(m_connector->push(e, {}));
    QCOMPARE(pushed.push, ConnectorResult::PushOutcome::Delivered);
    QCOMPARE(pushed.request->state, RequestState::Declined);
    QCOMPARE(markerCount(id, e.idempotencyKey), 1);
}

QTEST_GUILESS_MAIN(TestRtConnector)
#include "tst_rtconnector.moc"

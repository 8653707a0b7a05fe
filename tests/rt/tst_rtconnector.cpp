// Integration tests of the Request Tracker connector against a real RT 5
// that tests/rt/provision-rt.sh starts on loopback and seed-rt.sh fills
// through REST 2: first sync of a few hundred escalation tickets, an update
// in RT seen by the next incremental sync, decisions written back as replies
// with the right status, a retried decision applied once, RT down and back.

#include "rtconnector.h"
#include "rtfixture.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

constexpr int SeedCases = 100;
constexpr int SeedEscalations = 300;

ConnectorResult waitFor(ConnectorCall *call, int timeoutMs = 120000)
{
    ConnectorResult result;
    result.error = TransportError::Timeout;
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
    void earlyAcceptance_carriesItsJustification();
    void handOff_isRejectedWithAReason();
    void askRequester_stallsTheTicketUntilResumed();

private:
    struct Sync {
        QList<Case> cases;
        QList<EscalationRequest> requests;
        QString cursor;
        int pages = 0;
        qsizetype skipped = 0;
    };
    Sync syncFrom(const QString &cursor);
    // Straight to RT through the connector's client (tests/rt/rtfixture.h).
    RtReply rest(const QByteArray &verb, const QString &path, const QUrlQuery &query = {},
                 const QJsonValue &body = QJsonValue())
    {
        return RtTest::rest(m_connector->client(), verb, path, query, body);
    }
    OutboxEntry entry(const QString &requestId, OutboxAction action, const QString &text);
    int markerCount(const QString &ticketId, const QString &key)
    {
        return RtTest::markerCount(m_connector->client(), ticketId, key);
    }
    QString pendingRequestId();

    RtTest::Server m_rt;
    RtSettings m_settings;
    std::unique_ptr<RtConnector> m_connector;
    QString m_cursor;
    QList<EscalationRequest> m_firstRequests;
    QStringList m_used; // requests a test already decided
};

void TestRtConnector::initTestCase()
{
    const QString missing = m_rt.notInstalled();
    if (!missing.isEmpty())
        QSKIP(qPrintable(u"Request Tracker is not installed here: "_s + missing
                         + u" (see docs/request-tracker.md)"_s));
    const QString error = m_rt.start(SeedCases, SeedEscalations);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_settings = m_rt.settings();
    QVERIFY2(m_settings.validate().isEmpty(), qPrintable(m_settings.validate().join(u' ')));
    m_connector = std::make_unique<RtConnector>(m_settings);
}

void TestRtConnector::cleanupTestCase()
{
    m_connector.reset();
    const QString error = m_rt.stop();
    QVERIFY2(error.isEmpty(), qPrintable(error));
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
    // Past the cursor's safety margin, so the first sync's tickets fall out.
    // Time must pass here; a busy machine only lets more of it pass.
    QTest::qWait(2500);
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

// RT has no field for it: the justification is part of the reply.
void TestRtConnector::earlyAcceptance_carriesItsJustification()
{
    const QString id = pendingRequestId();
    QVERIFY(!id.isEmpty());
    OutboxEntry e = entry(id, OutboxAction::Accept, u"Engineer joins today."_s);
    e.justification = u"Go-live is on Monday."_s;
    const ConnectorResult r = waitFor(m_connector->push(e, {}));
    QCOMPARE(r.push, ConnectorResult::PushOutcome::Delivered);
    QVERIFY(r.request && r.request->decision);
    QVERIFY2(r.request->decision->text.contains(u"Go-live is on Monday."_s),
             qPrintable(r.request->decision->text));
}

// RT knows queues, not the desk's regional teams: the entry is kept as
// rejected with a reason a person can act on, and RT is not touched.
void TestRtConnector::handOff_isRejectedWithAReason()
{
    const QString id = pendingRequestId();
    QVERIFY(!id.isEmpty());
    OutboxEntry e = entry(id, OutboxAction::HandOff, u"Customer is in Sydney."_s);
    e.toTeam = u"APAC Platform"_s;
    const ConnectorResult r = waitFor(m_connector->push(e, {}));
    QCOMPARE(r.push, ConnectorResult::PushOutcome::Rejected);
    QVERIFY2(r.message.contains(u"move it to the other team in RT"_s), qPrintable(r.message));
    QCOMPARE(markerCount(id, e.idempotencyKey), 0);
}

// The question is a reply to the requester that sets the ticket to the
// waiting status; resuming is a comment that sets it open again.
void TestRtConnector::askRequester_stallsTheTicketUntilResumed()
{
    const QString id = pendingRequestId();
    QVERIFY(!id.isEmpty());
    const ConnectorResult asked = waitFor(m_connector->push(
        entry(id, OutboxAction::AskRequester, u"Which nodes fail, and since when?"_s), {}));
    QCOMPARE(asked.push, ConnectorResult::PushOutcome::Delivered);
    QVERIFY(asked.request);
    QCOMPARE(asked.request->state, RequestState::Pending);
    QVERIFY(asked.request->isWaitingOnRequester());
    QCOMPARE(asked.request->waits.constLast().question, u"Which nodes fail, and since when?"_s);
    const ConnectorResult resumed = waitFor(
        m_connector->push(entry(id, OutboxAction::ResumeReview, u"Answered by phone."_s), {}));
    QCOMPARE(resumed.push, ConnectorResult::PushOutcome::Delivered);
    QVERIFY(resumed.request);
    QVERIFY(!resumed.request->isWaitingOnRequester());
    QCOMPARE(resumed.request->waits.constLast().answer, u"Answered by phone."_s);
}

void TestRtConnector::rtDownAndBack_failsTransientlyThenRecovers()
{
    const QString id = pendingRequestId();
    QVERIFY(!id.isEmpty());
    const QString paused = m_rt.pause();
    QVERIFY2(paused.isEmpty(), qPrintable(paused));

    FetchOptions options;
    options.pageSize = 100;
    const ConnectorResult down = waitFor(m_connector->fetchChanges(m_cursor, options));
    QCOMPARE(down.error, TransportError::Network);
    QVERIFY(down.isTransient());
    QVERIFY(!down.message.isEmpty());
    const OutboxEntry e =
        entry(id, OutboxAction::Decline, u"Not an escalation: standard triage applies."_s);
    const ConnectorResult pushDown = waitFor(m_connector->push(e, {}));
    QCOMPARE(pushDown.push, ConnectorResult::PushOutcome::Failed);
    QVERIFY(pushDown.isTransient());

    const QString resumed = m_rt.resume();
    QVERIFY2(resumed.isEmpty(), qPrintable(resumed));
    const Sync s = syncFrom(m_cursor);
    QVERIFY2(s.pages > 0, "sync after RT came back failed");
    const ConnectorResult pushed = waitFor(m_connector->push(e, {}));
    QCOMPARE(pushed.push, ConnectorResult::PushOutcome::Delivered);
    QCOMPARE(pushed.request->state, RequestState::Declined);
    QCOMPARE(markerCount(id, e.idempotencyKey), 1);
}

QTEST_GUILESS_MAIN(TestRtConnector)
#include "tst_rtconnector.moc"

// The RT mapping rules on their own (no RT needed): cursors, lenient select
// values, the idempotency marker, tickets to requests with the reasons a
// ticket is skipped, and RT's Due compared with the app's deadline.

#include "calendarregistry.h"
#include "externaldue.h"
#include "rtmapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

QJsonObject ticket(const QString &level, bool withParent, const QString &status = u"new"_s)
{
    QJsonArray links {QJsonObject {{u"ref"_s, u"self"_s}, {u"type"_s, u"ticket"_s}, {u"id"_s, 42}}};
    if (withParent)
        links.append(
            QJsonObject {{u"ref"_s, u"parent"_s}, {u"type"_s, u"ticket"_s}, {u"id"_s, u"7"_s}});
    return QJsonObject {
        {u"id"_s, u"42"_s},
        {u"Status"_s, status},
        {u"Created"_s, u"2026-03-30T13:00:00Z"_s},
        {u"LastUpdated"_s, u"2026-03-30T14:00:00Z"_s},
        {u"Due"_s, u"2026-03-30T17:00:00Z"_s},
        {u"Owner"_s, QJsonObject {{u"id"_s, u"Nobody"_s}}},
        {u"Requestor"_s, QJsonArray {QJsonObject {{u"id"_s, u"ann@acme.example"_s}}}},
        {u"CustomFields"_s,
         QJsonArray {
             QJsonObject {{u"name"_s, u"Escalation Level"_s}, {u"values"_s, QJsonArray {level}}},
             QJsonObject {{u"name"_s, u"Escalation Reason"_s},
                          {u"values"_s, QJsonArray {u"Time constraint"_s}}}}},
        {u"_hyperlinks"_s, links},
    };
}

} // namespace

class TestRtMapping final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cursor_parsesWhatItWritesAndRefusesOthers_data();
    void cursor_parsesWhatItWritesAndRefusesOthers();
    void reason_acceptsWhatPeopleType_data();
    void reason_acceptsWhatPeopleType();
    void marker_roundTripsAndIsStrippedFromText();
    void ticket_mapsOrIsSkippedWithReason_data();
    void ticket_mapsOrIsSkippedWithReason();
    void decidedTicket_takesLastReplyAsDecision();
    void waits_followTheDesksQuestionsAndTheRequestersReplies();
    void externalDue_agreesOrExplains_data();
    void externalDue_agreesOrExplains();
};

void TestRtMapping::cursor_parsesWhatItWritesAndRefusesOthers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("start") << u"0"_s << true;
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("written") << RtCursor {100, 200, 5}.toString() << true;
    QTest::newRow("native cursor") << u"c-1234"_s << false;
    QTest::newRow("negative") << u"rt1:-1:0:0"_s << false;
    QTest::newRow("short") << u"rt1:1:2"_s << false;
}

void TestRtMapping::cursor_parsesWhatItWritesAndRefusesOthers()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto c = RtCursor::parse(text);
    QCOMPARE(c.has_value(), valid);
    if (c && !text.isEmpty() && text != u"0"_s)
        QCOMPARE(c->toString(), text);
}

void TestRtMapping::reason_acceptsWhatPeopleType_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("reason"); // -1: refused
    QTest::newRow("code") << u"lack_of_updates"_s << int(Reason::LackOfUpdates);
    QTest::newRow("label") << u"Time constraint"_s << int(Reason::TimeConstraint);
    QTest::newRow("dashes") << u"first-response-missed"_s << int(Reason::FirstResponseMissed);
    QTest::newRow("unknown") << u"because"_s << -1;
}

void TestRtMapping::reason_acceptsWhatPeopleType()
{
    QFETCH(QString, value);
    QFETCH(int, reason);
    const auto r = rtReason(value);
    QCOMPARE(r ? int(*r) : -1, reason);
}

void TestRtMapping::marker_roundTripsAndIsStrippedFromText()
{
    OutboxEntry e;
    e.idempotencyKey = u"6f1c-42"_s;
    e.action = OutboxAction::Decline;
    e.actor = u"Dana [ops]"_s;
    e.text = u"Not an escalation."_s;
    const QString body = rtMessageBody(e);
    const auto marker = rtFindMarker(body);
    QVERIFY(marker);
    QCOMPARE(marker->key, e.idempotencyKey);
    QCOMPARE(marker->action, OutboxAction::Decline);
    QCOMPARE(marker->actor, u"Dana ops"_s);
    QCOMPARE(rtStripMarker(body), e.text);
    QVERIFY(body.contains(rtMarkerNeedle(e.idempotencyKey)));
}

void TestRtMapping::ticket_mapsOrIsSkippedWithReason_data()
{
    QTest::addColumn<QString>("level");
    QTest::addColumn<bool>("withParent");
    QTest::addColumn<QString>("why"); // empty: mapped
    QTest::newRow("good") << u"2"_s << true << QString();
    QTest::newRow("no parent") << u"2"_s << false << u"MemberOf"_s;
    QTest::newRow("level 5") << u"5"_s << true << u"Escalation Level"_s;
    QTest::newRow("level text") << u"high"_s << true << u"Escalation Level"_s;
}

void TestRtMapping::ticket_mapsOrIsSkippedWithReason()
{
    QFETCH(QString, level);
    QFETCH(bool, withParent);
    QFETCH(QString, why);
    RtSettings s;
    s.calendarId = u"americas"_s;
    const QList<RtMessage> messages {{1, 42, RtMessage::Type::Create,
                                      QDateTime::fromString(u"2026-03-30T13:00:00Z"_s, Qt::ISODate),
                                      u"ann@acme.example"_s, u"The certificate expires Friday."_s}};
    QString reason;
    const auto r = rtRequestFromTicket(ticket(level, withParent), s, messages, &reason);
    QCOMPARE(r.has_value(), why.isEmpty());
    if (!r) {
        QVERIFY2(reason.contains(why), qPrintable(reason));
        return;
    }
    QCOMPARE(r->id, u"42"_s);
    QCOMPARE(r->caseId, u"7"_s);
    QCOMPARE(r->level, 2);
    QCOMPARE(r->reason, Reason::TimeConstraint);
    QCOMPARE(r->summary, u"The certificate expires Friday."_s);
    QCOMPARE(r->requestedBy, u"ann@acme.example"_s);
    QCOMPARE(r->owner, QString());
    QCOMPARE(r->state, RequestState::Pending);
    QCOMPARE(r->calendarId, u"americas"_s);
    QCOMPARE(r->externalDueAt, QDateTime::fromString(u"2026-03-30T17:00:00Z"_s, Qt::ISODate));
}

void TestRtMapping::decidedTicket_takesLastReplyAsDecision()
{
    RtSettings s;
    OutboxEntry e;
    e.idempotencyKey = u"k1"_s;
    e.action = OutboxAction::Accept;
    e.actor = u"Dana"_s;
    e.text = u"Hotfix on Monday."_s;
    const QDateTime at = QDateTime::fromString(u"2026-03-30T15:00:00Z"_s, Qt::ISODate);
    const QList<RtMessage> messages {
        {1, 42, RtMessage::Type::Create, at.addSecs(-7200), u"ann"_s, u"Help"_s},
        {2, 42, RtMessage::Type::Comment, at.addSecs(-60), u"desk-sync"_s, u"Looking into it"_s},
        {3, 42, RtMessage::Type::Correspond, at, u"desk-sync"_s, rtMessageBody(e)},
    };
    QString why;
    const auto r = rtRequestFromTicket(ticket(u"1"_s, true, u"resolved"_s), s, messages, &why);
    QVERIFY2(r, qPrintable(why));
    QCOMPARE(r->state, RequestState::Accepted);
    QVERIFY(r->decision);
    QCOMPARE(r->decision->kind, DecisionKind::Accept);
    QCOMPARE(r->decision->text, e.text);
    QCOMPARE(r->decision->by, u"Dana"_s);
    QCOMPARE(r->decision->at, at);
    QCOMPARE(r->notes.size(), 1);
    QCOMPARE(r->notes.first().author, u"desk-sync"_s);
}

// The desk's question (a reply with its marker, status "stalled") opens a
// wait; the requester's reply (no marker) ends it with the answer; a
// second question stays open while the ticket is stalled.
void TestRtMapping::waits_followTheDesksQuestionsAndTheRequestersReplies()
{
    RtSettings s;
    const auto entry = [](const QString &key, OutboxAction action, const QString &text) {
        OutboxEntry e;
        e.idempotencyKey = key;
        e.action = action;
        e.actor = u"Dana"_s;
        e.text = text;
        return rtMessageBody(e);
    };
    const QDateTime at = QDateTime::fromString(u"2026-03-30T13:00:00Z"_s, Qt::ISODate);
    QList<RtMessage> messages {
        {1, 42, RtMessage::Type::Create, at.addSecs(-3600), u"ann"_s, u"Help"_s},
        {2, 42, RtMessage::Type::Correspond, at, u"desk-sync"_s,
         entry(u"k1"_s, OutboxAction::AskRequester, u"Which nodes fail?"_s)},
        {3, 42, RtMessage::Type::Correspond, at.addSecs(1800), u"ann"_s, u"Nodes 3 and 7."_s},
        {4, 42, RtMessage::Type::Correspond, at.addSecs(3600), u"desk-sync"_s,
         entry(u"k2"_s, OutboxAction::AskRequester, u"And the logs?"_s)},
    };
    QString why;
    auto r = rtRequestFromTicket(ticket(u"1"_s, true, u"stalled"_s), s, messages, &why);
    QVERIFY2(r, qPrintable(why));
    QCOMPARE(r->state, RequestState::Pending);
    QCOMPARE(r->waits.size(), 2);
    QCOMPARE(r->waits[0].question, u"Which nodes fail?"_s);
    QCOMPARE(r->waits[0].askedBy, u"Dana"_s);
    QCOMPARE(r->waits[0].from, at);
    QCOMPARE(r->waits[0].until, at.addSecs(1800));
    QCOMPARE(r->waits[0].answer, u"Nodes 3 and 7."_s);
    QVERIFY(r->isWaitingOnRequester());
    QCOMPARE(r->waits[1].question, u"And the logs?"_s);

    // The desk resumes (a comment with its marker): the wait ends.
    messages.append({5, 42, RtMessage::Type::Comment, at.addSecs(5400), u"desk-sync"_s,
                     entry(u"k3"_s, OutboxAction::ResumeReview, u"Logs came by phone."_s)});
    r = rtRequestFromTicket(ticket(u"1"_s, true, u"open"_s), s, messages, &why);
    QVERIFY2(r, qPrintable(why));
    QVERIFY(!r->isWaitingOnRequester());
    QCOMPARE(r->waits[1].until, at.addSecs(5400));
    QCOMPARE(r->waits[1].answer, u"Logs came by phone."_s);
    QVERIFY(r->notes.isEmpty()); // a resume is not a note

    // Set to "stalled" in RT itself: waiting from the ticket's last update.
    r = rtRequestFromTicket(ticket(u"1"_s, true, u"stalled"_s), s, messages.mid(0, 1), &why);
    QVERIFY2(r, qPrintable(why));
    QVERIFY(r->isWaitingOnRequester());
    QCOMPARE(r->waits.constLast().from, r->updatedAt);
}

void TestRtMapping::externalDue_agreesOrExplains_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("external");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("mentions");
    // Americas calendar: Mon-Thu 08:00-18:00, Fri 08:00-17:00 New York; 2026-11-26/27 holidays.
    QTest::newRow("same deadline") << u"2026-03-30T13:00:00Z"_s << u"2026-03-30T17:00:00Z"_s
                                   << int(DueComparison::Verdict::Agree) << QString();
    QTest::newRow("rt ignores thanksgiving")
        << u"2026-11-25T20:00:00Z"_s << u"2026-11-26T15:00:00Z"_s
        << int(DueComparison::Verdict::ExternalEarlier) << u"2026-11-26"_s;
    QTest::newRow("rt gives more") << u"2026-03-30T13:00:00Z"_s << u"2026-03-31T17:00:00Z"_s
                                   << int(DueComparison::Verdict::ExternalLater) << u"more"_s;
    // Due exactly at Friday's close: the app names 17:00 on Friday, RT the
    // opening on Monday at 08:00. No business time lies between them.
    QTest::newRow("friday close, rt says monday opening")
        << u"2026-04-03T17:00:00Z"_s << u"2026-04-06T12:00:00Z"_s
        << int(DueComparison::Verdict::Agree) << QString();
    // One business minute past the opening is a real difference.
    QTest::newRow("friday close, rt says a minute into monday")
        << u"2026-04-03T17:00:00Z"_s << u"2026-04-06T12:02:00Z"_s
        << int(DueComparison::Verdict::ExternalLater) << u"more"_s;
}

void TestRtMapping::externalDue_agreesOrExplains()
{
    QFETCH(QString, requested);
    QFETCH(QString, external);
    QFETCH(int, verdict);
    QFETCH(QString, mentions);
    QStringList errors;
    QFile file(QStringLiteral(CALENDAR_FILE));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto calendar = BusinessCalendar::fromJson(file.readAll(), file.fileName(), &errors);
    QVERIFY2(calendar, qPrintable(errors.join(u' ')));
    EscalationRequest r;
    r.requestedAt = QDateTime::fromString(requested, Qt::ISODate);
    r.externalDueAt = QDateTime::fromString(external, Qt::ISODate);
    const qint64 appDue = calendar->addBusinessMinutes(r.requestedAt.toSecsSinceEpoch(), 240);
    const DueComparison c = ExternalDue::compare(r, *calendar, appDue, 240);
    QCOMPARE(int(c.verdict), verdict);
    QCOMPARE(c.disagrees(), !mentions.isEmpty());
    QCOMPARE(c.explanation.isEmpty(), mentions.isEmpty());
    if (!mentions.isEmpty()) {
        QVERIFY2(c.explanation.contains(mentions), qPrintable(c.explanation));
        QVERIFY(c.explanation.contains(u"Americas"_s));
    }
}

QTEST_GUILESS_MAIN(TestRtMapping)
#include "tst_rtmapping.moc"

#include "recordparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

// Validation of portal records: a bad record is skipped with a reason that
// names the field, the rest of the page lands, hostile bodies never crash.
class TestRecordParser final : public QObject {
    Q_OBJECT

    static QJsonObject goodCase(const QString &id = u"C-1"_s)
    {
        return QJsonObject {{u"id"_s, id},
                            {u"number"_s, u"00000001"_s},
                            {u"subject"_s, u"Export fails"_s},
                            {u"account"_s, u"Northwind"_s},
                            {u"tier"_s, u"premium"_s},
                            {u"severity"_s, 2},
                            {u"priority"_s, u"high"_s},
                            {u"status"_s, u"open"_s},
                            {u"createdAt"_s, u"2026-03-30T08:12:00Z"_s},
                            {u"firstResponseAt"_s, QJsonValue()},
                            {u"lastCustomerUpdateAt"_s, u"2026-03-30T11:40:00.250Z"_s},
                            {u"lastSupportUpdateAt"_s, QJsonValue()},
                            {u"assignee"_s, u"Dana"_s},
                            {u"csm"_s, QJsonValue()},
                            {u"updatedAt"_s, u"2026-03-30T11:40:00Z"_s},
                            {u"version"_s, 3}};
    }
    static QJsonObject goodRequest(const QString &id = u"E-1"_s)
    {
        return QJsonObject {{u"id"_s, id},
                            {u"caseId"_s, u"C-1"_s},
                            {u"level"_s, 2},
                            {u"reason"_s, u"time_constraint"_s},
                            {u"summary"_s, u"<b>Certificate</b> expires Friday"_s},
                            {u"requestedBy"_s, u"maria@example"_s},
                            {u"requestedAt"_s, u"2026-03-30T13:00:00Z"_s},
                            {u"state"_s, u"pending"_s},
                            {u"previousRequestId"_s, u"E-0"_s},
                            {u"owner"_s, QJsonValue()},
                            {u"team"_s, u"EMEA"_s},
                            {u"calendar"_s, u"emea"_s},
                            {u"decision"_s,
                             QJsonObject {{u"kind"_s, u"accept"_s},
                                          {u"text"_s, u"call at 15:00"_s},
                                          {u"by"_s, u"Dana"_s},
                                          {u"at"_s, u"2026-03-30T14:00:00Z"_s},
                                          {u"justification"_s, u"Go-live is on Monday."_s}}},
                            {u"analysis"_s, QJsonValue()},
                            {u"ownerAcknowledgement"_s, QJsonValue()},
                            {u"waits"_s,
                             QJsonArray {QJsonObject {{u"question"_s, u"Which nodes?"_s},
                                                      {u"askedBy"_s, u"Dana"_s},
                                                      {u"from"_s, u"2026-03-30T13:05:00Z"_s},
                                                      {u"until"_s, u"2026-03-30T13:15:00Z"_s},
                                                      {u"answer"_s, u"3 and 7"_s}},
                                         QJsonObject {{u"question"_s, u"Logs?"_s},
                                                      {u"askedBy"_s, u"Dana"_s},
                                                      {u"from"_s, u"2026-03-30T13:16:00Z"_s},
                                                      {u"until"_s, QJsonValue()},
                                                      {u"answer"_s, QJsonValue()}}}},
                            {u"handOff"_s,
                             QJsonObject {{u"fromTeam"_s, u"APAC"_s},
                                          {u"toTeam"_s, u"EMEA"_s},
                                          {u"text"_s, u"Logs attached."_s},
                                          {u"by"_s, u"Ruth"_s},
                                          {u"at"_s, u"2026-03-30T13:10:00Z"_s}}},
                            {u"notes"_s,
                             QJsonArray {QJsonObject {{u"id"_s, u"N-9"_s},
                                                      {u"author"_s, u"Dana"_s},
                                                      {u"text"_s, u"Called customer."_s},
                                                      {u"at"_s, u"2026-03-30T13:20:00Z"_s}}}},
                            {u"updatedAt"_s, u"2026-03-30T13:20:00Z"_s},
                            {u"version"_s, 4}};
    }
    static QByteArray page(const QJsonArray &cases, const QJsonArray &requests,
                           const QJsonValue &cursor = u"42"_s)
    {
        return QJsonDocument(QJsonObject {{u"cases"_s, cases},
                                          {u"requests"_s, requests},
                                          {u"removed"_s,
                                           QJsonObject {{u"cases"_s, QJsonArray()},
                                                        {u"requests"_s, QJsonArray {u"E-7"_s}}}},
                                          {u"cursor"_s, cursor},
                                          {u"hasMore"_s, true}})
            .toJson(QJsonDocument::Compact);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void validPage_parsesEveryField()
    {
        const PageParseResult r = parseChangesPage(page({goodCase()}, {goodRequest()}));
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.skipped.isEmpty());
        QCOMPARE(r.page.cursor, u"42"_s);
        QVERIFY(r.page.hasMore);
        QCOMPARE(r.page.removedRequestIds, QStringList {u"E-7"_s});
        QCOMPARE(r.page.cases.size(), 1);
        const Case &c = r.page.cases[0];
        QCOMPARE(c.tier, SupportTier::Premium);
        QCOMPARE(c.severity, Severity::S2);
        QCOMPARE(c.priority, CustomerPriority::High);
        QVERIFY(!c.firstResponseAt.isValid());
        QCOMPARE(c.lastCustomerUpdateAt,
                 QDateTime(QDate(2026, 3, 30), QTime(11, 40, 0, 250), Qt::UTC));
        QCOMPARE(c.version, 3);
        const EscalationRequest &e = r.page.requests[0];
        QCOMPARE(e.level, 2);
        QCOMPARE(e.reason, Reason::TimeConstraint);
        QCOMPARE(e.summary,
                 u"<b>Certificate</b> expires Friday"_s); // kept verbatim, shown as plain text
        QCOMPARE(e.previousRequestId, u"E-0"_s);
        QVERIFY(e.decision);
        QCOMPARE(e.decision->kind, DecisionKind::Accept);
        QCOMPARE(e.decision->justification, u"Go-live is on Monday."_s);
        QCOMPARE(e.waits.size(), 2);
        QCOMPARE(e.waits[0].answer, u"3 and 7"_s);
        QVERIFY(!e.waits[0].isOpen());
        QVERIFY(e.isWaitingOnRequester());
        QVERIFY(e.handOff);
        QCOMPARE(e.handOff->fromTeam, u"APAC"_s);
        QCOMPARE(e.handOff->toTeam, u"EMEA"_s);
        QCOMPARE(e.handOff->text, u"Logs attached."_s);
        QCOMPARE(e.handOff->at, QDateTime(QDate(2026, 3, 30), QTime(13, 10), Qt::UTC));
        QCOMPARE(e.notes.size(), 1);
        QCOMPARE(e.calendarId, u"emea"_s);
    }

    void request_roundTripsThroughWireForm()
    {
        QString why;
        const auto e = parseRequest(goodRequest(), ParseLimits(), &why);
        QVERIFY2(e, qPrintable(why));
        const auto again = parseRequest(requestToJson(*e), ParseLimits(), &why);
        QVERIFY2(again, qPrintable(why));
        QCOMPARE(*again, *e);
        const auto c = parseCase(goodCase(), ParseLimits(), &why);
        QVERIFY(c);
        QCOMPARE(*parseCase(caseToJson(*c), ParseLimits(), &why), *c);
    }

    void badRequest_skippedWithReason_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("level as string") << u"level"_s << QJsonValue(u"2"_s);
        QTest::newRow("level 0") << u"level"_s << QJsonValue(0);
        QTest::newRow("level 5") << u"level"_s << QJsonValue(5);
        QTest::newRow("level fractional") << u"level"_s << QJsonValue(2.5);
        QTest::newRow("id missing") << u"id"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("id empty") << u"id"_s << QJsonValue(u""_s);
        QTest::newRow("id too long") << u"id"_s << QJsonValue(QString(201, u'x'));
        QTest::newRow("caseId number") << u"caseId"_s << QJsonValue(7);
        QTest::newRow("unknown reason") << u"reason"_s << QJsonValue(u"urgent"_s);
        QTest::newRow("unknown state") << u"state"_s << QJsonValue(u"Pending"_s);
        QTest::newRow("summary too long") << u"summary"_s << QJsonValue(QString(10001, u'a'));
        QTest::newRow("summary object") << u"summary"_s << QJsonValue(QJsonObject {{u"a"_s, 1}});
        QTest::newRow("requestedAt no offset")
            << u"requestedAt"_s << QJsonValue(u"2026-03-30T13:00:00"_s);
        QTest::newRow("requestedAt Feb 30")
            << u"requestedAt"_s << QJsonValue(u"2026-02-30T13:00:00Z"_s);
        QTest::newRow("requestedAt epoch number") << u"requestedAt"_s << QJsonValue(1700000000);
        QTest::newRow("version negative") << u"version"_s << QJsonValue(-1);
        QTest::newRow("version huge") << u"version"_s << QJsonValue(1e300);
        QTest::newRow("notes object") << u"notes"_s << QJsonValue(QJsonObject());
        QTest::newRow("notes too many") << u"notes"_s << [] {
            QJsonArray a;
            for (int i = 0; i < 501; ++i)
                a.append(QJsonObject {
                    {u"id"_s, u"N"_s}, {u"text"_s, u"x"_s}, {u"at"_s, u"2026-03-30T13:20:00Z"_s}});
            return QJsonValue(a);
        }();
        QTest::newRow("note text too long")
            << u"notes"_s
            << QJsonValue(QJsonArray {QJsonObject {{u"id"_s, u"N"_s},
                                                   {u"text"_s, QString(10001, u'a')},
                                                   {u"at"_s, u"2026-03-30T13:20:00Z"_s}}});
        QTest::newRow("decision kind unknown")
            << u"decision"_s
            << QJsonValue(
                   QJsonObject {{u"kind"_s, u"maybe"_s}, {u"at"_s, u"2026-03-30T13:20:00Z"_s}});
        QTest::newRow("decision array") << u"decision"_s << QJsonValue(QJsonArray());
        QTest::newRow("hand-off without a team")
            << u"handOff"_s
            << QJsonValue(
                   QJsonObject {{u"fromTeam"_s, u"APAC"_s}, {u"at"_s, u"2026-03-30T13:20:00Z"_s}});
        QTest::newRow("hand-off as text") << u"handOff"_s << QJsonValue(u"EMEA"_s);
        QTest::newRow("wait without a start")
            << u"waits"_s << QJsonValue(QJsonArray {QJsonObject {{u"question"_s, u"Q"_s}}});
        QTest::newRow("wait ending before it begins")
            << u"waits"_s
            << QJsonValue(QJsonArray {QJsonObject {{u"from"_s, u"2026-03-30T13:20:00Z"_s},
                                                   {u"until"_s, u"2026-03-30T13:10:00Z"_s}}});
        QTest::newRow("wait after an open wait")
            << u"waits"_s
            << QJsonValue(QJsonArray {QJsonObject {{u"from"_s, u"2026-03-30T13:20:00Z"_s}},
                                      QJsonObject {{u"from"_s, u"2026-03-30T13:30:00Z"_s}}});
        QTest::newRow("re-escalates itself") << u"previousRequestId"_s << QJsonValue(u"E-bad"_s);
    }
    void badRequest_skippedWithReason()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject bad = goodRequest(u"E-bad"_s);
        if (value.isUndefined())
            bad.remove(field);
        else
            bad.insert(field, value);
        const PageParseResult r =
            parseChangesPage(page({goodCase()}, {goodRequest(u"E-good"_s), bad}));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.page.requests.size(), 1);
        QCOMPARE(r.page.requests[0].id, u"E-good"_s);
        QCOMPARE(r.skipped.size(), 1);
        QCOMPARE(r.skipped[0].kind, u"request"_s);
        QCOMPARE(r.skipped[0].index, 1);
        QVERIFY2(r.skipped[0].reason.contains(u'"' + field), qPrintable(r.skipped[0].reason));
        QCOMPARE(r.page.cursor, u"42"_s);
    }

    void badCase_skippedWithReason_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("severity 0") << u"severity"_s << QJsonValue(0);
        QTest::newRow("severity 5") << u"severity"_s << QJsonValue(5);
        QTest::newRow("severity null") << u"severity"_s << QJsonValue();
        QTest::newRow("tier unknown") << u"tier"_s << QJsonValue(u"gold"_s);
        QTest::newRow("priority bool") << u"priority"_s << QJsonValue(true);
        QTest::newRow("subject too long") << u"subject"_s << QJsonValue(QString(1001, u's'));
        QTest::newRow("account too long") << u"account"_s << QJsonValue(QString(201, u'a'));
        QTest::newRow("createdAt garbage") << u"createdAt"_s << QJsonValue(u"yesterday"_s);
        QTest::newRow("createdAt hour 24")
            << u"createdAt"_s << QJsonValue(u"2026-03-30T24:00:00Z"_s);
        QTest::newRow("number missing") << u"number"_s << QJsonValue(QJsonValue::Undefined);
    }
    void badCase_skippedWithReason()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject bad = goodCase(u"C-bad"_s);
        if (value.isUndefined())
            bad.remove(field);
        else
            bad.insert(field, value);
        const PageParseResult r = parseChangesPage(page({bad, goodCase()}, {}));
        QVERIFY(r.ok);
        QCOMPARE(r.page.cases.size(), 1);
        QCOMPARE(r.skipped.size(), 1);
        QCOMPARE(r.skipped[0].id, u"C-bad"_s);
        QVERIFY2(r.skipped[0].reason.contains(u'"' + field), qPrintable(r.skipped[0].reason));
    }

    void recordOfWrongType_skipped()
    {
        const PageParseResult r =
            parseChangesPage(page({42, u"C-1"_s, QJsonArray(), goodCase()}, {QJsonValue()}));
        QVERIFY(r.ok);
        QCOMPARE(r.page.cases.size(), 1);
        QCOMPARE(r.skipped.size(), 4);
    }

    void hostileBody_refusedWithClearError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QByteArray() << u"JSON"_s;
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>") << u"JSON"_s;
        QTest::newRow("truncated") << QByteArray("{\"cases\": [{\"id\": \"C-1\"") << u"JSON"_s;
        QTest::newRow("array root") << QByteArray("[]") << u"object"_s;
        QTest::newRow("deep nesting") << QByteArray(100000, '[') << u"JSON"_s;
        QTest::newRow("deep object nesting") << QByteArray("{\"a\":").repeated(5000) << u"JSON"_s;
        QTest::newRow("no cursor")
            << QByteArray("{\"cases\":[],\"requests\":[],\"hasMore\":false}") << u"cursor"_s;
        QTest::newRow("cursor number")
            << QByteArray("{\"cursor\":5,\"hasMore\":false}") << u"cursor"_s;
        QTest::newRow("hasMore string")
            << QByteArray("{\"cursor\":\"5\",\"hasMore\":\"no\"}") << u"hasMore"_s;
        QTest::newRow("cases object")
            << QByteArray("{\"cursor\":\"5\",\"hasMore\":false,\"cases\":{}}") << u"cases"_s;
        QTest::newRow("removed array")
            << QByteArray("{\"cursor\":\"5\",\"hasMore\":false,\"removed\":[]}") << u"removed"_s;
        QTest::newRow("50 MB body") << QByteArray(50 * 1024 * 1024, ' ') << u"bytes"_s;
    }
    void hostileBody_refusedWithClearError()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        // Refused for the stated reason (size, depth, shape), not after a
        // long parse; a pathological parser shows up as a hang, which the
        // test's timeout and the fuzzer's per-input limit catch, not as a
        // wall-clock budget that a busy machine could miss.
        const PageParseResult r = parseChangesPage(body);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(mentions), qPrintable(r.error));
        QVERIFY(r.page.cases.isEmpty() && r.page.requests.isEmpty());
    }

    void pageAboveContractLimit_refused()
    {
        QJsonArray ids;
        for (int i = 0; i < 1001; ++i)
            ids.append(u"E-%1"_s.arg(i));
        const QByteArray body =
            QJsonDocument(QJsonObject {{u"removed"_s, QJsonObject {{u"requests"_s, ids}}},
                                       {u"cursor"_s, u"9"_s},
                                       {u"hasMore"_s, false}})
                .toJson();
        const PageParseResult r = parseChangesPage(body);
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(u"1001"_s));
    }

    void badRemovedIds_skipped()
    {
        const QByteArray body = "{\"removed\":{\"cases\":[\"C-1\", 5, "
                                "\"\"],\"requests\":[null]},\"cursor\":\"9\",\"hasMore\":false}";
        const PageParseResult r = parseChangesPage(body);
        QVERIFY(r.ok);
        QCOMPARE(r.page.removedCaseIds, QStringList {u"C-1"_s});
        QCOMPARE(r.skipped.size(), 3);
    }

    void instants_acceptAnyOffset_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("utc");
        const QDateTime t(QDate(2026, 3, 30), QTime(15, 0), Qt::UTC);
        QTest::newRow("Z") << u"2026-03-30T15:00:00Z"_s << t;
        QTest::newRow("millis") << u"2026-03-30T15:00:00.123Z"_s << t.addMSecs(123);
        QTest::newRow("micros truncated") << u"2026-03-30T15:00:00.123456Z"_s << t.addMSecs(123);
        QTest::newRow("plus offset") << u"2026-03-30T17:00:00+02:00"_s << t;
        QTest::newRow("minus offset") << u"2026-03-30T10:30:00-04:30"_s << t;
        QTest::newRow("compact offset") << u"2026-03-30T17:00:00+0200"_s << t;
        QTest::newRow("year boundary") << u"2026-01-01T01:00:00+02:00"_s
                                       << QDateTime(QDate(2025, 12, 31), QTime(23, 0), Qt::UTC);
        QTest::newRow("no offset") << u"2026-03-30T15:00:00"_s << QDateTime();
        QTest::newRow("space separator") << u"2026-03-30 15:00:00Z"_s << QDateTime();
        QTest::newRow("trailing junk") << u"2026-03-30T15:00:00Zjunk"_s << QDateTime();
        QTest::newRow("minute 60") << u"2026-03-30T15:60:00Z"_s << QDateTime();
        QTest::newRow("offset 25h") << u"2026-03-30T15:00:00+25:00"_s << QDateTime();
        QTest::newRow("empty fraction") << u"2026-03-30T15:00:00.Z"_s << QDateTime();
        QTest::newRow("date only") << u"2026-03-30"_s << QDateTime();
    }
    void instants_acceptAnyOffset()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, utc);
        const QDateTime got = parseInstant(text);
        QCOMPARE(got.isValid(), utc.isValid());
        if (utc.isValid()) {
            QCOMPARE(got, utc);
            QCOMPARE(got.timeSpec(), Qt::UTC);
        }
    }

    void errorBody_parsedOrRefused()
    {
        const auto e = parseErrorBody("{\"error\":{\"code\":\"conflict\",\"message\":\"changed\","
                                      "\"details\":{\"current\":{\"id\":\"E-1\"}}}}");
        QVERIFY(e);
        QCOMPARE(e->code, u"conflict"_s);
        QCOMPARE(e->message, u"changed"_s);
        QCOMPARE(e->details.value(u"current"_s).toObject().value(u"id"_s).toString(), u"E-1"_s);
        QVERIFY(!parseErrorBody("<html>oops</html>"));
        QVERIFY(!parseErrorBody("{\"error\":\"text\"}"));
        // The accounts contract's flat form means the same.
        const auto flat = parseErrorBody(
            "{\"error\":\"forbidden\",\"message\":\"A team lead cannot decide requests.\","
            "\"details\":{\"permission\":\"decide\",\"role\":\"team_lead\"}}");
        QVERIFY(flat);
        QCOMPARE(flat->code, u"forbidden"_s);
        QCOMPARE(flat->message, u"A team lead cannot decide requests."_s);
        QCOMPARE(flat->details.value(u"permission"_s).toString(), u"decide"_s);
        QVERIFY(!parseErrorBody("{\"error\":{\"code\":5}}"));
    }

    void requestAnswer_validated()
    {
        const QByteArray ok = QJsonDocument(QJsonObject {{u"request"_s, goodRequest()}}).toJson();
        QVERIFY(parseRequestAnswer(ok).request);
        QJsonObject bad = goodRequest();
        bad.insert(u"level"_s, 9);
        const RequestParseResult r =
            parseRequestAnswer(QJsonDocument(QJsonObject {{u"request"_s, bad}}).toJson());
        QVERIFY(!r.request);
        QVERIFY(r.error.contains(u"level"_s));
        QVERIFY(!parseRequestAnswer("{}").request);
        QVERIFY(!parseRequestAnswer("nonsense").request);
    }

    void waitCursor_parsed()
    {
        QCOMPARE(parseWaitCursor("{\"cursor\":\"184470\"}"), u"184470"_s);
        QVERIFY(parseWaitCursor("{\"cursor\":184470}").isEmpty());
        QVERIFY(parseWaitCursor("garbage").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRecordParser)
#include "tst_recordparser.moc"

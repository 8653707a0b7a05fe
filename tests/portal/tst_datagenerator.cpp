// The portal's data generator and store, without a server: determinism,
// the shape of the generated data, the JSON round trip the portal's own
// database relies on, and the change feed's ordering invariant.

#include "datagenerator.h"
#include "liveactivity.h"
#include "portaljson.h"
#include "portalstore.h"

#include <issueclusters.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Escalation;
using namespace Escalation::Portal;

namespace {

const QDateTime pinnedNow = QDateTime(QDate(2026, 3, 30), QTime(15, 0), Qt::UTC);

GeneratedData generate(quint64 seed, int requests, int cases = 0)
{
    GeneratorConfig config;
    config.seed = seed;
    config.requestCount = requests;
    config.caseCount = cases;
    config.now = pinnedNow;
    return DataGenerator(config).generate();
}

QHash<QString, Case> casesById(const GeneratedData &data)
{
    QHash<QString, Case> out;
    for (const Case &c : data.cases)
        out.insert(c.id, c);
    return out;
}

} // namespace

class TestDataGenerator final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sameSeedAndNow_giveIdenticalData()
    {
        const GeneratedData a = generate(42, 3000);
        const GeneratedData b = generate(42, 3000);
        QCOMPARE(a.cases, b.cases);
        QCOMPARE(a.requests, b.requests);
    }

    void differentSeed_givesDifferentData()
    {
        const GeneratedData a = generate(1, 500);
        const GeneratedData b = generate(2, 500);
        QVERIFY(a.requests != b.requests);
    }

    void requestCount_isExact_data()
    {
        QTest::addColumn<int>("requests");
        QTest::addColumn<int>("cases");
        QTest::newRow("none") << 0 << 0;
        QTest::newRow("one") << 1 << 0;
        QTest::newRow("ten") << 10 << 0;
        QTest::newRow("default") << 2000 << 0;
        QTest::newRow("more cases than requests") << 100 << 400;
    }

    void requestCount_isExact()
    {
        QFETCH(int, requests);
        QFETCH(int, cases);
        const GeneratedData data = generate(5, requests, cases);
        QCOMPARE(data.requests.size(), requests);
        QVERIFY(data.cases.size() >= std::max(requests, cases));
        QSet<QString> ids;
        for (const EscalationRequest &r : data.requests)
            ids.insert(r.id);
        QCOMPARE(ids.size(), requests);
    }

    void levels_allPresentAndRarerUpTheLadder()
    {
        const GeneratedData data = generate(9, 5000);
        std::array<int, 5> perLevel {};
        for (const EscalationRequest &r : data.requests) {
            QVERIFY(r.level >= 1 && r.level <= 4);
            ++perLevel[std::size_t(r.level)];
        }
        for (int level = 1; level <= 4; ++level)
            QVERIFY2(perLevel[std::size_t(level)] > 0, qPrintable(u"no level %1"_s.arg(level)));
        QVERIFY(perLevel[1] > perLevel[2]);
        QVERIFY(perLevel[2] > perLevel[3]);
        QVERIFY(perLevel[3] > perLevel[4]);
    }

    void reEscalations_linkToTheSupersededRequestOneLevelDown()
    {
        const GeneratedData data = generate(11, 3000);
        QHash<QString, EscalationRequest> byId;
        for (const EscalationRequest &r : data.requests)
            byId.insert(r.id, r);
        int reEscalations = 0;
        QSet<QString> linkedTo;
        for (const EscalationRequest &r : data.requests) {
            if (r.level == 1) {
                QVERIFY(r.previousRequestId.isEmpty());
                continue;
            }
            ++reEscalations;
            QVERIFY2(byId.contains(r.previousRequestId), qPrintable(r.id));
            const EscalationRequest &previous = byId.value(r.previousRequestId);
            QCOMPARE(previous.caseId, r.caseId);
            QCOMPARE(previous.level, r.level - 1);
            QCOMPARE(previous.state, RequestState::Superseded);
            QVERIFY(previous.requestedAt < r.requestedAt);
            QVERIFY2(!linkedTo.contains(previous.id), "two requests re-escalate the same one");
            linkedTo.insert(previous.id);
        }
        QVERIFY(reEscalations > 0);
        // Every superseded request is re-escalated by exactly one newer one.
        for (const EscalationRequest &r : data.requests)
            QCOMPARE(r.state == RequestState::Superseded, linkedTo.contains(r.id));
    }

    void outageCases_existAndAreNeverEscalated()
    {
        const GeneratedData data = generate(13, 2000);
        QSet<QString> escalatedCases;
        for (const EscalationRequest &r : data.requests)
            escalatedCases.insert(r.caseId);
        int outages = 0;
        for (const Case &c : data.cases) {
            if (c.isOutage()) {
                ++outages;
                QVERIFY2(!escalatedCases.contains(c.id), qPrintable(c.id));
            }
        }
        QVERIFY(outages > 0);
    }

    void someRequests_arriveBeforeTheMinimumCaseAge()
    {
        const GeneratedData data = generate(17, 2000);
        const auto cases = casesById(data);
        int tooEarly = 0;
        for (const EscalationRequest &r : data.requests) {
            if (r.level != 1)
                continue;
            const Case c = cases.value(r.caseId);
            const qint64 age = c.createdAt.secsTo(r.requestedAt);
            QVERIFY(age > 0);
            if (age < DataGenerator::minimumAgeSeconds(c.severity, c.tier))
                ++tooEarly;
        }
        QVERIFY(tooEarly > 0);
        QVERIFY(tooEarly < data.requests.size() / 5); // the exception, not the rule
    }

    void records_areConsistentAndNotInTheFuture()
    {
        const GeneratedData data = generate(19, 3000);
        const auto cases = casesById(data);
        QSet<RequestState> states;
        bool anyAnalysis = false, anyMissingAnalysis = false, anyAck = false, anyMissingAck = false;
        for (const Case &c : data.cases) {
            QVERIFY(c.createdAt <= pinnedNow);
            QVERIFY(c.updatedAt <= pinnedNow && c.updatedAt >= c.createdAt);
            QVERIFY(!c.firstResponseAt.isValid() || c.firstResponseAt >= c.createdAt);
            QVERIFY(!c.account.isEmpty() && !c.subject.isEmpty() && !c.csm.isEmpty());
        }
        for (const EscalationRequest &r : data.requests) {
            states.insert(r.state);
            QVERIFY(cases.contains(r.caseId));
            QVERIFY(r.requestedAt <= pinnedNow);
            QVERIFY(r.updatedAt >= r.requestedAt && r.updatedAt <= pinnedNow);
            QVERIFY(!r.summary.isEmpty() && !r.requestedBy.isEmpty());
            QVERIFY(QStringList({u"americas"_s, u"emea"_s, u"apac"_s}).contains(r.calendarId));
            QCOMPARE(r.state == RequestState::Accepted,
                     r.decision && r.decision->kind == DecisionKind::Accept
                         && r.state != RequestState::Superseded && r.state != RequestState::Closed);
            if (r.decision)
                QVERIFY(r.decision->at >= r.requestedAt && r.decision->at <= pinnedNow);
            QVERIFY(!r.analysis || r.level >= 3);
            QVERIFY(!r.ownerAcknowledgement || r.level == 4);
            if (r.level >= 3)
                (r.analysis ? anyAnalysis : anyMissingAnalysis) = true;
            if (r.level == 4)
                (r.ownerAcknowledgement ? anyAck : anyMissingAck) = true;
        }
        QVERIFY(states.contains(RequestState::Pending));
        QVERIFY(states.contains(RequestState::Accepted));
        QVERIFY(states.contains(RequestState::Declined));
        QVERIFY(states.contains(RequestState::Superseded));
        QVERIFY(anyAnalysis && anyMissingAnalysis);
        QVERIFY(anyAck && anyMissingAck);
    }

    void json_roundTripsEveryRecord()
    {
        const GeneratedData data = generate(23, 1000);
        for (const Case &c : data.cases) {
            const auto back =
                Json::caseFromJson(QJsonDocument::fromJson(Json::caseRecord(c)).object());
            QVERIFY(back);
            QCOMPARE(*back, c);
        }
        for (const EscalationRequest &r : data.requests) {
            const auto back =
                Json::requestFromJson(QJsonDocument::fromJson(Json::requestRecord(r)).object());
            QVERIFY(back);
            QCOMPARE(*back, r);
        }
    }

    void json_escapesHostileText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("markup and quotes") << u"<b>\"quoted\"</b>\\ <script>alert(1)</script>"_s;
        QTest::newRow("control characters") << u"line\nbreak\ttab\r \u0001 \u001f end"_s;
        QTest::newRow("accents") << u"café Ørsted São Paulo Kōwhai"_s;
        QTest::newRow("three-byte") << u"東京 — €"_s;
        QTest::newRow("surrogate pair") << QString::fromUcs4(U"rocket \U0001F680 done");
        QTest::newRow("empty") << QString();
    }

    void json_escapesHostileText()
    {
        QFETCH(QString, text);
        QByteArray out = "[";
        Json::appendString(out, text);
        out.append(']');
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.array().at(0).toString(), text);
    }

    void json_replacesLoneSurrogates()
    {
        QByteArray out;
        const QChar lone[] = {QChar(u'a'), QChar(char16_t(0xD800)), QChar(u'b')};
        Json::appendString(out, QStringView(lone, 3));
        QCOMPARE(QJsonDocument::fromJson("[" + out + "]").array().at(0).toString(), u"a\uFFFDb"_s);
    }

    void instants_formatInUtcWithZ_data()
    {
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("seconds") << QDateTime(QDate(2026, 3, 30), QTime(15, 0), Qt::UTC)
                                 << QByteArray("2026-03-30T15:00:00Z");
        QTest::newRow("millis") << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 7), Qt::UTC)
                                << QByteArray("2024-02-29T23:59:59.007Z");
        QTest::newRow("offset") << QDateTime(QDate(2026, 1, 1), QTime(1, 30), Qt::OffsetFromUTC,
                                             7200)
                                << QByteArray("2025-12-31T23:30:00Z");
        QTest::newRow("before 1970") << QDateTime(QDate(1969, 12, 31), QTime(23, 0), Qt::UTC)
                                     << QByteArray("1969-12-31T23:00:00Z");
    }

    void instants_formatInUtcWithZ()
    {
        QFETCH(QDateTime, at);
        QFETCH(QByteArray, expected);
        QCOMPARE(Json::instant(at), expected);
        QCOMPARE(Json::parseInstant(QString::fromLatin1(expected)), at.toUTC());
    }

    void store_feedShowsEveryCaseNoLaterThanItsRequests()
    {
        PortalStore store;
        QString error;
        QVERIFY2(store.populate(generate(29, 400), &error), qPrintable(error));
        // Update a few escalated cases: their requests must follow them.
        int updated = 0;
        for (qint64 i = 0; i < store.caseSlots() && updated < 20; ++i) {
            const Case *c = store.caseAt(i);
            if (c && !store.requestsOfCase(c->id).isEmpty()) {
                Case changed = *c;
                changed.lastCustomerUpdateAt = pinnedNow;
                QVERIFY(store.updateCase(changed));
                ++updated;
            }
        }
        QSet<QString> seenCases;
        qint64 since = 0;
        int requests = 0;
        for (bool more = true; more;) {
            const ChangesPage page = store.changes(since, 37);
            const QJsonObject o = QJsonDocument::fromJson(page.body).object();
            for (const QJsonValue &c : o.value("cases"_L1).toArray())
                seenCases.insert(c.toObject().value("id"_L1).toString());
            for (const QJsonValue &r : o.value("requests"_L1).toArray()) {
                QVERIFY2(seenCases.contains(r.toObject().value("caseId"_L1).toString()),
                         "a request arrived before its case");
                ++requests;
            }
            QCOMPARE(o.value("cursor"_L1).toString(), QString::number(page.cursor));
            QCOMPARE(o.value("hasMore"_L1).toBool(), page.hasMore);
            since = page.cursor;
            more = page.hasMore;
        }
        QCOMPARE(requests, 400);
        QCOMPARE(seenCases.size(), store.caseCount());
    }

    void store_reopensFromItsDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"portal.sqlite"_s);
        qint64 sequence = 0;
        QByteArray firstPage;
        {
            PortalStore store;
            QString error;
            QVERIFY2(store.openDatabase(path, &error), qPrintable(error));
            QVERIFY(store.isEmpty());
            QVERIFY2(store.populate(generate(31, 300), &error), qPrintable(error));
            QVERIFY(store.closeCase(store.caseAt(0)->id));
            QVERIFY(store.removeCase(store.caseAt(1)->id));
            sequence = store.lastSequence();
            firstPage = store.changes(0, 1000).body;
        }
        PortalStore reopened;
        QString error;
        QVERIFY2(reopened.openDatabase(path, &error), qPrintable(error));
        QCOMPARE(reopened.lastSequence(), sequence);
        QCOMPARE(reopened.changes(0, 1000).body, firstPage);
    }

    void majorIssue_isProposedAsOneCluster()
    {
        PortalStore store;
        QString error;
        QVERIFY2(store.populate(generate(37, 200), &error), qPrintable(error));
        const qint64 casesBefore = store.caseSlots();
        LiveActivity activity(&store, 11);
        const QString what = activity.majorIssue();
        QVERIFY2(what.startsWith(u"major_issue "_s), qPrintable(what));
        const int customers = what.section(u' ', 1, 1).toInt();
        QVERIFY(customers >= 4 && customers <= 7);

        QList<EscalationRequest> requests;
        QHash<QString, Case> cases;
        QSet<QString> burst;
        for (qint64 i = 0; i < store.caseSlots(); ++i) {
            const Case *c = store.caseAt(i);
            if (!c)
                continue;
            cases.insert(c->id, *c);
            for (const EscalationRequest *r : store.requestsOfCase(c->id)) {
                requests.append(*r);
                if (i >= casesBefore)
                    burst.insert(r->id);
            }
        }
        QCOMPARE(burst.size(), customers); // one pending request on each new case
        const QList<IssueCluster> clusters = IssueClusters::find(requests, cases);
        const auto holding =
            std::find_if(clusters.cbegin(), clusters.cend(), [&](const IssueCluster &c) {
                return c.requestIds.contains(*burst.cbegin());
            });
        QVERIFY(holding != clusters.cend());
        for (const QString &id : std::as_const(burst))
            QVERIFY2(holding->requestIds.contains(id), qPrintable(id));
    }

    void majorIssues_ofEverySeed_areProposed()
    {
        // Whatever variants a burst draws, its cases link up.
        for (quint64 seed = 1; seed <= 40; ++seed) {
            PortalStore store;
            QString error;
            QVERIFY2(store.populate(generate(seed, 20), &error), qPrintable(error));
            const qint64 casesBefore = store.caseSlots();
            LiveActivity activity(&store, seed);
            QVERIFY(!activity.majorIssue().isEmpty());
            QList<EscalationRequest> requests;
            QHash<QString, Case> cases;
            for (qint64 i = casesBefore; i < store.caseSlots(); ++i) {
                const Case *c = store.caseAt(i);
                cases.insert(c->id, *c);
                for (const EscalationRequest *r : store.requestsOfCase(c->id))
                    requests.append(*r);
            }
            const QList<IssueCluster> clusters = IssueClusters::find(requests, cases);
            QVERIFY2(clusters.size() == 1 && clusters.at(0).requestIds.size() == requests.size(),
                     qPrintable(QString::number(seed)));
        }
    }

    void liveActivity_keepsEveryLadderConsistent()
    {
        PortalStore store;
        QString error;
        QVERIFY2(store.populate(generate(37, 200), &error), qPrintable(error));
        const qint64 casesBefore = store.caseCount();
        const qint64 requestsBefore = store.requestCount();
        LiveActivity activity(&store, 37);
        QSet<QString> kinds;
        for (int i = 0; i < 3000; ++i) {
            const QString what = activity.step();
            kinds.insert(what.section(u' ', 0, 0));
        }
        for (const QString &kind :
             {u"new_request"_s, u"update_case"_s, u"re_escalate"_s, u"new_case"_s, u"close_case"_s,
              u"remove_case"_s, u"major_issue"_s})
            QVERIFY2(kinds.contains(kind), qPrintable(kind));
        QVERIFY(store.caseCount() > casesBefore);
        QVERIFY(store.requestCount() > requestsBefore);

        for (qint64 i = 0; i < store.caseSlots(); ++i) {
            const Case *c = store.caseAt(i);
            if (!c)
                continue;
            const auto requests = store.requestsOfCase(c->id);
            QVERIFY(!c->isOutage() || requests.isEmpty());
            int live = 0;
            for (const EscalationRequest *r : requests) {
                QVERIFY(r->level >= 1 && r->level <= 4);
                if (r->state != RequestState::Superseded && r->state != RequestState::Closed)
                    ++live;
                if (r->level > 1) {
                    const EscalationRequest *previous = store.findRequest(r->previousRequestId);
                    QVERIFY2(previous, qPrintable(r->id));
                    QCOMPARE(previous->caseId, r->caseId);
                    QCOMPARE(previous->level, r->level - 1);
                    QCOMPARE(previous->state, RequestState::Superseded);
                }
            }
            QVERIFY2(live <= 1, qPrintable(c->id));
        }
    }

    void generator_makesOneHundredThousandRequests()
    {
        QElapsedTimer timer;
        timer.start();
        const GeneratedData data = generate(1, 100000);
        qInfo("generated %lld cases and %lld requests in %lld ms", qlonglong(data.cases.size()),
              qlonglong(data.requests.size()), qlonglong(timer.elapsed()));
        QCOMPARE(data.requests.size(), 100000);
        QCOMPARE(data.cases.size(), 100000);
    }
};

QTEST_GUILESS_MAIN(TestDataGenerator)
#include "tst_datagenerator.moc"

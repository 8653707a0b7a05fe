#include "escalationpolicy.h"
#include "policyconfig.h"
#include "replytemplates.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

Case makeCase(Severity severity, SupportTier tier, const QDateTime &createdAt)
{
    Case c;
    c.id = u"C-1"_s;
    c.number = u"00000001"_s;
    c.severity = severity;
    c.tier = tier;
    c.createdAt = createdAt;
    return c;
}

EscalationRequest makeRequest(int level,
                              const QString &summary = u"The certificate expires on Friday."_s)
{
    EscalationRequest r;
    r.id = u"E-%1"_s.arg(level);
    r.caseId = u"C-1"_s;
    r.level = level;
    r.summary = summary;
    r.state = RequestState::Declined;
    r.calendarId = u"emea"_s;
    r.team = u"EMEA Platform"_s;
    r.requestedBy = u"Ana Customer"_s;
    return r;
}

const QDateTime kCreated = QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC);

} // namespace

// The rules of DESIGN.md §1: minimum case age, the S1 refusal, the ladder,
// what each level owes, re-escalation bounds, and the decline reply.
class TestEscalationPolicy final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void eligibility_followsMinimumAgeTable_data()
    {
        QTest::addColumn<int>("severity");
        QTest::addColumn<SupportTier>("tier");
        QTest::addColumn<int>("ageMinutes");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<int>("minimumHours");
        const auto E = int(Eligibility::Verdict::Eligible);
        const auto T = int(Eligibility::Verdict::TooEarly);
        const auto O = int(Eligibility::Verdict::RefusedOutage);
        struct Row {
            int severity;
            SupportTier tier;
            int hours;
        };
        const Row rows[] = {{2, SupportTier::Premium, 4},  {2, SupportTier::Standard, 8},
                            {3, SupportTier::Premium, 8},  {3, SupportTier::Standard, 16},
                            {4, SupportTier::Premium, 16}, {4, SupportTier::Standard, 24}};
        for (const Row &row : rows) {
            const QString name = u"S%1_%2_"_s.arg(row.severity).arg(toCode(row.tier));
            QTest::newRow(qPrintable(name + u"oneMinuteEarly"_s))
                << row.severity << row.tier << row.hours * 60 - 1 << T << row.hours;
            QTest::newRow(qPrintable(name + u"exactlyAtMinimum"_s))
                << row.severity << row.tier << row.hours * 60 << E << row.hours;
            QTest::newRow(qPrintable(name + u"wellAfter"_s))
                << row.severity << row.tier << row.hours * 60 + 600 << E << row.hours;
        }
        QTest::newRow("S1_premium_refusedEvenWhenOld")
            << 1 << SupportTier::Premium << 100 * 60 << O << 0;
        QTest::newRow("S1_standard_refusedWhenNew") << 1 << SupportTier::Standard << 0 << O << 0;
    }

    void eligibility_followsMinimumAgeTable()
    {
        QFETCH(int, severity);
        QFETCH(SupportTier, tier);
        QFETCH(int, ageMinutes);
        QFETCH(int, verdict);
        QFETCH(int, minimumHours);
        const EscalationPolicy policy;
        const Case c = makeCase(*severityFromInt(severity), tier, kCreated);
        const Eligibility e = policy.checkEligibility(c, kCreated.addSecs(qint64(ageMinutes) * 60));
        QCOMPARE(int(e.verdict), verdict);
        if (e.verdict != Eligibility::Verdict::RefusedOutage) {
            QCOMPARE(e.minimumAgeHours, minimumHours);
            QCOMPARE(e.eligibleAt, kCreated.addSecs(qint64(minimumHours) * 3600));
        } else {
            QVERIFY(!e.eligibleAt.isValid());
        }
        QVERIFY(!e.explanation().isEmpty());
    }

    void eligibility_tooEarly_explanationNamesEligibleInstant()
    {
        const EscalationPolicy policy;
        const Eligibility e = policy.checkEligibility(
            makeCase(Severity::S3, SupportTier::Standard, kCreated), kCreated.addSecs(3600));
        QVERIFY2(e.explanation().contains(u"2026-03-03T00:00:00Z"_s), qPrintable(e.explanation()));
    }

    void eligibility_usesConfiguredTable()
    {
        PolicyConfig config;
        config.minimumCaseAgeHours[0][0] = 1; // premium S2
        const EscalationPolicy policy(config);
        QVERIFY(policy
                    .checkEligibility(makeCase(Severity::S2, SupportTier::Premium, kCreated),
                                      kCreated.addSecs(3600))
                    .isEligible());
    }

    void ladder_audiencesAreCumulative()
    {
        const QList<LadderLevel> ladder = EscalationPolicy::ladder();
        QCOMPARE(ladder.size(), 4);
        QCOMPARE(
            ladder[0].added,
            (QStringList {u"Senior support engineers"_s, u"Team leads"_s, u"Support managers"_s}));
        QCOMPARE(ladder[1].added,
                 (QStringList {u"Senior managers"_s, u"Directors"_s, u"The account's CSM"_s}));
        QCOMPARE(ladder[2].added, QStringList {u"Senior Director of Global Technical Support"_s});
        QCOMPARE(ladder[3].added, QStringList {u"VP of Support"_s});
        for (int i = 1; i < 4; ++i) {
            QCOMPARE(ladder[i].audience, ladder[i - 1].audience + ladder[i].added);
            QCOMPARE(ladder[i].level, i + 1);
        }
        QCOMPARE(ladder[3].audience.size(), 8);
        QVERIFY(ladder[0].owes.isEmpty() && ladder[1].owes.isEmpty());
        QCOMPARE(ladder[2].owes, QList<Obligation> {Obligation::FullAnalysis});
        QCOMPARE(ladder[3].owes, QList<Obligation> {Obligation::OwnerAcknowledgement});
        QCOMPARE(EscalationPolicy::ladderLevel(5).level, 0);
        QVERIFY(EscalationPolicy::ladderLevel(0).audience.isEmpty());
    }

    void outstandingObligations_dependOnLevelAndWhatWasDelivered_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<bool>("analysisOnRequest");
        QTest::addColumn<bool>("analysisInChain");
        QTest::addColumn<bool>("acknowledged");
        QTest::addColumn<QList<Obligation>>("expected");
        QTest::newRow("level1_owesNothing") << 1 << false << false << false << QList<Obligation> {};
        QTest::newRow("level2_owesNothing") << 2 << false << false << false << QList<Obligation> {};
        QTest::newRow("level3_owesAnalysis")
            << 3 << false << false << false << QList<Obligation> {Obligation::FullAnalysis};
        QTest::newRow("level3_analysisDelivered")
            << 3 << true << false << false << QList<Obligation> {};
        QTest::newRow("level4_owesBoth")
            << 4 << false << false << false
            << QList<Obligation> {Obligation::FullAnalysis, Obligation::OwnerAcknowledgement};
        QTest::newRow("level4_analysisAtLevel3_owesAcknowledgement")
            << 4 << false << true << false << QList<Obligation> {Obligation::OwnerAcknowledgement};
        QTest::newRow("level4_allDelivered") << 4 << false << true << true << QList<Obligation> {};
    }

    void outstandingObligations_dependOnLevelAndWhatWasDelivered()
    {
        QFETCH(int, level);
        QFETCH(bool, analysisOnRequest);
        QFETCH(bool, analysisInChain);
        QFETCH(bool, acknowledged);
        QFETCH(QList<Obligation>, expected);
        EscalationRequest r = makeRequest(level);
        if (analysisOnRequest)
            r.analysis = Analysis {u"Root cause: ..."_s, u"Dana Director"_s, kCreated};
        if (acknowledged)
            r.ownerAcknowledgement = OwnerAcknowledgement {u"Val VP"_s, kCreated};
        QList<EscalationRequest> chain;
        EscalationRequest earlier = makeRequest(3);
        if (analysisInChain)
            earlier.analysis = Analysis {u"Root cause: ..."_s, u"Dana Director"_s, kCreated};
        chain.append(earlier);
        QCOMPARE(EscalationPolicy::outstandingObligations(r, chain), expected);
    }

    void reEscalation_isOneLevelUpWithinBounds_data()
    {
        QTest::addColumn<int>("severity");
        QTest::addColumn<int>("previousLevel");
        QTest::addColumn<RequestState>("previousState");
        QTest::addColumn<QString>("explanation");
        QTest::addColumn<int>("problem");
        QTest::addColumn<int>("newLevel");
        using P = ReEscalationCheck::Problem;
        const QString fresh = u"Still down after the plan; we lose orders."_s;
        QTest::newRow("level1To2")
            << 3 << 1 << RequestState::Declined << fresh << int(P::None) << 2;
        QTest::newRow("level2To3_afterAccept")
            << 3 << 2 << RequestState::Accepted << fresh << int(P::None) << 3;
        QTest::newRow("level3To4")
            << 2 << 3 << RequestState::Declined << fresh << int(P::None) << 4;
        QTest::newRow("level4_isTop")
            << 2 << 4 << RequestState::Declined << fresh << int(P::AlreadyAtTopLevel) << 0;
        QTest::newRow("emptyExplanation")
            << 3 << 1 << RequestState::Declined << u"   "_s << int(P::ExplanationMissing) << 0;
        QTest::newRow("sameExplanation")
            << 3 << 1 << RequestState::Declined << u" The certificate expires on Friday. "_s
            << int(P::ExplanationUnchanged) << 0;
        QTest::newRow("previousSuperseded")
            << 3 << 1 << RequestState::Superseded << fresh << int(P::PreviousNotFinal) << 0;
        QTest::newRow("previousClosed")
            << 3 << 2 << RequestState::Closed << fresh << int(P::PreviousNotFinal) << 0;
        QTest::newRow("outage") << 1 << 1 << RequestState::Declined << fresh << int(P::CaseIsOutage)
                                << 0;
    }

    void reEscalation_isOneLevelUpWithinBounds()
    {
        QFETCH(int, severity);
        QFETCH(int, previousLevel);
        QFETCH(RequestState, previousState);
        QFETCH(QString, explanation);
        QFETCH(int, problem);
        QFETCH(int, newLevel);
        EscalationRequest previous = makeRequest(previousLevel);
        previous.state = previousState;
        const Case c = makeCase(*severityFromInt(severity), SupportTier::Premium, kCreated);
        const ReEscalationCheck check =
            EscalationPolicy::checkReEscalation(c, previous, explanation);
        QCOMPARE(int(check.problem), problem);
        QCOMPARE(check.ok() ? check.newLevel : 0, newLevel);
        QCOMPARE(check.message().isEmpty(), check.ok());
    }

    void reEscalation_newRequestLinksToPrevious()
    {
        const EscalationRequest previous = makeRequest(2);
        const QDateTime at = kCreated.addDays(1);
        const EscalationRequest next = EscalationPolicy::makeReEscalation(
            previous, u"E-9"_s, u"  Still failing.  "_s, u"Bo"_s, at);
        QCOMPARE(next.level, 3);
        QCOMPARE(next.previousRequestId, previous.id);
        QCOMPARE(next.caseId, previous.caseId);
        QCOMPARE(next.calendarId, previous.calendarId);
        QCOMPARE(next.summary, u"Still failing."_s);
        QCOMPARE(next.state, RequestState::Pending);
        QCOMPARE(next.requestedAt, at);
    }

    void replyTemplate_rendersPlaceholders_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("unknown");
        QTest::newRow("all") << u"Dear {requester}, case {caseNumber}: {reason} -- {manager}"_s
                             << u"Dear Ana Customer, case 00000001: not urgent -- Max Manager"_s
                             << QStringList {};
        QTest::newRow("unknownKeptAndReported")
            << u"Hi {requester}, see {ticketUrl}."_s << u"Hi Ana Customer, see {ticketUrl}."_s
            << QStringList {u"ticketUrl"_s};
        QTest::newRow("escapedBraces") << u"{{requester}} is {requester}"_s
                                       << u"{requester} is Ana Customer"_s << QStringList {};
        QTest::newRow("unclosedBrace")
            << u"Hi {requester"_s << u"Hi {requester"_s << QStringList {};
        QTest::newRow("notAName") << u"a {b c} d"_s << u"a {b c} d"_s << QStringList {};
        QTest::newRow("valueWithBracesNotReexpanded")
            << u"{reason}"_s << u"not urgent"_s << QStringList {};
    }

    void replyTemplate_rendersPlaceholders()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QFETCH(QStringList, unknown);
        const Case c = makeCase(Severity::S3, SupportTier::Standard, kCreated);
        const auto values =
            ReplyTemplates::declineValues(c, makeRequest(1), u"not urgent"_s, u"Max Manager"_s);
        QStringList reported;
        QCOMPARE(ReplyTemplates::render(text, values, &reported), expected);
        QCOMPARE(reported, unknown);
    }

    void replyTemplate_defaultsCoverEveryDeclineKind()
    {
        const ReplyTemplates templates = ReplyTemplates::defaults();
        QCOMPARE(templates.keys(), (QStringList {u"default"_s, u"outage"_s, u"too_early"_s}));
        const EscalationPolicy policy;
        const Case early = makeCase(Severity::S4, SupportTier::Standard, kCreated);
        const EscalationRequest r = makeRequest(1);
        const Eligibility e = policy.checkEligibility(early, kCreated.addSecs(3600));
        const QString key = ReplyTemplates::keyFor(e);
        QCOMPARE(key, u"too_early"_s);
        QStringList unknown;
        const QString reply = ReplyTemplates::render(
            templates.text(key),
            ReplyTemplates::declineValues(early, r, e.explanation(), u"Max"_s, e), &unknown);
        QVERIFY2(unknown.isEmpty(), qPrintable(unknown.join(u',')));
        QVERIFY(reply.contains(u"2026-03-03T08:00:00Z"_s));
        QVERIFY(reply.contains(u"Ana Customer"_s));
        QCOMPARE(templates.text(u"no-such-key"_s), templates.text(u"default"_s));
    }

    void replyTemplate_userFileOverrides_andErrorsNameKey()
    {
        const ReplyTemplates base = ReplyTemplates::defaults();
        QStringList errors;
        const auto custom = ReplyTemplates::fromJson(R"({"default":"Short: {reason}"})",
                                                     u"mine.json"_s, &errors, &base);
        QVERIFY(custom);
        QCOMPARE(custom->text(u"default"_s), u"Short: {reason}"_s);
        QCOMPARE(custom->text(u"outage"_s), base.text(u"outage"_s));
        QVERIFY(!ReplyTemplates::fromJson(R"({"default":42})", u"mine.json"_s, &errors));
        QCOMPARE(errors.last(),
                 u"mine.json: default: expected a non-empty template text, got 42"_s);
        QVERIFY(!ReplyTemplates::fromJson(R"({"outage":"x"})", u"mine.json"_s, &errors));
        QCOMPARE(errors.last(), u"mine.json: default: expected a \"default\" template"_s);
    }

    void policyConfig_shippedFileEqualsCompiledDefaults()
    {
        QStringList errors;
        const auto shipped = PolicyConfig::load(PolicyConfig::builtInPath(), &errors);
        QVERIFY2(shipped, qPrintable(errors.join(u'\n')));
        QVERIFY(*shipped == PolicyConfig());
        QCOMPARE(shipped->minimumCaseAgeHoursFor(Severity::S4, SupportTier::Standard), 24);
        QCOMPARE(shipped->minimumCaseAgeHoursFor(Severity::S1, SupportTier::Premium), -1);
    }

    void policyConfig_partialOverride_keepsOtherValues()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"policy.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"minimumCaseAgeHours":{"standard":{"4":48}},"review":{"approachingShare":0.5}})");
        file.close();
        QStringList errors;
        const auto config = PolicyConfig::load(file.fileName(), &errors);
        QVERIFY2(config, qPrintable(errors.join(u'\n')));
        QCOMPARE(config->minimumCaseAgeHoursFor(Severity::S4, SupportTier::Standard), 48);
        QCOMPARE(config->minimumCaseAgeHoursFor(Severity::S4, SupportTier::Premium), 16);
        QCOMPARE(config->review.approachingThresholdMinutes(), 120);
    }

    void policyConfig_badValues_errorNamesFileAndKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("negativeHours")
            << QByteArray(R"({"minimumCaseAgeHours":{"premium":{"2":-4}}})")
            << u"p.json: minimumCaseAgeHours.premium.2: expected a whole number from 0 to 8760, got -4"_s;
        QTest::newRow("severity1Age")
            << QByteArray(R"({"minimumCaseAgeHours":{"premium":{"1":4}}})")
            << u"p.json: minimumCaseAgeHours.premium.1: unknown key; expected one of 2, 3, 4"_s;
        QTest::newRow("unknownTier")
            << QByteArray(R"({"firstResponseTargetMinutes":{"gold":{}}})")
            << u"p.json: firstResponseTargetMinutes.gold: unknown key; expected one of premium, standard"_s;
        QTest::newRow("stringNumber")
            << QByteArray(R"({"supportUpdateMaxHours":{"2":"24"}})")
            << u"p.json: supportUpdateMaxHours.2: expected a whole number from 0 to 8760, got \"24\""_s;
        QTest::newRow("fraction")
            << QByteArray(R"({"review":{"targetBusinessMinutes":240.5}})")
            << u"p.json: review.targetBusinessMinutes: expected a whole number from 1 to 100000, got 240.5"_s;
        QTest::newRow("shareTooBig")
            << QByteArray(R"({"review":{"approachingShare":2}})")
            << u"p.json: review.approachingShare: expected a number from 0 to 1 (a share of the target), got 2"_s;
        QTest::newRow("unknownTopKey")
            << QByteArray(R"({"reviewTarget":{}})")
            << u"p.json: reviewTarget: unknown key; expected one of minimumCaseAgeHours, firstResponseTargetMinutes, supportUpdateMaxHours, review"_s;
    }

    void policyConfig_badValues_errorNamesFileAndKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QStringList errors;
        QVERIFY(!PolicyConfig::fromJson(json, u"p.json"_s, &errors));
        QVERIFY2(errors.contains(expected), qPrintable(errors.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestEscalationPolicy)
#include "tst_escalationpolicy.moc"

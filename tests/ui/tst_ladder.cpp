// The level ladder: which levels are reached, what was decided, and what is
// still owed, for a case at each level 1-4.

#include "../models/queuefixtures.h"

#include <ladderstate.h>
#include <ladderwidget.h>

#include <QImage>
#include <QStandardPaths>
#include <QTest>

using namespace Escalation;

namespace {

// A case that climbed one level per request up to `level`; the earlier
// requests are superseded and were accepted.
QList<EscalationRequest> climb(int level, bool withAnalysis, bool withAck)
{
    const QDateTime now = Fixtures::fixedNow();
    const Case c = Fixtures::makeCase(7, now);
    QList<EscalationRequest> chain;
    for (int l = 1; l <= level; ++l) {
        EscalationRequest r = Fixtures::makeRequest(7, c, now);
        r.id = QStringLiteral("E-7%1").arg(l);
        r.level = l;
        r.requestedAt = now.addDays(l - level).addSecs(-3600);
        r.previousRequestId = l > 1 ? QStringLiteral("E-7%1").arg(l - 1) : QString();
        const bool last = l == level;
        r.state = last ? RequestState::Pending : RequestState::Superseded;
        r.decision.reset();
        if (!last)
            r.decision = Decision {DecisionKind::Accept, QStringLiteral("Plan for level %1").arg(l),
                                   QStringLiteral("Grace Kim"), r.requestedAt.addSecs(1800)};
        if (l >= 3 && withAnalysis)
            r.analysis = Analysis {QStringLiteral("Why level 3"), QStringLiteral("Omar Haddad"),
                                   r.requestedAt.addSecs(600)};
        if (l == 4 && withAck)
            r.ownerAcknowledgement =
                OwnerAcknowledgement {QStringLiteral("VP of Support"), r.requestedAt.addSecs(900)};
        chain << r;
    }
    return chain;
}

bool isUniform(const QImage &image)
{
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixel(x, y) != first)
                return false;
    return true;
}

} // namespace

class TestLadder final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void ladder_showsReachedLevelsAndWhatIsOwed_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<bool>("analysis");
        QTest::addColumn<bool>("ack");
        QTest::addColumn<QStringList>("owedLines");
        const QString owedAnalysis =
            QStringLiteral("Owed: ") + displayName(Obligation::FullAnalysis);
        const QString owedAck =
            QStringLiteral("Owed: ") + displayName(Obligation::OwnerAcknowledgement);
        QTest::newRow("level 1 owes nothing") << 1 << false << false << QStringList {};
        QTest::newRow("level 2 owes nothing") << 2 << false << false << QStringList {};
        QTest::newRow("level 3 owes the analysis")
            << 3 << false << false << QStringList {owedAnalysis};
        QTest::newRow("level 3 with analysis owes nothing") << 3 << true << false << QStringList {};
        QTest::newRow("level 4 owes analysis and acknowledgement")
            << 4 << false << false << QStringList {owedAnalysis, owedAck};
        QTest::newRow("level 4 with analysis owes the acknowledgement")
            << 4 << true << false << QStringList {owedAck};
        QTest::newRow("level 4 complete") << 4 << true << true << QStringList {};
    }

    void ladder_showsReachedLevelsAndWhatIsOwed()
    {
        QFETCH(int, level);
        QFETCH(bool, analysis);
        QFETCH(bool, ack);
        QFETCH(QStringList, owedLines);
        const QList<EscalationRequest> chain = climb(level, analysis, ack);
        const LadderState state = LadderState::build(chain.last(), chain);
        QCOMPARE(state.currentLevel, level);
        for (int l = 1; l <= 4; ++l) {
            QCOMPARE(state.step(l).reached, l <= level);
            QCOMPARE(state.step(l).decision.has_value(), l < level);
            QVERIFY(!state.step(l).added.isEmpty());
            // Audiences are cumulative: each level alerts at least everyone below.
            if (l > 1)
                QVERIFY(state.step(l).audience.size() > state.step(l - 1).audience.size());
        }
        QStringList owed;
        const QStringList lines = state.describe();
        for (const QString &line : lines) {
            if (line.startsWith(QStringLiteral("Owed: ")))
                owed << line;
        }
        QCOMPARE(owed, owedLines);
        QVERIFY(lines.contains(
            QStringLiteral("Level %1 (current): adds %2; reached %3; awaiting review")
                .arg(level)
                .arg(state.step(level).added.join(QStringLiteral(", ")),
                     QLocale().toString(chain.last().requestedAt.toLocalTime(),
                                        QLocale::ShortFormat))));

        LadderWidget widget;
        widget.setLadder(state);
        widget.resize(widget.sizeHint());
        QVERIFY(widget.sizeHint().height() > 4 * widget.fontMetrics().lineSpacing() * 2);
        QCOMPARE(widget.accessibleDescription(), lines.join(QLatin1Char('\n')));
        QVERIFY(!widget.grab().isNull());
    }

    void ladder_enteredHighMarksLowerLevelsIncluded()
    {
        QList<EscalationRequest> chain = climb(3, false, false);
        const EscalationRequest direct = chain.last();
        const LadderState state = LadderState::build(direct, {direct});
        QVERIFY(state.step(1).reached);
        QVERIFY(state.step(1).reachedImplicitly);
        QVERIFY(!state.step(3).reachedImplicitly);
        QVERIFY(!state.step(4).reached);
    }

    // Nothing chosen: no rungs at all, not four "level 0" ones.
    void ladder_clearedPaintsNothing()
    {
        const QList<EscalationRequest> chain = climb(3, true, false);
        LadderWidget ladder;
        ladder.setLadder(LadderState::build(chain.last(), chain, false));
        ladder.resize(ladder.sizeHint());
        const int filledHeight = ladder.sizeHint().height();
        QVERIFY(!isUniform(ladder.grab().toImage()));

        ladder.clear();
        QVERIFY(ladder.sizeHint().height() < filledHeight / 4);
        ladder.resize(ladder.width(), filledHeight);
        QVERIFY(isUniform(ladder.grab().toImage()));
        QVERIFY(ladder.accessibleDescription().isEmpty());
    }

    void ladder_outageIsSaidFirst()
    {
        const QList<EscalationRequest> chain = climb(1, false, false);
        const LadderState state = LadderState::build(chain.last(), chain, true);
        QVERIFY(state.describe().first().contains(QStringLiteral("outage")));
    }
};

QTEST_MAIN(TestLadder)
#include "tst_ladder.moc"

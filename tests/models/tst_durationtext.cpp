// The countdown text of the queue's "Review due" column, in every clock state.

#include <durationtext.h>

#include <QTest>

using namespace Escalation;

class DurationTextTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countdown_readsAsTheClockStands_data()
    {
        QTest::addColumn<ClockState>("state");
        QTest::addColumn<qint64>("remaining");
        QTest::addColumn<QString>("expected");
        QTest::newRow("hours left")
            << ClockState::OnTrack << qint64(3 * 3600 + 19 * 60) << QStringLiteral("3h 19m left");
        QTest::newRow("days left")
            << ClockState::OnTrack << qint64(2 * 86400 + 3600) << QStringLiteral("2d 1h left");
        QTest::newRow("seconds show under ten minutes")
            << ClockState::Approaching << qint64(125) << QStringLiteral("2m 05s left");
        QTest::newRow("overdue by business time")
            << ClockState::Breached << qint64(-90) << QStringLiteral("overdue 1m");
        QTest::newRow("breached at the close, paused since")
            << ClockState::Breached << qint64(0) << QStringLiteral("overdue");
        QTest::newRow("answered") << ClockState::Answered << qint64(-500)
                                  << QStringLiteral("answered");
    }

    void countdown_readsAsTheClockStands()
    {
        QFETCH(ClockState, state);
        QFETCH(qint64, remaining);
        QFETCH(QString, expected);
        QCOMPARE(DurationText::countdown(state, remaining), expected);
    }
};

QTEST_GUILESS_MAIN(DurationTextTest)
#include "tst_durationtext.moc"

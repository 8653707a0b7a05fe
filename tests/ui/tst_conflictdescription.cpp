#include <QTest>

#include <conflictdescription.h>

using namespace Escalation;

// A conflicted decision must be shown with both versions, and what the
// portal sent must come through as literal text.
class TestConflictDescription final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void conflict_showsOwnDecisionAndPortalVersion()
    {
        OutboxEntry entry;
        entry.action = OutboxAction::Accept;
        entry.requestId = QStringLiteral("E-200311");
        entry.text = QStringLiteral("Engineering joins a call at 15:00.");
        entry.baseVersion = 4;
        entry.conflictJson = QStringLiteral(
            R"({"id":"E-200311","version":6,"state":"declined","owner":"Grace Kim",)"
            R"("decision":{"kind":"decline","text":"<b>Not eligible</b> yet","by":"Grace Kim","at":"2026-03-30T15:00:00Z"},)"
            R"("updatedAt":"2026-03-30T15:00:00Z"})");

        const QString text = describeConflict(entry);
        QVERIFY2(text.contains(QStringLiteral("Engineering joins a call at 15:00.")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("version 4")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Version 6")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Owner: Grace Kim")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("declined by Grace Kim")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("<b>Not eligible</b> yet")), qPrintable(text));
    }

    void conflict_withoutPortalVersion_saysSo()
    {
        OutboxEntry entry;
        entry.action = OutboxAction::Decline;
        entry.text = QStringLiteral("Thanks, we are on it.");
        entry.conflictJson = QStringLiteral("not json");
        const QString text = describeConflict(entry);
        QVERIFY(text.contains(QStringLiteral("Thanks, we are on it.")));
        QVERIFY(text.contains(QStringLiteral("did not send its current version")));
    }
};

QTEST_GUILESS_MAIN(TestConflictDescription)
#include "tst_conflictdescription.moc"

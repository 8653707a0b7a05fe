// The permission table of docs/portal-api.md, cell by cell: the portal
// enforces it and the desk disables actions by it, so a changed cell shows
// up here first.

#include <permissions.h>

#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Escalation::Permission)

class TestPermissions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void table_data()
    {
        QTest::addColumn<Permission>("permission");
        QTest::addColumn<QString>("allowed"); // M = manager, T = team lead, D = director, A = admin
        QTest::newRow("read") << Permission::Read << u"MTDA"_s;
        QTest::newRow("decide") << Permission::Decide << u"M"_s;
        QTest::newRow("note") << Permission::Note << u"MTD"_s;
        QTest::newRow("analysis") << Permission::Analysis << u"MD"_s;
        QTest::newRow("acknowledge") << Permission::Acknowledge << u"D"_s;
        QTest::newRow("raise") << Permission::Raise << u"MTD"_s;
        QTest::newRow("admin") << Permission::Admin << u"A"_s;
    }
    void table()
    {
        QFETCH(Permission, permission);
        QFETCH(QString, allowed);
        const std::pair<UserRole, QChar> roles[] {{UserRole::EscalationManager, u'M'},
                                                  {UserRole::TeamLead, u'T'},
                                                  {UserRole::Director, u'D'},
                                                  {UserRole::Admin, u'A'}};
        for (const auto &[role, letter] : roles) {
            QCOMPARE(hasPermission(role, permission), allowed.contains(letter));
            // A refusal always says why; an allowed action has no reason.
            QCOMPARE(refusalReason(role, permission).isEmpty(), allowed.contains(letter));
        }
    }

    void actionsNeedTheirPermission()
    {
        QCOMPARE(permissionFor(OutboxAction::Accept), Permission::Decide);
        QCOMPARE(permissionFor(OutboxAction::Decline), Permission::Decide);
        QCOMPARE(permissionFor(OutboxAction::TakeOwnership), Permission::Decide);
        QCOMPARE(permissionFor(OutboxAction::AddNote), Permission::Note);
        QCOMPARE(permissionFor(OutboxAction::RecordAnalysis), Permission::Analysis);
        QCOMPARE(permissionFor(OutboxAction::AcknowledgeOwnership), Permission::Acknowledge);
    }

    void codesRoundTrip()
    {
        for (UserRole role :
             {UserRole::EscalationManager, UserRole::TeamLead, UserRole::Director, UserRole::Admin})
            QCOMPARE(userRoleFromCode(toCode(role)), role);
        QCOMPARE(toCode(UserRole::TeamLead), u"team_lead"_s);
        QVERIFY(!userRoleFromCode(u"manager").has_value());
        QVERIFY(!userRoleFromCode(u"").has_value());
        for (int i = 0; i <= int(Permission::Admin); ++i)
            QCOMPARE(permissionFromCode(toCode(Permission(i))), Permission(i));
        QVERIFY(!permissionFromCode(u"root").has_value());
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"

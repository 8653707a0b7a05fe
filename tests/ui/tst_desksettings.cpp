// The desk's settings: every value survives a round trip through the file,
// unreadable values fall back to the shipped defaults with a message, and
// the settings dialog checks its input, saves nothing on a problem, and
// never writes the portal token into the settings file.

#include <desksettings.h>
#include <settingsdialog.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>
#include <QTimeZone>

using namespace Escalation;

namespace {

QByteArray fileContents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

const QByteArray SecretToken = QByteArrayLiteral("tok-5f1c0d9e-very-secret-8842");

} // namespace

class TestDeskSettings final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void roundTrip_keepsEveryValue()
    {
        const QString path = m_dir.filePath(QStringLiteral("roundtrip.ini"));
        {
            DeskSettings s(path, nullptr);
            s.setPortalUrl(QUrl(QStringLiteral("https://portal.example.com/support")));
            s.setRole(DeskRole::Director);
            s.setCalendarsDirectory(m_dir.path());
            s.setApproachingShare(0.3);
            s.setFirstResponseMinutes(SupportTier::Premium, {15, 45, 120, 240});
            s.setSupportSilenceHours({2, 12, 48, 96});
            s.setReplyTemplate(QStringLiteral("default"), QStringLiteral("Hello {requester}, no."));
            s.setWorkingHours(WorkingHours(0x3e, QTime(7, 30), QTime(15, 45)));
            s.setTrustedCertificateSha256(QByteArray(64, 'a'));
            s.setNotifiedKeys({QStringLiteral("E-1|approaching")});
            s.sync();
        }
        DeskSettings s(path, nullptr);
        QCOMPARE(s.portalUrl(), QUrl(QStringLiteral("https://portal.example.com/support")));
        QCOMPARE(s.role(), DeskRole::Director);
        QCOMPARE(s.calendarsDirectory(), QDir::cleanPath(m_dir.path()));
        const PolicyConfig p = s.policy();
        QCOMPARE(p.review.approachingShare.value_or(-1), 0.3);
        QCOMPARE(p.firstResponseTargetMinutes[0], (std::array<int, 4> {15, 45, 120, 240}));
        QCOMPARE(p.firstResponseTargetMinutes[1],
                 PolicyConfig::defaults().firstResponseTargetMinutes[1]);
        QCOMPARE(p.supportUpdateMaxHours, (std::array<int, 4> {2, 12, 48, 96}));
        QCOMPARE(s.replyTemplates().text(QStringLiteral("default")),
                 QStringLiteral("Hello {requester}, no."));
        QCOMPARE(s.replyTemplates().text(QStringLiteral("outage")),
                 ReplyTemplates::defaults().text(QStringLiteral("outage")));
        const WorkingHours h = s.workingHours();
        QCOMPARE(h.dayMask(), quint8(0x3e));
        QCOMPARE(h.from(), QTime(7, 30));
        QCOMPARE(h.to(), QTime(15, 45));
        QCOMPARE(s.trustedCertificateSha256(), QByteArray(64, 'a'));
        QCOMPARE(s.notifiedKeys(), QStringList {QStringLiteral("E-1|approaching")});
        QVERIFY2(s.problems().isEmpty(), qPrintable(s.problems().join(QLatin1Char('\n'))));
    }

    void emptyFile_givesTheShippedDefaults()
    {
        DeskSettings s(m_dir.filePath(QStringLiteral("empty.ini")), nullptr);
        QVERIFY(s.portalUrl().isEmpty()); // no portal: the cache alone
        QCOMPARE(s.role(), DeskRole::Manager);
        QCOMPARE(s.policy(), PolicyConfig::defaults());
        QCOMPARE(s.workingHours().dayMask(), quint8(0x1f));
        QVERIFY(s.trustedCertificateSha256().isEmpty());
        QCOMPARE(s.retentionMonths(), 13);
        QCOMPARE(s.unownedBreachMinutes(), 30);
        QCOMPARE(s.appearance(), DeskSettings::Appearance::Desktop);
        QVERIFY(s.problems().isEmpty());
    }

    void retention_isKeptWithinItsRange_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<int>("months");
        QTest::addColumn<bool>("problem");
        QTest::newRow("two years")
            << QByteArrayLiteral("[analytics]\nretentionMonths=24\n") << 24 << false;
        QTest::newRow("zero") << QByteArrayLiteral("[analytics]\nretentionMonths=0\n") << 13
                              << true;
        QTest::newRow("words") << QByteArrayLiteral("[analytics]\nretentionMonths=forever\n") << 13
                               << true;
    }

    void retention_isKeptWithinItsRange()
    {
        QFETCH(QByteArray, ini);
        QFETCH(int, months);
        QFETCH(bool, problem);
        const QString path = m_dir.filePath(QStringLiteral("retention.ini"));
        writeFile(path, ini);
        DeskSettings s(path, nullptr);
        QCOMPARE(s.retentionMonths(), months);
        QCOMPARE(!s.problems().isEmpty(), problem);
        s.setRetentionMonths(500);
        QCOMPARE(s.retentionMonths(), 120);
    }

    void unownedBreachAlert_isKeptWithinItsRange()
    {
        const QString path = m_dir.filePath(QStringLiteral("unowned.ini"));
        writeFile(path, QByteArrayLiteral("[notifications]\nunownedBreachMinutes=soon\n"));
        DeskSettings s(path, nullptr);
        QCOMPARE(s.unownedBreachMinutes(), 30);
        QVERIFY(s.problems().join(u' ').contains(QStringLiteral("soon")));
        s.setUnownedBreachMinutes(0);
        QCOMPARE(s.unownedBreachMinutes(), 0); // never
        s.setUnownedBreachMinutes(100000);
        QCOMPARE(s.unownedBreachMinutes(), 24 * 60);
    }

    void unreadableValues_fallBackAndSaySo_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QString>("mentioned");
        QTest::newRow("unknown role")
            << QByteArrayLiteral("[desk]\nrole=boss\n") << QStringLiteral("boss");
        QTest::newRow("ftp portal")
            << QByteArrayLiteral("[portal]\nurl=ftp://x\n") << QStringLiteral("ftp://x");
        QTest::newRow("three targets")
            << QByteArrayLiteral("[sla]\nsupportSilenceHours=\"1,2,3\"\n")
            << QStringLiteral("sla/supportSilenceHours");
        QTest::newRow("negative target")
            << QByteArrayLiteral("[sla]\nfirstResponseMinutes\\premium=\"30,-5,240,480\"\n")
            << QStringLiteral("-5");
        QTest::newRow("share out of range")
            << QByteArrayLiteral("[review]\napproachingMode=share\napproachingShare=1.5\n")
            << QStringLiteral("review/approachingShare");
        QTest::newRow("bad time") << QByteArrayLiteral("[workingHours]\nfrom=25:00\n")
                                  << QStringLiteral("25:00");
        QTest::newRow("bad day") << QByteArrayLiteral("[workingHours]\ndays=\"mon,someday\"\n")
                                 << QStringLiteral("someday");
    }

    void unreadableValues_fallBackAndSaySo()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QString, mentioned);
        const QString path = m_dir.filePath(QStringLiteral("bad.ini"));
        writeFile(path, ini);
        DeskSettings s(path, nullptr);
        QCOMPARE(s.role(), ini.contains("boss") ? DeskRole::Manager : s.role());
        QCOMPARE(s.policy().supportUpdateMaxHours, PolicyConfig::defaults().supportUpdateMaxHours);
        QCOMPARE(s.policy().firstResponseTargetMinutes,
                 PolicyConfig::defaults().firstResponseTargetMinutes);
        QCOMPARE(s.policy().review, PolicyConfig::defaults().review);
        QCOMPARE(s.portalUrl().scheme() == QLatin1String("ftp"), false);
        QCOMPARE(s.workingHours(), WorkingHours());
        const QString problems = s.problems().join(QLatin1Char('\n'));
        QVERIFY2(problems.contains(mentioned), qPrintable(problems));
    }

    void calendarsFolder_loadsOverTheBuiltInsAndReportsBadFiles()
    {
        QTemporaryDir calendars;
        writeFile(
            calendars.filePath(QStringLiteral("lisbon.json")),
            QByteArrayLiteral(
                R"({"name":"Lisbon","timeZone":"Europe/Lisbon","week":{"monday":["09:00-18:00"]},"holidays":["06-13"]})"));
        writeFile(calendars.filePath(QStringLiteral("broken.json")),
                  QByteArrayLiteral(R"({"name":"Broken","week":)"));
        DeskSettings s(m_dir.filePath(QStringLiteral("cal.ini")), nullptr);
        s.setCalendarsDirectory(calendars.path());
        QStringList errors;
        const CalendarRegistry registry = s.calendars(&errors);
        QVERIFY(registry.contains(QStringLiteral("lisbon")));
        QVERIFY(registry.contains(QStringLiteral("emea")));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.constFirst().contains(QStringLiteral("broken.json")),
                 qPrintable(errors.constFirst()));
    }

    void dialog_rejectsBadInputAndSavesNothing_data()
    {
        QTest::addColumn<QString>("widget");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a URL")
            << QStringLiteral("portalUrl") << QStringLiteral("portal at work")
            << QStringLiteral("full http or https URL");
        QTest::newRow("plain http to another host")
            << QStringLiteral("portalUrl") << QStringLiteral("http://portal.example.com")
            << QStringLiteral("unencrypted");
        QTest::newRow("short fingerprint")
            << QStringLiteral("fingerprint") << QStringLiteral("AB:CD:EF")
            << QStringLiteral("64 hexadecimal digits");
        QTest::newRow("missing calendars folder")
            << QStringLiteral("calendarDir") << QStringLiteral("/nonexistent/calendars")
            << QStringLiteral("does not exist");
        QTest::newRow("empty reply template")
            << QStringLiteral("templateText") << QString() << QStringLiteral("is empty");
    }

    void dialog_rejectsBadInputAndSavesNothing()
    {
        QFETCH(QString, widget);
        QFETCH(QString, value);
        QFETCH(QString, message);
        const QString path = m_dir.filePath(QStringLiteral("dialog-bad.ini"));
        QFile::remove(path);
        DeskSettings settings(path, nullptr);
        SettingsDialog dialog(&settings);
        dialog.findChild<QComboBox *>(QStringLiteral("role"))->setCurrentIndex(2);
        if (auto *line = dialog.findChild<QLineEdit *>(widget))
            line->setText(value);
        else
            dialog.findChild<QPlainTextEdit *>(widget)->setPlainText(value);
        QVERIFY(!dialog.apply());
        QVERIFY2(dialog.errorText().contains(message), qPrintable(dialog.errorText()));
        settings.sync();
        QVERIFY2(!fileContents(path).contains("director"), fileContents(path).constData());
    }

    void dialog_savesWhatWasEntered()
    {
        const QString path = m_dir.filePath(QStringLiteral("dialog-good.ini"));
        DeskSettings settings(path, nullptr);
        SettingsDialog dialog(&settings);
        dialog.findChild<QLineEdit *>(QStringLiteral("portalUrl"))
            ->setText(QStringLiteral("https://cases.example.org"));
        dialog.findChild<QLineEdit *>(QStringLiteral("fingerprint"))
            ->setText(QStringLiteral("ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01 "
                                     "23 45 67 89 ab cd ef 01 23 45 67 89"));
        dialog.findChild<QComboBox *>(QStringLiteral("role"))->setCurrentIndex(1);
        dialog.findChild<QCheckBox *>(QStringLiteral("day6"))->setChecked(true);
        dialog.findChild<QTimeEdit *>(QStringLiteral("workFrom"))->setTime(QTime(8, 0));
        dialog.findChild<QRadioButton *>(QStringLiteral("approachingByShare"))->setChecked(true);
        dialog.findChild<QSpinBox *>(QStringLiteral("approachingPercent"))->setValue(20);
        dialog.findChild<QSpinBox *>(QStringLiteral("silenceS2"))->setValue(36);
        QVERIFY2(dialog.apply(), qPrintable(dialog.errorText()));

        DeskSettings reread(path, nullptr);
        QCOMPARE(reread.portalUrl(), QUrl(QStringLiteral("https://cases.example.org")));
        QCOMPARE(reread.trustedCertificateSha256(), QByteArray("abcdef0123456789").repeated(4));
        QCOMPARE(reread.role(), DeskRole::TeamLead);
        QCOMPARE(reread.workingHours().dayMask(), quint8(0x3f));
        QCOMPARE(reread.workingHours().from(), QTime(8, 0));
        QCOMPARE(reread.policy().review.approachingShare.value_or(0), 0.2);
        QCOMPARE(reread.policy().supportUpdateMaxHours[1], 36);
        // Untouched templates are not copied into the file.
        QVERIFY(!fileContents(path).contains("declineTemplates"));
    }

    void templatePreview_rendersLiveAndNamesUnknownPlaceholders()
    {
        DeskSettings settings(m_dir.filePath(QStringLiteral("preview.ini")), nullptr);
        SettingsDialog dialog(&settings);
        auto *text = dialog.findChild<QPlainTextEdit *>(QStringLiteral("templateText"));
        text->setPlainText(
            QStringLiteral("Dear {requester}, case {caseNumber} stays with {manager}. {mood}"));
        QCOMPARE(dialog.previewText(),
                 QStringLiteral("Dear Jordan Lee, case 00100023 stays with Maya Fischer. {mood}"));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("templateWarning"))
                    ->text()
                    .contains(QStringLiteral("{mood}")));
        QVERIFY2(dialog.apply(), qPrintable(dialog.errorText()));
        DeskSettings reread(m_dir.filePath(QStringLiteral("preview.ini")), nullptr);
        QCOMPARE(reread.replyTemplates().text(QStringLiteral("default")), text->toPlainText());
    }

    void token_isNeverWrittenToTheSettingsFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("token.ini"));
        DeskSettings settings(path, nullptr);
        SettingsDialog dialog(&settings);
        dialog.findChild<QLineEdit *>(QStringLiteral("portalUrl"))
            ->setText(QStringLiteral("http://127.0.0.1:8123"));
        auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("tokenEdit"));
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        token->setText(QString::fromLatin1(SecretToken));
        QSignalSpy finished(&dialog, &SettingsDialog::tokenWriteFinished);
        dialog.accept();
        // The keychain answers (here: there is none, so the write fails and
        // says so); either way nothing reaches the file.
        QVERIFY(finished.wait(20000));
        settings.sync();
        const QByteArray contents = fileContents(path);
        QVERIFY(contents.contains("127.0.0.1:8123"));
        QVERIFY2(!contents.contains(SecretToken), contents.constData());
        QVERIFY(!contents.toLower().contains("token"));
        if (!finished.constFirst().at(0).toBool()) {
            QVERIFY(dialog.errorText().contains(QStringLiteral("not saved anywhere else")));
            QCOMPARE(token->text(),
                     QString::fromLatin1(SecretToken)); // nothing lost: still in the field
        }
        // The status line never shows the token itself.
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("tokenStatus"))
                     ->text()
                     .contains(QString::fromLatin1(SecretToken)));
    }

private:
    QTemporaryDir m_dir;
};

int main(int argc, char *argv[])
{
    // No session bus: the keychain answers "unavailable" at once instead of
    // waiting for a desktop that is not there.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/escalation-desk-test-bus");
    qunsetenv("ESCALATION_DESK_TOKEN");
    QApplication app(argc, argv);
    TestDeskSettings test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_desksettings.moc"

// The German translation: it loads for a German locale together with Qt's
// own, known strings of every layer come out in German, plural forms and
// locale-aware numbers work, and the .ts file holds no unfinished message.

#include <cachestore.h>
#include <deskrole.h>
#include <desktranslations.h>
#include <durationtext.h>
#include <escalation.h>
#include <reviewclock.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLocale>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

using namespace Escalation;

class TestTranslations final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const InstalledTranslations installed = installTranslations(
            qApp, QLocale(QLocale::German, QLocale::Germany), QStringLiteral(ESCALATION_QM_DIR));
        QVERIFY(installed.app);
        QVERIFY(installed.qt);
    }

    void knownStrings_areGerman_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("role") << QStringLiteral("DeskRole") << QStringLiteral("Team lead")
                              << QStringLiteral("Teamleitung");
        QTest::newRow("domain") << QStringLiteral("Escalation") << QStringLiteral("Lack of updates")
                                << QStringLiteral("Fehlende Rückmeldungen");
        QTest::newRow("clock state") << QStringLiteral("ReviewClock") << QStringLiteral("Breached")
                                     << QStringLiteral("Überschritten");
        QTest::newRow("summary column")
            << QStringLiteral("Escalation::SlaSummaryModel") << QStringLiteral("Breached today")
            << QStringLiteral("Heute überschritten");
        QTest::newRow("director column") << QStringLiteral("Escalation::DirectorModel")
                                         << QStringLiteral("owed") << QStringLiteral("ausstehend");
        QTest::newRow("queue header") << QStringLiteral("Escalation::QueueModel")
                                      << QStringLiteral("Case age") << QStringLiteral("Fallalter");
        QTest::newRow("token help")
            << QStringLiteral("Escalation::TokenStore")
            << QStringLiteral("Store the portal token in Settings (it is kept in the system "
                              "keychain), or set the environment variable %1 for scripts.")
            << QStringLiteral("Hinterlegen Sie das Portal-Token in den Einstellungen (es wird "
                              "im Schlüsselbund des Systems gespeichert) oder setzen Sie für "
                              "Skripte die Umgebungsvariable %1.");
    }

    void knownStrings_areGerman()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(QCoreApplication::translate(context.toLatin1().constData(),
                                             source.toUtf8().constData()),
                 expected);
    }

    // The cache's own errors, as the user reads them in the status bar.
    void storeErrors_comeOutInGerman()
    {
        StoreError error;
        const QString missing = QStringLiteral("/nonexistent/escalation-cache.sqlite");
        QVERIFY(!CacheStore::open(missing, nullptr, &error, CacheStore::OpenMode::ReadOnly));
        QCOMPARE(error.message,
                 QStringLiteral("Unter %1 gibt es keinen lokalen Cache.").arg(missing));
    }

    void domainDisplayNames_followTheTranslation()
    {
        QCOMPARE(displayName(DeskRole::Director), QStringLiteral("Direktor"));
        QCOMPARE(displayName(ClockState::Approaching), QStringLiteral("Bald fällig"));
        QCOMPARE(displayName(Reason::TimeConstraint), QStringLiteral("Zeitliche Vorgabe"));
    }

    void pluralForms_areChosenByNumber()
    {
        const char *ctx = "Escalation::SyncIndicator";
        const char *src = "%n action(s) waiting for the portal";
        QCOMPARE(QCoreApplication::translate(ctx, src, nullptr, 1),
                 QStringLiteral("1 Aktion wartet auf das Portal"));
        QCOMPARE(QCoreApplication::translate(ctx, src, nullptr, 3),
                 QStringLiteral("3 Aktionen warten auf das Portal"));
    }

    void qtStandardButtons_areGerman()
    {
        QDialogButtonBox box(QDialogButtonBox::Cancel);
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
    }

    void numbersAndDates_followTheLocale()
    {
        const QLocale german(QLocale::German, QLocale::Germany);
        QCOMPARE(german.toString(12345), QStringLiteral("12.345"));
        QCOMPARE(german.toString(QDate(2026, 3, 30), QLocale::ShortFormat),
                 QStringLiteral("30.03.26"));
    }

    void tsFile_hasNoUnfinishedMessage()
    {
        QFile ts(QStringLiteral(ESCALATION_TS_FILE));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QByteArray content = ts.readAll();
        QVERIFY(content.count("<message") > 300);
        QCOMPARE(content.count("type=\"unfinished\""), 0);
        QCOMPARE(content.count("<translation></translation>"), 0);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"

// Light, dark and high contrast: which palette each choice gives with and
// without a desktop preference, the portal's answer read in every form it
// comes in, the desk switching while it runs (state colours chosen anew and
// readable), the choice kept in the settings, and pictures of the main
// window in dark and high-contrast colours for the documentation.

#include "queuedeskfixture.h"

#include <clockpalette.h>
#include <deskappearance.h>
#include <deskfeatures.h>
#include <desksettings.h>
#include <desktopcolorscheme.h>
#include <detailspane.h>
#include <queueview.h>
#include <syncindicator.h>

#include <QApplication>
#include <QDBusVariant>
#include <QDir>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;
using Appearance = DeskSettings::Appearance;

Q_DECLARE_METATYPE(std::optional<bool>)

namespace {

QString screenshotPath(const QString &name)
{
    const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

struct Desk {
    QueueDeskFixture f {60};
    QTemporaryDir dir;
    DeskSettings settings {dir.filePath(QStringLiteral("desk.ini")), nullptr};
    MainWindow window {f.context()};
    DeskFeatures *features = nullptr;

    explicit Desk(Appearance appearance = Appearance::Desktop)
    {
        settings.setAppearance(appearance);
        features = new DeskFeatures(&window, f.model.get(), f.clock.get(), &f.lookup, &settings);
        features->loadSnapshot(f.queue.requests, f.queue.cases);
    }
};

} // namespace

class TestAppearance final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
        // Taken before any test changes the application's palette.
        QVERIFY(!DeskPalette::isDark(DeskAppearance::startPalette()));
    }

    void cleanup() { QApplication::setPalette(DeskAppearance::startPalette()); }

    void paletteFor_followsTheChoiceAndTheDesktop_data()
    {
        QTest::addColumn<int>("choice");
        QTest::addColumn<std::optional<bool>>("desktopPrefersDark");
        QTest::addColumn<bool>("platformDark");
        QTest::addColumn<QString>("expected"); // platform, light, dark, contrast
        const std::optional<bool> unsaid;
        QTest::newRow("desktop silent: the platform's")
            << int(Appearance::Desktop) << unsaid << false << QStringLiteral("platform");
        QTest::newRow("desktop silent, dark platform")
            << int(Appearance::Desktop) << unsaid << true << QStringLiteral("platform");
        QTest::newRow("desktop dark, light platform")
            << int(Appearance::Desktop) << std::optional(true) << false << QStringLiteral("dark");
        QTest::newRow("desktop dark, dark platform: keep its accents")
            << int(Appearance::Desktop) << std::optional(true) << true
            << QStringLiteral("platform");
        QTest::newRow("desktop light, dark platform")
            << int(Appearance::Desktop) << std::optional(false) << true << QStringLiteral("light");
        QTest::newRow("light fixed, desktop dark")
            << int(Appearance::Light) << std::optional(true) << false << QStringLiteral("platform");
        QTest::newRow("dark fixed, desktop light")
            << int(Appearance::Dark) << std::optional(false) << false << QStringLiteral("dark");
        QTest::newRow("high contrast whatever the desktop")
            << int(Appearance::HighContrast) << std::optional(false) << false
            << QStringLiteral("contrast");
    }

    void paletteFor_followsTheChoiceAndTheDesktop()
    {
        QFETCH(int, choice);
        QFETCH(std::optional<bool>, desktopPrefersDark);
        QFETCH(bool, platformDark);
        QFETCH(QString, expected);
        QPalette platform = platformDark ? DeskPalette::dark() : DeskPalette::light();
        platform.setColor(QPalette::Highlight, QColor(0x99, 0x33, 0x66)); // the desktop's accent
        const QPalette chosen =
            DeskAppearance::paletteFor(Appearance(choice), desktopPrefersDark, platform);
        if (expected == QLatin1String("platform"))
            QCOMPARE(chosen, platform);
        else if (expected == QLatin1String("light"))
            QCOMPARE(chosen, DeskPalette::light());
        else if (expected == QLatin1String("dark"))
            QCOMPARE(chosen, DeskPalette::dark());
        else
            QCOMPARE(chosen, DeskPalette::highContrast());
    }

    void palettes_areReadable()
    {
        // Text on its background, selected text on its highlight, disabled
        // and placeholder text: WCAG AA (4.5:1) in each palette the desk
        // brings.
        for (const auto &[name, palette] :
             {std::pair {QStringLiteral("light"), DeskPalette::light()},
              std::pair {QStringLiteral("dark"), DeskPalette::dark()},
              std::pair {QStringLiteral("high contrast"), DeskPalette::highContrast()}}) {
            const auto ratio = [&](QPalette::ColorGroup g, QPalette::ColorRole fg,
                                   QPalette::ColorRole bg) {
                return ClockPalette::contrastRatio(palette.color(g, fg), palette.color(g, bg));
            };
            QVERIFY2(ratio(QPalette::Active, QPalette::Text, QPalette::Base) >= 4.5,
                     qPrintable(name));
            QVERIFY2(ratio(QPalette::Active, QPalette::WindowText, QPalette::Window) >= 4.5,
                     qPrintable(name));
            QVERIFY2(ratio(QPalette::Active, QPalette::HighlightedText, QPalette::Highlight) >= 4.5,
                     qPrintable(name));
            QVERIFY2(ratio(QPalette::Active, QPalette::PlaceholderText, QPalette::Base) >= 4.5,
                     qPrintable(name));
            QVERIFY2(ratio(QPalette::Disabled, QPalette::Text, QPalette::Base) >= 3.0,
                     qPrintable(name));
        }
        QVERIFY(DeskPalette::isDark(DeskPalette::dark()));
        QVERIFY(DeskPalette::isDark(DeskPalette::highContrast()));
        QVERIFY(!DeskPalette::isDark(DeskPalette::light()));
    }

    void portalValue_isReadInEveryForm_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<std::optional<bool>>("expected");
        QTest::newRow("dark") << QVariant(1u) << std::optional(true);
        QTest::newRow("light") << QVariant(2u) << std::optional(false);
        QTest::newRow("no preference") << QVariant(0u) << std::optional<bool>();
        QTest::newRow("wrapped once")
            << QVariant::fromValue(QDBusVariant(QVariant(1u))) << std::optional(true);
        QTest::newRow("wrapped twice (older portals)")
            << QVariant::fromValue(QDBusVariant(QVariant::fromValue(QDBusVariant(QVariant(2u)))))
            << std::optional(false);
        QTest::newRow("unknown number") << QVariant(7u) << std::optional<bool>();
        QTest::newRow("not a number") << QVariant(QStringLiteral("dark")) << std::optional<bool>();
        QTest::newRow("nothing") << QVariant() << std::optional<bool>();
    }

    void portalValue_isReadInEveryForm()
    {
        QFETCH(QVariant, value);
        QFETCH(std::optional<bool>, expected);
        QCOMPARE(DesktopColorScheme::fromPortalValue(value), expected);
    }

    void desk_followsTheDesktopWhileItRuns()
    {
        Desk desk;
        desk.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&desk.window));
        QVERIFY(desk.window.queueView()->selectRequest(QueueDeskFixture::tooEarlyId()));
        auto *eligibility =
            desk.window.detailsPane()->findChild<QLabel *>(QStringLiteral("eligibilityLabel"));
        QVERIFY(eligibility);
        const auto readable = [&] {
            const QPalette p = eligibility->palette();
            return ClockPalette::contrastRatio(p.color(QPalette::WindowText),
                                               p.color(QPalette::Window));
        };
        QVERIFY(!DeskPalette::isDark(QApplication::palette()));
        const QColor lightWarning = eligibility->palette().color(QPalette::WindowText);

        // The desktop switches to dark: the whole desk follows, and the
        // warning colour is chosen anew for the dark background.
        desk.features->appearance()->setDesktopPrefersDark(true);
        QVERIFY(DeskPalette::isDark(QApplication::palette()));
        // Widgets hear of the application's palette through events.
        QTRY_VERIFY(DeskPalette::isDark(desk.window.queueView()->palette()));
        QVERIFY(DeskPalette::isDark(eligibility->palette()));
        QVERIFY(eligibility->palette().color(QPalette::WindowText) != lightWarning);
        QVERIFY2(readable() >= 4.5, qPrintable(QString::number(readable())));

        // A fixed choice wins over the desktop.
        desk.settings.setAppearance(Appearance::Light);
        desk.features->appearance()->setChoice(desk.settings.appearance());
        QVERIFY(!DeskPalette::isDark(QApplication::palette()));
        QTRY_COMPARE(eligibility->palette().color(QPalette::WindowText), lightWarning);
        QVERIFY2(readable() >= 4.5, qPrintable(QString::number(readable())));
    }

    void settings_keepTheChoice()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("desk.ini"));
        {
            DeskSettings settings(file, nullptr);
            QCOMPARE(settings.appearance(), Appearance::Desktop);
            settings.setAppearance(Appearance::HighContrast);
        }
        {
            DeskSettings settings(file, nullptr);
            QCOMPARE(settings.appearance(), Appearance::HighContrast);
        }
        QSettings(file, QSettings::IniFormat)
            .setValue(DeskSettings::Keys::appearance(), QStringLiteral("purple"));
        DeskSettings settings(file, nullptr);
        QCOMPARE(settings.appearance(), Appearance::Desktop);
        QVERIFY(settings.problems().join(QLatin1Char(' ')).contains(QStringLiteral("purple")));
    }

    void screenshots_darkAndHighContrast_data()
    {
        QTest::addColumn<int>("appearance");
        QTest::addColumn<QString>("file");
        QTest::newRow("dark") << int(Appearance::Dark) << QStringLiteral("main-window-dark.png");
        QTest::newRow("high contrast")
            << int(Appearance::HighContrast) << QStringLiteral("main-window-high-contrast.png");
    }

    void screenshots_darkAndHighContrast()
    {
        QFETCH(int, appearance);
        QFETCH(QString, file);
        Desk desk {Appearance(appearance)};
        desk.window.resize(1680, 940);
        desk.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&desk.window));
        QVERIFY(DeskPalette::isDark(QApplication::palette()));
        QVERIFY(desk.window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        SyncStatus status;
        status.state = SyncStatus::State::UpToDate;
        status.lastSuccessAt = QDateTime::currentDateTimeUtc();
        desk.window.syncIndicator()->setStatus(status);
        QTRY_VERIFY_WITH_TIMEOUT(desk.window.syncIndicator()->width()
                                     >= desk.window.syncIndicator()->sizeHint().width(),
                                 30000);
        const QPixmap pixmap = desk.window.grab();
        QVERIFY(pixmap.width() > 100 && pixmap.height() > 100);
        // Mostly dark: the window background is what the picture shows most.
        const QImage image = pixmap.toImage();
        int darkPixels = 0;
        int samples = 0;
        for (int y = 0; y < image.height(); y += 17) {
            for (int x = 0; x < image.width(); x += 17, ++samples)
                darkPixels += QColor(image.pixel(x, y)).lightnessF() < 0.4 ? 1 : 0;
        }
        QVERIFY2(darkPixels * 2 > samples,
                 qPrintable(QStringLiteral("%1 of %2 samples dark").arg(darkPixels).arg(samples)));
        QVERIFY2(pixmap.save(screenshotPath(file)), qPrintable(screenshotPath(file)));
    }
};

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"

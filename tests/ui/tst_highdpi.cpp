// The desk at a device pixel ratio of 1.5 or 2 (QT_SCALE_FACTOR, set by the
// test's CTest entry): painted at full resolution, nothing clipped — every
// label and button at least as large as its text needs, the ladder's four
// levels inside the ladder — and, at 2, a picture of the details pane for
// a person to judge sharpness.

#include "queuedeskfixture.h"

#include <detailspane.h>
#include <filterbar.h>
#include <ladderwidget.h>
#include <queueview.h>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>

using namespace Escalation;

class TestHighDpi final : public QObject {
    Q_OBJECT

private:
    static qreal expectedRatio()
    {
        return qEnvironmentVariable("QT_SCALE_FACTOR", QStringLiteral("1")).toDouble();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
        qInfo() << "scale factor" << expectedRatio();
    }

    void window_isPaintedAtTheDeviceResolution_andNothingIsClipped()
    {
        QueueDeskFixture f(60);
        MainWindow window(f.context());
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.queueView()->selectRequest(QueueDeskFixture::levelThreeId()));
        QCoreApplication::processEvents();

        // A backing store at device pixels: text and lines are drawn at the
        // screen's resolution, not scaled up from 1×.
        QCOMPARE(window.devicePixelRatioF(), expectedRatio());
        const QPixmap picture = window.grab();
        QCOMPARE(picture.devicePixelRatio(), expectedRatio());
        QCOMPARE(picture.width(), qRound(window.width() * expectedRatio()));

        // Sizes are in device-independent pixels: a label is as wide as
        // its text needs whatever the ratio.
        QStringList clipped;
        const QList<QWidget *> widgets = window.findChildren<QWidget *>();
        for (const QWidget *w : widgets) {
            if (!w->isVisible() || w->size().isEmpty())
                continue;
            const auto *label = qobject_cast<const QLabel *>(w);
            const auto *button = qobject_cast<const QAbstractButton *>(w);
            const auto *combo = qobject_cast<const QComboBox *>(w);
            if (label && (label->wordWrap() || label->text().isEmpty()))
                continue;
            if (!label && !button && !combo)
                continue;
            const QSize needed =
                w->minimumSizeHint().expandedTo(label ? label->sizeHint() : w->minimumSizeHint());
            if (w->width() < needed.width() || w->height() < needed.height())
                clipped << QStringLiteral("%1 '%2': %3×%4, needs %5×%6")
                               .arg(QString::fromLatin1(w->metaObject()->className()),
                                    w->objectName())
                               .arg(w->width())
                               .arg(w->height())
                               .arg(needed.width())
                               .arg(needed.height());
        }
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));

        // The hand-painted ladder: four levels, each inside the widget.
        const LadderWidget *ladder = window.detailsPane()->ladder();
        QVERIFY(ladder->height() >= ladder->sizeHint().height());
        for (int i = 0; i < 4; ++i)
            QVERIFY2(ladder->rect().contains(ladder->rungRect(i)),
                     qPrintable(QStringLiteral("level %1").arg(i + 1)));

        if (qFuzzyCompare(expectedRatio(), 2.0)) {
            const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
            QDir().mkpath(dir);
            const QString file = dir + QStringLiteral("/details-2x.png");
            const QPixmap details = window.detailsPane()->grab();
            QCOMPARE(details.devicePixelRatio(), 2.0);
            QVERIFY2(details.save(file), qPrintable(file));
        }
    }
};

QTEST_MAIN(TestHighDpi)
#include "tst_highdpi.moc"

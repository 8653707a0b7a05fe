// Renders the team lead's and the director's views with realistic data
// and saves them as teamlead.png and director.png in the build folder's
// screenshots/ (the screenshots target copies them to docs/screenshots/),
// so the documentation shows what the views really look like. The images are
// checked for content (not blank, the chart and the tables painted).

#include "deskfixture.h"

#include <directormodel.h>
#include <directorview.h>
#include <slamonitorview.h>
#include <slateamchart.h>

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Escalation;

namespace {

// Distinct colours in a sample of the image: a blank or single-colour
// rendering has a handful, a real view hundreds.
int colourVariety(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

// The layouts settle through posted events (a LayoutRequest after each
// updateGeometry()): they are delivered before the picture is taken, instead
// of waiting a while for the event loop to get to them.
QImage render(QWidget *window)
{
    window->resize(1400, 860);
    window->show();
    if (!QTest::qWaitForWindowExposed(window))
        return {};
    QCoreApplication::sendPostedEvents();
    return window->grab().toImage();
}

} // namespace

class TestViewScreenshots final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir().mkpath(QStringLiteral(ESCALATION_SCREENSHOT_DIR)));
    }

    void teamLeadView_isSaved()
    {
        DeskFixture f(DeskRole::TeamLead, 400);
        const QImage image = render(f.window.get());
        QVERIFY(f.features->teamLeadView()->isVisible());
        QVERIFY(!f.features->teamLeadView()->chart()->bars().isEmpty());
        QVERIFY2(colourVariety(image) > 40, qPrintable(QString::number(colourVariety(image))));
        const QString path = QStringLiteral(ESCALATION_SCREENSHOT_DIR "/teamlead.png");
        QVERIFY(image.save(path));
        QCOMPARE(QImage(path).size(), image.size());
    }

    void directorView_isSaved()
    {
        DeskFixture f(DeskRole::Director, 400);
        DirectorView *view = f.features->directorView();
        // A level-4 case with an owed acknowledgement shows the most.
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex owner = view->model()->index(row, DirectorModel::OwnerColumn);
            if (owner.data(DirectorModel::AcknowledgementOwedRole).toBool()) {
                QVERIFY(view->selectRequest(view->model()->requestIdAt(row)));
                break;
            }
        }
        QVERIFY(!view->currentRequestId().isEmpty());
        const QImage image = render(f.window.get());
        QVERIFY(view->isVisible());
        QVERIFY2(colourVariety(image) > 40, qPrintable(QString::number(colourVariety(image))));
        const QString path = QStringLiteral(ESCALATION_SCREENSHOT_DIR "/director.png");
        QVERIFY(image.save(path));
    }
};

QTEST_MAIN(TestViewScreenshots)
#include "tst_viewscreenshots.moc"

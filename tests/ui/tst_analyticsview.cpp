// The Analytics view on the hand-worked fixture (tests/support/
// analyticsfixture.h): the summary and tables show the figures
// tst_escalationanalytics checks, the chart's bars follow them, a row lists
// the requests behind it and a listed request is handed to the queue, the
// team choice recomputes, the CSV export writes the shown table, and a
// picture is taken for the documentation.

#include "analyticsfixture.h"
#include "deskfixture.h"

#include <analyticsexport.h>
#include <analyticsview.h>
#include <barchart.h>
#include <clockpalette.h>
#include <deskappearance.h>
#include <deskfeatures.h>
#include <policyconfig.h>
#include <queuefilterproxy.h>
#include <queueview.h>
#include <requestlookup.h>
#include <requestsetbanner.h>

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

struct Analytics {
    InMemoryRequestLookup lookup;
    AnalyticsView view {&lookup};
    int computed = 0;

    Analytics()
    {
        for (const EscalationRequest &r : AnalyticsFixture::requests())
            lookup.insert(r);
        for (const Case &c : AnalyticsFixture::cases())
            lookup.insert(c);
        view.setToday(QDate(2026, 4, 8));
        view.setSource([](const AnalyticsFilter &filter) {
            const PolicyConfig policy = PolicyConfig::defaults();
            const EscalationAnalytics analytics(AnalyticsFixture::calendars(),
                                                ReviewClock(policy.review),
                                                EscalationPolicy(policy));
            return analytics.compute(AnalyticsFixture::requests(), AnalyticsFixture::cases(),
                                     filter, AnalyticsFixture::asOf());
        });
    }

    // Shows the view (which asks for its first report) and waits for it.
    bool showAndWait()
    {
        QSignalSpy ready(&view, &AnalyticsView::reportReady);
        view.resize(1200, 820);
        view.show();
        // The report may come while the window is being exposed.
        return QTest::qWaitForWindowExposed(&view) && (!ready.isEmpty() || ready.wait(30000));
    }

    QString text(const QString &table, int row, int column) const
    {
        return view.table(table)->model()->index(row, column).data().toString();
    }
};

QStringList drillIds(const AnalyticsView &view)
{
    QStringList ids;
    for (int row = 0; row < view.drillDownTable()->model()->rowCount(); ++row)
        ids << view.drillDownTable()->model()->index(row, 0).data().toString();
    ids.sort();
    return ids;
}

QStringList sorted(QStringList ids)
{
    ids.sort();
    return ids;
}

// Each chart's cells against the table beside it: category in column 0
// (when named), series counts from firstColumn on.
void compareChartWithTable(const BarChart *chart, const QTableView *table, int firstColumn,
                           bool namedCategories)
{
    const BarChartData &data = chart->data();
    const QAbstractItemModel *model = table->model();
    QCOMPARE(data.categories.size(), model->rowCount());
    for (int row = 0; row < model->rowCount(); ++row) {
        if (namedCategories)
            QCOMPARE(data.categories.at(row), model->index(row, 0).data().toString());
        for (int series = 0; series < data.series.size(); ++series)
            QCOMPARE(QString::number(data.cells.at(row).at(series).count),
                     model->index(row, firstColumn + series).data().toString());
    }
}

} // namespace

class TestAnalyticsView final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setStyle(u"Fusion"_s);
        QApplication::setFont(QFont(u"DejaVu Sans"_s, 9));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }

    void shows_theFiguresOfTheLast13Weeks()
    {
        Analytics a;
        QVERIFY(a.showAndWait());
        const AnalyticsReport &report = a.view.report();
        QCOMPARE(report.filter.from, QDate(2026, 1, 12));
        QCOMPARE(report.requests, 9);
        QCOMPARE(a.view.fromEdit()->date(), QDate(2026, 1, 12)); // shown, greyed out
        QVERIFY(!a.view.fromEdit()->isEnabled());
        const QString summary = a.view.summaryLabel()->text();
        QVERIFY2(summary.contains(u"9 requests"_s)
                     && summary.contains(u"8 reviews due, 62.5 % within the target"_s)
                     && summary.contains(u"2 of 4 declines"_s),
                 qPrintable(summary));

        // 13 weeks, the fixture's two last.
        QCOMPARE(a.view.table(u"weeks"_s)->model()->rowCount(), 13);
        QCOMPARE(a.text(u"weeks"_s, 11, 1), u"5"_s); // raised
        QCOMPARE(a.text(u"weeks"_s, 11, 8), u"60.0 %"_s);
        QCOMPARE(a.text(u"weeks"_s, 11, 9), u"1 h 30 min"_s);
        QCOMPARE(a.text(u"weeks"_s, 11, 10), u"6 h"_s);
        QCOMPARE(a.text(u"weeks"_s, 12, 8), u"66.7 %"_s);
        QCOMPARE(a.text(u"weeks"_s, 0, 8), u"—"_s); // nothing due
        QCOMPARE(a.text(u"funnel"_s, 0, 3), u"40 h"_s); // 2 400 business minutes
        QCOMPARE(a.text(u"managers"_s, 1, 0), u"Ben"_s);
        QCOMPARE(a.text(u"managers"_s, 1, 3), u"100.0 %"_s);
        QCOMPARE(a.text(u"accounts"_s, 1, 0), u"Fabrikam, Inc."_s);

        // The chart: a gap where nothing was due, bars at 60 % and 66.7 %.
        AchievementChart *chart = a.view.chart();
        QVERIFY(chart->barRect(0).isEmpty());
        const QRect first = chart->barRect(11);
        const QRect second = chart->barRect(12);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        QVERIFY(second.height() > first.height());
        QVERIFY(chart->rect().contains(first) && chart->rect().contains(second));
    }

    void row_listsItsRequests_andOneGoesToTheQueue()
    {
        Analytics a;
        QVERIFY(a.showAndWait());
        // Enter on the week of 30 March's "On time" cell.
        QTableView *weeks = a.view.table(u"weeks"_s);
        weeks->setFocus();
        weeks->setCurrentIndex(weeks->model()->index(11, 7));
        QTest::keyClick(weeks, Qt::Key_Return);
        QCOMPARE(drillIds(a.view), (QStringList {u"R1"_s, u"R4"_s, u"R5"_s}));
        // The chart's bar lists the week's reviews due.
        const QRect bar = a.view.chart()->barRect(12);
        QTest::mouseClick(a.view.chart(), Qt::LeftButton, {}, bar.center());
        QCOMPARE(drillIds(a.view), (QStringList {u"R6"_s, u"R7"_s, u"R8"_s}));
        QVERIFY(a.view.findChild<QLabel *>(u"analyticsDrillTitle"_s)
                    ->text()
                    .contains(u"Requests: 3"_s));

        QSignalSpy activated(&a.view, &AnalyticsView::requestActivated);
        QTableView *drill = a.view.drillDownTable();
        drill->setFocus();
        drill->setCurrentIndex(drill->model()->index(0, 0));
        QTest::keyClick(drill, Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated[0][0].toString(), drill->model()->index(0, 0).data().toString());
    }

    void charts_drawTheNumbersOfTheirTables()
    {
        Analytics a;
        QVERIFY(a.showAndWait());
        const BarChart *levels = a.view.barChart(u"levels"_s);
        QCOMPARE(levels->data().series.size(), 4);
        compareChartWithTable(levels, a.view.table(u"weeks"_s), 2, false);
        compareChartWithTable(a.view.barChart(u"reasons"_s), a.view.table(u"reasons"_s), 1, false);
        compareChartWithTable(a.view.barChart(u"managers"_s), a.view.table(u"managers"_s), 1, true);
        compareChartWithTable(a.view.barChart(u"teams"_s), a.view.table(u"teams"_s), 1, true);
        compareChartWithTable(a.view.barChart(u"funnel"_s), a.view.table(u"funnel"_s), 1, true);
        compareChartWithTable(a.view.barChart(u"accounts"_s), a.view.table(u"accounts"_s), 1, true);
        compareChartWithTable(a.view.barChart(u"refusals"_s), a.view.table(u"refusals"_s), 1,
                              false);
        // The week of 30 March counts something at more than one level.
        const BarChartData &data = levels->data();
        int levelsCounted = 0;
        for (const AnalyticsCount &c : data.cells.at(11))
            levelsCounted += c.count > 0 ? 1 : 0;
        QVERIFY(levelsCounted >= 2);
    }

    void segments_followTheirCounts_andAClickShowsTheirRequests()
    {
        Analytics a;
        QVERIFY(a.showAndWait());
        // Vertical bars: a segment's height is its count's share of the
        // axis, to the pixel's rounding.
        BarChart *levels = a.view.barChart(u"levels"_s);
        const BarChartData &data = levels->data();
        QList<std::pair<int, int>> counted; // (category, series)
        for (int week = 0; week < data.categories.size(); ++week)
            for (int level = 0; level < 4; ++level) {
                const int count = data.cells.at(week).at(level).count;
                QCOMPARE(levels->segmentRect(week, level).isEmpty(), count == 0);
                if (count > 0)
                    counted.append({week, level});
            }
        QVERIFY(counted.size() >= 3);
        for (const auto &[week, level] : counted)
            for (const auto &[otherWeek, otherLevel] : counted) {
                const int count = data.cells.at(week).at(level).count;
                const int other = data.cells.at(otherWeek).at(otherLevel).count;
                const int height = levels->segmentRect(week, level).height();
                const int otherHeight = levels->segmentRect(otherWeek, otherLevel).height();
                if (count > other)
                    QVERIFY(height > otherHeight);
                else if (count == other)
                    QVERIFY(std::abs(height - otherHeight) <= 1);
            }
        // Segments of one bar stack without overlapping, inside the chart.
        for (const auto &[week, level] : counted) {
            QVERIFY(levels->rect().contains(levels->segmentRect(week, level)));
            for (const auto &[otherWeek, otherLevel] : counted)
                if (otherWeek == week && otherLevel != level)
                    QVERIFY(!levels->segmentRect(week, level)
                                 .intersects(levels->segmentRect(otherWeek, otherLevel)));
        }

        // A click on a segment lists its requests and hands them on.
        const auto [week, level] = counted.constLast();
        QSignalSpy activated(&a.view, &AnalyticsView::requestsActivated);
        QTest::mouseClick(levels, Qt::LeftButton, {}, levels->segmentRect(week, level).center());
        QCOMPARE(activated.size(), 1);
        const QStringList expected = sorted(data.cells.at(week).at(level).requestIds);
        QCOMPARE(sorted(activated[0][1].toStringList()), expected);
        QVERIFY2(activated[0][0].toString().contains(data.series.at(level)),
                 qPrintable(activated[0][0].toString()));
        QCOMPARE(drillIds(a.view), expected);

        // Horizontal bars: the managers' accepted and declined.
        a.view.showTable(u"managers"_s);
        BarChart *managers = a.view.barChart(u"managers"_s);
        QVERIFY(QTest::qWaitForWindowExposed(managers));
        const BarChartData &outcomes = managers->data();
        int row = 0;
        while (
            row < outcomes.categories.size()
            && (outcomes.cells.at(row).at(0).count == 0 || outcomes.cells.at(row).at(1).count == 0))
            ++row;
        if (row < outcomes.categories.size()) {
            const QRect accepted = managers->segmentRect(row, 0);
            const QRect declined = managers->segmentRect(row, 1);
            QCOMPARE(accepted.top(), declined.top());
            QVERIFY(accepted.right() < declined.left());
        }
        for (int r = 0; r < outcomes.categories.size(); ++r)
            for (int other = 0; other < outcomes.categories.size(); ++other)
                if (outcomes.total(r) > outcomes.total(other)) {
                    const QRect one =
                        managers->segmentRect(r, 0).united(managers->segmentRect(r, 1));
                    const QRect two =
                        managers->segmentRect(other, 0).united(managers->segmentRect(other, 1));
                    QVERIFY(one.width() > two.width());
                }
        activated.clear();
        const QRect bar = managers->segmentRect(0, 0).isEmpty() ? managers->segmentRect(0, 1)
                                                                : managers->segmentRect(0, 0);
        QTest::mouseClick(managers, Qt::LeftButton, {}, bar.center());
        QCOMPARE(activated.size(), 1);
        QVERIFY(activated[0][0].toString().contains(outcomes.categories.at(0)));
    }

    void chartColours_readOnEveryPalette()
    {
        // Graphics at 3:1 against the background (WCAG 1.4.11), and the
        // series still told apart from one another.
        BarChart chart;
        for (const auto &[name, palette] :
             {std::pair {u"light"_s, DeskPalette::light()},
              std::pair {u"dark"_s, DeskPalette::dark()},
              std::pair {u"high contrast"_s, DeskPalette::highContrast()}}) {
            chart.setPalette(palette);
            const QList<QColor> colours = chart.seriesColours();
            QVERIFY(colours.size() >= 5);
            const QColor back = palette.color(QPalette::Window);
            for (const QColor &colour : colours)
                QVERIFY2(ClockPalette::contrastRatio(colour, back) >= 3.0,
                         qPrintable(name + u": "_s + colour.name() + u" on "_s + back.name()));
            for (int i = 0; i < colours.size(); ++i)
                for (int j = i + 1; j < colours.size(); ++j)
                    QVERIFY2(colours.at(i) != colours.at(j), qPrintable(name));
        }
    }

    void desk_showsAFiguresRequestsInTheQueue()
    {
        DeskFixture f(DeskRole::TeamLead);
        AnalyticsView *view = f.features->analyticsView();
        view->setToday(Fixtures::fixedNow().date());
        view->setSource([&f](const AnalyticsFilter &filter) {
            const PolicyConfig policy = PolicyConfig::defaults();
            const EscalationAnalytics analytics(CalendarRegistry::withBuiltIns(),
                                                ReviewClock(policy.review),
                                                EscalationPolicy(policy));
            return analytics.compute(f.data.requests, f.data.cases, filter, Fixtures::fixedNow());
        });
        QSignalSpy ready(view, &AnalyticsView::reportReady);
        f.window->resize(1400, 900);
        f.window->show();
        f.window->showView(DeskFeatures::analyticsViewId());
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        QVERIFY(!ready.isEmpty() || ready.wait(30000));

        // A manager's accepted requests: Enter on the row's "Accepted" cell.
        QTableView *managers = view->table(u"managers"_s);
        view->showTable(u"managers"_s);
        int row = 0;
        while (row < managers->model()->rowCount()
               && managers->model()->index(row, 1).data().toString() == u"0"_s)
            ++row;
        QVERIFY(row < managers->model()->rowCount());
        const QString manager = managers->model()->index(row, 0).data().toString();
        QStringList expected;
        for (const EscalationRequest &r : std::as_const(f.data.requests))
            if (r.decision && r.decision->kind == DecisionKind::Accept && r.decision->by == manager)
                expected << r.id;
        QVERIFY(!expected.isEmpty());
        QCOMPARE(managers->model()->index(row, 1).data().toString(),
                 QString::number(expected.size()));
        managers->setFocus();
        managers->setCurrentIndex(managers->model()->index(row, 1));
        QTest::keyClick(managers, Qt::Key_Return);

        // The queue shows those and no others, under a banner that says so.
        QCOMPARE(f.window->currentViewId(), u"queue"_s);
        const QueueFilterProxy *proxy = f.window->queueView()->proxy();
        QCOMPARE(proxy->rowCount(), expected.size());
        QStringList shown;
        for (int i = 0; i < proxy->rowCount(); ++i)
            shown << proxy->requestIdAt(i);
        QCOMPARE(sorted(shown), sorted(expected));
        RequestSetBanner *banner = f.window->requestSetBanner();
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(manager), qPrintable(banner->text()));
        const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        QVERIFY(f.window->grab().save(dir + u"/analytics-drilldown.png"_s));

        // Back leads to the analytics, which kept the set in the queue.
        QTest::mouseClick(banner->backButton(), Qt::LeftButton);
        QCOMPARE(f.window->currentViewId(), DeskFeatures::analyticsViewId());
        f.window->showView(u"queue"_s);
        QCOMPARE(proxy->rowCount(), expected.size());

        // Clear filters (Ctrl+Shift+F) shows every request again.
        f.window->action(MainWindow::Action::ClearFilter)->trigger();
        QVERIFY(!banner->isVisible());
        QCOMPARE(proxy->rowCount(), f.model.rowCount());
        QVERIFY(!proxy->requestSet());

        // And "Show all" from the banner does too.
        f.window->showRequestSet(u"Two"_s, {expected.first(), u"not-in-the-queue"_s},
                                 DeskFeatures::analyticsViewId());
        QCOMPARE(proxy->rowCount(), 1);
        QVERIFY2(banner->text().contains(u"1"_s) && banner->text().contains(u"2"_s),
                 qPrintable(banner->text()));
        QTest::mouseClick(banner->showAllButton(), Qt::LeftButton);
        QVERIFY(!banner->isVisible());
        QCOMPARE(proxy->rowCount(), f.model.rowCount());
    }

    void team_recomputes()
    {
        Analytics a;
        QVERIFY(a.showAndWait());
        QComboBox *team = a.view.teamBox();
        const int apac = team->findData(u"APAC"_s);
        QVERIFY(apac > 0);
        QSignalSpy ready(&a.view, &AnalyticsView::reportReady);
        team->setCurrentIndex(apac);
        QVERIFY(!ready.isEmpty() || ready.wait(30000));
        QCOMPARE(a.view.report().requests, 2);
        QCOMPARE(a.view.report().filter.team, u"APAC"_s);
        QCOMPARE(team->currentData().toString(), u"APAC"_s); // the choice stays
    }

    void filters_narrowTheReport()
    {
        Analytics a;
        QVERIFY(a.showAndWait());
        const auto choose = [&](QComboBox *box, const QVariant &data) {
            QSignalSpy ready(&a.view, &AnalyticsView::reportReady);
            box->setCurrentIndex(box->findData(data));
            return !ready.isEmpty() || ready.wait(30000);
        };
        QVERIFY(choose(a.view.levelBox(), QVariantList {3, 4}));
        QCOMPARE(a.view.report().requests, 3);
        QVERIFY(choose(a.view.levelBox(), QVariantList()));
        QVERIFY(choose(a.view.reasonBox(), int(Reason::LackOfUpdates)));
        QCOMPARE(a.view.report().requests, 3); // R2, R3, R9
        QVERIFY(choose(a.view.reasonBox(), -1));
        QVERIFY(choose(a.view.severityBox(), 3));
        QCOMPARE(a.view.report().requests, 4); // C2's three and C4's one
        QVERIFY(choose(a.view.severityBox(), -1));

        // From … to …: the dates start from the period shown, then narrow.
        QVERIFY(choose(a.view.periodBox(), 0));
        QVERIFY(a.view.fromEdit()->isEnabled());
        QCOMPARE(a.view.fromEdit()->date(), QDate(2026, 1, 12));
        QSignalSpy ready(&a.view, &AnalyticsView::reportReady);
        a.view.fromEdit()->setDate(QDate(2026, 4, 6));
        Q_EMIT a.view.fromEdit()->editingFinished();
        QVERIFY(!ready.isEmpty() || ready.wait(30000));
        QCOMPARE(a.view.report().filter.from, QDate(2026, 4, 6));
        QCOMPARE(a.view.report().requests, 4);
        QCOMPARE(a.view.table(u"weeks"_s)->model()->rowCount(), 1);

        // A manager's own numbers.
        ready.clear();
        a.view.setPerson(u"Cem"_s);
        QVERIFY(!ready.isEmpty() || ready.wait(30000));
        QCOMPARE(a.view.report().requests, 2);
        QVERIFY(a.view.findChild<QLabel *>(u"analyticsPerson"_s)->text().contains(u"Cem"_s));
    }

    void reasonsAndRefusals_haveTablesToo()
    {
        Analytics a;
        QVERIFY(a.showAndWait());
        QCOMPARE(a.text(u"reasons"_s, 11, 4), u"2"_s); // lack of updates in the week of 30 March
        QTableView *refusals = a.view.table(u"refusals"_s);
        QCOMPARE(refusals->model()->rowCount(), 3); // too early, S1 outage, accepted early
        refusals->setCurrentIndex(refusals->model()->index(0, 1));
        Q_EMIT refusals->activated(refusals->currentIndex());
        QCOMPARE(drillIds(a.view), QStringList {u"R4"_s});
    }

    void desk_showsAManagerTheirOwnNumbers()
    {
        DeskFixture manager(DeskRole::Manager);
        QVERIFY(manager.window->viewIds().contains(DeskFeatures::analyticsViewId()));
        QVERIFY(manager.features->analyticsView()
                    ->findChild<QLabel *>(u"analyticsPerson"_s)
                    ->text()
                    .contains(u"Maya Fischer"_s));
        DeskFixture director(DeskRole::Director);
        QVERIFY(director.features->analyticsView()
                    ->findChild<QLabel *>(u"analyticsPerson"_s)
                    ->text()
                    .isEmpty());
    }

    void export_writesTheShownTable()
    {
        Analytics a;
        QVERIFY(a.showAndWait());
        QTemporaryDir dir;
        const QString file = dir.filePath(u"managers.csv"_s);
        a.view.showTable(u"managers"_s);
        QCOMPARE(a.view.currentTableName(), u"managers"_s);
        QString error;
        QVERIFY2(a.view.exportCurrentTable(file, &error), qPrintable(error));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(written.readAll()),
                 AnalyticsExport::toCsv(a.view.report(), u"managers"_s));
        QVERIFY(!a.view.exportCurrentTable(dir.filePath(u"no/such/dir/x.csv"_s), &error));
        QVERIFY(!error.isEmpty());
    }

    void pdf_isTheReportAsText()
    {
        Analytics a;
        QVERIFY(a.showAndWait());
        // Kept beside the screenshots for a person to look at.
        const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        const QString pdf = dir + u"/analytics-report.pdf"_s;
        QString error;
        QVERIFY2(a.view.exportPdf(pdf, &error), qPrintable(error));
        QProcess pdftotext;
        pdftotext.start(u"pdftotext"_s, {pdf, u"-"_s});
        QVERIFY2(pdftotext.waitForFinished(60000) && pdftotext.exitCode() == 0,
                 "pdftotext (poppler-utils) could not read the PDF");
        const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput()).simplified();
        for (const QString &expected :
             {u"Escalation review: 12/01/2026 to 12/04/2026"_s, u"62.5 %"_s, u"Contoso"_s,
              u"Decisions by manager"_s, u"00000002"_s, u"Escalations raised by week and reason"_s,
              u"Median time at the level"_s})
            QVERIFY2(text.contains(expected), qPrintable(expected + u" not in: "_s + text));
        // The four charts (achievement, levels, reasons, ladder) are pictures in it.
        QProcess pdfimages;
        pdfimages.start(u"pdfimages"_s, {u"-list"_s, pdf});
        QVERIFY2(pdfimages.waitForFinished(60000) && pdfimages.exitCode() == 0,
                 "pdfimages (poppler-utils) could not read the PDF");
        const QStringList images =
            QString::fromUtf8(pdfimages.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(images.size() - 2, 4); // after the two header lines
    }

    void screenshot()
    {
        Analytics a;
        QVERIFY(a.showAndWait());
        QTableView *weeks = a.view.table(u"weeks"_s);
        weeks->setCurrentIndex(weeks->model()->index(12, 6));
        emit weeks->activated(weeks->currentIndex());
        const QPixmap picture = a.view.grab();
        const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        QVERIFY(picture.save(dir + u"/analytics.png"_s));
    }
};

QTEST_MAIN(TestAnalyticsView)
#include "tst_analyticsview.moc"

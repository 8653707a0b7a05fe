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
#include <deskfeatures.h>
#include <policyconfig.h>
#include <requestlookup.h>

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QProcess>
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
        QCOMPARE(refusals->model()->rowCount(), 2);
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
        a.view.findChild<QTabWidget *>(u"analyticsTabs"_s)
            ->setCurrentWidget(a.view.table(u"managers"_s));
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
              u"Decisions by manager"_s, u"00000002"_s})
            QVERIFY2(text.contains(expected), qPrintable(expected + u" not in: "_s + text));
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

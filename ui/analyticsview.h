#pragma once

// The Analytics view: how the escalation process performed over the last
// 4, 13 or 52 weeks, for a team or all — a summary line, review-target
// achievement per week as a chart with its table, outcomes per manager and
// team, the ladder funnel, the accounts behind level 3 and 4, and declines
// that came back. The report is computed off the GUI thread by the source
// the desk gives (EscalationAnalytics over the cache). Activating a row
// lists the requests behind it below; activating one of those shows it in
// the queue. Each table exports as CSV. Each figure has a chart beside its
// table; clicking a bar or activating a row shows its requests in the queue.

#include <achievementchartpainter.h>
#include <escalationanalytics.h>

#include <QFutureWatcher>
#include <QWidget>

#include <functional>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace Escalation {

class AchievementChart;
class BarChart;
class RequestLookup;

class AnalyticsView final : public QWidget {
    Q_OBJECT
public:
    // Runs on a pool thread: must not touch widgets or the GUI's objects.
    using Source = std::function<AnalyticsReport(const AnalyticsFilter &)>;

    explicit AnalyticsView(const RequestLookup *lookup, QWidget *parent = nullptr);
    ~AnalyticsView() override;

    // Without a source the view says that it has no data to work on.
    void setSource(Source source);
    // The date "last N weeks" counts back from (default: today, UTC).
    void setToday(const QDate &today) { m_today = today; }
    // A manager sees their own numbers: requests this person owns or
    // decided. Empty: everyone's (team leads, directors).
    void setPerson(const QString &person);

    // Computes the report for the chosen period and team (asynchronously).
    void refresh();
    const AnalyticsReport &report() const { return m_report; }
    bool isComputing() const;

    // For tests and the export: the tables by name (AnalyticsExport's).
    QTableView *table(const QString &name) const;
    // The tab holding a table, and the table of the tab shown.
    void showTable(const QString &name);
    QString currentTableName() const;
    QTableView *drillDownTable() const { return m_drillDown; }
    QComboBox *periodBox() const { return m_period; }
    QComboBox *teamBox() const { return m_team; }
    QComboBox *levelBox() const { return m_level; }
    QComboBox *reasonBox() const { return m_reason; }
    QComboBox *severityBox() const { return m_severity; }
    QComboBox *tierBox() const { return m_tier; }
    QLineEdit *accountField() const { return m_account; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    QLabel *summaryLabel() const { return m_summary; }
    AchievementChart *chart() const { return m_chart; }
    // The stacked charts by the name of the table beside them ("levels" is
    // beside "weeks").
    BarChart *barChart(const QString &name) const;

    // Lists the requests behind a figure below the tables.
    void showRequests(const QString &title, const QStringList &requestIds);
    // Writes the shown table as CSV; false with *error on failure.
    bool exportCurrentTable(const QString &fileName, QString *error) const;
    // Writes the whole report as a PDF (AnalyticsPdf); false with *error.
    bool exportPdf(const QString &fileName, QString *error) const;

Q_SIGNALS:
    void reportReady();
    // A request of the drill-down list was activated: show it in the queue.
    void requestActivated(const QString &requestId);
    // A figure (a row, a bar) was activated: show the requests behind it in
    // the queue.
    void requestsActivated(const QString &title, const QStringList &requestIds);

protected:
    // The first time the view is shown, its report is computed.
    void showEvent(QShowEvent *event) override;

private:
    AnalyticsFilter currentFilter() const;
    void onComputed();
    void fillTables();
    QTableView *addTable(const QString &name, const QString &title, QWidget *page = nullptr);
    BarChart *addChart(const QString &name, const QString &title, QWidget *parent);
    // A tab with a chart above the table of its numbers.
    void addChartPage(const QString &name, const QString &tabTitle, const QString &chartTitle);
    // Lists the requests behind a figure here and hands them to the queue.
    void drillInto(const QString &title, const QStringList &requestIds);
    void exportTable();
    void exportReport();
    static void resetModel(QStandardItemModel *model, const QStringList &headers);

    const RequestLookup *m_lookup;
    Source m_source;
    QDate m_today;
    AnalyticsReport m_report;
    QFutureWatcher<AnalyticsReport> m_watcher;
    bool m_pending = false; // asked again while computing
    bool m_asked = false; // a report has been asked for

    QComboBox *m_period;
    QComboBox *m_team;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_level;
    QComboBox *m_reason;
    QComboBox *m_severity;
    QComboBox *m_tier;
    QLineEdit *m_account;
    QLabel *m_personLabel;
    QString m_person;
    QPushButton *m_export;
    QPushButton *m_exportPdf;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    AchievementChart *m_chart;
    QHash<QString, QTableView *> m_tables;
    QHash<QString, BarChart *> m_charts;
    QLabel *m_drillTitle;
    QTableView *m_drillDown;
    QStandardItemModel *m_drillModel;
};

// Review-target achievement per week: one bar per week, 0–100 %, with the
// 90 % line a team usually aims for; weeks with nothing due are gaps.
class AchievementChart final : public QWidget {
    Q_OBJECT
public:
    explicit AchievementChart(QWidget *parent = nullptr);
    void setWeeks(const QList<AnalyticsWeek> &weeks);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // The bar of week i, in widget coordinates (empty for a gap).
    QRect barRect(int index) const;

Q_SIGNALS:
    void weekClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    AchievementChartPainter painter() const;
    QList<AnalyticsWeek> m_weeks;
};

} // namespace Escalation

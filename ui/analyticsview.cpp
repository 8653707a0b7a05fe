#include "analyticsview.h"

#include "barchart.h"

#include "clockpalette.h"

#include "uilogging.h"
#include <achievementchartpainter.h>
#include <analyticscharts.h>
#include <analyticspdf.h>

#include <analyticsexport.h>
#include <requestlookup.h>

#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Escalation {

namespace {

constexpr int IdsRole = Qt::UserRole + 1; // the request ids behind a row

QString percent(const std::optional<double> &share)
{
    return share ? QLocale().toString(*share * 100.0, 'f', 1) + QStringLiteral(" %")
                 : QStringLiteral("—");
}

// Business minutes as a person reads them: "3 h 20 min".
QString businessTime(const std::optional<qint64> &minutes)
{
    if (!minutes)
        return QStringLiteral("—");
    const qint64 h = *minutes / 60;
    const qint64 m = *minutes % 60;
    if (h == 0)
        return AnalyticsView::tr("%1 min").arg(m);
    return m == 0 ? AnalyticsView::tr("%1 h").arg(h)
                  : AnalyticsView::tr("%1 h %2 min").arg(h).arg(m);
}

QStandardItem *cell(const QString &text, const QStringList &ids = {})
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    if (!ids.isEmpty())
        item->setData(ids, IdsRole);
    return item;
}

QStandardItem *number(int value, const QStringList &ids = {})
{
    QStandardItem *item = cell(QLocale().toString(value), ids);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QStandardItem *figure(const QString &text)
{
    QStandardItem *item = cell(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

AnalyticsView::AnalyticsView(const RequestLookup *lookup, QWidget *parent)
    : QWidget(parent)
    , m_lookup(lookup)
    , m_today(QDateTime::currentDateTimeUtc().date())
    , m_period(new QComboBox(this))
    , m_team(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_level(new QComboBox(this))
    , m_reason(new QComboBox(this))
    , m_severity(new QComboBox(this))
    , m_tier(new QComboBox(this))
    , m_account(new QLineEdit(this))
    , m_personLabel(new QLabel(this))
    , m_export(new QPushButton(tr("Export table as CSV…"), this))
    , m_exportPdf(new QPushButton(tr("Export report as PDF…"), this))
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_chart(new AchievementChart(this))
    , m_drillTitle(new QLabel(this))
    , m_drillDown(new QTableView(this))
    , m_drillModel(new QStandardItemModel(this))
{
    setObjectName(QStringLiteral("analyticsView"));
    auto *layout = new QVBoxLayout(this);

    // First row: the period and the exports; second: what to count.
    auto *bar = new QHBoxLayout;
    const auto labelled = [this](QHBoxLayout *row, const QString &text, QWidget *field,
                                 const QString &name) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        field->setAccessibleName(name);
        row->addWidget(label);
        row->addWidget(field);
    };
    m_period->setObjectName(QStringLiteral("analyticsPeriod"));
    m_period->addItem(tr("Last 4 weeks"), 4);
    m_period->addItem(tr("Last 13 weeks (a quarter)"), 13);
    m_period->addItem(tr("Last 52 weeks (a year)"), 52);
    m_period->addItem(tr("From … to …"), 0);
    m_period->setCurrentIndex(1);
    labelled(bar, tr("&Period:"), m_period, tr("Period"));
    m_from->setObjectName(QStringLiteral("analyticsFrom"));
    m_to->setObjectName(QStringLiteral("analyticsTo"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setEnabled(false);
    }
    labelled(bar, tr("&From"), m_from, tr("First day"));
    labelled(bar, tr("t&o"), m_to, tr("Last day"));
    m_personLabel->setObjectName(QStringLiteral("analyticsPerson"));
    m_personLabel->setTextFormat(Qt::PlainText);
    bar->addSpacing(12);
    bar->addWidget(m_personLabel);
    bar->addStretch(1);
    m_export->setObjectName(QStringLiteral("analyticsExport"));
    bar->addWidget(m_export);
    m_exportPdf->setObjectName(QStringLiteral("analyticsExportPdf"));
    m_exportPdf->setToolTip(tr("The period's report with its chart and tables, for the weekly "
                               "review"));
    bar->addWidget(m_exportPdf);
    layout->addLayout(bar);

    auto *filters = new QHBoxLayout;
    m_team->setObjectName(QStringLiteral("analyticsTeam"));
    m_team->addItem(tr("All teams"), QString());
    m_team->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    labelled(filters, tr("&Team:"), m_team, tr("Team"));
    m_level->setObjectName(QStringLiteral("analyticsLevel"));
    m_level->addItem(tr("All levels"), QVariantList());
    for (int level = 1; level <= 4; ++level)
        m_level->addItem(tr("Level %1").arg(level), QVariantList {level});
    m_level->addItem(tr("Levels 3–4"), QVariantList {3, 4});
    labelled(filters, tr("&Level:"), m_level, tr("Level"));
    m_reason->setObjectName(QStringLiteral("analyticsReason"));
    m_reason->addItem(tr("All reasons"), -1);
    for (Reason r : {Reason::TimeConstraint, Reason::ImpairedFunction, Reason::FirstResponseMissed,
                     Reason::LackOfUpdates, Reason::Other})
        m_reason->addItem(displayName(r), int(r));
    labelled(filters, tr("R&eason:"), m_reason, tr("Reason"));
    m_severity->setObjectName(QStringLiteral("analyticsSeverity"));
    m_severity->addItem(tr("All severities"), -1);
    for (int s = 1; s <= 4; ++s)
        m_severity->addItem(tr("S%1").arg(s), s);
    labelled(filters, tr("&Severity:"), m_severity, tr("Severity"));
    m_tier->setObjectName(QStringLiteral("analyticsTier"));
    m_tier->addItem(tr("All tiers"), -1);
    for (SupportTier t : {SupportTier::Premium, SupportTier::Standard})
        m_tier->addItem(displayName(t), int(t));
    labelled(filters, tr("T&ier:"), m_tier, tr("Tier"));
    m_account->setObjectName(QStringLiteral("analyticsAccount"));
    m_account->setPlaceholderText(tr("any account"));
    m_account->setClearButtonEnabled(true);
    labelled(filters, tr("&Account:"), m_account, tr("Account"));
    filters->addStretch(1);
    layout->addLayout(filters);

    m_summary->setObjectName(QStringLiteral("analyticsSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    QFont big = m_summary->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_summary->setFont(big);
    layout->addWidget(m_summary);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_tabs->setObjectName(QStringLiteral("analyticsTabs"));
    m_tabs->setAccessibleName(tr("Analytics tables"));
    // Each chart above the table of its numbers, on one tab.
    auto *weekly = new QWidget(m_tabs);
    auto *weeklyLayout = new QVBoxLayout(weekly);
    auto *weeklyCharts = new QHBoxLayout;
    m_chart->setAccessibleName(tr("Review target achievement by week"));
    weeklyCharts->addWidget(m_chart, 1);
    weeklyCharts->addWidget(
        addChart(QStringLiteral("levels"), tr("Escalations raised by week and level"), weekly), 1);
    weeklyLayout->addLayout(weeklyCharts, 1);
    m_tabs->addTab(weekly, tr("Review target by week"));
    addTable(QStringLiteral("weeks"), tr("Weeks"), weekly);
    addChartPage(QStringLiteral("reasons"), tr("Reasons"),
                 tr("Escalations raised by week and reason"));
    addChartPage(QStringLiteral("managers"), tr("Managers"),
                 tr("Accepted and declined by manager"));
    addChartPage(QStringLiteral("teams"), tr("Teams"), tr("Accepted and declined by team"));
    addChartPage(QStringLiteral("funnel"), tr("Ladder"), tr("Requests that reached each level"));
    addChartPage(QStringLiteral("accounts"), tr("Accounts at level 3–4"),
                 tr("Accounts with the most level-3 and level-4 escalations"));
    addTable(QStringLiteral("reescalations"), tr("Declined, back within 7 days"));
    addChartPage(QStringLiteral("refusals"), tr("Refused"), tr("Requests refused"));
    splitter->addWidget(m_tabs);

    auto *drill = new QWidget(splitter);
    auto *drillLayout = new QVBoxLayout(drill);
    drillLayout->setContentsMargins(0, 0, 0, 0);
    m_drillTitle->setObjectName(QStringLiteral("analyticsDrillTitle"));
    m_drillTitle->setText(tr("Activate a row (Enter or double-click) to list its requests."));
    m_drillTitle->setTextFormat(Qt::PlainText);
    m_drillDown->setObjectName(QStringLiteral("analyticsDrillDown"));
    m_drillDown->setAccessibleName(tr("Requests behind the figure"));
    m_drillDown->setModel(m_drillModel);
    m_drillDown->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_drillDown->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_drillDown->verticalHeader()->hide();
    m_drillDown->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_drillDown->horizontalHeader()->setStretchLastSection(true);
    drillLayout->addWidget(m_drillTitle);
    drillLayout->addWidget(m_drillDown, 1);
    splitter->addWidget(drill);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = m_period->currentData().toInt() == 0;
        if (custom && !m_report.filter.from.isNull()) {
            // Start from the period shown, so that only what changes must be typed.
            const QSignalBlocker a(m_from);
            const QSignalBlocker b(m_to);
            m_from->setDate(m_report.filter.from);
            m_to->setDate(m_report.filter.to);
        }
        m_from->setEnabled(custom);
        m_to->setEnabled(custom);
        refresh();
    });
    for (QComboBox *box : {m_team, m_level, m_reason, m_severity, m_tier})
        connect(box, &QComboBox::currentIndexChanged, this, &AnalyticsView::refresh);
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::editingFinished, this, &AnalyticsView::refresh);
    connect(m_account, &QLineEdit::editingFinished, this, &AnalyticsView::refresh);
    connect(m_export, &QPushButton::clicked, this, &AnalyticsView::exportTable);
    connect(m_exportPdf, &QPushButton::clicked, this, &AnalyticsView::exportReport);
    connect(&m_watcher, &QFutureWatcher<AnalyticsReport>::finished, this,
            &AnalyticsView::onComputed);
    connect(m_chart, &AchievementChart::weekClicked, this, [this](int index) {
        if (index < 0 || index >= m_report.weeks.size())
            return;
        const AnalyticsWeek &week = m_report.weeks.at(index);
        drillInto(tr("Reviews due in the week of %1")
                      .arg(QLocale().toString(week.monday, QLocale::ShortFormat)),
                  week.reviewsDue.requestIds);
    });
    const auto activateRequest = [this](const QModelIndex &index) {
        const QString id = m_drillModel->index(index.row(), 0).data().toString();
        if (!id.isEmpty())
            Q_EMIT requestActivated(id);
    };
    connect(m_drillDown, &QTableView::activated, this, activateRequest);
    connect(m_drillDown, &QTableView::doubleClicked, this, activateRequest);
    setSource({});
}

AnalyticsView::~AnalyticsView()
{
    m_watcher.waitForFinished();
}

QTableView *AnalyticsView::addTable(const QString &name, const QString &title, QWidget *page)
{
    auto *view = new QTableView(page ? page : m_tabs);
    view->setObjectName(name + QStringLiteral("Table"));
    view->setAccessibleName(title);
    view->setModel(new QStandardItemModel(view));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    view->setAlternatingRowColors(true);
    if (page)
        static_cast<QBoxLayout *>(page->layout())->addWidget(view, 1);
    else
        m_tabs->addTab(view, title);
    m_tables.insert(name, view);
    // A row's figure → the requests behind it.
    const auto drill = [this, view](const QModelIndex &index) {
        const auto *model = static_cast<QStandardItemModel *>(view->model());
        QStandardItem *item = model->item(index.row(), index.column());
        QStringList ids = item ? item->data(IdsRole).toStringList() : QStringList();
        for (int c = 0; ids.isEmpty() && c < model->columnCount(); ++c)
            if (QStandardItem *first = model->item(index.row(), c))
                ids = first->data(IdsRole).toStringList();
        const QString what = model->horizontalHeaderItem(index.column())
            ? model->horizontalHeaderItem(index.column())->text()
            : QString();
        drillInto(tr("%1: %2").arg(model->item(index.row(), 0)->text(), what), ids);
    };
    connect(view, &QTableView::activated, this, drill);
    connect(view, &QTableView::doubleClicked, this, drill);
    return view;
}

BarChart *AnalyticsView::addChart(const QString &name, const QString &title, QWidget *parent)
{
    auto *chart = new BarChart(parent);
    chart->setObjectName(name + QStringLiteral("Chart"));
    chart->setAccessibleName(title);
    m_charts.insert(name, chart);
    connect(chart, &BarChart::segmentClicked, this, [this, chart, title](int category, int series) {
        const BarChartData &shown = chart->data();
        QStringList ids;
        for (int s = 0; s < shown.series.size(); ++s)
            if (series < 0 || s == series)
                ids += shown.cells.at(category).at(s).requestIds;
        const QString what = series < 0
            ? shown.categories.at(category)
            : tr("%1, %2").arg(shown.categories.at(category), shown.series.at(series));
        drillInto(tr("%1: %2").arg(title, what), ids);
    });
    return chart;
}

void AnalyticsView::addChartPage(const QString &name, const QString &tabTitle,
                                 const QString &chartTitle)
{
    auto *page = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(addChart(name, chartTitle, page), 1);
    m_tabs->addTab(page, tabTitle);
    addTable(name, tabTitle, page);
}

void AnalyticsView::drillInto(const QString &title, const QStringList &requestIds)
{
    showRequests(title, requestIds);
    Q_EMIT requestsActivated(title, requestIds);
}

QString AnalyticsView::currentTableName() const
{
    const QWidget *page = m_tabs->currentWidget();
    for (auto it = m_tables.cbegin(); it != m_tables.cend(); ++it)
        if (it.value() == page || (page && page->isAncestorOf(it.value())))
            return it.key();
    return {};
}

void AnalyticsView::showTable(const QString &name)
{
    QTableView *view = m_tables.value(name);
    for (int i = 0; view && i < m_tabs->count(); ++i)
        if (m_tabs->widget(i) == view || m_tabs->widget(i)->isAncestorOf(view))
            m_tabs->setCurrentIndex(i);
}

BarChart *AnalyticsView::barChart(const QString &name) const
{
    return m_charts.value(name);
}

QTableView *AnalyticsView::table(const QString &name) const
{
    return m_tables.value(name);
}

void AnalyticsView::setSource(Source source)
{
    m_source = std::move(source);
    if (!m_source)
        m_summary->setText(tr("Analytics read the local cache; this desk has none."));
}

bool AnalyticsView::isComputing() const
{
    return m_watcher.isRunning();
}

void AnalyticsView::setPerson(const QString &person)
{
    m_person = person;
    m_personLabel->setText(person.isEmpty() ? QString() : tr("Your own numbers: %1").arg(person));
    if (m_asked)
        refresh();
}

AnalyticsFilter AnalyticsView::currentFilter() const
{
    const int weeks = m_period->currentData().toInt();
    AnalyticsFilter filter;
    if (weeks > 0) {
        filter = AnalyticsFilter::lastWeeks(weeks, m_today);
    } else {
        filter.from = std::min(m_from->date(), m_to->date());
        filter.to = std::max(m_from->date(), m_to->date());
    }
    filter.team = m_team->currentData().toString();
    filter.person = m_person;
    filter.account = m_account->text().trimmed();
    for (const QVariant &level : m_level->currentData().toList())
        filter.levels.append(level.toInt());
    if (m_reason->currentData().toInt() >= 0)
        filter.reasons = {Reason(m_reason->currentData().toInt())};
    if (m_severity->currentData().toInt() > 0)
        filter.severities = {Severity(m_severity->currentData().toInt())};
    if (m_tier->currentData().toInt() >= 0)
        filter.tiers = {SupportTier(m_tier->currentData().toInt())};
    return filter;
}

void AnalyticsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_asked)
        refresh();
}

void AnalyticsView::refresh()
{
    if (!m_source)
        return;
    m_asked = true;
    if (m_watcher.isRunning()) {
        m_pending = true; // the newest choice wins once this one is done
        return;
    }
    m_summary->setText(tr("Computing…"));
    m_watcher.setFuture(QtConcurrent::run(
        [source = m_source, filter = currentFilter()] { return source(filter); }));
}

void AnalyticsView::onComputed()
{
    if (m_pending) {
        m_pending = false;
        refresh();
        return;
    }
    m_report = m_watcher.result();
    if (m_period->currentData().toInt() != 0) {
        // The dates of the period shown, greyed out until "From … to …".
        const QSignalBlocker a(m_from);
        const QSignalBlocker b(m_to);
        m_from->setDate(m_report.filter.from);
        m_to->setDate(m_report.filter.to);
    }
    fillTables();
    Q_EMIT reportReady();
}

void AnalyticsView::resetModel(QStandardItemModel *model, const QStringList &headers)
{
    model->clear();
    model->setHorizontalHeaderLabels(headers);
}

void AnalyticsView::fillTables()
{
    const AnalyticsReport &r = m_report;
    int due = 0;
    for (const AnalyticsWeek &w : r.weeks)
        due += w.reviewsDue.count;
    m_summary->setText(
        tr("%1 to %2: %3 requests; %4 reviews due, %5 within the target. "
           "%6 of %7 declines came back within 7 days. Refused: %8 too early "
           "(%10 accepted early with a justification), %9 as S1 outages. %11 handed to "
           "another region.")
            .arg(QLocale().toString(r.filter.from, QLocale::ShortFormat),
                 QLocale().toString(r.filter.to, QLocale::ShortFormat))
            .arg(r.requests)
            .arg(due)
            .arg(percent(r.achievement()))
            .arg(r.reEscalatedAfterDecline.size())
            .arg(r.declines.count)
            .arg(r.refusedTooEarly.count)
            .arg(r.refusedOutage.count)
            .arg(r.acceptedEarly.count)
            .arg(r.handedOff.count)
        + u' '
        + (r.waits == 0
               ? tr("No request waited on its requester.")
               : tr("%1 requests waited on their requester (%2 questions); a wait took "
                    "%3 in the median, %4 at the 90th percentile.")
                     .arg(r.waitedOnRequester.count)
                     .arg(r.waits)
                     .arg(businessTime(r.medianWaitMinutes), businessTime(r.p90WaitMinutes))));

    // The team list keeps its choice while the report changes.
    const QString team = m_team->currentData().toString();
    const QSignalBlocker blocker(m_team);
    if (team.isEmpty()) {
        while (m_team->count() > 1)
            m_team->removeItem(1);
        for (const AnalyticsOutcome &t : r.teams)
            if (!t.name.isEmpty())
                m_team->addItem(t.name, t.name);
    }

    m_chart->setWeeks(r.weeks);
    m_charts.value(QStringLiteral("levels"))->setData(AnalyticsCharts::levelsByWeek(r));
    m_charts.value(QStringLiteral("reasons"))->setData(AnalyticsCharts::reasonsByWeek(r));
    m_charts.value(QStringLiteral("managers"))->setData(AnalyticsCharts::outcomes(r.managers));
    m_charts.value(QStringLiteral("teams"))->setData(AnalyticsCharts::outcomes(r.teams));
    m_charts.value(QStringLiteral("funnel"))->setData(AnalyticsCharts::funnel(r));
    m_charts.value(QStringLiteral("accounts"))->setData(AnalyticsCharts::accounts(r));
    m_charts.value(QStringLiteral("refusals"))->setData(AnalyticsCharts::refusals(r));

    auto *weeks = static_cast<QStandardItemModel *>(table(QStringLiteral("weeks"))->model());
    resetModel(weeks,
               {tr("Week of"), tr("Raised"), tr("Level 1"), tr("Level 2"), tr("Level 3"),
                tr("Level 4"), tr("Reviews due"), tr("On time"), tr("Achievement"),
                tr("Median to decision"), tr("90th percentile")});
    for (const AnalyticsWeek &w : r.weeks) {
        QList<QStandardItem *> row {
            cell(QLocale().toString(w.monday, QLocale::ShortFormat), w.raised.requestIds),
            number(w.raised.count, w.raised.requestIds)};
        for (const AnalyticsCount &level : w.byLevel)
            row << number(level.count, level.requestIds);
        row << number(w.reviewsDue.count, w.reviewsDue.requestIds)
            << number(w.onTime.count, w.onTime.requestIds) << figure(percent(w.achievement()))
            << figure(businessTime(w.medianMinutesToDecision))
            << figure(businessTime(w.p90MinutesToDecision));
        weeks->appendRow(row);
    }

    const QList<Reason> reasons = AnalyticsCharts::reasonOrder();
    auto *byReason = static_cast<QStandardItemModel *>(table(QStringLiteral("reasons"))->model());
    QStringList reasonHeaders {tr("Week of")};
    for (Reason reason : reasons)
        reasonHeaders << displayName(reason);
    resetModel(byReason, reasonHeaders);
    for (const AnalyticsWeek &w : r.weeks) {
        QList<QStandardItem *> row {
            cell(QLocale().toString(w.monday, QLocale::ShortFormat), w.raised.requestIds)};
        for (Reason reason : reasons) {
            const AnalyticsCount c = w.byReason.value(reason);
            row << number(c.count, c.requestIds);
        }
        byReason->appendRow(row);
    }

    auto *refusals = static_cast<QStandardItemModel *>(table(QStringLiteral("refusals"))->model());
    resetModel(refusals, {tr("Refused as"), tr("Requests")});
    refusals->appendRow(
        {cell(tr("Too early (before the minimum case age)"), r.refusedTooEarly.requestIds),
         number(r.refusedTooEarly.count, r.refusedTooEarly.requestIds)});
    refusals->appendRow(
        {cell(tr("S1 outage (the outage process instead)"), r.refusedOutage.requestIds),
         number(r.refusedOutage.count, r.refusedOutage.requestIds)});
    refusals->appendRow(
        {cell(tr("Too early, accepted with a justification"), r.acceptedEarly.requestIds),
         number(r.acceptedEarly.count, r.acceptedEarly.requestIds)});

    for (const QString &name : {QStringLiteral("managers"), QStringLiteral("teams")}) {
        auto *model = static_cast<QStandardItemModel *>(table(name)->model());
        resetModel(model,
                   {name == QLatin1String("managers") ? tr("Manager") : tr("Team"), tr("Accepted"),
                    tr("Declined"), tr("Decline rate")});
        for (const AnalyticsOutcome &o : name == QLatin1String("managers") ? r.managers : r.teams)
            model->appendRow({cell(o.name.isEmpty() ? tr("(unknown)") : o.name,
                                   o.accepted.requestIds + o.declined.requestIds),
                              number(o.accepted.count, o.accepted.requestIds),
                              number(o.declined.count, o.declined.requestIds),
                              figure(percent(o.declineRate()))});
    }

    auto *funnel = static_cast<QStandardItemModel *>(table(QStringLiteral("funnel"))->model());
    resetModel(funnel,
               {tr("Level"), tr("Reached"), tr("Moved on"), tr("Median time at the level")});
    for (const AnalyticsLevel &l : r.funnel)
        funnel->appendRow({cell(tr("Level %1").arg(l.level), l.reached.requestIds),
                           number(l.reached.count, l.reached.requestIds), number(l.movedOn),
                           figure(businessTime(l.medianMinutesAtLevel))});

    auto *accounts = static_cast<QStandardItemModel *>(table(QStringLiteral("accounts"))->model());
    resetModel(accounts, {tr("Account"), tr("Level 3"), tr("Level 4")});
    for (const AnalyticsAccount &a : r.topAccounts)
        accounts->appendRow({cell(a.account, a.level3.requestIds + a.level4.requestIds),
                             number(a.level3.count, a.level3.requestIds),
                             number(a.level4.count, a.level4.requestIds)});

    auto *back = static_cast<QStandardItemModel *>(table(QStringLiteral("reescalations"))->model());
    resetModel(
        back,
        {tr("Case"), tr("Declined"), tr("Declined at"), tr("Re-escalation"), tr("Raised at")});
    for (const AnalyticsReEscalation &e : r.reEscalatedAfterDecline)
        back->appendRow(
            {cell(e.caseNumber, {e.declinedId, e.reEscalationId}),
             cell(e.declinedId, {e.declinedId}),
             cell(QLocale().toString(e.declinedAt.toLocalTime(), QLocale::ShortFormat)),
             cell(e.reEscalationId, {e.reEscalationId}),
             cell(QLocale().toString(e.reEscalatedAt.toLocalTime(), QLocale::ShortFormat))});
    for (QTableView *view : std::as_const(m_tables))
        view->resizeColumnsToContents();
}

void AnalyticsView::showRequests(const QString &title, const QStringList &requestIds)
{
    resetModel(m_drillModel,
               {tr("Request"), tr("Case"), tr("Level"), tr("State"), tr("Raised"), tr("Decided by"),
                tr("Subject")});
    for (const QString &id : requestIds) {
        const std::optional<EscalationRequest> r = m_lookup ? m_lookup->request(id) : std::nullopt;
        if (!r) {
            m_drillModel->appendRow({cell(id), cell(tr("not in the cache any more"))});
            continue;
        }
        const std::optional<Case> c = m_lookup->caseRecord(r->caseId);
        m_drillModel->appendRow(
            {cell(r->id), cell(c ? c->number : r->caseId), number(r->level),
             cell(displayName(r->state)),
             cell(QLocale().toString(r->requestedAt.toLocalTime(), QLocale::ShortFormat)),
             cell(r->decision ? r->decision->by : QString()), cell(c ? c->subject : QString())});
    }
    m_drillTitle->setText(
        tr("%1 — Requests: %2. Enter shows one in the queue.").arg(title).arg(requestIds.size()));
    m_drillDown->resizeColumnsToContents();
}

bool AnalyticsView::exportCurrentTable(const QString &fileName, QString *error) const
{
    QString name = currentTableName();
    // The weeks' CSV has the reasons too.
    if (!AnalyticsExport::tableNames().contains(name))
        name = QStringLiteral("weeks");
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write(AnalyticsExport::toCsv(m_report, name).toUtf8());
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

bool AnalyticsView::exportPdf(const QString &fileName, QString *error) const
{
    return AnalyticsPdf::write(m_report, fileName, error);
}

void AnalyticsView::exportReport()
{
    const QString suggested =
        QStringLiteral("escalation-review-%1.pdf").arg(m_report.filter.to.toString(Qt::ISODate));
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export report as PDF"),
                                                          suggested, tr("PDF files (*.pdf)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!exportPdf(fileName, &error))
        QMessageBox::warning(this, tr("Export failed"),
                             tr("The report could not be written to %1: %2").arg(fileName, error));
}

void AnalyticsView::exportTable()
{
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export table as CSV"),
                                                          QString(), tr("CSV files (*.csv)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!exportCurrentTable(fileName, &error))
        QMessageBox::warning(this, tr("Export failed"),
                             tr("The table could not be written to %1: %2").arg(fileName, error));
}

// ------------------------------------------------------------------- chart

AchievementChart::AchievementChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("achievementChart"));
    setAccessibleName(tr("Review target achievement per week"));
    setAccessibleDescription(tr("The same numbers are in the table below."));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setMouseTracking(true);
}

void AchievementChart::setWeeks(const QList<AnalyticsWeek> &weeks)
{
    m_weeks = weeks;
    update();
}

QSize AchievementChart::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 80, fontMetrics().height() * 12};
}

QSize AchievementChart::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 30, fontMetrics().height() * 8};
}

AchievementChartPainter AchievementChart::painter() const
{
    return AchievementChartPainter(m_weeks, rect(), font());
}

QRect AchievementChart::barRect(int index) const
{
    return painter().barRect(index);
}

void AchievementChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    AchievementChartStyle style;
    style.font = font();
    style.text = pal.color(QPalette::WindowText);
    style.grid = pal.color(QPalette::Mid);
    // Below the aim in the warning colours, readable on this palette; the
    // bar's height says the same.
    style.barColour = [pal](double share) {
        return ClockPalette::foreground(share >= 0.9       ? ClockState::OnTrack
                                            : share >= 0.5 ? ClockState::Approaching
                                                           : ClockState::Breached,
                                        pal);
    };
    painter().paint(&p, style);
}

void AchievementChart::mousePressEvent(QMouseEvent *event)
{
    const int week = painter().weekAt(event->position().toPoint().x());
    if (week >= 0 && painter().plotArea().contains(event->position().toPoint()))
        Q_EMIT weekClicked(week);
}

bool AchievementChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int i = painter().weekAt(help->pos().x());
        if (i >= 0 && painter().plotArea().contains(help->pos())) {
            const AnalyticsWeek &w = m_weeks.at(i);
            QToolTip::showText(help->globalPos(),
                               tr("Week of %1: %2 of %3 reviews on time (%4)")
                                   .arg(QLocale().toString(w.monday, QLocale::ShortFormat))
                                   .arg(w.onTime.count)
                                   .arg(w.reviewsDue.count)
                                   .arg(percent(w.achievement())),
                               this);
            return true;
        }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace Escalation

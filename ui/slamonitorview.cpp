#include "slamonitorview.h"

#include "clockpalette.h"
#include "queueview.h"
#include "slateamchart.h"

#include <queuecolumns.h>
#include <queuefilterproxy.h>
#include <queuemodel.h>
#include <reviewclockservice.h>
#include <slaflagsmodel.h>
#include <slasummarymodel.h>

#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Escalation {

namespace {

// Sorted on the models' raw values; a null source is set later.
QSortFilterProxyModel *sorted(QAbstractItemModel *source, int rawRole, QObject *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    if (source)
        proxy->setSourceModel(source);
    proxy->setSortRole(rawRole);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy->setDynamicSortFilter(true);
    return proxy;
}

} // namespace

SlaMonitorView::SlaMonitorView(QueueModel *queue, ReviewClockService *clock, SlaFlagsModel *flags,
                               QWidget *parent)
    : QWidget(parent)
    , m_byManager(new SlaSummaryModel(queue, clock, SlaSummaryModel::Grouping::Owner, this))
    , m_byTeam(new SlaSummaryModel(queue, clock, SlaSummaryModel::Grouping::Team, this))
    , m_flags(flags)
    , m_atRisk(new QueueFilterProxy(queue, this))
{
    setObjectName(QStringLiteral("slaMonitorView"));
    // Counted when the view is first shown (showEvent), not at start-up.
    m_byManager->setActive(false);
    m_byTeam->setActive(false);

    QueueFilter risk;
    risk.setStates({RequestState::Pending});
    risk.setClockStates({ClockState::Approaching, ClockState::Breached});
    m_atRisk->setBaseFilter(risk);
    m_atRiskView = new QueueView(m_atRisk, clock, this);
    m_atRiskView->setObjectName(QStringLiteral("atRiskView"));
    m_atRiskView->setAccessibleName(tr("Reviews at risk"));
    m_atRiskView->sortByColumn(QueueColumn::Countdown, Qt::AscendingOrder);
    // The columns a team lead reads to decide whom to nudge.
    for (int column :
         {QueueColumn::Tier, QueueColumn::Priority, QueueColumn::Reason, QueueColumn::Age,
          QueueColumn::RequestedAt, QueueColumn::State, QueueColumn::Pending})
        m_atRiskView->setColumnHidden(column, true);
    connect(m_atRiskView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT requestActivated(index.data(QueueRole::RequestIdRole).toString());
    });

    // Headline tiles.
    auto *tiles = new QHBoxLayout;
    tiles->setSpacing(8);
    m_open = makeTile(QStringLiteral("tileOpen"));
    m_approaching = makeTile(QStringLiteral("tileApproaching"));
    m_breached = makeTile(QStringLiteral("tileBreached"));
    m_breachedToday = makeTile(QStringLiteral("tileBreachedToday"));
    m_answeredToday = makeTile(QStringLiteral("tileAnsweredToday"));
    m_firstResponse = makeTile(QStringLiteral("tileFirstResponse"));
    m_silence = makeTile(QStringLiteral("tileSilence"));
    for (QLabel *tile : {m_open, m_approaching, m_breached, m_breachedToday, m_answeredToday,
                         m_firstResponse, m_silence})
        tiles->addWidget(tile->parentWidget(), 1);
    // The numbers carry the colour of their clock state.
    const auto accent = [](QLabel *value, ClockState state) {
        QPalette pal = value->palette();
        pal.setColor(QPalette::WindowText, ClockPalette::foreground(state, pal));
        value->setPalette(pal);
    };
    accent(m_approaching, ClockState::Approaching);
    accent(m_breached, ClockState::Breached);
    accent(m_breachedToday, ClockState::Breached);

    // The chart and the per-manager / per-team tables side by side.
    m_chart = new SlaTeamChart(m_byTeam, this);
    auto *chartBox = new QGroupBox(tr("Open reviews per team"), this);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->addWidget(m_chart);
    chartLayout->addStretch(1);

    auto *counts = new QTabWidget(this);
    counts->setObjectName(QStringLiteral("countTabs"));
    counts->setAccessibleName(tr("Review counts"));
    QTableView *perManager = makeTable(sorted(m_byManager, SlaSummaryModel::RawValueRole, this),
                                       SlaSummaryModel::BreachedNow, Qt::DescendingOrder);
    perManager->setAccessibleName(tr("Review counts per manager"));
    counts->addTab(perManager, tr("Per manager"));
    QTableView *perTeam = makeTable(sorted(m_byTeam, SlaSummaryModel::RawValueRole, this),
                                    SlaSummaryModel::BreachedNow, Qt::DescendingOrder);
    perTeam->setAccessibleName(tr("Review counts per team"));
    counts->addTab(perTeam, tr("Per team"));

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(chartBox);
    top->addWidget(counts);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 5);
    top->setSizes({420, 980});
    top->setChildrenCollapsible(false);

    // What needs attention: reviews at risk, and case-level SLA flags.
    m_lists = new QTabWidget(this);
    m_lists->setObjectName(QStringLiteral("attentionTabs"));
    m_lists->setAccessibleName(tr("Needs attention"));
    m_lists->addTab(m_atRiskView, QString());
    m_flagsSorted = sorted(nullptr, SlaFlagsModel::RawValueRole, this);
    QTableView *flagTable =
        makeTable(m_flagsSorted, SlaFlagsModel::SupportSilence, Qt::DescendingOrder);
    flagTable->setObjectName(QStringLiteral("slaFlagsView"));
    flagTable->setAccessibleName(tr("Case SLA flags"));
    flagTable->horizontalHeader()->resizeSection(SlaFlagsModel::Subject,
                                                 fontMetrics().averageCharWidth() * 40);
    connect(flagTable, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT caseActivated(index.data(SlaFlagsModel::CaseIdRole).toString());
    });
    m_lists->addTab(flagTable, QString());

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_lists);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({300, 460});
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(tiles);
    layout->addWidget(split, 1);

    connect(m_byManager, &SlaSummaryModel::summaryChanged, this, &SlaMonitorView::refreshHeadline);
    connect(m_byManager, &QAbstractItemModel::modelReset, this, &SlaMonitorView::refreshHeadline);
    connect(flags, &SlaFlagsModel::countsChanged, this, &SlaMonitorView::refreshHeadline);
    connect(flags, &QAbstractItemModel::modelReset, this, &SlaMonitorView::refreshHeadline);
    // The at-risk list changes with rows, not with the summary's debounce.
    connect(m_atRisk, &QAbstractItemModel::rowsInserted, this, &SlaMonitorView::refreshHeadline);
    connect(m_atRisk, &QAbstractItemModel::rowsRemoved, this, &SlaMonitorView::refreshHeadline);
    connect(m_atRisk, &QAbstractItemModel::modelReset, this, &SlaMonitorView::refreshHeadline);
    refreshHeadline();
}

void SlaMonitorView::showEvent(QShowEvent *event)
{
    m_byManager->setActive(true);
    m_byTeam->setActive(true);
    if (!m_flagsSorted->sourceModel())
        m_flagsSorted->setSourceModel(m_flags);
    QWidget::showEvent(event);
}

QLabel *SlaMonitorView::makeTile(const QString &objectName)
{
    // A caption over a large number; the caption is set in refreshHeadline().
    auto *tile = new QFrame(this);
    tile->setObjectName(objectName);
    tile->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(tile);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(0);
    auto *caption = new QLabel(tile);
    caption->setObjectName(objectName + QStringLiteral("Caption"));
    caption->setTextFormat(Qt::PlainText);
    auto *value = new QLabel(tile);
    value->setObjectName(objectName + QStringLiteral("Value"));
    value->setTextFormat(Qt::PlainText);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    value->setFont(big);
    layout->addWidget(caption);
    layout->addWidget(value);
    m_captions.insert(value, caption);
    return value;
}

QTableView *SlaMonitorView::makeTable(QAbstractItemModel *model, int sortColumn,
                                      Qt::SortOrder order)
{
    auto *table = new QTableView(this);
    table->setModel(model);
    table->setSortingEnabled(true);
    table->sortByColumn(sortColumn, order);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Few rows: fitting the columns to their headers is cheap here.
    for (int c = 0; c < model->columnCount(); ++c) {
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        header->resizeSection(c,
                              std::max(fontMetrics().horizontalAdvance(title) + 24,
                                       c == 0 ? fontMetrics().averageCharWidth() * 18 : 0));
    }
    return table;
}

void SlaMonitorView::refreshHeadline()
{
    const QLocale locale;
    const SlaSummaryModel::Counts t = m_byManager->totals();
    const auto set = [&](QLabel *value, const QString &caption, int number) {
        m_captions.value(value)->setText(caption);
        value->setText(locale.toString(number));
    };
    set(m_open, tr("Open"), t.value(SlaSummaryModel::OpenNow));
    set(m_approaching, tr("Approaching"), t.value(SlaSummaryModel::ApproachingNow));
    set(m_breached, tr("Breached"), t.value(SlaSummaryModel::BreachedNow));
    set(m_breachedToday, tr("Breached today"), t.value(SlaSummaryModel::BreachedToday));
    set(m_answeredToday, tr("Answered today"), t.value(SlaSummaryModel::AnsweredToday));
    set(m_firstResponse, tr("First response missed"), m_flags->firstResponseMissedCount());
    set(m_silence, tr("Support silent too long"), m_flags->supportOverdueCount());
    m_lists->setTabText(0, tr("Reviews at risk (%1)").arg(locale.toString(m_atRisk->rowCount())));
    m_lists->setTabText(1, tr("Case SLA flags (%1)").arg(locale.toString(m_flags->rowCount())));
}

QString SlaMonitorView::headline() const
{
    QStringList parts;
    for (QLabel *tile : {m_open, m_approaching, m_breached, m_breachedToday, m_answeredToday,
                         m_firstResponse, m_silence})
        parts << m_captions.value(tile)->text() + QLatin1Char(' ') + tile->text();
    return parts.join(QStringLiteral(" · "));
}

} // namespace Escalation

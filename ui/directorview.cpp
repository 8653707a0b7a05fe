#include "directorview.h"

#include "ladderstate.h"
#include "ladderwidget.h"
#include "queuedelegate.h"

#include <directormodel.h>
#include <obligationindex.h>
#include <queuecolumns.h>
#include <queuefilterproxy.h>
#include <queuemodel.h>
#include <requestlookup.h>
#include <reviewclockservice.h>

#include <QCoreApplication>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Escalation {

DirectorView::DirectorView(QueueModel *queue, ReviewClockService *clock,
                           const ObligationIndex *obligations, const RequestLookup *lookup,
                           QWidget *parent)
    : QWidget(parent)
    , m_model(new DirectorModel(queue, obligations, this))
    , m_obligations(obligations)
    , m_lookup(lookup)
    , m_table(new QTableView(this))
    , m_ladder(new LadderWidget(this))
    , m_headline(new QLabel(this))
    , m_caseTitle(new QLabel(this))
{
    setObjectName(QStringLiteral("directorView"));
    m_table->setObjectName(QStringLiteral("directorTable"));
    m_table->setAccessibleName(tr("Level-3 and level-4 cases"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new QueueDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // What a director reads: level, clock, account, case, the two
    // obligations; triage detail (reason, requester, outbox) stays hidden.
    for (int column :
         {QueueColumn::Tier, QueueColumn::Priority, QueueColumn::Reason, QueueColumn::Age,
          QueueColumn::RequestedAt, QueueColumn::Pending, QueueColumn::Team})
        m_table->setColumnHidden(column, true);
    // What a director asks first: which level, what is owed, how urgent.
    const QList<int> order = {QueueColumn::Level,         DirectorModel::AnalysisColumn,
                              DirectorModel::OwnerColumn, QueueColumn::Countdown,
                              QueueColumn::ClockState,    QueueColumn::CaseNumber,
                              QueueColumn::Account,       QueueColumn::Subject,
                              QueueColumn::Severity,      QueueColumn::Owner,
                              QueueColumn::State};
    for (int i = 0; i < order.size(); ++i)
        header->moveSection(header->visualIndex(order.at(i)), i);
    const QFontMetrics fm = fontMetrics();
    const auto fit = [&](int column, const QString &sample) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(
            column, std::max(fm.horizontalAdvance(sample), fm.horizontalAdvance(title) + 12) + 24);
    };
    fit(QueueColumn::Level, QStringLiteral("L4"));
    fit(QueueColumn::Countdown, tr("overdue 12h 59m"));
    fit(QueueColumn::ClockState, tr("Approaching") + QStringLiteral("MM"));
    fit(QueueColumn::Severity, tr("S1 outage"));
    fit(QueueColumn::Account, QStringLiteral("Contoso Pharmaceuticals"));
    fit(QueueColumn::CaseNumber, QStringLiteral("00100023"));
    fit(QueueColumn::Owner, QStringLiteral("Fatima Haddad"));
    fit(QueueColumn::State, tr("Accepted"));
    // The model's own texts with a long name, in the user's language.
    const QString longName = QStringLiteral("Fatima Haddad");
    fit(DirectorModel::AnalysisColumn,
        QCoreApplication::translate("Escalation::DirectorModel", "recorded by %1").arg(longName));
    fit(DirectorModel::OwnerColumn,
        QCoreApplication::translate("Escalation::DirectorModel", "%1 (acknowledged)")
            .arg(longName));
    header->resizeSection(QueueColumn::Subject, fm.averageCharWidth() * 40);
    m_table->sortByColumn(QueueColumn::Countdown, Qt::AscendingOrder); // most urgent first

    m_headline->setObjectName(QStringLiteral("directorHeadline"));
    m_headline->setTextFormat(Qt::PlainText);
    m_caseTitle->setObjectName(QStringLiteral("directorCaseTitle"));
    m_caseTitle->setTextFormat(Qt::PlainText); // portal text
    m_caseTitle->setWordWrap(true);
    QFont titleFont = m_caseTitle->font();
    titleFont.setBold(true);
    m_caseTitle->setFont(titleFont);

    auto *ladderBox = new QGroupBox(tr("Escalation ladder"), this);
    auto *ladderLayout = new QVBoxLayout(ladderBox);
    ladderLayout->addWidget(m_caseTitle);
    auto *scroll = new QScrollArea(ladderBox);
    scroll->setAccessibleName(tr("Escalation ladder"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_ladder);
    ladderLayout->addWidget(scroll, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(ladderBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({860, 540});
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(split, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DirectorView::onCurrentChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &DirectorView::onCurrentChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DirectorView::onCurrentChanged);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT requestActivated(index.data(QueueRole::RequestIdRole).toString());
    });
    // Countdowns move every second; the list is short, so repaint it whole.
    connect(clock, &ReviewClockService::countdownTick, m_table->viewport(),
            qOverload<>(&QWidget::update));
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &DirectorView::scheduleHeadline);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DirectorView::scheduleHeadline);
    connect(obligations, &ObligationIndex::statusChanged, this, [this](const QStringList &ids) {
        scheduleHeadline();
        if (ids.contains(m_currentId))
            reloadLadder();
    });
    connect(obligations, &ObligationIndex::reloaded, this, &DirectorView::scheduleHeadline);
    reloadLadder(); // says how to get a ladder until a case is chosen
}

bool DirectorView::selectRequest(const QString &requestId)
{
    const int row = m_model->rowOf(requestId);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, QueueColumn::Level);
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void DirectorView::onCurrentChanged()
{
    const QModelIndex current = m_table->currentIndex();
    const QString id =
        current.isValid() ? current.data(QueueRole::RequestIdRole).toString() : QString();
    if (id == m_currentId)
        return;
    m_currentId = id;
    reloadLadder();
    Q_EMIT currentRequestChanged(id);
}

void DirectorView::reloadLadder()
{
    const std::optional<EscalationRequest> request =
        m_currentId.isEmpty() || !m_lookup ? std::nullopt : m_lookup->request(m_currentId);
    if (!request) {
        m_ladder->clear();
        m_caseTitle->setText(tr("Select a level-3 or level-4 case to see its ladder."));
        return;
    }
    const std::optional<Case> c = m_lookup->caseRecord(request->caseId);
    m_caseTitle->setText(c ? tr("Case %1 · %2 — %3").arg(c->number, c->account, c->subject)
                           : tr("Case %1").arg(request->caseId));
    m_ladder->setLadder(LadderState::build(*request, m_lookup->requestsForCase(request->caseId),
                                           c && c->isOutage()));
}

void DirectorView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_headlineStale)
        refreshHeadline();
}

void DirectorView::scheduleHeadline()
{
    m_headlineStale = true;
    if (m_headlineQueued || !isVisible())
        return;
    m_headlineQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_headlineQueued = false;
        if (m_headlineStale && isVisible())
            refreshHeadline();
    });
}

void DirectorView::refreshHeadline() const
{
    m_headlineStale = false;
    int level3 = 0;
    int level4 = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        (m_model->index(row, 0).data(QueueRole::LevelRole).toInt() >= 4 ? level4 : level3)++;
    const QLocale locale;
    m_headline->setText(
        tr("Level 3: %1 · Level 4: %2 · Analyses owed: %3 · Level-4 ownership owed: %4")
            .arg(locale.toString(level3), locale.toString(level4),
                 locale.toString(m_obligations->analysesOwed()),
                 locale.toString(m_obligations->acknowledgementsOwed())));
}

QString DirectorView::headline() const
{
    if (m_headlineStale)
        refreshHeadline();
    return m_headline->text();
}

} // namespace Escalation

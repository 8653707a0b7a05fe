#include "clusterbar.h"

#include "mainwindow.h"
#include "queueview.h"

#include <durationtext.h>
#include <queueclusters.h>
#include <queuecolumns.h>
#include <queuefilter.h>
#include <queuemodel.h>
#include <requestlookup.h>

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include <algorithm>
#include <functional>

namespace Escalation {

namespace {
constexpr qint64 LookBackSecs = 24 * 3600; // clusters are about what is happening now
constexpr int SettleMs = 2000; // a sync page brings many rows at once
// An outage burst is among the newest requests; a bound keeps the cache
// reads and the comparisons small on the GUI thread whatever the queue holds.
constexpr int MaxCandidates = 1000;
} // namespace

ClusterBar::ClusterBar(MainWindow *window, QueueModel *queue, const RequestLookup *lookup,
                       QueueClusters *confirmed, QWidget *parent)
    : QFrame(parent)
    , m_window(window)
    , m_queue(queue)
    , m_lookup(lookup)
    , m_confirmed(confirmed)
    , m_now([] { return QDateTime::currentSecsSinceEpoch(); })
    , m_text(new QLabel(this))
    , m_confirm(new QPushButton(tr("&Confirm"), this))
    , m_review(new QPushButton(tr("&Review…"), this))
    , m_dismiss(new QPushButton(tr("Not a cluster"), this))
    , m_next(new QPushButton(tr("Next"), this))
{
    setObjectName(QStringLiteral("clusterBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_text->setObjectName(QStringLiteral("clusterText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_confirm->setObjectName(QStringLiteral("clusterConfirm"));
    m_confirm->setToolTip(tr("One issue: the queue shows these requests as one row, and an "
                             "Accept or Decline on it answers every one of them"));
    m_review->setObjectName(QStringLiteral("clusterReview"));
    m_review->setToolTip(tr("Show these requests in the queue, all marked: one Accept or Decline "
                            "then answers every one of them"));
    m_dismiss->setObjectName(QStringLiteral("clusterDismiss"));
    m_dismiss->setToolTip(tr("These requests are not one issue: do not propose them again"));
    m_next->setObjectName(QStringLiteral("clusterNext"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_confirm);
    layout->addWidget(m_review);
    layout->addWidget(m_dismiss);
    layout->addWidget(m_next);
    connect(m_confirm, &QPushButton::clicked, this, &ClusterBar::confirm);
    connect(m_review, &QPushButton::clicked, this, &ClusterBar::review);
    connect(m_dismiss, &QPushButton::clicked, this, &ClusterBar::dismiss);
    connect(m_next, &QPushButton::clicked, this, &ClusterBar::next);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(SettleMs);
    connect(&m_debounce, &QTimer::timeout, this, &ClusterBar::recompute);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(queue, signal, this, &ClusterBar::scheduleRecompute);
    connect(queue, &QAbstractItemModel::modelReset, this, &ClusterBar::scheduleRecompute);
    connect(confirmed, &QueueClusters::membershipChanged, this, &ClusterBar::recompute);
    hide();
}

QString ClusterBar::keyOf(const IssueCluster &cluster)
{
    // The first request raised stays the same while the cluster grows.
    return cluster.requestIds.constFirst();
}

void ClusterBar::recompute()
{
    m_debounce.stop();
    const qint64 since = m_now() - LookBackSecs;
    // The newest pending requests of the look-back, at most MaxCandidates.
    std::vector<std::pair<qint64, int>> recent; // raised, row
    for (int row = 0; row < m_queue->rowCount(); ++row) {
        if (m_queue->attributeSubject(row).state != RequestState::Pending)
            continue;
        const qint64 raised = m_queue->index(row, QueueColumn::RequestedAt)
                                  .data(QueueRole::RawValueRole)
                                  .toLongLong();
        if (raised >= since)
            recent.emplace_back(raised, row);
    }
    if (recent.size() > std::size_t(MaxCandidates)) {
        std::nth_element(recent.begin(), recent.begin() + MaxCandidates, recent.end(),
                         std::greater<>());
        recent.resize(std::size_t(MaxCandidates));
    }
    QList<EscalationRequest> requests;
    QHash<QString, Case> cases;
    for (const auto &[raised, row] : recent) {
        const std::optional<EscalationRequest> r = m_lookup->request(m_queue->requestIdAt(row));
        if (!r)
            continue;
        if (!cases.contains(r->caseId))
            if (const std::optional<Case> c = m_lookup->caseRecord(r->caseId))
                cases.insert(c->id, *c);
        requests.append(*r);
    }
    const QString shown = m_current >= 0 ? keyOf(m_proposals.at(m_current)) : QString();
    m_proposals.clear();
    // Requests already confirmed as one issue are not proposed again; new
    // ones like them are, as additions.
    for (const IssueCluster &cluster : IssueClusters::find(requests, cases))
        if (!m_dismissed.contains(keyOf(cluster))
            && !m_confirmed->unconfirmedIds(cluster).isEmpty())
            m_proposals.append(cluster);
    int index = m_proposals.isEmpty() ? -1 : 0;
    for (int i = 0; i < m_proposals.size(); ++i)
        if (keyOf(m_proposals.at(i)) == shown)
            index = i; // keep showing the one the user reads
    show(index);
    Q_EMIT proposalsChanged(int(m_proposals.size()));
}

QString ClusterBar::text() const
{
    return m_text->text();
}

void ClusterBar::show(int index)
{
    m_current = index;
    setVisible(index >= 0);
    if (index < 0)
        return;
    const IssueCluster &c = m_proposals.at(index);
    const QString span =
        DurationText::compact(std::max<qint64>(60, c.firstRaised.secsTo(c.lastRaised)));
    const qsizetype added = m_confirmed->unconfirmedIds(c).size();
    const ConfirmedCluster *extends = nullptr;
    for (const QString &id : c.requestIds)
        if (!extends)
            extends = m_confirmed->clusterOf(id);
    QString text = extends
        ? tr("More requests like the confirmed major issue “%1” (new requests: %2; raised over "
             "%3).")
              .arg(extends->title)
              .arg(added)
              .arg(span)
        : tr("Possible major issue: “%1” (requests: %2; accounts: %3; raised over %4).")
              .arg(c.title)
              .arg(c.requestIds.size())
              .arg(c.accounts)
              .arg(span);
    m_confirm->setText(extends ? tr("&Add to cluster") : tr("&Confirm"));
    if (m_proposals.size() > 1)
        text +=
            QLatin1Char(' ') + tr("(%1 of %2 proposals)").arg(index + 1).arg(m_proposals.size());
    m_text->setText(text);
    setAccessibleName(text);
    m_next->setVisible(m_proposals.size() > 1);
}

void ClusterBar::confirm()
{
    if (m_current < 0)
        return;
    const IssueCluster proposal = m_proposals.at(m_current);
    m_confirmed->confirm(proposal); // recomputes the proposals
    if (const ConfirmedCluster *cluster =
            m_confirmed->clusterOf(proposal.requestIds.constFirst())) {
        m_window->showRequest(cluster->key());
        m_window->queueView()->setFocus(Qt::OtherFocusReason);
    }
}

void ClusterBar::review()
{
    if (m_current < 0)
        return;
    const IssueCluster &c = m_proposals.at(m_current);
    m_window->showRequestSet(tr("Possible major issue “%1”").arg(c.title), c.requestIds,
                             QStringLiteral("queue"));
    m_window->markAllShown();
}

void ClusterBar::dismiss()
{
    if (m_current < 0)
        return;
    m_dismissed.insert(keyOf(m_proposals.takeAt(m_current)));
    show(m_proposals.isEmpty() ? -1 : std::min(m_current, int(m_proposals.size()) - 1));
    Q_EMIT proposalsChanged(int(m_proposals.size()));
}

void ClusterBar::next()
{
    if (!m_proposals.isEmpty())
        show((m_current + 1) % int(m_proposals.size()));
}

} // namespace Escalation

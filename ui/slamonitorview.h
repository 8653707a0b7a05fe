#pragma once

// The team lead's SLA monitor: headline numbers, a chart of open reviews
// per team, the reviews that are approaching or past their target (the
// queue filtered by clock state, most urgent first), counts per manager and
// per team for today and this week, and the cases with a missed first
// response or too long a support silence. Read-only: a double-click hands
// the request to the main window, which owns the triage actions.

#include <QHash>
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace Escalation {

class QueueFilterProxy;
class QueueModel;
class QueueView;
class ReviewClockService;
class SlaFlagsModel;
class SlaSummaryModel;
class SlaTeamChart;

class SlaMonitorView final : public QWidget {
    Q_OBJECT
public:
    // All three must outlive the view.
    SlaMonitorView(QueueModel *queue, ReviewClockService *clock, SlaFlagsModel *flags,
                   QWidget *parent = nullptr);

    SlaSummaryModel *managerSummary() const { return m_byManager; }
    SlaSummaryModel *teamSummary() const { return m_byTeam; }
    QueueFilterProxy *atRiskProxy() const { return m_atRisk; }
    QueueView *atRiskView() const { return m_atRiskView; }
    SlaTeamChart *chart() const { return m_chart; }
    // The headline numbers as shown ("Open 12", ...), for tests and screen readers.
    QString headline() const;

Q_SIGNALS:
    // The user wants to work on this request (double-click, Enter).
    void requestActivated(const QString &requestId);
    // A flagged case: the main window shows its newest request if it has one.
    void caseActivated(const QString &caseId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QTableView *makeTable(QAbstractItemModel *model, int sortColumn, Qt::SortOrder order);
    // A headline tile; returns its value label.
    QLabel *makeTile(const QString &objectName);
    void refreshHeadline();

    SlaSummaryModel *m_byManager;
    SlaSummaryModel *m_byTeam;
    SlaFlagsModel *m_flags;
    // The flags table sorts tens of thousands of flagged cases; it is
    // connected to m_flags when the view is first shown, not at start-up.
    QSortFilterProxyModel *m_flagsSorted = nullptr;
    QueueFilterProxy *m_atRisk;
    QueueView *m_atRiskView;
    SlaTeamChart *m_chart;
    QTabWidget *m_lists;
    QLabel *m_open;
    QLabel *m_approaching;
    QLabel *m_breached;
    QLabel *m_breachedToday;
    QLabel *m_answeredToday;
    QLabel *m_firstResponse;
    QLabel *m_silence;
    QHash<QLabel *, QLabel *> m_captions; // tile value -> its caption
};

} // namespace Escalation

#pragma once

// The director's view: level-3 and level-4 cases only, with whether the
// level-3 analysis is owed or recorded and who owns level 4, and the ladder
// of the selected case. A director follows, never triages: there is no
// action here besides opening the request in the queue.

#include <QWidget>

class QLabel;
class QTableView;

namespace Escalation {

class DirectorModel;
class LadderWidget;
class ObligationIndex;
class QueueModel;
class RequestLookup;
class ReviewClockService;

class DirectorView final : public QWidget {
    Q_OBJECT
public:
    // Everything must outlive the view.
    DirectorView(QueueModel *queue, ReviewClockService *clock, const ObligationIndex *obligations,
                 const RequestLookup *lookup, QWidget *parent = nullptr);

    DirectorModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    LadderWidget *ladder() const { return m_ladder; }
    QString currentRequestId() const { return m_currentId; }
    bool selectRequest(const QString &requestId);
    QString headline() const;

Q_SIGNALS:
    void currentRequestChanged(const QString &requestId);
    // Open this request in the queue (double-click, Enter).
    void requestActivated(const QString &requestId);

public Q_SLOTS:
    // A change set touched the current request or its case: re-read the ladder.
    void reloadLadder();

private:
    void showEvent(QShowEvent *event) override;
    void onCurrentChanged();
    // The headline counts every level-3/4 row and what each owes; it is
    // recounted once per event-loop turn, and only while the view is shown
    // (a queue load or a sync page would otherwise recount it per signal).
    void scheduleHeadline();
    void refreshHeadline() const;

    DirectorModel *m_model;
    const ObligationIndex *m_obligations;
    const RequestLookup *m_lookup;
    QTableView *m_table;
    LadderWidget *m_ladder;
    QLabel *m_headline;
    QLabel *m_caseTitle;
    QString m_currentId;
    mutable bool m_headlineStale = true;
    bool m_headlineQueued = false;
};

} // namespace Escalation

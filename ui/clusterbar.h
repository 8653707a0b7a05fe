#pragma once

// Possible major issues above the queue: when several customers escalate
// the same symptom within a short time (IssueClusters), one line names the
// largest such group not yet looked at — "Possible major issue: “Payment
// gateway rejects valid cards”: 11 requests from 9 accounts within 42 min" —
// with Confirm (the queue then shows them as one expandable row, and one
// Accept with one plan of action or one Decline on it answers each of them
// as its own outbox entry), Review (the queue shows just those requests, all
// marked), Not a cluster (not proposed again this session) and Next. New
// requests like a confirmed cluster's are proposed as additions to it.
// Proposals are worked out again a moment after the queue changes, over the
// pending requests raised in the last day.

#include <issueclusters.h>

#include <QFrame>
#include <QSet>
#include <QTimer>

class QLabel;
class QPushButton;

namespace Escalation {

class MainWindow;
class QueueClusters;
class QueueModel;
class RequestLookup;

class ClusterBar final : public QFrame {
    Q_OBJECT
public:
    using NowFunction = std::function<qint64()>; // epoch seconds

    ClusterBar(MainWindow *window, QueueModel *queue, const RequestLookup *lookup,
               QueueClusters *confirmed, QWidget *parent = nullptr);

    void setNowFunction(NowFunction now) { m_now = std::move(now); }
    // Works the proposals out now (otherwise shortly after the queue changes).
    void recompute();
    // A moment after the first of a run of changes, not after the last:
    // on a busy portal changes never stop coming.
    void scheduleRecompute()
    {
        if (!m_debounce.isActive())
            m_debounce.start();
    }
    // The proposals not dismissed, largest first; the one shown is current().
    QList<IssueCluster> proposals() const { return m_proposals; }
    int current() const { return m_current; }
    QString text() const;

    // Confirms the proposal shown (or adds its new requests to the confirmed
    // cluster it extends) and selects the cluster's row in the queue.
    void confirm();
    void review();
    void dismiss();
    void next();

Q_SIGNALS:
    void proposalsChanged(int count);

private:
    static QString keyOf(const IssueCluster &cluster);
    void show(int index);

    MainWindow *m_window;
    QueueModel *m_queue;
    const RequestLookup *m_lookup;
    QueueClusters *m_confirmed;
    NowFunction m_now;
    QTimer m_debounce;
    QList<IssueCluster> m_proposals;
    QSet<QString> m_dismissed;
    int m_current = -1;
    QLabel *m_text;
    QPushButton *m_confirm;
    QPushButton *m_review;
    QPushButton *m_dismiss;
    QPushButton *m_next;
};

} // namespace Escalation

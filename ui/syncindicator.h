#pragma once

// The status bar's account of freshness: sync state, last successful sync,
// offline since when, actions waiting in the outbox, and a progress bar
// while the first sync fills an empty cache. Nothing stale without saying so.

#include <syncstatus.h>

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace Escalation {

class SyncIndicator final : public QWidget {
    Q_OBJECT
public:
    explicit SyncIndicator(QWidget *parent = nullptr);

    void setStatus(const SyncStatus &status);
    void setPendingOutbox(int count);
    // Where the queue comes from when no portal is connected.
    void setCacheOnly(const QString &reason);

    QString stateText() const;
    QString pendingText() const;

private:
    void refreshAges();

    SyncStatus m_status;
    QLabel *m_state;
    QLabel *m_last;
    QLabel *m_pending;
    QProgressBar *m_progress;
    QTimer m_ageTimer;
    QString m_cacheOnly;
};

} // namespace Escalation

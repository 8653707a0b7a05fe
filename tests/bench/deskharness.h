#pragma once

// The desk as escalation-desk composes it (app/desk/appcontroller.cpp): the
// cache on a StoreWorker thread, the review clock, the queue model, and the
// main window with its proxy and queue view, shown under the offscreen
// platform. Change sets reach the model as in the app; the harness only
// times the model merge on the GUI thread.

#include <storetypes.h>

#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace Escalation {
class CacheLookup;
class MainWindow;
class QueueModel;
class QueueFilterProxy;
class QueueView;
class ReviewClockService;
class StoreWorker;
struct ChangeSet;
} // namespace Escalation

namespace Bench {

class DeskHarness final {
public:
    // now: the review clock's time source (epoch milliseconds); empty for
    // the real clock. clockCreated: called before the model connects to the
    // clock (to connect ahead of it).
    explicit DeskHarness(
        QString cachePath, std::function<qint64()> now = {},
        const std::function<void(Escalation::ReviewClockService *)> &clockCreated = {});
    ~DeskHarness();
    DeskHarness(const DeskHarness &) = delete;
    DeskHarness &operator=(const DeskHarness &) = delete;

    // Starts the store thread and waits until the cache is open.
    bool open(QString *error);
    // Loads the active queue on the store thread and hands it to the model,
    // as the app does at start.
    bool loadQueue(QString *error);
    // Shows the window and waits until it is exposed.
    bool show(QString *error);
    // Paints the queue now (what the event loop does after a change).
    void paintQueue();

    Escalation::StoreWorker *worker() const { return m_worker; }
    Escalation::ReviewClockService *clock() const { return m_clock.get(); }
    Escalation::QueueModel *model() const { return m_model.get(); }
    Escalation::MainWindow *window() const { return m_window.get(); }
    Escalation::QueueFilterProxy *proxy() const;
    Escalation::QueueView *view() const;
    const Escalation::SyncState &syncState() const { return m_state; }

    // Called on the GUI thread after every change set the model merged, with
    // the time the merge took (model, proxy and window slots).
    std::function<void(const Escalation::ChangeSet &, double mergeMs)> onMerged;
    int mergedChangeSets() const { return m_merged; }
    // When the last loadQueue() got the snapshot from the store thread, and
    // when the model had taken it (nowMs()).
    double queueReceivedAt = 0;
    double modelLoadedAt = 0;

private:
    QString m_path;
    QThread m_thread;
    Escalation::StoreWorker *m_worker = nullptr;
    std::unique_ptr<Escalation::ReviewClockService> m_clock;
    std::unique_ptr<Escalation::QueueModel> m_model;
    std::unique_ptr<Escalation::CacheLookup> m_lookup;
    std::unique_ptr<Escalation::MainWindow> m_window;
    Escalation::SyncState m_state;
    bool m_opened = false;
    int m_merged = 0;
};

} // namespace Bench

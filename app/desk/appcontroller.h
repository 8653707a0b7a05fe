#pragma once

// The composition root's wiring, and nothing else: the cache on its worker
// thread, a read-only cache for the details pane, the review clock, the
// queue model, the portal client, sync engine, outbox and history refresh,
// who signed in (the portal's /me, else the last answer cached, else the
// settings), and the main window. Data flows one way (portal → cache → change sets → model → view);
// decisions flow back through the outbox.

#include "cachelookup.h"

#include <deskrole.h>
#include <storeworker.h>
#include <syncengine.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QUrl>

#include <memory>

namespace Escalation {

class ConnectorCall;
class HistorySync;
class MainWindow;
class Outbox;
class PortalConnector;
class PortalCredentials;
class QueueModel;
class ReviewClockService;
class SyncEngine;

struct DeskOptions {
    QUrl portal; // empty: work from the cache alone
    QString connector = QStringLiteral("native"); // "native" or "rt" (Request Tracker at portal)
    QString database; // the cache file
    DeskRole role = DeskRole::Manager;
    QString userName;
};

class DeskFeatures;
class DeskSettings;

class AppController final : public QObject {
    Q_OBJECT
public:
    explicit AppController(DeskOptions options, QObject *parent = nullptr);
    ~AppController() override;

    // Opens the cache and shows the window; the queue and the sync follow
    // asynchronously.
    void start();
    MainWindow *window() const { return m_window.get(); }

    // Milliseconds from start() to each stage of the first start, for the
    // log and the benchmark; -1 until the stage is reached.
    struct StartupTimings {
        qint64 cacheOpenedMs = -1;
        qint64 queueReadMs = -1; // the snapshot arrived from the store thread
        qint64 queueShownMs = -1; // the models hold it
    };
    const StartupTimings &startupTimings() const { return m_timings; }

Q_SIGNALS:
    // The cache cannot be opened: nothing to show; message is translated.
    void fatalError(const QString &message);
    // The cached queue is in the models (the window paints it next); the
    // sync with the portal starts after this.
    void queueShown(int rows);

private:
    void onStoreOpened(const StoreResult<StoreWorker::Opened> &opened);
    void onQueueLoaded(const StoreResult<QueueSnapshot> &snapshot);
    void startSync();
    void updatePendingRows();
    // Who the token belongs to: asked once the token is known, and again
    // after a sync succeeds while the answer is still outstanding.
    void askWhoAmI();
    void onWhoAmI(const ConnectorResult &result);
    void applyUser(const SignedInUser &user);
    QString identityKey() const;

    DeskOptions m_options;
    DeskSettings *m_settings = nullptr;
    DeskFeatures *m_features =
        nullptr; // team lead and director views, settings, tray; owned by the window
    QThread m_storeThread;
    StoreWorker *m_worker = nullptr; // lives on m_storeThread, deleted when it finishes
    CacheLookup m_lookup;
    ReviewClockService *m_clock = nullptr;
    QueueModel *m_model = nullptr;
    std::unique_ptr<MainWindow> m_window;
    PortalConnector *m_connector = nullptr; // what the engine and the outbox talk to
    SyncEngine *m_engine = nullptr;
    Outbox *m_outbox = nullptr;
    HistorySync *m_history = nullptr;
    SignedInUser m_user;
    bool m_userConfirmed = false; // the backend has answered whoAmI
    QPointer<ConnectorCall> m_whoAmI;
    PortalCredentials *m_credentials = nullptr;
    SyncState m_syncState;
    int m_pendingAtOpen = 0;
    QElapsedTimer m_startClock;
    StartupTimings m_timings;
};

} // namespace Escalation

#pragma once

// A StoreWorker on its own thread over a cache file, as the app runs it:
// opened before the constructor returns (ok, or error with the reason),
// closed and joined by the destructor. Shared by the tests that drive the
// sync engine and the outbox against a real cache.

#include "storeworker.h"

#include <QFuture>
#include <QTest>
#include <QThread>

class StoreWorkerThread final {
public:
    explicit StoreWorkerThread(const QString &path)
    {
        worker = new Escalation::StoreWorker(path);
        worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
        m_thread.start();
        QFuture<Escalation::StoreResult<Escalation::StoreWorker::Opened>> opening = worker->open();
        if (!QTest::qWaitFor([&] { return opening.isFinished(); }, 30000)
            || opening.resultCount() == 0) {
            error = QStringLiteral("the cache did not open within 30 s");
            return;
        }
        const auto opened = opening.takeResult();
        if (opened) {
            state = opened->state;
            pending = opened->pendingOutbox;
            ok = true;
        } else {
            error = opened.error().message;
        }
    }
    ~StoreWorkerThread()
    {
        QMetaObject::invokeMethod(worker, &Escalation::StoreWorker::closeStore,
                                  Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    StoreWorkerThread(const StoreWorkerThread &) = delete;
    StoreWorkerThread &operator=(const StoreWorkerThread &) = delete;

    Escalation::StoreWorker *worker = nullptr;
    Escalation::SyncState state;
    int pending = 0;
    bool ok = false;
    QString error;

private:
    QThread m_thread;
};

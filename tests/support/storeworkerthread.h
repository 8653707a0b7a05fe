#pragma once

// A StoreWorker on its own thread over a cache file, as the app runs it:
// opened before the constructor returns (ok, or error with the reason),
// closed and joined by the destructor. Shared by the tests that drive the
// sync engine and the outbox against a real cache.

#include "storeworker.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

class StoreWorkerThread final {
public:
    explicit StoreWorkerThread(const QString &path)
    {
        worker = new Escalation::StoreWorker(path);
        worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
        QSignalSpy opened(worker, &Escalation::StoreWorker::opened);
        QSignalSpy openFailed(worker, &Escalation::StoreWorker::openFailed);
        m_thread.start();
        QMetaObject::invokeMethod(worker, &Escalation::StoreWorker::openStore,
                                  Qt::QueuedConnection);
        // Polls the spies' counts rather than QSignalSpy::wait(): the store
        // thread may emit before wait() starts, which wait() would miss.
        const bool answered =
            QTest::qWaitFor([&] { return !opened.isEmpty() || !openFailed.isEmpty(); }, 30000);
        if (!answered) {
            error = QStringLiteral("the cache did not open within 30 s");
        } else if (!opened.isEmpty()) {
            state = opened.first().at(1).value<Escalation::SyncState>();
            pending = opened.first().at(2).toInt();
            ok = true;
        } else {
            error = openFailed.first().first().value<Escalation::StoreError>().message;
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

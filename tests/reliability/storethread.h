#pragma once

// A StoreWorker on its own thread over a cache file, opened synchronously,
// as the app runs it; closed and joined on destruction.

#include "storeworker.h"

#include <QSignalSpy>
#include <QThread>

class StoreThread final {
public:
    explicit StoreThread(const QString &path)
    {
        worker = new Escalation::StoreWorker(path);
        worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
        QSignalSpy opened(worker, &Escalation::StoreWorker::opened);
        m_thread.start();
        QMetaObject::invokeMethod(worker, &Escalation::StoreWorker::openStore, Qt::QueuedConnection);
        if (opened.wait(30000)) {
            state = opened.first().at(1).value<Escalation::SyncState>();
            pending = opened.first().at(2).toInt();
            ok = true;
        }
    }
    ~StoreThread()
    {
        QMetaObject::invokeMethod(worker, &Escalation::StoreWorker::closeStore, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    StoreThread(const StoreThread &) = delete;
    StoreThread &operator=(const StoreThread &) = delete;

    Escalation::StoreWorker *worker = nullptr;
    Escalation::SyncState state;
    int pending = 0;
    bool ok = false;

private:
    QThread m_thread;
};

#pragma once

// Runs the reference escalation-portal on a free loopback port for
// integration tests, and a StoreWorker on its own thread over a temporary
// cache; both are torn down with the test object.

#include "storeworker.h"

#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QUrl>

class PortalProcess final {
public:
    ~PortalProcess() { stop(); }

    // extra: further options; port 0 picks a free one.
    bool start(const QStringList &extra, int port = 0)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        QStringList args{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                         QStringLiteral("--token"), token()};
        args += extra;
        m_process->start(QStringLiteral(ESCALATION_PORTAL_EXE), args);
        if (!m_process->waitForStarted(10000))
            return false;
        const QRegularExpression re(QStringLiteral("listening on (http://127\\.0\\.0\\.1:(\\d+))"));
        QByteArray out;
        for (int i = 0; i < 600 && m_process->state() == QProcess::Running; ++i) {
            m_process->waitForReadyRead(100);
            out += m_process->readAllStandardOutput();
            const auto m = re.match(QString::fromUtf8(out));
            if (m.hasMatch()) {
                m_url = QUrl(m.captured(1));
                m_port = m.captured(2).toInt();
                return true;
            }
        }
        qWarning() << "portal did not start:" << out << m_process->readAllStandardError();
        return false;
    }
    void stop()
    {
        if (!m_process)
            return;
        m_process->kill();
        m_process->waitForFinished(5000);
        m_process.reset();
    }
    static QString token() { return QStringLiteral("integration-token"); }
    QUrl url() const { return m_url; }
    int port() const { return m_port; }

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    int m_port = 0;
};

class WorkerThread final {
public:
    explicit WorkerThread(const QString &path)
    {
        worker = new Escalation::StoreWorker(path);
        worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
        QSignalSpy opened(worker, &Escalation::StoreWorker::opened);
        m_thread.start();
        QMetaObject::invokeMethod(worker, &Escalation::StoreWorker::openStore, Qt::QueuedConnection);
        if (opened.wait(20000)) {
            state = opened.first().at(1).value<Escalation::SyncState>();
            pending = opened.first().at(2).toInt();
            ok = true;
        }
    }
    ~WorkerThread()
    {
        QMetaObject::invokeMethod(worker, &Escalation::StoreWorker::closeStore, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    Escalation::StoreWorker *worker = nullptr;
    Escalation::SyncState state;
    int pending = 0;
    bool ok = false;

private:
    QThread m_thread;
};

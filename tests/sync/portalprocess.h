#pragma once

// Runs the reference escalation-portal on a free loopback port for
// integration tests; stopped with the test object. (The store thread the
// tests pair it with is tests/support/storeworkerthread.h.)

#include "democredentials.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>

class PortalProcess final {
public:
    ~PortalProcess() { stop(); }

    // extra: further options; port 0 picks a free one.
    bool start(const QStringList &extra, int port = 0)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        QStringList args {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                          QStringLiteral("--demo-credentials"), DemoCredentials::sharedFile(),
                          QStringLiteral("--diagnostics")};
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
                return !token().isEmpty();
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
    // The seeded escalation manager's token (the portal wrote it before listening).
    static QString token() { return tokenFor(QStringLiteral("escalation_manager")); }
    static QString tokenFor(const QString &roleCode)
    {
        return DemoCredentials::token(DemoCredentials::sharedFile(), roleCode);
    }
    static QString userName(const QString &roleCode = QStringLiteral("escalation_manager"))
    {
        return DemoCredentials::userName(DemoCredentials::sharedFile(), roleCode);
    }
    QUrl url() const { return m_url; }
    int port() const { return m_port; }

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    int m_port = 0;
};

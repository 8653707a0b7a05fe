#pragma once

// Test support: a throw-away PostgreSQL cluster of the test's own. initdb
// makes it in a temporary folder, pg_ctl starts it on a free loopback port
// (its Unix socket stays in that folder), and it is stopped by the pid in
// its postmaster.pid when the object goes. PostgreSQL refuses to run as
// root, so as root the server runs as the unprivileged user "postgres"
// (Debian's postgresql package creates it) through runuser; the tests
// connect as the cluster's superuser "postgres" with trust authentication,
// which the cluster only offers on loopback.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>
#include <memory>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

class PostgresCluster final {
public:
    PostgresCluster() = default;
    ~PostgresCluster() { stop(); }
    PostgresCluster(const PostgresCluster &) = delete;
    PostgresCluster &operator=(const PostgresCluster &) = delete;

    // The folder of Debian's server binaries (initdb, pg_ctl), or empty.
    static QString binDir()
    {
        const QDir root(QStringLiteral("/usr/lib/postgresql"));
        QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        std::sort(versions.begin(), versions.end(),
                  [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
        for (const QString &v : versions)
            if (QFile::exists(root.filePath(v + QStringLiteral("/bin/initdb"))))
                return root.filePath(v + QStringLiteral("/bin"));
        return {};
    }

    // Makes the cluster (initdb) and starts it.
    bool start(QString *error)
    {
        const QString bin = binDir();
        if (bin.isEmpty()) {
            *error = QStringLiteral("no PostgreSQL server (Debian: postgresql)");
            return false;
        }
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid()) {
            *error = m_dir->errorString();
            return false;
        }
        if (geteuid() == 0) {
            const passwd *pw = getpwnam("postgres");
            if (!pw) {
                *error = QStringLiteral("running as root and there is no user postgres");
                return false;
            }
            if (::chown(QFile::encodeName(m_dir->path()).constData(), pw->pw_uid, pw->pw_gid)
                != 0) {
                *error = QStringLiteral("cannot hand the cluster folder to postgres");
                return false;
            }
            m_runAs = QStringLiteral("postgres");
        }
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = probe.errorString();
            return false;
        }
        m_port = probe.serverPort();
        probe.close();

        const QString data = dataDir();
        if (!run(bin + QStringLiteral("/initdb"),
                 {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("postgres"),
                  QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                  QStringLiteral("--no-sync")},
                 error))
            return false;
        m_bin = bin;
        return launch(error);
    }

    // Stops the server and starts it again on the same data and port, as
    // an administrator's restart or a failover would look to the portals.
    bool restart(QString *error)
    {
        stop();
        return launch(error);
    }

    bool launch(QString *error)
    {
        const QString bin = m_bin;
        const QString data = dataDir();
        const QString options =
            QStringLiteral("-c listen_addresses=127.0.0.1 -c port=%1 -c unix_socket_directories=%2 "
                           "-c fsync=off -c max_connections=200")
                .arg(m_port)
                .arg(m_dir->path());
        if (!run(bin + QStringLiteral("/pg_ctl"),
                 {QStringLiteral("-D"), data, QStringLiteral("-o"), options, QStringLiteral("-l"),
                  m_dir->filePath(QStringLiteral("server.log")), QStringLiteral("-w"),
                  QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("start")},
                 error)) {
            QFile log(m_dir->filePath(QStringLiteral("server.log")));
            if (log.open(QIODevice::ReadOnly))
                *error += QStringLiteral("\n") + QString::fromUtf8(log.readAll());
            return false;
        }
        QFile pidFile(data + QStringLiteral("/postmaster.pid"));
        if (!pidFile.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("the server wrote no postmaster.pid");
            return false;
        }
        m_pid = pid_t(pidFile.readLine().trimmed().toLongLong());
        return m_pid > 0;
    }

    void stop()
    {
        if (m_pid <= 0)
            return;
        // Fast shutdown by signal to the recorded pid, then wait for it.
        ::kill(m_pid, SIGINT);
        for (int i = 0; i < 600 && ::kill(m_pid, 0) == 0; ++i)
            ::usleep(50 * 1000);
        if (::kill(m_pid, 0) == 0)
            ::kill(m_pid, SIGKILL);
        m_pid = 0;
    }

    // Creates an empty database; false with the reason when it cannot.
    bool createDatabase(const QString &name, QString *error) const
    {
        QProcess createdb;
        createdb.start(QStringLiteral("createdb"),
                       {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                        QString::number(m_port), QStringLiteral("-U"), QStringLiteral("postgres"),
                        name});
        if (!createdb.waitForFinished(60000) || createdb.exitCode() != 0) {
            *error = QString::fromUtf8(createdb.readAllStandardError()) + createdb.errorString();
            return false;
        }
        return true;
    }

    // What escalation-portal --db takes.
    QString locator(const QString &database) const
    {
        return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(m_port).arg(database);
    }
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_pid; }

private:
    QString dataDir() const { return m_dir->filePath(QStringLiteral("data")); }

    bool run(const QString &program, const QStringList &args, QString *error) const
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        if (m_runAs.isEmpty())
            p.start(program, args);
        else
            p.start(QStringLiteral("runuser"),
                    QStringList {QStringLiteral("-u"), m_runAs, QStringLiteral("--"), program}
                        + args);
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit
            || p.exitCode() != 0) {
            *error =
                program + QStringLiteral(": ") + QString::fromUtf8(p.readAll()) + p.errorString();
            return false;
        }
        return true;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_bin;
    QString m_runAs;
    quint16 m_port = 0;
    pid_t m_pid = 0;
};

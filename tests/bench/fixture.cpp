#include "fixture.h"

#include "cachestore.h"
#include "datagenerator.h"
#include "democredentials.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>

#include <chrono>
#include <cmath>
#include <ctime>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Escalation;

namespace Bench {

double nowMs()
{
    return double(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count())
        / 1e6;
}

double processCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

namespace {

// utime + stime of a /proc/.../stat line, in milliseconds; the name in
// parentheses before them may itself hold spaces.
double statCpuMs(const QByteArray &stat, QString *name = nullptr)
{
    const qsizetype open = stat.indexOf('(');
    const qsizetype close = stat.lastIndexOf(')');
    if (open < 0 || close < open)
        return 0;
    if (name)
        *name = QString::fromUtf8(stat.mid(open + 1, close - open - 1));
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // After the name: state is field 3 of stat(5), utime 14, stime 15.
    if (fields.size() < 13)
        return 0;
    const double ticks = fields[11].toDouble() + fields[12].toDouble();
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

QByteArray readProcFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

QMap<QString, double> threadCpuByNameMs()
{
    QMap<QString, double> byName;
    const QDir tasks(u"/proc/self/task"_s);
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QString name;
        const double ms = statCpuMs(readProcFile(tasks.filePath(tid + u"/stat"_s)), &name);
        byName[name] += ms;
    }
    return byName;
}

double processCpuMs(qint64 pid)
{
    return statCpuMs(readProcFile(u"/proc/%1/stat"_s.arg(pid)));
}

double percentile(std::vector<double> samples, double p)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(samples.size())));
    return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    // Wakes the blocking processEvents() below to look at the deadline.
    QTimer tick;
    tick.start(50);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// --- PortalProcess -------------------------------------------------------

PortalProcess::~PortalProcess()
{
    stop();
}

QString PortalProcess::token()
{
    return DemoCredentials::token(DemoCredentials::sharedFile(), u"escalation_manager"_s);
}

qint64 PortalProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

bool PortalProcess::start(const QString &executable, const QStringList &extra, QString *error)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setProgram(executable);
    m_process->setArguments(QStringList {u"--listen"_s, u"127.0.0.1:0"_s, u"--demo-credentials"_s,
                                         DemoCredentials::sharedFile(), u"--diagnostics"_s}
                            + extra);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        *error = u"cannot start %1: %2"_s.arg(executable, m_process->errorString());
        return false;
    }
    static const QRegularExpression listening(u"listening on (http://127\\.0\\.0\\.1:\\d+)"_s);
    QByteArray out;
    const QDeadlineTimer deadline(120000);
    while (m_process->state() == QProcess::Running && !deadline.hasExpired()) {
        m_process->waitForReadyRead(100);
        out += m_process->readAllStandardOutput();
        const QRegularExpressionMatch m = listening.match(QString::fromUtf8(out));
        if (m.hasMatch()) {
            m_url = QUrl(m.captured(1));
            return true;
        }
    }
    *error = u"the portal did not start listening: %1 %2"_s.arg(
        QString::fromUtf8(out), QString::fromUtf8(m_process->readAllStandardError()));
    stop();
    return false;
}

void PortalProcess::stop()
{
    if (!m_process)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

// --- direct portal calls ---------------------------------------------------

QJsonObject PortalAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

bool callPortal(const QUrl &base, const QList<PortalCall> &calls, QList<PortalAnswer> *answers,
                int timeoutMs)
{
    static QNetworkAccessManager *nam = new QNetworkAccessManager(QCoreApplication::instance());
    answers->clear();
    answers->resize(calls.size());
    QList<QNetworkReply *> replies;
    qsizetype open = calls.size();
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const PortalCall &call = calls[i];
        QNetworkRequest request(QUrl(base.toString() + u"/api/v1"_s + call.path));
        request.setRawHeader("Authorization", "Bearer " + PortalProcess::token().toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Idempotency-Key",
                             QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
        request.setTransferTimeout(timeoutMs);
        QNetworkReply *reply = call.verb == "GET"
            ? nam->get(request)
            : nam->sendCustomRequest(request, call.verb,
                                     QJsonDocument(call.body).toJson(QJsonDocument::Compact));
        replies.append(reply);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, answers, i, &open] {
            (*answers)[i].status =
                reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            (*answers)[i].body = reply->readAll();
            --open;
        });
    }
    const bool done = waitUntil([&open] { return open == 0; }, timeoutMs);
    // Late answers must not reach this frame's variables once it is gone.
    for (QNetworkReply *reply : std::as_const(replies)) {
        reply->disconnect();
        reply->abort();
        reply->deleteLater();
    }
    return done;
}

// --- Fixture -------------------------------------------------------------

Fixture &Fixture::instance()
{
    static Fixture fixture;
    return fixture;
}

QDateTime Fixture::generatorNow()
{
    if (!m_now.isValid())
        m_now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    return m_now;
}

void Fixture::reset()
{
    m_portal.reset();
    m_cache.clear();
    m_active = -1;
    syncedCache.clear();
    QDir dir(m_dir.path());
    for (const QString &file : dir.entryList(QDir::Files))
        dir.remove(file);
}

QString Fixture::tempPath(const QString &name)
{
    return m_dir.filePath(name);
}

bool Fixture::generate(const Options &options, QString *error)
{
    if (!m_cache.isEmpty())
        return true;
    Portal::GeneratorConfig config;
    config.seed = Seed;
    config.requestCount = options.requests();
    config.caseCount = options.requests();
    config.now = generatorNow();
    const Portal::GeneratedData data = Portal::DataGenerator(config).generate();

    m_active = 0;
    for (const EscalationRequest &r : data.requests)
        m_active += isInActiveQueue(r.state) ? 1 : 0;

    const QString path = tempPath(u"generated-cache.sqlite"_s);
    StoreError storeError;
    auto store = CacheStore::open(path, nullptr, &storeError);
    if (!store) {
        *error = u"cannot create the cache %1: %2"_s.arg(path, storeError.message);
        return false;
    }
    // Pages of about 1 000 records, a case before its requests, as the
    // portal's feed sends them. Requests are grouped by case in case order.
    SyncPage page;
    qsizetype next = 0;
    int serial = 0;
    const auto flush = [&](bool last) {
        page.cursor = QString::number(++serial);
        page.hasMore = !last;
        const StoreResult<ChangeSet> written = store->applySyncPage(page);
        page = SyncPage();
        if (!written)
            storeError = written.error();
        return bool(written);
    };
    for (const Case &c : data.cases) {
        page.cases.append(c);
        while (next < data.requests.size() && data.requests[next].caseId == c.id)
            page.requests.append(data.requests[next++]);
        if (page.cases.size() + page.requests.size() >= 1000 && !flush(false)) {
            *error = storeError.message;
            return false;
        }
    }
    if (!flush(true)) {
        *error = storeError.message;
        return false;
    }
    if (next != data.requests.size() || store->requestCount().valueOr(-1) != data.requests.size()) {
        *error = u"the generated requests are not grouped by case as expected"_s;
        return false;
    }
    m_cache = path;
    return true;
}

QString Fixture::cachePath(const Options &options, QString *error)
{
    return generate(options, error) ? m_cache : QString();
}

int Fixture::activeRequests(const Options &options)
{
    QString error;
    return generate(options, &error) ? m_active : -1;
}

PortalProcess *Fixture::portal(const Options &options, QString *error)
{
    if (m_portal)
        return m_portal.get();
    auto portal = std::make_unique<PortalProcess>();
    const QString count = QString::number(options.requests());
    if (!portal->start(options.portalExecutable,
                       {u"--requests"_s, count, u"--cases"_s, count, u"--seed"_s,
                        QString::number(Seed), u"--now"_s, isoNow()},
                       error))
        return nullptr;
    m_portal = std::move(portal);
    return m_portal.get();
}

} // namespace Bench

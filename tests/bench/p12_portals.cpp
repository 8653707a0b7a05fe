// P12: the portal as a team's shared server. Two escalation-portal
// instances on one PostgreSQL database (a throw-away cluster the benchmark
// starts itself), 1 000 desks long-polling /changes/wait split across them,
// one decision a second made through either: p95 from sending the decision
// to each desk's long poll answering, at most 500 ms. The reference is one
// instance on SQLite with the same load.
//
// Besides: a first sync of the whole data set (every /changes page) from a
// portal keeping its state in PostgreSQL, next to the same from SQLite, and
// how long each portal took to open its database and load it.
//
// The desks are plain sockets speaking HTTP/1.1 with keep-alive (a
// QNetworkAccessManager opens at most six connections per server).

#include "benchmark.h"
#include "fixture.h"
#include "postgrescluster.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace Bench {

namespace {

constexpr int DeskCount = 1000;

// One desk: a connection that always holds a long poll at its portal.
class Desk final : public QObject {
public:
    Desk(const QUrl &portal, QByteArray token, qint64 since, std::vector<double> *answeredAt)
        : m_portal(portal)
        , m_token(std::move(token))
        , m_since(since)
        , m_answeredAt(answeredAt)
    {
        connect(&m_socket, &QTcpSocket::connected, this, &Desk::ask);
        connect(&m_socket, &QTcpSocket::readyRead, this, &Desk::read);
        connect(&m_socket, &QTcpSocket::disconnected, this, &Desk::reconnect);
        reconnect();
    }
    ~Desk() override
    {
        // Not to reconnect from the socket's own destructor.
        m_socket.disconnect(this);
        m_socket.abort();
    }
    bool waiting() const { return m_waiting; }

private:
    void reconnect()
    {
        m_buffer.clear();
        m_waiting = false;
        m_socket.abort();
        m_socket.connectToHost(m_portal.host(), quint16(m_portal.port()));
    }
    void ask()
    {
        m_socket.write("GET /api/v1/changes/wait?timeout=60&since=" + QByteArray::number(m_since)
                       + " HTTP/1.1\r\nHost: " + m_portal.host().toLatin1()
                       + "\r\nAuthorization: Bearer " + m_token + "\r\n\r\n");
        m_waiting = true;
    }
    void read()
    {
        m_buffer += m_socket.readAll();
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QByteArray header = m_buffer.left(headerEnd).toLower();
        qsizetype length = 0;
        if (const qsizetype at = header.indexOf("content-length:"); at >= 0)
            length = header.mid(at + 15, header.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        if (m_buffer.size() < headerEnd + 4 + length)
            return;
        const bool changed = header.startsWith("http/1.1 200");
        const QByteArray body = m_buffer.mid(headerEnd + 4, length);
        m_buffer.remove(0, headerEnd + 4 + length);
        m_waiting = false;
        if (changed) {
            m_answeredAt->push_back(nowMs());
            m_since =
                QJsonDocument::fromJson(body).object().value(u"cursor"_s).toString().toLongLong();
        }
        ask();
    }

    QUrl m_portal;
    QByteArray m_token;
    qint64 m_since;
    std::vector<double> *m_answeredAt;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_waiting = false;
};

struct PushRun {
    std::vector<double> latencies;
    int missed = 0; // desk answers that did not come before the next decision
    QString error;
};

// Desks split evenly across the portals; `decisions` notes, one a second,
// through each portal in turn.
PushRun measurePush(const QList<QUrl> &portals, int decisions)
{
    PushRun run;
    const QByteArray token = PortalProcess::token().toUtf8();
    QList<PortalAnswer> answers;
    if (!callPortal(portals.first(), {{"GET", u"/health"_s, {}}}, &answers)) {
        run.error = u"the portal did not answer /health"_s;
        return run;
    }
    const qint64 cursor = answers.first().json().value(u"cursor"_s).toString().toLongLong();
    // Pending requests to write notes on.
    QStringList pending;
    if (!callPortal(portals.first(), {{"GET", u"/changes?limit=1000"_s, {}}}, &answers)) {
        run.error = u"no first page"_s;
        return run;
    }
    for (const QJsonValue &r : answers.first().json().value(u"requests"_s).toArray())
        if (r[u"state"_s].toString() == u"pending"_s)
            pending << r[u"id"_s].toString();
    if (pending.isEmpty()) {
        run.error = u"no pending request to decide on"_s;
        return run;
    }

    std::vector<std::vector<double>> answeredAt(static_cast<std::size_t>(DeskCount));
    std::vector<std::unique_ptr<Desk>> desks;
    for (int i = 0; i < DeskCount; ++i)
        desks.push_back(std::make_unique<Desk>(portals.at(i % portals.size()), token, cursor,
                                               &answeredAt[std::size_t(i)]));
    const auto allWaiting = [&desks] {
        return std::all_of(desks.begin(), desks.end(),
                           [](const std::unique_ptr<Desk> &d) { return d->waiting(); });
    };
    if (!waitUntil(allWaiting, 60000)) {
        run.error = u"not every desk got its long poll in"_s;
        return run;
    }
    waitUntil([] { return false; }, 500); // the last requests reach the portals

    std::vector<double> sentAt;
    for (int i = 0; i < decisions; ++i) {
        const QUrl via = portals.at(i % portals.size());
        const QString id = pending.at(i % pending.size());
        sentAt.push_back(nowMs());
        if (!callPortal(via,
                        {{"POST", u"/requests/%1/actions"_s.arg(id),
                          QJsonObject {{u"action"_s, u"note"_s},
                                       {u"text"_s, u"P12 decision %1"_s.arg(i)}}}},
                        &answers)
            || answers.first().status != 200) {
            run.error = u"a decision failed (HTTP %1)"_s.arg(answers.value(0).status);
            return run;
        }
        const double next = sentAt.back() + 1000;
        waitUntil([next] { return nowMs() >= next; }, 2000);
    }
    waitUntil([] { return false; }, 1000);
    // Each desk answered once per decision: its k-th answer belongs to the
    // k-th decision when it came before the next one was sent.
    for (const std::vector<double> &desk : answeredAt) {
        std::size_t k = 0;
        for (std::size_t d = 0; d < sentAt.size(); ++d) {
            const double until = d + 1 < sentAt.size() ? sentAt[d + 1] : sentAt[d] + 1000;
            while (k < desk.size() && desk[k] < sentAt[d])
                ++k;
            if (k < desk.size() && desk[k] < until)
                run.latencies.push_back(desk[k++] - sentAt[d]);
            else
                ++run.missed;
        }
    }
    return run;
}

// Every /changes page from the start, as a desk's first sync reads them.
double firstSyncMs(const QUrl &portal, int *records)
{
    QElapsedTimer timer;
    timer.start();
    QString cursor = u"0"_s;
    *records = 0;
    for (;;) {
        QList<PortalAnswer> answers;
        if (!callPortal(portal, {{"GET", u"/changes?limit=1000&since="_s + cursor, {}}}, &answers)
            || answers.first().status != 200)
            return -1;
        const QJsonObject page = answers.first().json();
        *records += int(page.value(u"requests"_s).toArray().size());
        cursor = page.value(u"cursor"_s).toString();
        if (!page.value(u"hasMore"_s).toBool())
            return double(timer.elapsed());
    }
}

void raiseFileLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

Result measureP12(const Options &options)
{
    Result result;
    result.unit = u"ms"_s;
    result.target = 500;
    result.referenceUnit = u"ms"_s;
    raiseFileLimit();
    const int decisions = std::max(10, int(60 * std::min(1.0, options.scale)));
    const int requests = options.requests();
    const QString seed = QString::number(Fixture::Seed);

    PostgresCluster cluster;
    QString error;
    if (!cluster.start(&error) || !cluster.createDatabase(u"p12"_s, &error)) {
        result.failed = true;
        result.notes << u"PostgreSQL: "_s + error;
        return result;
    }
    const QStringList data = {u"--seed"_s, seed, u"--requests"_s, QString::number(requests)};

    // Two instances on PostgreSQL: A fills the database, B opens it.
    QElapsedTimer startTimer;
    startTimer.start();
    PortalProcess a, b;
    if (!a.start(options.portalExecutable,
                 data + QStringList {u"--db"_s, cluster.locator(u"p12"_s)}, &error)) {
        result.failed = true;
        result.notes << error;
        return result;
    }
    const qint64 fillPostgresMs = startTimer.restart();
    if (!b.start(options.portalExecutable,
                 data + QStringList {u"--db"_s, cluster.locator(u"p12"_s)}, &error)) {
        result.failed = true;
        result.notes << error;
        return result;
    }
    const qint64 openPostgresMs = startTimer.elapsed();

    // The reference: one instance on SQLite.
    QTemporaryDir dir;
    startTimer.restart();
    PortalProcess single;
    if (!single.start(options.portalExecutable,
                      data + QStringList {u"--db"_s, dir.filePath(u"p12.sqlite"_s)}, &error)) {
        result.failed = true;
        result.notes << error;
        return result;
    }
    const qint64 fillSqliteMs = startTimer.elapsed();

    // First syncs, the SQLite one first and then the PostgreSQL one, twice.
    int pgRecords = 0, sqliteRecords = 0;
    std::vector<double> pgSync, sqliteSync;
    for (int i = 0; i < 2; ++i) {
        sqliteSync.push_back(firstSyncMs(single.url(), &sqliteRecords));
        pgSync.push_back(firstSyncMs(b.url(), &pgRecords));
    }
    if (pgRecords < requests || sqliteRecords < requests) {
        result.failed = true;
        result.notes << u"a first sync read %1 (PostgreSQL) and %2 (SQLite) of %3 requests"_s
                            .arg(pgRecords)
                            .arg(sqliteRecords)
                            .arg(requests);
        return result;
    }

    const PushRun shared = measurePush({a.url(), b.url()}, decisions);
    single.stop(); // one portal at a time under load
    PortalProcess reference;
    if (!reference.start(options.portalExecutable,
                         QStringList {u"--db"_s, dir.filePath(u"p12.sqlite"_s)}, &error)) {
        result.failed = true;
        result.notes << error;
        return result;
    }
    const PushRun alone = measurePush({reference.url()}, decisions);
    if (!shared.error.isEmpty() || !alone.error.isEmpty() || shared.latencies.empty()
        || alone.latencies.empty()) {
        result.failed = true;
        result.notes << shared.error << alone.error;
        return result;
    }
    result.value = percentile(shared.latencies, 95);
    result.spreadMin = percentile(shared.latencies, 50);
    result.spreadMax = percentile(shared.latencies, 99);
    result.repetitions = decisions;
    result.hasReference = true;
    result.reference = percentile(alone.latencies, 95);
    result.met = result.value <= result.target && shared.missed == 0;
    result.notes << u"%1 desks long-polling, half on each instance; %2 decisions, one a second, "
                    "through each instance in turn; spread is p50..p99"_s.arg(DeskCount)
                        .arg(decisions)
                 << u"answers missing before the next decision: %1 (two instances), %2 (one)"_s
                        .arg(shared.missed)
                        .arg(alone.missed)
                 << u"reference: one instance on SQLite, same load: p95 %1 ms, p50 %2 ms"_s
                        .arg(result.reference, 0, 'f', 0)
                        .arg(percentile(alone.latencies, 50), 0, 'f', 0)
                 << u"first sync of %L1 requests (every /changes page, best of 2): PostgreSQL "
                    "%2 ms, SQLite %3 ms"_s.arg(requests)
                        .arg(*std::min_element(pgSync.begin(), pgSync.end()), 0, 'f', 0)
                        .arg(*std::min_element(sqliteSync.begin(), sqliteSync.end()), 0, 'f', 0)
                 << u"portal start with generation: PostgreSQL %1 ms, SQLite %2 ms; opening the "
                    "filled PostgreSQL database (instance B): %3 ms"_s.arg(fillPostgresMs)
                        .arg(fillSqliteMs)
                        .arg(openPostgresMs);
    return result;
}

} // namespace Bench

#include "storebenchmarks.h"

#include "cachestore.h"
#include "storetestdata.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <ctime>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Escalation::StoreBenchmarks {

double processCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

namespace {

QVariant t(const QDateTime &dt)
{
    return dt.isValid() ? QVariant(dt.toMSecsSinceEpoch()) : QVariant();
}

// A plain connection, configured like the store's.
class RawConnection final {
public:
    explicit RawConnection(const QString &path)
        : m_name(u"storebench-raw"_s)
    {
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        m_db.setDatabaseName(path);
        m_ok = m_db.open();
        QSqlQuery q(m_db);
        m_ok = m_ok && q.exec(u"PRAGMA journal_mode = WAL"_s)
            && q.exec(u"PRAGMA synchronous = NORMAL"_s);
    }
    ~RawConnection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;
    bool ok() const { return m_ok; }
    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
    bool m_ok = false;
};

bool rawInsert(const QString &path, const QList<SyncPage> &pages, QString *error)
{
    RawConnection raw(path);
    if (!raw.ok()) {
        *error = raw.db().lastError().text();
        return false;
    }
    QSqlQuery cases(raw.db()), requests(raw.db()), notes(raw.db()), tx(raw.db());
    // Columns named, so that a column a later schema version adds stays NULL.
    bool ok =
        cases.prepare(
            u"INSERT INTO cases (id, number, subject, account, tier, severity, priority, status, "
            "created_at, first_response_at, last_customer_update_at, last_support_update_at, "
            "assignee, csm, updated_at, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s)
        && requests.prepare(
            u"INSERT INTO requests (id, case_id, level, reason, summary, requested_by, "
            "requested_at, state, previous_request_id, owner, team, calendar_id, decision_kind, "
            "decision_text, decision_by, decision_at, analysis_text, analysis_by, analysis_at, "
            "ack_by, ack_at, updated_at, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s)
        && notes.prepare(
            u"INSERT INTO notes (request_id, seq, id, author, text, at) VALUES (?, ?, ?, ?, ?, ?)"_s)
        && tx.exec(u"BEGIN"_s);
    for (const SyncPage &page : pages) {
        for (const Case &c : page.cases) {
            const QVariantList v {c.id,
                                  c.number,
                                  c.subject,
                                  c.account,
                                  toCode(c.tier),
                                  int(c.severity),
                                  toCode(c.priority),
                                  c.status,
                                  t(c.createdAt),
                                  t(c.firstResponseAt),
                                  t(c.lastCustomerUpdateAt),
                                  t(c.lastSupportUpdateAt),
                                  c.assignee,
                                  c.csm,
                                  t(c.updatedAt),
                                  c.version};
            for (int i = 0; i < v.size(); ++i)
                cases.bindValue(i, v[i]);
            ok = ok && cases.exec();
        }
        for (const EscalationRequest &r : page.requests) {
            const QVariantList v {
                r.id,          r.caseId,         r.level,         toCode(r.reason),    r.summary,
                r.requestedBy, t(r.requestedAt), toCode(r.state), r.previousRequestId, r.owner,
                r.team,        r.calendarId,     QVariant(),      QVariant(),          QVariant(),
                QVariant(),    QVariant(),       QVariant(),      QVariant(),          QVariant(),
                QVariant(),    t(r.updatedAt),   r.version};
            for (int i = 0; i < v.size(); ++i)
                requests.bindValue(i, v[i]);
            ok = ok && requests.exec();
            for (qsizetype i = 0; i < r.notes.size(); ++i) {
                const Note &n = r.notes[i];
                const QVariantList nv {r.id, qint64(i), n.id, n.author, n.text, t(n.at)};
                for (int j = 0; j < nv.size(); ++j)
                    notes.bindValue(j, nv[j]);
                ok = ok && notes.exec();
            }
        }
    }
    ok = ok && tx.exec(u"COMMIT"_s);
    if (!ok)
        *error = u"raw insert failed: "_s + cases.lastError().text() + requests.lastError().text()
            + notes.lastError().text() + tx.lastError().text();
    return ok;
}

} // namespace

BulkUpsertFigures measureBulkUpsert(const QString &storePath, const QString &rawPath, int requests,
                                    int pageSize, QString *error)
{
    BulkUpsertFigures f;
    f.pageSize = pageSize;
    const QList<SyncPage> pages = StoreTestData::makePages(requests, pageSize, 1);
    for (const SyncPage &p : pages) {
        f.requests += int(p.requests.size());
        f.cases += int(p.cases.size());
        for (const EscalationRequest &r : p.requests)
            f.notes += int(r.notes.size());
    }

    {
        StoreError storeError;
        auto store = CacheStore::open(storePath, nullptr, &storeError);
        if (!store) {
            *error = storeError.message;
            return {};
        }
        QElapsedTimer timer;
        timer.start();
        const double cpu = processCpuMs();
        for (const SyncPage &p : pages) {
            if (const StoreResult<ChangeSet> written = store->applySyncPage(p); !written) {
                *error = written.error().message;
                return {};
            }
        }
        f.storeMs = double(timer.nsecsElapsed()) / 1e6;
        f.storeCpuMs = processCpuMs() - cpu;
    }
    {
        // The same schema and pragmas, created by the store, then left alone.
        StoreError storeError;
        if (!CacheStore::open(rawPath, nullptr, &storeError)) {
            *error = storeError.message;
            return {};
        }
    }
    QElapsedTimer timer;
    timer.start();
    const double cpu = processCpuMs();
    if (!rawInsert(rawPath, pages, error))
        return {};
    f.rawMs = double(timer.nsecsElapsed()) / 1e6;
    f.rawCpuMs = processCpuMs() - cpu;
    return f;
}

QueueLoadFigures measureQueueLoad(const QString &path, int runs, QString *error)
{
    QueueLoadFigures f;
    f.loadMs = f.bareSelectMs = f.openMs = f.loadCpuMs = f.bareSelectCpuMs = 1e300;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = processCpuMs();
        StoreError storeError;
        auto store = CacheStore::open(path, nullptr, &storeError);
        if (!store) {
            *error = storeError.message;
            return {};
        }
        const double openMs = double(timer.nsecsElapsed()) / 1e6;
        const double openCpuMs = processCpuMs() - cpu;
        const StoreResult<QueueSnapshot> snapshot = store->loadActiveQueue();
        const double loadMs = double(timer.nsecsElapsed()) / 1e6;
        if (processCpuMs() - cpu < f.loadCpuMs) {
            f.loadCpuMs = processCpuMs() - cpu;
            f.openCpuMs = openCpuMs;
        }
        if (!snapshot) {
            *error = snapshot.error().message;
            return {};
        }
        if (loadMs < f.loadMs) {
            f.loadMs = loadMs;
            f.openMs = openMs;
        }
        f.requests = int(snapshot->requests.size());
        f.cases = int(snapshot->cases.size());
    }
    for (int run = 0; run < runs; ++run) {
        RawConnection raw(path);
        QElapsedTimer timer;
        timer.start();
        const double cpu = processCpuMs();
        qint64 touched = 0;
        const QString active = u"('pending', 'accepted', 'declined')"_s;
        // The statements loadActiveQueue runs, with nothing built from them.
        for (const QString &sql : QStringList {u"SELECT * FROM requests WHERE state IN "_s + active,
                                               u"SELECT * FROM cases"_s}) {
            QSqlQuery q(raw.db());
            q.setForwardOnly(true);
            if (!q.exec(sql)) {
                *error = q.lastError().text();
                return {};
            }
            const int columns = q.record().count();
            while (q.next()) {
                for (int i = 0; i < columns; ++i)
                    touched += q.value(i).isNull() ? 0 : 1;
            }
        }
        f.bareSelectMs = std::min(f.bareSelectMs, double(timer.nsecsElapsed()) / 1e6);
        f.bareSelectCpuMs = std::min(f.bareSelectCpuMs, processCpuMs() - cpu);
        if (touched == 0) {
            *error = u"the bare SELECT read nothing"_s;
            return {};
        }
    }
    return f;
}

EnqueueLatencyFigures measureEnqueueLatency(const QString &path, int samples, QString *error)
{
    StoreError storeError;
    auto store = CacheStore::open(path, nullptr, &storeError);
    if (!store) {
        *error = storeError.message;
        return {};
    }
    QList<double> times;
    times.reserve(samples);
    for (int i = 0; i < samples; ++i) {
        const OutboxEntry entry =
            StoreTestData::makeOutboxEntry(u"E-%1"_s.arg(200000 + i), u"Plan of action"_s);
        QElapsedTimer timer;
        timer.start();
        if (const StoreResult<OutboxEntry> stored = store->enqueue(entry); !stored) {
            *error = stored.error().message;
            return {};
        }
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());

    QList<double> syncs;
    {
        QFile probe(path + u".fsync-probe"_s);
        if (!probe.open(QIODevice::WriteOnly)) {
            *error = probe.errorString();
            return {};
        }
        const QByteArray block(4096, 'x');
        for (int i = 0; i < samples; ++i) {
            QElapsedTimer timer;
            timer.start();
            probe.write(block);
            probe.flush();
            ::fdatasync(probe.handle());
            syncs.append(double(timer.nsecsElapsed()) / 1e6);
        }
        probe.close();
        probe.remove();
    }
    std::sort(syncs.begin(), syncs.end());

    EnqueueLatencyFigures f;
    f.fsyncP50Ms = syncs.at(samples / 2);
    f.fsyncP99Ms = syncs.at(std::min<qsizetype>(samples - 1, qsizetype(samples * 0.99)));
    f.samples = samples;
    f.p50Ms = times.at(samples / 2);
    f.p99Ms = times.at(std::min<qsizetype>(samples - 1, qsizetype(samples * 0.99)));
    f.maxMs = times.last();
    return f;
}

} // namespace Escalation::StoreBenchmarks

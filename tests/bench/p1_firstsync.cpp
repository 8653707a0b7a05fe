// P1: full first sync from escalation-portal on loopback, paged, into an
// empty cache, until the queue shows every row: at most 3 s. The limit
// measured in the same run: the same pages parsed with QJsonDocument and
// their rows inserted with one prepared statement per table in one
// transaction (the SQLite C API, the cheapest way to write them).

#include "benchmark.h"
#include "deskharness.h"
#include "fixture.h"

#include <cachestore.h>
#include <portalclient.h>
#include <queuemodel.h>
#include <syncengine.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#ifdef ESCALATION_BENCH_SQLITE_API
#include <sqlite3.h>
#endif

using namespace Qt::StringLiterals;
using namespace Escalation;

namespace Bench {

namespace {

// The first-sync pages, fetched once outside any timing.
bool fetchFirstSyncPages(const QUrl &portal, QList<QByteArray> *bodies, QString *error)
{
    QString since = u"0"_s;
    for (int guard = 0; guard < 100000; ++guard) {
        QList<PortalAnswer> answers;
        if (!callPortal(portal, {{"GET", u"/changes?since=%1&limit=1000"_s.arg(since), {}}},
                        &answers)
            || answers.first().status != 200) {
            *error = u"fetching /changes?since=%1 failed (HTTP %2)"_s.arg(since).arg(
                answers.value(0).status);
            return false;
        }
        bodies->append(answers.first().body);
        const QJsonObject page = answers.first().json();
        since = page.value(u"cursor"_s).toString();
        if (!page.value(u"hasMore"_s).toBool())
            return true;
    }
    *error = u"the feed did not end"_s;
    return false;
}

#ifdef ESCALATION_BENCH_SQLITE_API

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

// "2026-03-30T15:00:00Z" or with milliseconds, as the portal writes them,
// to UTC milliseconds; anything else through QDateTime.
std::optional<qint64> instantMs(const QJsonValue &v)
{
    if (!v.isString())
        return std::nullopt;
    const QString s = v.toString();
    const auto digits = [&s](int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; ++i)
            value = value * 10 + (s[i].unicode() - u'0');
        return value;
    };
    if ((s.size() == 20 || s.size() == 24) && s[4] == u'-' && s[10] == u'T' && s.back() == u'Z') {
        const qint64 days =
            daysFromCivil(digits(0, 4), unsigned(digits(5, 2)), unsigned(digits(8, 2)));
        const qint64 ms = s.size() == 24 ? digits(20, 3) : 0;
        return ((days * 24 + digits(11, 2)) * 60 + digits(14, 2)) * 60000 + digits(17, 2) * 1000
            + ms;
    }
    const QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    return dt.isValid() ? std::optional(dt.toMSecsSinceEpoch()) : std::nullopt;
}

class RawWriter final {
public:
    explicit RawWriter(const QString &path)
    {
        m_ok =
            sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr)
                == SQLITE_OK
            && exec("PRAGMA journal_mode = WAL") && exec("PRAGMA synchronous = NORMAL")
            && prepare(
                &m_case,
                "INSERT INTO cases (id, number, subject, account, tier, severity, priority, "
                "status, "
                "created_at, first_response_at, last_customer_update_at, last_support_update_at, "
                "assignee, csm, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            && prepare(
                &m_request,
                "INSERT INTO requests (id, case_id, level, reason, summary, requested_by, "
                "requested_at, "
                "state, previous_request_id, owner, team, calendar_id, decision_kind, "
                "decision_text, "
                "decision_by, decision_at, analysis_text, analysis_by, analysis_at, ack_by, "
                "ack_at, "
                "updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            && prepare(
                &m_note,
                "INSERT INTO notes (request_id, seq, id, author, text, at) VALUES (?,?,?,?,?,?)");
    }
    ~RawWriter()
    {
        for (sqlite3_stmt *s : {m_case, m_request, m_note})
            sqlite3_finalize(s);
        sqlite3_close(m_db);
    }
    RawWriter(const RawWriter &) = delete;
    RawWriter &operator=(const RawWriter &) = delete;

    bool ok() const { return m_ok; }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

    bool write(const QList<QByteArray> &bodies, qint64 *rows)
    {
        bool ok = exec("BEGIN");
        for (const QByteArray &body : bodies) {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
            if (parseError.error != QJsonParseError::NoError)
                return false;
            const QJsonObject page = doc.object();
            for (const QJsonValue &cv : page.value(u"cases"_s).toArray()) {
                const QJsonObject c = cv.toObject();
                int i = 0;
                text(m_case, ++i, c, u"id"_s);
                text(m_case, ++i, c, u"number"_s);
                text(m_case, ++i, c, u"subject"_s);
                text(m_case, ++i, c, u"account"_s);
                text(m_case, ++i, c, u"tier"_s);
                integer(m_case, ++i, c, u"severity"_s);
                text(m_case, ++i, c, u"priority"_s);
                text(m_case, ++i, c, u"status"_s);
                for (const QString &key : {u"createdAt"_s, u"firstResponseAt"_s,
                                           u"lastCustomerUpdateAt"_s, u"lastSupportUpdateAt"_s})
                    instant(m_case, ++i, c.value(key));
                text(m_case, ++i, c, u"assignee"_s);
                text(m_case, ++i, c, u"csm"_s);
                instant(m_case, ++i, c.value(u"updatedAt"_s));
                integer(m_case, ++i, c, u"version"_s);
                ok = step(m_case) && ok;
                ++*rows;
            }
            for (const QJsonValue &rv : page.value(u"requests"_s).toArray()) {
                const QJsonObject r = rv.toObject();
                int i = 0;
                text(m_request, ++i, r, u"id"_s);
                text(m_request, ++i, r, u"caseId"_s);
                integer(m_request, ++i, r, u"level"_s);
                text(m_request, ++i, r, u"reason"_s);
                text(m_request, ++i, r, u"summary"_s);
                text(m_request, ++i, r, u"requestedBy"_s);
                instant(m_request, ++i, r.value(u"requestedAt"_s));
                text(m_request, ++i, r, u"state"_s);
                text(m_request, ++i, r, u"previousRequestId"_s);
                text(m_request, ++i, r, u"owner"_s);
                text(m_request, ++i, r, u"team"_s);
                text(m_request, ++i, r, u"calendar"_s);
                const QJsonObject decision = r.value(u"decision"_s).toObject();
                text(m_request, ++i, decision, u"kind"_s);
                text(m_request, ++i, decision, u"text"_s);
                text(m_request, ++i, decision, u"by"_s);
                instant(m_request, ++i, decision.value(u"at"_s));
                const QJsonObject analysis = r.value(u"analysis"_s).toObject();
                text(m_request, ++i, analysis, u"text"_s);
                text(m_request, ++i, analysis, u"by"_s);
                instant(m_request, ++i, analysis.value(u"at"_s));
                const QJsonObject ack = r.value(u"ownerAcknowledgement"_s).toObject();
                text(m_request, ++i, ack, u"by"_s);
                instant(m_request, ++i, ack.value(u"at"_s));
                instant(m_request, ++i, r.value(u"updatedAt"_s));
                integer(m_request, ++i, r, u"version"_s);
                ok = step(m_request) && ok;
                ++*rows;
                const QString requestId = r.value(u"id"_s).toString();
                const QJsonArray notes = r.value(u"notes"_s).toArray();
                for (qsizetype seq = 0; seq < notes.size(); ++seq) {
                    const QJsonObject n = notes[seq].toObject();
                    bind16(m_note, 1, requestId);
                    sqlite3_bind_int64(m_note, 2, seq);
                    text(m_note, 3, n, u"id"_s);
                    text(m_note, 4, n, u"author"_s);
                    text(m_note, 5, n, u"text"_s);
                    instant(m_note, 6, n.value(u"at"_s));
                    ok = step(m_note) && ok;
                }
            }
        }
        return exec("COMMIT") && ok;
    }

private:
    bool exec(const char *sql)
    {
        return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    bool prepare(sqlite3_stmt **s, const char *sql)
    {
        return sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, s, nullptr)
            == SQLITE_OK;
    }
    static void bind16(sqlite3_stmt *s, int i, const QString &v)
    {
        sqlite3_bind_text16(s, i, v.utf16(), int(v.size() * 2), SQLITE_TRANSIENT);
    }
    static void text(sqlite3_stmt *s, int i, const QJsonObject &o, const QString &key)
    {
        const QJsonValue v = o.value(key);
        if (v.isString())
            bind16(s, i, v.toString());
        else
            sqlite3_bind_null(s, i);
    }
    static void integer(sqlite3_stmt *s, int i, const QJsonObject &o, const QString &key)
    {
        sqlite3_bind_int64(s, i, o.value(key).toInteger());
    }
    static void instant(sqlite3_stmt *s, int i, const QJsonValue &v)
    {
        if (const auto ms = instantMs(v))
            sqlite3_bind_int64(s, i, *ms);
        else
            sqlite3_bind_null(s, i);
    }
    static bool step(sqlite3_stmt *s)
    {
        const bool ok = sqlite3_step(s) == SQLITE_DONE;
        sqlite3_reset(s);
        return ok;
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_case = nullptr;
    sqlite3_stmt *m_request = nullptr;
    sqlite3_stmt *m_note = nullptr;
    bool m_ok = false;
};

#endif

} // namespace

Result measureP1(const Options &options)
{
    Result result;
    result.unit = u"s"_s;
    result.target = 3.0;
    result.referenceUnit = u"s"_s;
    Fixture &fixture = Fixture::instance();
    QString error;
    const int expected = fixture.activeRequests(options);
    PortalProcess *portal = fixture.portal(options, &error);
    if (!portal || expected < 0) {
        result.failed = true;
        result.notes << u"setup failed: %1"_s.arg(error);
        return result;
    }

    QList<QByteArray> bodies;
    if (!fetchFirstSyncPages(portal->url(), &bodies, &error)) {
        result.failed = true;
        result.notes << error;
        return result;
    }
    qint64 feedBytes = 0;
    for (const QByteArray &b : std::as_const(bodies))
        feedBytes += b.size();

    // Each repetition: a fresh empty cache, the app's window open on it, and
    // the engine's first sync; done when every row is in the queue and painted.
    // Three: each is a whole first sync, and the run must stay short.
    const int repetitions = std::min(options.repetitions, 3);
    std::vector<double> samples, cpu, merges, maxMerges, portalCpu;
    // Where the CPU goes during a sync, by thread (medians over the
    // repetitions): the two cores are shared by all of these.
    QMap<QString, std::vector<double>> threadCpu;
    for (int rep = 0; rep < repetitions; ++rep) {
        const QString path = fixture.tempPath(u"p1-sync-%1.sqlite"_s.arg(rep));
        DeskHarness desk(path);
        if (!desk.open(&error) || !desk.show(&error)) {
            result.failed = true;
            result.notes << error;
            return result;
        }
        double mergeMs = 0, maxMerge = 0;
        desk.onMerged = [&](const ChangeSet &, double ms) {
            mergeMs += ms;
            maxMerge = std::max(maxMerge, ms);
        };
        PortalSettings settings;
        settings.baseUrl = portal->url();
        settings.token = PortalProcess::token();
        PortalClient client(settings);
        SyncEngine engine(&client, desk.worker());
        std::optional<SyncOutcome> outcome;
        QObject::connect(&engine, &SyncEngine::cycleFinished, &engine,
                         [&outcome](const SyncOutcome &o) { outcome = o; });

        const double cpuStart = processCpuMs();
        const QMap<QString, double> threadsBefore = threadCpuByNameMs();
        const double portalBefore = processCpuMs(portal->pid());
        const double start = nowMs();
        engine.runOnce(desk.syncState());
        const bool done = waitUntil(
            [&] { return outcome && (!outcome->ok() || desk.model()->rowCount() == expected); },
            120000);
        desk.paintQueue();
        const double elapsed = nowMs() - start;
        cpu.push_back(processCpuMs() - cpuStart);
        portalCpu.push_back(processCpuMs(portal->pid()) - portalBefore);
        const QMap<QString, double> threadsAfter = threadCpuByNameMs();
        for (auto it = threadsAfter.cbegin(); it != threadsAfter.cend(); ++it)
            threadCpu[it.key()].push_back(it.value() - threadsBefore.value(it.key()));
        if (!done || !outcome->ok()) {
            result.failed = true;
            result.notes << u"first sync %1: %2, %3 of %4 rows"_s.arg(rep)
                                .arg(outcome ? outcome->message : u"timed out"_s)
                                .arg(desk.model()->rowCount())
                                .arg(expected);
            return result;
        }
        samples.push_back(elapsed / 1000.0);
        merges.push_back(mergeMs);
        maxMerges.push_back(maxMerge);
        if (rep + 1 == repetitions)
            fixture.syncedCache = path;
    }
    summarize(samples, &result);
    QStringList perThread;
    for (auto it = threadCpu.cbegin(); it != threadCpu.cend(); ++it) {
        const double ms = percentile(it.value(), 50);
        if (ms >= 10)
            perThread << u"%1 %2 s"_s.arg(it.key()).arg(ms / 1000.0, 0, 'f', 2);
    }
    perThread << u"the portal process %1 s"_s.arg(percentile(portalCpu, 50) / 1000.0, 0, 'f', 2);
    result.notes << u"CPU during the sync by thread (medians): "_s + perThread.join(u", "_s);

#ifdef ESCALATION_BENCH_SQLITE_API
    std::vector<double> raw;
    qint64 rawRows = 0;
    for (int rep = 0; rep < repetitions; ++rep) {
        const QString path = fixture.tempPath(u"p1-raw-%1.sqlite"_s.arg(rep));
        {
            // The same schema and pragmas, created by the store; not timed.
            StoreError storeError;
            if (!CacheStore::open(path, nullptr, &storeError)) {
                result.failed = true;
                result.notes << storeError.message;
                return result;
            }
        }
        rawRows = 0;
        const double start = nowMs();
        RawWriter writer(path);
        const bool ok = writer.ok() && writer.write(bodies, &rawRows);
        raw.push_back((nowMs() - start) / 1000.0);
        if (!ok) {
            result.failed = true;
            result.notes << u"raw insert failed: %1"_s.arg(writer.error());
            return result;
        }
        QFile::remove(path);
    }
    result.hasReference = true;
    result.reference = percentile(raw, 50);
    result.notes
        << u"raw limit (QJsonDocument + prepared INSERTs, one transaction): median %1 s, %2..%3 s; "
           "%4 case and request rows"_s.arg(result.reference, 0, 'f', 3)
               .arg(*std::min_element(raw.begin(), raw.end()), 0, 'f', 3)
               .arg(*std::max_element(raw.begin(), raw.end()), 0, 'f', 3)
               .arg(rawRows);
    // Round 2 tightened the goal from 2.0 to 1.5, at every scale: the sync
    // grows like the raw limit.
    result.parts.append(
        {u"sync/limit"_s, result.ratio(), u"×"_s, 1.5, 0, 0, result.ratio() <= 1.5});
#else
    result.notes << u"no raw limit: built without the SQLite headers"_s;
#endif

    result.notes.prepend(
        u"%1 requests on %2 cases at the portal, %3 in the queue; %4 pages, %5 MB of JSON; "
        "CPU of this process (GUI, pool and store threads) median %6 s; model merges on the "
        "GUI thread %7 ms in all, longest %8 ms"_s.arg(options.requests())
            .arg(options.requests())
            .arg(expected)
            .arg(bodies.size())
            .arg(double(feedBytes) / 1e6, 0, 'f', 1)
            .arg(percentile(cpu, 50) / 1000.0, 0, 'f', 2)
            .arg(percentile(merges, 50), 0, 'f', 0)
            .arg(percentile(maxMerges, 50), 0, 'f', 1));
    result.met = !result.failed && result.value <= result.target;
    return result;
}

} // namespace Bench

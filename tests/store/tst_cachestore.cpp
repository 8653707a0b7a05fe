// Behaviour of the local cache: schema and upgrades, sync pages and their
// change sets, the outbox, and every way the disk can let it down.

#include "analyticsfixture.h"
#include "cachestore.h"
#include "cachestoretesting.h"
#include "faultinjector.h"
#include "storetestdata.h"
#include "storeworker.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

using namespace Escalation;
using namespace Escalation::StoreTestData;
using namespace Qt::StringLiterals;

namespace {

QString fixturePath(const QString &name)
{
    return QStringLiteral(STORE_FIXTURES_DIR) + u'/' + name;
}

// Builds a database from an SQL fixture with a plain connection (the way an
// older release of the app left it on disk).
bool createFromFixture(const QString &dbPath, const QString &fixture)
{
    QFile f(fixturePath(fixture));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QString script = QString::fromUtf8(f.readAll());
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fixture"_s);
        db.setDatabaseName(dbPath);
        ok = db.open();
        const QStringList statements = script.split(u";\n"_s);
        for (const QString &raw : statements) {
            QStringList lines = raw.split(u'\n');
            lines.removeIf([](const QString &l) { return l.trimmed().startsWith(u"--"_s); });
            const QString sql = lines.join(u'\n').trimmed();
            if (sql.isEmpty() || !ok)
                continue;
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (!ok)
                qWarning() << q.lastError().text() << sql;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"fixture"_s);
    return ok;
}

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

QVariant scalarAt(const QString &dbPath, const QString &sql)
{
    QVariant v;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"probe"_s);
        db.setDatabaseName(dbPath);
        if (db.open())
            v = scalar(db, sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"probe"_s);
    return v;
}

// Every row of the synced tables and the cursor, as text: two dumps are
// equal exactly when the cache holds the same data.
QString dump(const CacheStore &store)
{
    const QSqlDatabase db = CacheStoreTesting::connection(store);
    QString out;
    for (const QString &sql :
         {u"SELECT * FROM cases ORDER BY id"_s, u"SELECT * FROM requests ORDER BY id"_s,
          u"SELECT * FROM notes ORDER BY request_id, seq"_s,
          u"SELECT * FROM outbox ORDER BY local_id"_s, u"SELECT * FROM sync_state"_s}) {
        QSqlQuery q(db);
        if (!q.exec(sql))
            return u"error: "_s + q.lastError().text();
        while (q.next()) {
            for (int i = 0; q.value(i).isValid(); ++i)
                out += q.value(i).toString() + u'|';
            out += u'\n';
        }
    }
    return out;
}

QStringList idsOf(const QList<EscalationRequest> &list)
{
    QStringList ids;
    for (const auto &r : list)
        ids.append(r.id);
    ids.sort();
    return ids;
}

// What loadActiveQueue returns for these requests: everything but the notes.
QList<EscalationRequest> withoutNotes(QList<EscalationRequest> list)
{
    for (EscalationRequest &r : list)
        r.notes.clear();
    return list;
}

QStringList idsOf(const QList<Case> &list)
{
    QStringList ids;
    for (const auto &c : list)
        ids.append(c.id);
    ids.sort();
    return ids;
}

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// A data-table cell holding a page (SyncPage itself has no metatype declaration).
struct PageRow {
    SyncPage page;
};

} // namespace

Q_DECLARE_METATYPE(PageRow)

class CacheStoreTest final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(u"cache-%1.db"_s.arg(++m_counter)); }
    std::unique_ptr<CacheStore> openStore(const QString &path, StoreOpenReport *report = nullptr)
    {
        StoreError error;
        auto store = CacheStore::open(path, report, &error);
        if (!store)
            qWarning() << "open failed:" << error.message;
        return store;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void openFreshCache_createsLatestSchemaInWal()
    {
        const QString path = freshPath();
        StoreOpenReport report;
        auto store = openStore(path, &report);
        QVERIFY(store);
        QCOMPARE(report.journalMode, u"wal"_s);
        QVERIFY(!report.rebuilt);
        QVERIFY(report.movedAsidePath.isEmpty());
        const QSqlDatabase db = CacheStoreTesting::connection(*store);
        QCOMPARE(scalar(db, u"PRAGMA user_version"_s).toInt(), CacheStore::schemaVersion());
        QCOMPARE(scalar(db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(db, u"PRAGMA synchronous"_s).toInt(), 1); // NORMAL
        QCOMPARE(store->syncState().valueOr(SyncState()).cursor, QString());
        QCOMPARE(store->pendingOutboxCount().valueOr(-1), 0);
    }

    void openWhereWalIsUnavailable_fallsBackAndReportsMode()
    {
        // An in-memory database cannot use WAL: the store must still work
        // and report the journal mode SQLite actually uses.
        StoreOpenReport report;
        StoreError error;
        auto store = CacheStore::open(u":memory:"_s, &report, &error);
        QVERIFY2(store, qPrintable(error.message));
        QVERIFY(!report.journalMode.isEmpty());
        QVERIFY(report.journalMode != u"wal"_s);
        QCOMPARE(scalar(CacheStoreTesting::connection(*store), u"PRAGMA synchronous"_s).toInt(), 2);
        QVERIFY(!store->applySyncPage(makePages(3, 3).first()).valueOr(ChangeSet()).isEmpty());
        QCOMPARE(store->loadActiveQueue().valueOr(QueueSnapshot()).requests.size(), 3);
    }

    void connections_areNamedPerInstanceAndThread()
    {
        const QString path = freshPath();
        auto a = openStore(path);
        auto b = openStore(path);
        QVERIFY(a && b);
        QVERIFY(a->connectionName() != b->connectionName());
        QString otherThreadName;
        std::unique_ptr<QThread> thread(QThread::create([&] {
            auto c = CacheStore::open(path, nullptr, nullptr);
            if (c)
                otherThreadName = c->connectionName();
        }));
        thread->start();
        QVERIFY(thread->wait(10000));
        QVERIFY(!otherThreadName.isEmpty());
        QVERIFY(otherThreadName != a->connectionName());
        QVERIFY(otherThreadName.section(u'-', 2, 2) != a->connectionName().section(u'-', 2, 2));
    }

    void roundTrip_keepsEveryField_data()
    {
        QTest::addColumn<bool>("full");
        QTest::addColumn<int>("notes");
        QTest::addColumn<QDateTime>("externalDue");
        QTest::newRow("bare request, no notes") << false << 0 << QDateTime();
        QTest::newRow("decision, analysis, acknowledgement, three notes")
            << true << 3 << QDateTime();
        QTest::newRow("backend's own due time (RT's Due), to the millisecond")
            << false << 1 << baseTime().addMSecs(4 * 3600 * 1000 + 123);
    }
    void roundTrip_keepsEveryField()
    {
        QFETCH(bool, full);
        QFETCH(int, notes);
        QFETCH(QDateTime, externalDue);
        auto store = openStore(freshPath());
        QVERIFY(store);
        SyncPage page;
        page.cases = {makeCase(1)};
        page.requests = {makeRequest(1, page.cases[0].id, notes, full)};
        page.requests[0].externalDueAt = externalDue;
        page.cursor = u"17"_s;
        const StoreResult<ChangeSet> changes = store->applySyncPage(page);
        QVERIFY2(changes, qPrintable(changes.error().message));
        QCOMPARE(changes->insertedRequests, page.requests);
        QCOMPARE(store->request(page.requests[0].id).toOptional(), std::optional(page.requests[0]));
        QCOMPARE(store->caseRecord(page.cases[0].id).toOptional(), std::optional(page.cases[0]));
        const QueueSnapshot snapshot = store->loadActiveQueue().valueOr(QueueSnapshot());
        // The queue's snapshot leaves the notes out; request() has them.
        QCOMPARE(snapshot.requests, withoutNotes(page.requests));
        QCOMPARE(snapshot.cases.value(page.cases[0].id), page.cases[0]);
        QCOMPARE(store->syncState().valueOr(SyncState()).cursor, u"17"_s);
        QVERIFY(store->request(u"E-none"_s).isAbsent());
        QVERIFY(store->caseRecord(u"C-none"_s).isAbsent());
    }

    void applySyncPage_changeSetListsWhatChanged_data()
    {
        QTest::addColumn<PageRow>("row");
        QTest::addColumn<QStringList>("insertedCases");
        QTest::addColumn<QStringList>("updatedCases");
        QTest::addColumn<QStringList>("removedCases");
        QTest::addColumn<QStringList>("insertedRequests");
        QTest::addColumn<QStringList>("updatedRequests");
        QTest::addColumn<QStringList>("removedRequests");
        QTest::addColumn<QStringList>("activeAfter");

        // The cache holds cases C-100000..C-100004 and pending requests
        // E-200000..E-200004 (request n on case n) before each row.
        const QStringList base {u"E-200000"_s, u"E-200001"_s, u"E-200002"_s, u"E-200003"_s,
                                u"E-200004"_s};
        SyncPage fresh;
        fresh.cases = {makeCase(7)};
        fresh.requests = {makeRequest(7, makeCase(7).id)};
        QTest::newRow("new rows are inserted")
            << PageRow {fresh} << QStringList {u"C-100007"_s} << QStringList() << QStringList()
            << QStringList {u"E-200007"_s} << QStringList() << QStringList()
            << (base + QStringList {u"E-200007"_s});
        SyncPage known;
        known.cases = {makeCase(1)};
        known.cases[0].subject = u"changed"_s;
        known.requests = {makeRequest(2, makeCase(2).id, 4)};
        QTest::newRow("known rows are updated")
            << PageRow {known} << QStringList() << QStringList {u"C-100001"_s} << QStringList()
            << QStringList() << QStringList {u"E-200002"_s} << QStringList() << base;
        SyncPage superseded;
        superseded.requests = {makeRequest(3, makeCase(3).id), makeRequest(9, makeCase(3).id)};
        superseded.requests[0].state = RequestState::Superseded;
        superseded.requests[1].previousRequestId = u"E-200003"_s;
        superseded.requests[1].level = 2;
        QTest::newRow("superseded request is updated and leaves the queue")
            << PageRow {superseded} << QStringList() << QStringList() << QStringList()
            << QStringList {u"E-200009"_s} << QStringList {u"E-200003"_s} << QStringList()
            << QStringList {u"E-200000"_s, u"E-200001"_s, u"E-200002"_s, u"E-200004"_s,
                            u"E-200009"_s};
        SyncPage closed;
        closed.requests = {makeRequest(4, makeCase(4).id)};
        closed.requests[0].state = RequestState::Closed;
        QTest::newRow("closed request is updated and leaves the queue")
            << PageRow {closed} << QStringList() << QStringList() << QStringList() << QStringList()
            << QStringList {u"E-200004"_s} << QStringList() << base.mid(0, 4);
        SyncPage removed;
        removed.removedRequestIds = {u"E-200001"_s, u"E-999999"_s};
        QTest::newRow("removal lists only known requests")
            << PageRow {removed} << QStringList() << QStringList() << QStringList() << QStringList()
            << QStringList() << QStringList {u"E-200001"_s}
            << QStringList {u"E-200000"_s, u"E-200002"_s, u"E-200003"_s, u"E-200004"_s};
        SyncPage caseGone;
        caseGone.removedCaseIds = {u"C-100000"_s};
        QTest::newRow("removed case takes its requests")
            << PageRow {caseGone} << QStringList() << QStringList() << QStringList {u"C-100000"_s}
            << QStringList() << QStringList() << QStringList {u"E-200000"_s} << base.mid(1);
        SyncPage twice;
        twice.requests = {makeRequest(8, makeCase(0).id), makeRequest(8, makeCase(0).id)};
        twice.requests[1].summary = u"second version"_s;
        QTest::newRow("id repeated within a page is inserted then updated")
            << PageRow {twice} << QStringList() << QStringList() << QStringList()
            << QStringList {u"E-200008"_s} << QStringList {u"E-200008"_s} << QStringList()
            << (base + QStringList {u"E-200008"_s});
    }
    void applySyncPage_changeSetListsWhatChanged()
    {
        QFETCH(PageRow, row);
        SyncPage page = row.page;
        QFETCH(QStringList, insertedCases);
        QFETCH(QStringList, updatedCases);
        QFETCH(QStringList, removedCases);
        QFETCH(QStringList, insertedRequests);
        QFETCH(QStringList, updatedRequests);
        QFETCH(QStringList, removedRequests);
        QFETCH(QStringList, activeAfter);

        auto store = openStore(freshPath());
        QVERIFY(store);
        QVERIFY(store->applySyncPage(makePages(5, 5).first()));
        page.cursor = u"2"_s;
        const StoreResult<ChangeSet> written = store->applySyncPage(page);
        QVERIFY2(written, qPrintable(written.error().message));
        const ChangeSet &changes = *written;
        QCOMPARE(idsOf(changes.insertedCases), insertedCases);
        QCOMPARE(idsOf(changes.updatedCases), updatedCases);
        QCOMPARE(sorted(changes.removedCaseIds), removedCases);
        QCOMPARE(sorted(idsOf(changes.insertedRequests)), insertedRequests);
        QCOMPARE(idsOf(changes.updatedRequests), updatedRequests);
        QCOMPARE(sorted(changes.removedRequestIds), removedRequests);
        // What the change set carries is what the cache now holds (for an id
        // listed twice, its last version).
        QHash<QString, EscalationRequest> latest;
        for (const EscalationRequest &r : changes.insertedRequests + changes.updatedRequests)
            latest.insert(r.id, r);
        for (const EscalationRequest &r : std::as_const(latest))
            QCOMPARE(store->request(r.id).toOptional(), std::optional(r));
        for (const Case &c : changes.insertedCases + changes.updatedCases)
            QCOMPARE(store->caseRecord(c.id).toOptional(), std::optional(c));
        for (const QString &id : changes.removedRequestIds)
            QVERIFY(store->request(id).isAbsent());
        const QueueSnapshot snapshot = store->loadActiveQueue().valueOr(QueueSnapshot());
        QCOMPARE(idsOf(snapshot.requests), activeAfter);
        for (const EscalationRequest &r : snapshot.requests) {
            QVERIFY(isInActiveQueue(r.state));
            QVERIFY2(snapshot.cases.contains(r.caseId), qPrintable(r.caseId));
        }
        QCOMPARE(store->syncState().valueOr(SyncState()).cursor, u"2"_s);
    }

    void loadActiveQueue_sqliteAndPortablePathsAgree()
    {
        auto store = openStore(freshPath());
        QVERIFY(store);
        SyncPage page = makePages(200, 200, 2).first();
        for (int i = 0; i < page.requests.size(); i += 3)
            page.requests[i] = makeRequest(i, page.requests[i].caseId, i % 4, true);
        page.requests[1].state = RequestState::Closed;
        page.requests[2].state = RequestState::Accepted;
        page.requests[5].notes.clear();
        QVERIFY(store->applySyncPage(page));
        const StoreResult<QueueSnapshot> fastRead = store->loadActiveQueue();
        QVERIFY(fastRead);
        const QueueSnapshot &fast = *fastRead;
        CacheStoreTesting::setPortableSql(*store, true);
        QVERIFY(!CacheStoreTesting::usesSqliteApi(*store));
        const StoreResult<QueueSnapshot> portableRead = store->loadActiveQueue();
        QVERIFY(portableRead);
        const QueueSnapshot &portable = *portableRead;
        QCOMPARE(fast.requests.size(), 199);
        QCOMPARE(fast.requests, portable.requests);
        QCOMPARE(fast.cases, portable.cases);
        QList<EscalationRequest> expected = withoutNotes(page.requests);
        expected.removeAt(1);
        QCOMPARE(fast.requests, expected); // in insertion order, every field but the notes kept
    }

    void loadActiveQueue_staysConsistentWhileAnotherConnectionWrites()
    {
        // The queue is read on two connections at once (requests, cases);
        // a commit by another connection in between must not leave a
        // request without its case. A writer thread commits a new case and
        // its request together, thousands of times, while the queue is
        // read over and over; it goes on until at least ten reads started
        // while it wrote, however the two threads are scheduled.
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        for (const SyncPage &page : makePages(2000, 500, 0)) {
            const StoreResult<ChangeSet> written = store->applySyncPage(page);
            QVERIFY2(written, qPrintable(written.error().message));
        }
        constexpr int Writes = 2000;
        constexpr int Overlaps = 10;
        std::atomic<bool> stop = false;
        std::atomic<int> written = 0;
        std::atomic<int> loadsWhileWriting = 0;
        std::thread writer([&] {
            auto other = CacheStore::open(path, nullptr, nullptr);
            for (int n = 100000;
                 other && !stop && (written < Writes || loadsWhileWriting < Overlaps); ++n) {
                SyncPage page;
                page.cases = {makeCase(n)};
                page.requests = {makeRequest(n, page.cases[0].id, 0)};
                page.cursor = QString::number(n);
                if (other->applySyncPage(page))
                    ++written;
                // Spreads the commits over many reads; pacing only, nothing
                // waits for it.
                QThread::usleep(200);
            }
            stop = true;
        });
        // Joined on every way out, a failed check included.
        const auto joinWriter = qScopeGuard([&] {
            stop = true;
            writer.join();
        });
        int loads = 0;
        QDeadlineTimer hang(60000); // only bounds a writer that never ends
        for (; !stop || loads < 10; ++loads) {
            QVERIFY2(!hang.hasExpired(), qPrintable(u"%1 writes"_s.arg(written.load())));
            const bool writing = !stop && written > 0;
            const StoreResult<QueueSnapshot> snapshot = store->loadActiveQueue();
            QVERIFY2(snapshot, qPrintable(snapshot.error().message));
            QVERIFY(snapshot->requests.size() >= 2000);
            for (const EscalationRequest &r : snapshot->requests)
                QVERIFY2(snapshot->cases.contains(r.caseId), qPrintable(r.id + u" has no case"_s));
            loadsWhileWriting += writing ? 1 : 0;
        }
        QVERIFY(written >= Writes);
        QVERIFY2(
            loadsWhileWriting >= Overlaps,
            qPrintable(u"only %1 of %2 reads overlapped the writes"_s.arg(loadsWhileWriting.load())
                           .arg(loads)));
    }

    void applySyncPage_sqliteAndPortableWritesAgree()
    {
        // The same page written through the SQLite API and through QSqlQuery
        // reads back the same: null and empty text, a leading byte-order
        // mark or a reversed one, NUL, astral characters, every optional
        // part, notes. Each store is read back through both paths too.
        SyncPage page = makePages(40, 40, 2).first();
        for (int i = 0; i < page.requests.size(); i += 2)
            page.requests[i] = makeRequest(i, page.requests[i].caseId, i % 3, true);
        const QString marks[] = {QString(QChar(0xFEFF)) + u"mark"_s,
                                 QString(QChar(0xFFFE)) + u"reversed"_s,
                                 u"nul"_s + QChar(0) + u"inside"_s, u"\U0001F600 astral"_s};
        for (int i = 0; i < 4; ++i) {
            page.cases[i].subject = marks[i];
            page.requests[i].summary = marks[i];
            page.requests[i].notes.append(
                Note {u"N-%1"_s.arg(i), u"author"_s, marks[i], baseTime()});
        }
        page.cases[5].assignee = QString(); // NULL
        page.cases[6].assignee = u""_s; // empty, not NULL
        page.requests[7].owner = QString();
        page.requests[8].decision = Decision {DecisionKind::Decline, QString(), u"m"_s, baseTime()};
        page.requests[9].analysis = Analysis {u""_s, QString(), baseTime()};

        QList<EscalationRequest> written[2];
        QList<Case> writtenCases[2];
        for (bool portable : {false, true}) {
            auto store = openStore(freshPath());
            QVERIFY(store);
            CacheStoreTesting::setPortableSql(*store, portable);
            const StoreResult<ChangeSet> changes = store->applySyncPage(page);
            QVERIFY2(changes, qPrintable(changes.error().message));
            for (bool portableRead : {false, true}) {
                CacheStoreTesting::setPortableSql(*store, portableRead);
                QList<EscalationRequest> requests;
                QList<Case> cases;
                for (const EscalationRequest &r : std::as_const(page.requests))
                    requests.append(store->request(r.id).valueOr(EscalationRequest()));
                for (const Case &c : std::as_const(page.cases))
                    cases.append(store->caseRecord(c.id).valueOr(Case()));
                if (!portableRead) {
                    written[portable] = requests;
                    writtenCases[portable] = cases;
                }
                QCOMPARE(requests, written[portable]);
                QCOMPARE(cases, writtenCases[portable]);
            }
        }
        QCOMPARE(written[0], written[1]);
        QCOMPARE(writtenCases[0], writtenCases[1]);
        // Beyond agreeing: what was sent comes back. A leading U+FEFF is
        // dropped and the noncharacter U+FFFE becomes U+FFFD by Qt's UTF-8
        // decoding (see tst_faultmix); the rest of such a text is kept.
        for (int i = 0; i < 4; ++i) {
            const QString rest = marks[i].sliced(i < 2 ? 1 : 0);
            QVERIFY2(written[0][i].summary.endsWith(rest), qPrintable(written[0][i].summary));
            QVERIFY2(writtenCases[0][i].subject.endsWith(rest),
                     qPrintable(writtenCases[0][i].subject));
            QCOMPARE(written[0][i].notes.last().text.endsWith(rest), true);
        }
        QCOMPARE(written[0][2].summary, marks[2]);
        QCOMPARE(written[0][3].summary, marks[3]);
        QVERIFY(writtenCases[0][5].assignee.isNull());
        QVERIFY(!writtenCases[0][6].assignee.isNull());
        QVERIFY(written[0][8].decision && !written[0][8].decision->text.isNull());
    }

    void requestsForCase_returnsLadderOldestFirst()
    {
        auto store = openStore(freshPath());
        QVERIFY(store);
        SyncPage page;
        page.cases = {makeCase(1), makeCase(2)};
        for (int level = 1; level <= 3; ++level) {
            EscalationRequest r = makeRequest(10 + level, page.cases[0].id, level);
            r.level = level;
            r.requestedAt = baseTime().addSecs(3600 * level);
            r.state = level < 3 ? RequestState::Superseded : RequestState::Pending;
            r.previousRequestId = level > 1 ? u"E-%1"_s.arg(200010 + level - 1) : QString();
            page.requests.prepend(r); // newest first in the page
        }
        page.requests.append(makeRequest(20, page.cases[1].id));
        QVERIFY(store->applySyncPage(page));
        const QList<EscalationRequest> ladder =
            store->requestsForCase(page.cases[0].id).valueOr({});
        QCOMPARE(ladder.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(ladder[i].level, i + 1);
            QCOMPARE(ladder[i], page.requests[2 - i]);
        }
        QVERIFY(store->requestsForCase(u"C-none"_s).valueOr({}).isEmpty());
    }

    void syncStateAndValues_persistAcrossReopen()
    {
        const QString path = freshPath();
        const QDateTime ok = baseTime().addSecs(10), failedAt = baseTime().addSecs(20);
        {
            auto store = openStore(path);
            QVERIFY(store);
            QVERIFY(store->recordSyncError(u"HTTP 503"_s, failedAt));
            QVERIFY(store->setValue(u"etag:/api/v1/changes?since=5"_s, u"\"x1\""_s));
            QVERIFY(store->setValue(u"etag:/api/v1/changes?since=5"_s, u"\"x2\""_s));
            QCOMPARE(store->syncState().valueOr(SyncState()).lastError, u"HTTP 503"_s);
            QCOMPARE(store->syncState().valueOr(SyncState()).lastErrorAt, failedAt);
            QVERIFY(store->recordSyncSuccess(ok));
        }
        auto store = openStore(path);
        QVERIFY(store);
        QCOMPARE(store->syncState().valueOr(SyncState()).lastSuccessAt, ok);
        QCOMPARE(store->syncState().valueOr(SyncState()).lastError,
                 QString()); // a success clears the error
        QCOMPARE(store->value(u"etag:/api/v1/changes?since=5"_s).valueOr(QString()), u"\"x2\""_s);
        QVERIFY(store->value(u"unset"_s).isAbsent());
    }

    void outbox_entryLifecycle_data()
    {
        QTest::addColumn<QString>("outcome");
        QTest::newRow("delivered with the portal's request") << u"delivered"_s;
        QTest::newRow("conflict keeps the portal's version") << u"conflict"_s;
        QTest::newRow("rejected keeps the message") << u"rejected"_s;
        QTest::newRow("attempt recorded for a retry") << u"attempt"_s;
    }
    void outbox_entryLifecycle()
    {
        QFETCH(QString, outcome);
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(store->applySyncPage(makePages(1, 1).first()));
        const auto stored = store->enqueue(makeOutboxEntry(u"E-200000"_s, u"Plan"_s));
        QVERIFY2(stored, qPrintable(stored.error().message));
        QVERIFY(stored->localId > 0);
        QVERIFY(!stored->idempotencyKey.isEmpty());
        QCOMPARE(store->pendingOutboxCount().valueOr(-1), 1);
        QCOMPARE(store->outboxEntry(stored->localId).toOptional(), stored.toOptional());

        const QDateTime next = baseTime().addSecs(300);
        if (outcome == u"delivered") {
            EscalationRequest portal = *store->request(u"E-200000"_s);
            portal.state = RequestState::Accepted;
            portal.decision = Decision {DecisionKind::Accept, u"Plan"_s, u"Dana Whitfield"_s, next};
            const StoreResult<ChangeSet> changes = store->markDelivered(stored->localId, portal);
            QVERIFY2(changes, qPrintable(changes.error().message));
            QCOMPARE(changes->updatedRequests, QList<EscalationRequest> {portal});
            QCOMPARE(store->request(portal.id).toOptional(), std::optional(portal));
            QCOMPARE(store->outboxEntry(stored->localId)->status, OutboxStatus::Delivered);
        } else if (outcome == u"conflict") {
            QVERIFY(store->markConflict(stored->localId, u"{\"version\":5}"_s, u"changed"_s));
            QCOMPARE(store->outboxEntry(stored->localId)->status, OutboxStatus::Conflict);
            QCOMPARE(store->outboxEntry(stored->localId)->conflictJson, u"{\"version\":5}"_s);
            QCOMPARE(store->outbox(OutboxStatus::Conflict).valueOr({}).size(), 1);
        } else if (outcome == u"rejected") {
            QVERIFY(store->markRejected(stored->localId, u"outage_not_escalated"_s));
            QCOMPARE(store->outboxEntry(stored->localId)->status, OutboxStatus::Rejected);
            QCOMPARE(store->outboxEntry(stored->localId)->lastError, u"outage_not_escalated"_s);
        } else {
            QVERIFY(store->recordAttempt(stored->localId, u"timeout"_s, next));
            QVERIFY(store->recordAttempt(stored->localId, u"timeout again"_s, next.addSecs(60)));
            const auto e = store->outboxEntry(stored->localId);
            QCOMPARE(e->attempts, 2);
            QCOMPARE(e->nextAttemptAt, next.addSecs(60));
            QCOMPARE(e->status, OutboxStatus::Pending);
        }
        QCOMPARE(store->pendingOutboxCount().valueOr(-1), outcome == u"attempt" ? 1 : 0);
        // An unknown entry is an error, never a silent success.
        const StoreResult<void> rejected = store->markRejected(9999, u"x"_s);
        QVERIFY(!rejected);
        QCOMPARE(rejected.error().kind, StoreError::Other);
        const StoreResult<ChangeSet> delivered = store->markDelivered(9999, std::nullopt);
        QVERIFY(!delivered);
        QVERIFY(delivered.failed());
    }

    void enqueue_refusesDuplicateKeyAndNeverReusesIds()
    {
        auto store = openStore(freshPath());
        QVERIFY(store);
        OutboxEntry e = makeOutboxEntry(u"E-1"_s, u"x"_s);
        e.idempotencyKey = u"key-1"_s;
        const auto first = store->enqueue(e);
        QVERIFY(first);
        const auto again = store->enqueue(e);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, StoreError::Constraint);
        QVERIFY(!again.error().message.isEmpty());
        e.idempotencyKey.clear();
        const auto second = store->enqueue(e);
        QVERIFY(second);
        QVERIFY(second->localId > first->localId);
        QCOMPARE(store->outbox().valueOr({}).size(), 2);
        // Durability setting restored after the FULL-synchronous commit.
        QCOMPARE(scalar(CacheStoreTesting::connection(*store), u"PRAGMA synchronous"_s).toInt(), 1);
    }

    void upgradeFromFixture_keepsDataAndMovesSyncState_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("fromVersion");
        QTest::newRow("version 1 with data") << u"v1.sql"_s << 1;
        QTest::newRow("version 2 with data") << u"v2.sql"_s << 2;
        QTest::newRow("version 3 with data") << u"v3.sql"_s << 3;
        QTest::newRow("version 4 with data") << u"v4.sql"_s << 4;
    }
    void upgradeFromFixture_keepsDataAndMovesSyncState()
    {
        QFETCH(QString, fixture);
        QFETCH(int, fromVersion);
        const QString path = freshPath();
        QVERIFY(createFromFixture(path, fixture));
        QCOMPARE(scalarAt(path, u"PRAGMA user_version"_s).toInt(), fromVersion);
        auto store = openStore(path);
        QVERIFY(store);
        const QSqlDatabase db = CacheStoreTesting::connection(*store);
        QCOMPARE(scalar(db, u"PRAGMA user_version"_s).toInt(), CacheStore::schemaVersion());
        QCOMPARE(
            scalar(db, u"SELECT count(*) FROM sqlite_master WHERE name = 'requests_case_ladder'"_s)
                .toInt(),
            1);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM sqlite_master WHERE name = 'requests_case'"_s)
                     .toInt(),
                 0);

        const SyncState state = store->syncState().valueOr(SyncState());
        QCOMPARE(state.cursor, u"184467"_s);
        QCOMPARE(state.lastSuccessAt, QDateTime::fromMSecsSinceEpoch(1774881000000, Qt::UTC));
        QCOMPARE(state.lastError, u"HTTP 503 from the portal"_s);
        QCOMPARE(store->value(u"sync.cursor"_s).valueOr(QString()), QString());
        QCOMPARE(store->value(u"etag:/api/v1/changes?since=184467"_s).valueOr(QString()),
                 u"\"abc123\""_s);

        const auto pending = store->request(u"E-200311"_s);
        QVERIFY(pending);
        QCOMPARE(pending->previousRequestId, u"E-200120"_s);
        QCOMPARE(pending->notes.size(), 2);
        QCOMPARE(pending->notes[1].text, u"Engineering looped in."_s);
        QCOMPARE(store->request(u"E-200120"_s)->decision->text, u"We will update daily."_s);
        QCOMPARE(store->requestsForCase(u"C-100023"_s).valueOr({}).size(), 2);
        QCOMPARE(idsOf(store->loadActiveQueue().valueOr(QueueSnapshot()).requests),
                 QStringList {u"E-200311"_s});
        const QList<OutboxEntry> outbox = store->outbox().valueOr({});
        QCOMPARE(outbox.size(), 2);
        QCOMPARE(outbox[0].idempotencyKey, u"3f1c9a52-6a4e-4c0d-9a53-5b0f2c6de2a1"_s);
        QCOMPARE(outbox[0].attempts, 2);
        QCOMPARE(store->pendingOutboxCount().valueOr(-1), 1);
        // New writes after the upgrade do not collide with old local ids.
        const auto added = store->enqueue(makeOutboxEntry(u"E-200311"_s, u"more"_s));
        QVERIFY(added);
        QVERIFY(added->localId > outbox[1].localId);
        // Entries from before version 5 carry no justification or team; new ones keep theirs.
        QVERIFY(outbox[0].justification.isEmpty() && outbox[0].toTeam.isEmpty());
        QCOMPARE(store->outboxEntry(added->localId).toOptional(), added.toOptional());
        QCOMPARE(added->justification, makeOutboxEntry(u"E-200311"_s, u"more"_s).justification);
        QVERIFY(!pending->handOff);
        QVERIFY(store->request(u"E-200120"_s)->decision->justification.isEmpty());
        // Requests cached before RT's Due was kept have none.
        QCOMPARE(pending->externalDueAt.isValid(), fromVersion >= 3);
        // No history was cached before version 4.
        QVERIFY(store->requestHistory(u"E-200311"_s).isAbsent());
    }

    void upgradeToVersion4_cachesHistoriesForOfflineReading()
    {
        const QString path = freshPath();
        QVERIFY(createFromFixture(path, u"v3.sql"_s));
        RequestHistory history;
        history.requestId = u"E-200311"_s;
        history.fetchedAt = QDateTime::fromMSecsSinceEpoch(1774890000000, Qt::UTC);
        history.entries = {
            {QDateTime::fromMSecsSinceEpoch(1774879200000, Qt::UTC), u"raise"_s, QString(),
             u"Maria Lopez"_s, QString(), u"Certificate expires Friday."_s},
            {QDateTime::fromMSecsSinceEpoch(1774880000000, Qt::UTC), u"take_ownership"_s, u"u-2"_s,
             u"Dana Whitfield"_s, u"escalation_manager"_s, QString()},
            {QDateTime::fromMSecsSinceEpoch(1774881000000, Qt::UTC), u"accept"_s, u"u-2"_s,
             u"Dana Whitfield"_s, u"escalation_manager"_s, u"Engineering joins at 15:00."_s},
            {QDateTime::fromMSecsSinceEpoch(1774882000000, Qt::UTC), u"decline"_s, u"u-5"_s,
             u"Ruth Adeyemi"_s, u"team_lead"_s, u"A team lead cannot decide requests."_s, true},
        };
        {
            auto store = openStore(path);
            QVERIFY(store);
            QCOMPARE(
                scalar(CacheStoreTesting::connection(*store), u"PRAGMA user_version"_s).toInt(),
                CacheStore::schemaVersion());
            // Data of version 3 kept.
            QCOMPARE(store->request(u"E-200311"_s)->externalDueAt,
                     QDateTime::fromMSecsSinceEpoch(1774893600000, Qt::UTC));
            QVERIFY(store->requestHistory(u"E-200311"_s).isAbsent());
            QVERIFY(store->storeRequestHistory(history));
            // A refresh replaces the timeline, never appends to it.
            QVERIFY(store->storeRequestHistory(history));
            RequestHistory empty;
            empty.requestId = u"E-200400"_s;
            empty.fetchedAt = history.fetchedAt;
            QVERIFY(store->storeRequestHistory(empty));
        }
        // Read back after a reopen (the desk offline the next morning).
        StoreError error;
        auto store = CacheStore::open(path, nullptr, &error, CacheStore::OpenMode::ReadOnly);
        QVERIFY2(store, qPrintable(error.message));
        const StoreResult<RequestHistory> read = store->requestHistory(u"E-200311"_s);
        QVERIFY(read);
        QCOMPARE(*read, history);
        // Fetched and empty is not "never fetched".
        const StoreResult<RequestHistory> none = store->requestHistory(u"E-200400"_s);
        QVERIFY(none);
        QVERIFY(none->entries.isEmpty());
        QVERIFY(store->requestHistory(u"E-200120"_s).isAbsent());
    }

    void upgradeToVersion3_keepsRtDueOfNewAndOldRequests()
    {
        const QString path = freshPath();
        QVERIFY(createFromFixture(path, u"v2.sql"_s));
        const QDateTime due = QDateTime::fromMSecsSinceEpoch(1774893600000, Qt::UTC);
        {
            auto store = openStore(path);
            QVERIFY(store);
            const QSqlDatabase db = CacheStoreTesting::connection(*store);
            QCOMPARE(
                scalar(
                    db,
                    u"SELECT count(*) FROM pragma_table_info('requests') WHERE name = 'external_due_at'"_s)
                    .toInt(),
                1);
            QCOMPARE(
                scalar(db, u"SELECT count(*) FROM requests WHERE external_due_at IS NOT NULL"_s)
                    .toInt(),
                0);
            // An old request gets its Due with its next sync; a new one comes with it.
            std::optional<EscalationRequest> old = store->request(u"E-200311"_s).toOptional();
            QVERIFY(old);
            old->externalDueAt = due;
            old->version += 1;
            EscalationRequest fresh = makeRequest(77, u"C-100024"_s);
            fresh.externalDueAt = due.addSecs(3600);
            SyncPage page;
            page.requests = {*old, fresh};
            page.cursor = u"184500"_s;
            const StoreResult<ChangeSet> changes = store->applySyncPage(page);
            QVERIFY2(changes, qPrintable(changes.error().message));
            QCOMPARE(changes->updatedRequests.size(), 1);
            QCOMPARE(changes->updatedRequests.first().externalDueAt, due);
        }
        // Read back after a reopen, by both read paths.
        auto store = openStore(path);
        QVERIFY(store);
        QCOMPARE(store->request(u"E-200311"_s)->externalDueAt, due);
        QHash<QString, QDateTime> dueById;
        for (const EscalationRequest &r :
             store->loadActiveQueue().valueOr(QueueSnapshot()).requests)
            dueById.insert(r.id, r.externalDueAt);
        QCOMPARE(dueById.value(u"E-200311"_s), due);
        QCOMPARE(dueById.value(makeRequest(77, u"C-100024"_s).id), due.addSecs(3600));
    }

    void upgradeFailingAtAnyStep_rollsBackAndSucceedsLater()
    {
        int faults = 0;
        for (int n = 1;; ++n) {
            const QString path = freshPath();
            QVERIFY(createFromFixture(path, u"v1.sql"_s));
            FaultInjector injector;
            injector.failAt(n);
            StoreError error;
            auto store = CacheStoreTesting::open(path, nullptr, &error, &injector);
            if (!injector.fired()) {
                QVERIFY(store);
                break;
            }
            ++faults;
            QVERIFY2(!store, qPrintable(u"fault %1"_s.arg(n)));
            QVERIFY(error);
            // The failed step left the version before it and its data exactly
            // as they were: version 1 when the v2 step failed, 2 when v3 did,
            // 3 when v4 did, 4 when v5 did.
            const int version = scalarAt(path, u"PRAGMA user_version"_s).toInt();
            QCOMPARE(
                scalarAt(path,
                         u"SELECT count(*) FROM sqlite_master WHERE name = 'request_history'"_s)
                    .toInt(),
                version >= 4 ? 1 : 0);
            QCOMPARE(scalarAt(path,
                              u"SELECT count(*) FROM pragma_table_info('outbox') "
                              "WHERE name IN ('justification', 'to_team')"_s)
                         .toInt(),
                     0);
            QVERIFY2(version >= 1 && version <= 4,
                     qPrintable(u"fault %1: version %2"_s.arg(n).arg(version)));
            if (version == 1) {
                QCOMPARE(scalarAt(path, u"SELECT value FROM settings WHERE key = 'sync.cursor'"_s)
                             .toString(),
                         u"184467"_s);
                QCOMPARE(scalarAt(path,
                                  u"SELECT count(*) FROM sqlite_master WHERE name = 'sync_state'"_s)
                             .toInt(),
                         0);
            } else if (version == 2) {
                QCOMPARE(scalarAt(path, u"SELECT cursor FROM sync_state"_s).toString(),
                         u"184467"_s);
                QCOMPARE(scalarAt(path,
                                  u"SELECT count(*) FROM pragma_table_info('requests') "
                                  "WHERE name = 'external_due_at'"_s)
                             .toInt(),
                         0);
            }
            auto retried = openStore(path);
            QVERIFY(retried);
            QCOMPARE(retried->syncState().valueOr(SyncState()).cursor, u"184467"_s);
            QCOMPARE(retried->outbox().valueOr({}).size(), 2);
        }
        // Every statement of the v2, v3, v4 and v5 steps was made to fail once.
        QVERIFY(faults >= 17);
    }

    void newerSchema_isRefusedAndLeftUntouched()
    {
        const QString path = freshPath();
        {
            auto store = openStore(path);
            QVERIFY(store);
            QVERIFY(store->applySyncPage(makePages(10, 10).first()));
        }
        scalarAt(path, u"PRAGMA user_version = 99"_s);
        QCOMPARE(scalarAt(path, u"PRAGMA user_version"_s).toInt(), 99);
        const QByteArray before = fileHash(path);
        StoreError error;
        auto store = CacheStore::open(path, nullptr, &error);
        QVERIFY(!store);
        QCOMPARE(error.kind, StoreError::NewerSchema);
        QVERIFY(error.message.contains(u"99"_s));
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + u"-wal"_s) || QFileInfo(path + u"-wal"_s).size() == 0);
    }

    void damagedCache_isMovedAsideWithOutboxSalvaged_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<int>("salvaged");
        QTest::newRow("not a database at all") << u"garbage"_s << 0;
        QTest::newRow("requests table damaged, outbox readable") << u"requests"_s << 3;
    }
    void damagedCache_isMovedAsideWithOutboxSalvaged()
    {
        QFETCH(QString, damage);
        QFETCH(int, salvaged);
        const QString path = freshPath();
        QStringList keys;
        if (damage == u"garbage") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 2000; ++i)
                f.write("this is not an SQLite database\n");
        } else {
            {
                auto store = openStore(path);
                QVERIFY(store);
                for (const SyncPage &p : makePages(3000, 1000, 2))
                    QVERIFY(store->applySyncPage(p));
                for (int i = 0; i < 3; ++i)
                    keys.append(
                        store->enqueue(makeOutboxEntry(u"E-20000%1"_s.arg(i), u"decision"_s))
                            ->idempotencyKey);
            }
            const int pageSize = scalarAt(path, u"PRAGMA page_size"_s).toInt();
            const int root =
                scalarAt(path, u"SELECT rootpage FROM sqlite_master WHERE name = 'requests'"_s)
                    .toInt();
            QVERIFY(root > 1);
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(qint64(root - 1) * pageSize));
            f.write(QByteArray(pageSize, '\x7f'));
        }
        const QByteArray damagedHash = fileHash(path);
        StoreOpenReport report;
        auto store = openStore(path, &report);
        QVERIFY(store);
        QVERIFY(report.rebuilt);
        QVERIFY(!report.movedAsidePath.isEmpty());
        QVERIFY(report.movedAsidePath.startsWith(path + u".corrupt-"_s));
        QCOMPARE(fileHash(report.movedAsidePath), damagedHash); // kept as it was, for inspection
        QCOMPARE(report.salvagedOutboxEntries, salvaged);
        QStringList restored;
        for (const OutboxEntry &e : store->outbox().valueOr({}))
            restored.append(e.idempotencyKey);
        QCOMPARE(restored, keys);
        QCOMPARE(store->requestCount().valueOr(-1), 0);
        QCOMPARE(
            scalar(CacheStoreTesting::connection(*store), u"PRAGMA integrity_check"_s).toString(),
            u"ok"_s);
        QVERIFY(!store->applySyncPage(makePages(2, 2).first()).valueOr(ChangeSet()).isEmpty());
    }

    // A cache damaged before it could be upgraded has the outbox columns of
    // version 4; its decisions are salvaged all the same.
    void damagedVersion4Cache_outboxSalvaged()
    {
        const QString path = freshPath();
        QVERIFY(createFromFixture(path, u"v4.sql"_s));
        const int pageSize = scalarAt(path, u"PRAGMA page_size"_s).toInt();
        const int root =
            scalarAt(path, u"SELECT rootpage FROM sqlite_master WHERE name = 'requests'"_s).toInt();
        QVERIFY(root > 1);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(qint64(root - 1) * pageSize));
            f.write(QByteArray(pageSize, '\x7f'));
        }
        StoreOpenReport report;
        auto store = openStore(path, &report);
        QVERIFY(store);
        QVERIFY(report.rebuilt);
        QCOMPARE(report.salvagedOutboxEntries, 2);
        const QList<OutboxEntry> outbox = store->outbox().valueOr({});
        QCOMPARE(outbox.size(), 2);
        QCOMPARE(outbox[0].idempotencyKey, u"3f1c9a52-6a4e-4c0d-9a53-5b0f2c6de2a1"_s);
        QCOMPARE(outbox[0].text, u"Engineering joins a call at 15:00."_s);
        QVERIFY(outbox[0].justification.isEmpty());
    }

    void readOnlyCache_refusesWritesAndKeepsData()
    {
        // Tests run as root, for whom file permissions do not apply; the
        // read-only condition is produced at the SQLite level instead
        // (QSQLITE_OPEN_READONLY), which yields the same SQLITE_READONLY a
        // write-protected file gives an ordinary user.
        const QString path = freshPath();
        QString before;
        {
            auto store = openStore(path);
            QVERIFY(store);
            QVERIFY(store->applySyncPage(makePages(20, 20).first()));
            QVERIFY(store->enqueue(makeOutboxEntry(u"E-200000"_s, u"saved"_s)));
            before = dump(*store);
        }
        StoreError error;
        auto store = CacheStore::open(path, nullptr, &error, CacheStore::OpenMode::ReadOnly);
        QVERIFY2(store, qPrintable(error.message));
        QVERIFY(store->isReadOnly());
        QCOMPARE(store->loadActiveQueue().valueOr(QueueSnapshot()).requests.size(), 20);
        const auto lost = store->enqueue(makeOutboxEntry(u"E-200001"_s, u"lost?"_s));
        QVERIFY(!lost);
        QCOMPARE(lost.error().kind, StoreError::ReadOnly);
        QVERIFY(lost.error().message.contains(path));
        SyncPage page = makePages(30, 30).first();
        page.cursor = u"9"_s;
        const StoreResult<ChangeSet> refused = store->applySyncPage(page);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::ReadOnly);
        const StoreResult<void> notSet = store->setValue(u"k"_s, u"v"_s);
        QVERIFY(!notSet);
        QCOMPARE(notSet.error().kind, StoreError::ReadOnly);
        QCOMPARE(dump(*store), before);
        store.reset();
        auto writable = openStore(path);
        QVERIFY(writable);
        QCOMPARE(dump(*writable), before);
    }

    void fullDisk_failsClearlyAndKeepsCommittedData()
    {
        // No small file system can be mounted here, so the disk "fills up" at
        // the SQLite level: PRAGMA max_page_count caps the file at its current
        // size and SQLite answers the next growth with SQLITE_FULL, exactly as
        // on a full disk.
        auto store = openStore(freshPath());
        QVERIFY(store);
        QVERIFY(store->applySyncPage(makePages(50, 50).first()));
        const QString before = dump(*store);
        QSqlDatabase db = CacheStoreTesting::connection(*store);
        const int pages = scalar(db, u"PRAGMA page_count"_s).toInt();
        QCOMPARE(scalar(db, u"PRAGMA max_page_count = %1"_s.arg(pages)).toInt(), pages);

        QList<SyncPage> big = makePages(2000, 2000, 3);
        big[0].cursor = u"2"_s;
        const StoreResult<ChangeSet> full = store->applySyncPage(big[0]);
        QVERIFY(!full);
        QCOMPARE(full.error().kind, StoreError::DiskFull);
        QVERIFY(full.error().message.contains(u"full"_s));
        QCOMPARE(dump(*store), before);
        QCOMPARE(store->syncState().valueOr(SyncState()).cursor, u"1"_s);

        scalar(db, u"PRAGMA max_page_count = 1073741823"_s);
        const StoreResult<ChangeSet> written = store->applySyncPage(big[0]);
        QVERIFY(written && !written->isEmpty());
        QCOMPARE(store->syncState().valueOr(SyncState()).cursor, u"2"_s);
    }

    void faultAtEveryOperation_leavesPageAllOrNothing()
    {
        auto store = openStore(freshPath());
        QVERIFY(store);
        SyncPage first = makePages(20, 20, 2).first();
        QVERIFY(store->applySyncPage(first));

        // A sync-sized page touching every write path: inserts, updates with
        // notes, a superseded request, request and case removals.
        SyncPage page = makePages(40, 40, 2).first();
        page.cases = page.cases.mid(10, 25);
        page.requests = page.requests.mid(10, 25);
        page.requests[0].state = RequestState::Superseded;
        page.removedRequestIds = {u"E-200001"_s, u"E-200002"_s};
        page.removedCaseIds = {u"C-100003"_s};
        page.cursor = u"2"_s;

        FaultInjector injector;
        CacheStoreTesting::setFaultInjector(*store, &injector);
        int faults = 0;
        for (int n = 1;; ++n) {
            const QString before = dump(*store);
            injector.failAt(n);
            const StoreResult<ChangeSet> changes = store->applySyncPage(page);
            if (!injector.fired()) {
                QVERIFY2(changes, qPrintable(changes.error().message));
                QCOMPARE(changes->insertedRequests.size(), 15);
                QCOMPARE(changes->updatedRequests.size(), 10);
                QCOMPARE(changes->removedRequestIds.size(), 3);
                break;
            }
            ++faults;
            QVERIFY(!changes);
            QCOMPARE(changes.error().kind, StoreError::Io);
            QCOMPARE(dump(*store), before); // no partial page
            QCOMPARE(store->syncState().valueOr(SyncState()).cursor, u"1"_s);
            injector.disarm();
            const StoreResult<void> probe = store->setValue(u"probe"_s, QString::number(n));
            QVERIFY2(probe, qPrintable(probe.error().message));
        }
        CacheStoreTesting::setFaultInjector(*store, nullptr);
        QVERIFY(faults > 60); // statements per row were each made to fail
        QCOMPARE(store->syncState().valueOr(SyncState()).cursor, u"2"_s);
        QCOMPARE(
            scalar(CacheStoreTesting::connection(*store), u"PRAGMA integrity_check"_s).toString(),
            u"ok"_s);

        // The outbox likewise: a failed enqueue leaves no trace.
        CacheStoreTesting::setFaultInjector(*store, &injector);
        for (int n = 1;; ++n) {
            const int count = int(store->outbox().valueOr({}).size());
            injector.failAt(n);
            const auto stored = store->enqueue(makeOutboxEntry(u"E-200010"_s, u"x"_s));
            if (!injector.fired()) {
                injector.disarm();
                QVERIFY(stored);
                QCOMPARE(store->outbox().valueOr({}).size(), count + 1);
                break;
            }
            QVERIFY(!stored);
            QVERIFY(stored.failed());
            injector.disarm();
            QCOMPARE(store->outbox().valueOr({}).size(), count);
        }
        CacheStoreTesting::setFaultInjector(*store, nullptr);
    }

    void worker_runsStoreOnItsThreadAndAnswersTheCaller()
    {
        const QString path = freshPath();
        QThread thread;
        auto *worker = new StoreWorker(path);
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        const auto stop = qScopeGuard([&thread] {
            thread.quit();
            thread.wait();
        });
        // Received on this (the GUI) thread, the way the application
        // receives them: answers by the caller, broadcasts by connection.
        QList<StoreOpenReport> opened;
        QList<ChangeSet> changes;
        QList<int> pendingCounts;
        connect(worker, &StoreWorker::changeSetCommitted, this,
                [&](const ChangeSet &c) { changes.append(c); });
        connect(worker, &StoreWorker::outboxPendingChanged, this,
                [&](int pending) { pendingCounts.append(pending); });
        thread.start();
        whenAnswered(worker->open(), this, [&](const StoreResult<StoreWorker::Opened> &r) {
            if (r)
                opened.append(r->report);
        });
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 30000);
        QCOMPARE(opened.first().journalMode, u"wal"_s);

        const SyncPage page = makePages(30, 30).first();
        QList<StoreResult<void>> pages;
        whenAnswered(worker->applySyncPage(page), this,
                     [&](const StoreResult<void> &r) { pages.append(r); });
        QTRY_COMPARE_WITH_TIMEOUT(pages.size(), 1, 30000);
        QVERIFY(pages.first());
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().insertedRequests, page.requests);

        const OutboxEntry entry = makeOutboxEntry(u"E-200000"_s, u"plan"_s);
        QList<StoreResult<OutboxEntry>> enqueued;
        whenAnswered(worker->enqueue(entry), this,
                     [&](const StoreResult<OutboxEntry> &r) { enqueued.append(r); });
        QTRY_COMPARE_WITH_TIMEOUT(enqueued.size(), 1, 30000);
        QVERIFY(enqueued.first());
        QVERIFY(enqueued.first()->localId > 0);
        QTRY_COMPARE_WITH_TIMEOUT(pendingCounts, QList<int> {1}, 30000);

        QList<StoreResult<void>> failures;
        whenAnswered(worker->markRejected(4242, u"x"_s), this,
                     [&](const StoreResult<void> &r) { failures.append(r); });
        QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 1, 30000);
        QVERIFY(failures.first().failed());

        QList<QueueSnapshot> queues;
        whenAnswered(worker->loadActiveQueue(), this, [&](const StoreResult<QueueSnapshot> &r) {
            if (r)
                queues.append(*r);
        });
        QTRY_COMPARE_WITH_TIMEOUT(queues.size(), 1, 30000);
        QCOMPARE(queues.first().requests.size(), 30);

        // An answer whose caller is gone is dropped, never delivered to it.
        bool delivered = false;
        auto *gone = new QObject;
        whenAnswered(worker->loadActiveQueue(), gone,
                     [&](const StoreResult<QueueSnapshot> &) { delivered = true; });
        delete gone;
        QList<StoreResult<int>> after;
        whenAnswered(worker->loadOutbox(), this, [&](const StoreResult<QList<OutboxEntry>> &r) {
            after.append(r ? StoreResult<int>(int(r->size())) : r.error());
        });
        QTRY_COMPARE_WITH_TIMEOUT(after.size(), 1, 10000);
        QCOMPARE(after.first().valueOr(-1), 1);
        QVERIFY(!delivered);
    }

    void pruneHistory_removesOldRequestsThatLeftTheQueue()
    {
        auto store = openStore(freshPath());
        QVERIFY(store);
        SyncPage page;
        page.cases = AnalyticsFixture::cases().values();
        page.requests = AnalyticsFixture::requests();
        // A case whose only request closed long ago.
        Case old = page.cases.first();
        old.id = u"C9"_s;
        old.updatedAt = QDateTime(QDate(2026, 1, 2), QTime(9, 0), Qt::UTC);
        page.cases.append(old);
        EscalationRequest closed = page.requests.first();
        closed.id = u"R0"_s;
        closed.caseId = u"C9"_s;
        closed.previousRequestId.clear();
        closed.state = RequestState::Closed;
        closed.requestedAt = QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);
        closed.notes = {Note {u"N-0"_s, u"Ana"_s, u"Closed with the fix."_s, closed.requestedAt}};
        page.requests.append(closed);
        page.cursor = u"1"_s;
        QVERIFY(store->applySyncPage(page));

        // Before 3 April: R0 (closed), R1 and R3 (superseded) go; R2 was
        // declined (still in the queue's states) and stays.
        const StoreResult<int> pruned =
            store->pruneHistory(QDateTime(QDate(2026, 4, 3), QTime(0, 0), Qt::UTC));
        QVERIFY(pruned);
        QCOMPARE(*pruned, 3);
        for (const QString &id : {u"R0"_s, u"R1"_s, u"R3"_s})
            QVERIFY2(!store->request(id), qPrintable(id));
        QVERIFY(store->request(u"R2"_s));
        QVERIFY(!store->caseRecord(u"C9"_s)); // left without a request
        QVERIFY(store->caseRecord(u"C1"_s)); // R6 still on it
        const QSqlDatabase db = CacheStoreTesting::connection(*store);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM notes WHERE request_id = 'R0'"_s).toInt(), 0);
        QCOMPARE(store->loadRaisedSince(QDateTime()).valueOr(QueueSnapshot()).requests.size(), 8);
        // Again: nothing more to remove.
        QCOMPARE(
            store->pruneHistory(QDateTime(QDate(2026, 4, 3), QTime(0, 0), Qt::UTC)).valueOr(-1), 0);
    }
};

QTEST_GUILESS_MAIN(CacheStoreTest)
#include "tst_cachestore.moc"

// Behaviour of the local cache: schema and upgrades, sync pages and their
// change sets, the outbox, and every way the disk can let it down.

#include "cachestore.h"
#include "cachestoretesting.h"
#include "faultinjector.h"
#include "storetestdata.h"
#include "storeworker.h"

#include <QCryptographicHash>
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
        QCOMPARE(store->syncState().cursor, QString());
        QCOMPARE(store->pendingOutboxCount(), 0);
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
        QVERIFY(!store->applySyncPage(makePages(3, 3).first(), &error).isEmpty());
        QCOMPARE(store->loadActiveQueue().requests.size(), 3);
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
        StoreError error;
        const ChangeSet changes = store->applySyncPage(page, &error);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(changes.insertedRequests, page.requests);
        QCOMPARE(store->request(page.requests[0].id), std::optional(page.requests[0]));
        QCOMPARE(store->caseRecord(page.cases[0].id), std::optional(page.cases[0]));
        const QueueSnapshot snapshot = store->loadActiveQueue();
        // The queue's snapshot leaves the notes out; request() has them.
        QCOMPARE(snapshot.requests, withoutNotes(page.requests));
        QCOMPARE(snapshot.cases.value(page.cases[0].id), page.cases[0]);
        QCOMPARE(store->syncState().cursor, u"17"_s);
        QVERIFY(!store->request(u"E-none"_s));
        QVERIFY(!store->caseRecord(u"C-none"_s));
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
        StoreError error;
        store->applySyncPage(makePages(5, 5).first(), &error);
        QVERIFY(!error);
        page.cursor = u"2"_s;
        const ChangeSet changes = store->applySyncPage(page, &error);
        QVERIFY2(!error, qPrintable(error.message));
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
            QCOMPARE(store->request(r.id), std::optional(r));
        for (const Case &c : changes.insertedCases + changes.updatedCases)
            QCOMPARE(store->caseRecord(c.id), std::optional(c));
        for (const QString &id : changes.removedRequestIds)
            QVERIFY(!store->request(id));
        const QueueSnapshot snapshot = store->loadActiveQueue();
        QCOMPARE(idsOf(snapshot.requests), activeAfter);
        for (const EscalationRequest &r : snapshot.requests) {
            QVERIFY(isInActiveQueue(r.state));
            QVERIFY2(snapshot.cases.contains(r.caseId), qPrintable(r.caseId));
        }
        QCOMPARE(store->syncState().cursor, u"2"_s);
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
        StoreError error;
        store->applySyncPage(page, &error);
        QVERIFY(!error);
        const QueueSnapshot fast = store->loadActiveQueue(&error);
        QVERIFY(!error);
        CacheStoreTesting::setPortableSql(*store, true);
        QVERIFY(!CacheStoreTesting::usesSqliteApi(*store));
        const QueueSnapshot portable = store->loadActiveQueue(&error);
        QVERIFY(!error);
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
        // its request together, a few hundred times, while the queue is
        // read over and over.
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        StoreError error;
        for (const SyncPage &page : makePages(2000, 500, 0)) {
            store->applySyncPage(page, &error);
            QVERIFY2(!error, qPrintable(error.message));
        }
        constexpr int Writes = 2000;
        std::atomic<bool> stop = false;
        std::atomic<int> written = 0;
        std::thread writer([&] {
            auto other = CacheStore::open(path, nullptr, nullptr);
            for (int n = 100000; other && !stop && written < Writes; ++n) {
                SyncPage page;
                page.cases = {makeCase(n)};
                page.requests = {makeRequest(n, page.cases[0].id, 0)};
                page.cursor = QString::number(n);
                StoreError writeError;
                other->applySyncPage(page, &writeError);
                if (!writeError)
                    ++written;
                QThread::usleep(200); // spread the commits over many reads
            }
            stop = true;
        });
        // Joined on every way out, a failed check included.
        const auto joinWriter = qScopeGuard([&] {
            stop = true;
            writer.join();
        });
        int loads = 0;
        int loadsWhileWriting = 0;
        for (; loads < 1000 && (!stop || loads < 10); ++loads) {
            const bool writing = !stop && written > 0;
            const QueueSnapshot snapshot = store->loadActiveQueue(&error);
            QVERIFY2(!error, qPrintable(error.message));
            QVERIFY(snapshot.requests.size() >= 2000);
            for (const EscalationRequest &r : snapshot.requests)
                QVERIFY2(snapshot.cases.contains(r.caseId), qPrintable(r.id + u" has no case"_s));
            loadsWhileWriting += writing ? 1 : 0;
        }
        QCOMPARE(written.load(), Writes);
        QVERIFY2(
            loadsWhileWriting >= 5,
            qPrintable(
                u"only %1 of %2 reads overlapped the writes"_s.arg(loadsWhileWriting).arg(loads)));
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
            StoreError error;
            store->applySyncPage(page, &error);
            QVERIFY2(!error, qPrintable(error.message));
            for (bool portableRead : {false, true}) {
                CacheStoreTesting::setPortableSql(*store, portableRead);
                QList<EscalationRequest> requests;
                QList<Case> cases;
                for (const EscalationRequest &r : std::as_const(page.requests))
                    requests.append(store->request(r.id).value_or(EscalationRequest()));
                for (const Case &c : std::as_const(page.cases))
                    cases.append(store->caseRecord(c.id).value_or(Case()));
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
        StoreError error;
        store->applySyncPage(page, &error);
        QVERIFY(!error);
        const QList<EscalationRequest> ladder = store->requestsForCase(page.cases[0].id);
        QCOMPARE(ladder.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(ladder[i].level, i + 1);
            QCOMPARE(ladder[i], page.requests[2 - i]);
        }
        QVERIFY(store->requestsForCase(u"C-none"_s).isEmpty());
    }

    void syncStateAndValues_persistAcrossReopen()
    {
        const QString path = freshPath();
        const QDateTime ok = baseTime().addSecs(10), failedAt = baseTime().addSecs(20);
        {
            auto store = openStore(path);
            QVERIFY(store);
            StoreError error;
            QVERIFY(store->recordSyncError(u"HTTP 503"_s, failedAt, &error));
            QVERIFY(store->setValue(u"etag:/api/v1/changes?since=5"_s, u"\"x1\""_s, &error));
            QVERIFY(store->setValue(u"etag:/api/v1/changes?since=5"_s, u"\"x2\""_s, &error));
            QCOMPARE(store->syncState().lastError, u"HTTP 503"_s);
            QCOMPARE(store->syncState().lastErrorAt, failedAt);
            QVERIFY(store->recordSyncSuccess(ok, &error));
        }
        auto store = openStore(path);
        QVERIFY(store);
        QCOMPARE(store->syncState().lastSuccessAt, ok);
        QCOMPARE(store->syncState().lastError, QString()); // a success clears the error
        QCOMPARE(store->value(u"etag:/api/v1/changes?since=5"_s), u"\"x2\""_s);
        QCOMPARE(store->value(u"unset"_s), QString());
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
        StoreError error;
        store->applySyncPage(makePages(1, 1).first(), &error);
        const auto stored = store->enqueue(makeOutboxEntry(u"E-200000"_s, u"Plan"_s), &error);
        QVERIFY2(stored, qPrintable(error.message));
        QVERIFY(stored->localId > 0);
        QVERIFY(!stored->idempotencyKey.isEmpty());
        QCOMPARE(store->pendingOutboxCount(), 1);
        QCOMPARE(store->outboxEntry(stored->localId), stored);

        const QDateTime next = baseTime().addSecs(300);
        if (outcome == u"delivered") {
            EscalationRequest portal = *store->request(u"E-200000"_s);
            portal.state = RequestState::Accepted;
            portal.decision = Decision {DecisionKind::Accept, u"Plan"_s, u"Dana Whitfield"_s, next};
            const ChangeSet changes = store->markDelivered(stored->localId, portal, &error);
            QVERIFY2(!error, qPrintable(error.message));
            QCOMPARE(changes.updatedRequests, QList<EscalationRequest> {portal});
            QCOMPARE(store->request(portal.id), std::optional(portal));
            QCOMPARE(store->outboxEntry(stored->localId)->status, OutboxStatus::Delivered);
        } else if (outcome == u"conflict") {
            QVERIFY(
                store->markConflict(stored->localId, u"{\"version\":5}"_s, u"changed"_s, &error));
            QCOMPARE(store->outboxEntry(stored->localId)->status, OutboxStatus::Conflict);
            QCOMPARE(store->outboxEntry(stored->localId)->conflictJson, u"{\"version\":5}"_s);
            QCOMPARE(store->outbox(OutboxStatus::Conflict).size(), 1);
        } else if (outcome == u"rejected") {
            QVERIFY(store->markRejected(stored->localId, u"outage_not_escalated"_s, &error));
            QCOMPARE(store->outboxEntry(stored->localId)->status, OutboxStatus::Rejected);
            QCOMPARE(store->outboxEntry(stored->localId)->lastError, u"outage_not_escalated"_s);
        } else {
            QVERIFY(store->recordAttempt(stored->localId, u"timeout"_s, next, &error));
            QVERIFY(store->recordAttempt(stored->localId, u"timeout again"_s, next.addSecs(60),
                                         &error));
            const auto e = store->outboxEntry(stored->localId);
            QCOMPARE(e->attempts, 2);
            QCOMPARE(e->nextAttemptAt, next.addSecs(60));
            QCOMPARE(e->status, OutboxStatus::Pending);
        }
        QCOMPARE(store->pendingOutboxCount(), outcome == u"attempt" ? 1 : 0);
        // An unknown entry is an error, never a silent success.
        QVERIFY(!store->markRejected(9999, u"x"_s, &error));
        QCOMPARE(error.kind, StoreError::Other);
        QVERIFY(store->markDelivered(9999, std::nullopt, &error).isEmpty());
        QVERIFY(error);
    }

    void enqueue_refusesDuplicateKeyAndNeverReusesIds()
    {
        auto store = openStore(freshPath());
        QVERIFY(store);
        StoreError error;
        OutboxEntry e = makeOutboxEntry(u"E-1"_s, u"x"_s);
        e.idempotencyKey = u"key-1"_s;
        const auto first = store->enqueue(e, &error);
        QVERIFY(first);
        QVERIFY(!store->enqueue(e, &error));
        QCOMPARE(error.kind, StoreError::Constraint);
        QVERIFY(!error.message.isEmpty());
        e.idempotencyKey.clear();
        const auto second = store->enqueue(e, &error);
        QVERIFY(second);
        QVERIFY(second->localId > first->localId);
        QCOMPARE(store->outbox().size(), 2);
        // Durability setting restored after the FULL-synchronous commit.
        QCOMPARE(scalar(CacheStoreTesting::connection(*store), u"PRAGMA synchronous"_s).toInt(), 1);
    }

    void upgradeFromFixture_keepsDataAndMovesSyncState_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("fromVersion");
        QTest::newRow("version 1 with data") << u"v1.sql"_s << 1;
        QTest::newRow("version 2 with data") << u"v2.sql"_s << 2;
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

        const SyncState state = store->syncState();
        QCOMPARE(state.cursor, u"184467"_s);
        QCOMPARE(state.lastSuccessAt, QDateTime::fromMSecsSinceEpoch(1774881000000, Qt::UTC));
        QCOMPARE(state.lastError, u"HTTP 503 from the portal"_s);
        QCOMPARE(store->value(u"sync.cursor"_s), QString());
        QCOMPARE(store->value(u"etag:/api/v1/changes?since=184467"_s), u"\"abc123\""_s);

        const auto pending = store->request(u"E-200311"_s);
        QVERIFY(pending);
        QCOMPARE(pending->previousRequestId, u"E-200120"_s);
        QCOMPARE(pending->notes.size(), 2);
        QCOMPARE(pending->notes[1].text, u"Engineering looped in."_s);
        QCOMPARE(store->request(u"E-200120"_s)->decision->text, u"We will update daily."_s);
        QCOMPARE(store->requestsForCase(u"C-100023"_s).size(), 2);
        QCOMPARE(idsOf(store->loadActiveQueue().requests), QStringList {u"E-200311"_s});
        const QList<OutboxEntry> outbox = store->outbox();
        QCOMPARE(outbox.size(), 2);
        QCOMPARE(outbox[0].idempotencyKey, u"3f1c9a52-6a4e-4c0d-9a53-5b0f2c6de2a1"_s);
        QCOMPARE(outbox[0].attempts, 2);
        QCOMPARE(store->pendingOutboxCount(), 1);
        // New writes after the upgrade do not collide with old local ids.
        StoreError error;
        const auto added = store->enqueue(makeOutboxEntry(u"E-200311"_s, u"more"_s), &error);
        QVERIFY(added);
        QVERIFY(added->localId > outbox[1].localId);
        // Requests cached before RT's Due was kept have none.
        QVERIFY(!pending->externalDueAt.isValid());
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
            std::optional<EscalationRequest> old = store->request(u"E-200311"_s);
            QVERIFY(old);
            old->externalDueAt = due;
            old->version += 1;
            EscalationRequest fresh = makeRequest(77, u"C-100024"_s);
            fresh.externalDueAt = due.addSecs(3600);
            SyncPage page;
            page.requests = {*old, fresh};
            page.cursor = u"184500"_s;
            StoreError error;
            const ChangeSet changes = store->applySyncPage(page, &error);
            QVERIFY2(!error, qPrintable(error.message));
            QCOMPARE(changes.updatedRequests.size(), 1);
            QCOMPARE(changes.updatedRequests.first().externalDueAt, due);
        }
        // Read back after a reopen, by both read paths.
        auto store = openStore(path);
        QVERIFY(store);
        QCOMPARE(store->request(u"E-200311"_s)->externalDueAt, due);
        QHash<QString, QDateTime> dueById;
        for (const EscalationRequest &r : store->loadActiveQueue().requests)
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
            // as they were: version 1 when the v2 step failed, 2 when v3 did.
            const int version = scalarAt(path, u"PRAGMA user_version"_s).toInt();
            QVERIFY2(version == 1 || version == 2,
                     qPrintable(u"fault %1: version %2"_s.arg(n).arg(version)));
            if (version == 1) {
                QCOMPARE(scalarAt(path, u"SELECT value FROM settings WHERE key = 'sync.cursor'"_s)
                             .toString(),
                         u"184467"_s);
                QCOMPARE(scalarAt(path,
                                  u"SELECT count(*) FROM sqlite_master WHERE name = 'sync_state'"_s)
                             .toInt(),
                         0);
            } else {
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
            QCOMPARE(retried->syncState().cursor, u"184467"_s);
            QCOMPARE(retried->outbox().size(), 2);
        }
        QVERIFY(faults >= 7); // every statement of the v2 and v3 steps was made to fail once
    }

    void newerSchema_isRefusedAndLeftUntouched()
    {
        const QString path = freshPath();
        {
            auto store = openStore(path);
            QVERIFY(store);
            StoreError error;
            store->applySyncPage(makePages(10, 10).first(), &error);
            QVERIFY(!error);
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
                StoreError error;
                for (const SyncPage &p : makePages(3000, 1000, 2))
                    store->applySyncPage(p, &error);
                QVERIFY(!error);
                for (int i = 0; i < 3; ++i)
                    keys.append(
                        store
                            ->enqueue(makeOutboxEntry(u"E-20000%1"_s.arg(i), u"decision"_s), &error)
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
        for (const OutboxEntry &e : store->outbox())
            restored.append(e.idempotencyKey);
        QCOMPARE(restored, keys);
        QCOMPARE(store->requestCount(), 0);
        QCOMPARE(
            scalar(CacheStoreTesting::connection(*store), u"PRAGMA integrity_check"_s).toString(),
            u"ok"_s);
        StoreError error;
        QVERIFY(!store->applySyncPage(makePages(2, 2).first(), &error).isEmpty());
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
            StoreError error;
            store->applySyncPage(makePages(20, 20).first(), &error);
            store->enqueue(makeOutboxEntry(u"E-200000"_s, u"saved"_s), &error);
            QVERIFY(!error);
            before = dump(*store);
        }
        StoreError error;
        auto store = CacheStore::open(path, nullptr, &error, CacheStore::OpenMode::ReadOnly);
        QVERIFY2(store, qPrintable(error.message));
        QVERIFY(store->isReadOnly());
        QCOMPARE(store->loadActiveQueue().requests.size(), 20);
        QVERIFY(!store->enqueue(makeOutboxEntry(u"E-200001"_s, u"lost?"_s), &error));
        QCOMPARE(error.kind, StoreError::ReadOnly);
        QVERIFY(error.message.contains(path));
        SyncPage page = makePages(30, 30).first();
        page.cursor = u"9"_s;
        QVERIFY(store->applySyncPage(page, &error).isEmpty());
        QCOMPARE(error.kind, StoreError::ReadOnly);
        QVERIFY(!store->setValue(u"k"_s, u"v"_s, &error));
        QCOMPARE(error.kind, StoreError::ReadOnly);
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
        StoreError error;
        store->applySyncPage(makePages(50, 50).first(), &error);
        QVERIFY(!error);
        const QString before = dump(*store);
        QSqlDatabase db = CacheStoreTesting::connection(*store);
        const int pages = scalar(db, u"PRAGMA page_count"_s).toInt();
        QCOMPARE(scalar(db, u"PRAGMA max_page_count = %1"_s.arg(pages)).toInt(), pages);

        QList<SyncPage> big = makePages(2000, 2000, 3);
        big[0].cursor = u"2"_s;
        QVERIFY(store->applySyncPage(big[0], &error).isEmpty());
        QCOMPARE(error.kind, StoreError::DiskFull);
        QVERIFY(error.message.contains(u"full"_s));
        QCOMPARE(dump(*store), before);
        QCOMPARE(store->syncState().cursor, u"1"_s);

        scalar(db, u"PRAGMA max_page_count = 1073741823"_s);
        QVERIFY(!store->applySyncPage(big[0], &error).isEmpty());
        QVERIFY(!error);
        QCOMPARE(store->syncState().cursor, u"2"_s);
    }

    void faultAtEveryOperation_leavesPageAllOrNothing()
    {
        auto store = openStore(freshPath());
        QVERIFY(store);
        StoreError error;
        SyncPage first = makePages(20, 20, 2).first();
        store->applySyncPage(first, &error);
        QVERIFY(!error);

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
            const ChangeSet changes = store->applySyncPage(page, &error);
            if (!injector.fired()) {
                QVERIFY2(!error, qPrintable(error.message));
                QCOMPARE(changes.insertedRequests.size(), 15);
                QCOMPARE(changes.updatedRequests.size(), 10);
                QCOMPARE(changes.removedRequestIds.size(), 3);
                break;
            }
            ++faults;
            QVERIFY(changes.isEmpty());
            QCOMPARE(error.kind, StoreError::Io);
            QCOMPARE(dump(*store), before); // no partial page
            QCOMPARE(store->syncState().cursor, u"1"_s);
            injector.disarm();
            QVERIFY2(store->setValue(u"probe"_s, QString::number(n), &error),
                     qPrintable(error.message));
        }
        CacheStoreTesting::setFaultInjector(*store, nullptr);
        QVERIFY(faults > 60); // statements per row were each made to fail
        QCOMPARE(store->syncState().cursor, u"2"_s);
        QCOMPARE(
            scalar(CacheStoreTesting::connection(*store), u"PRAGMA integrity_check"_s).toString(),
            u"ok"_s);

        // The outbox likewise: a failed enqueue leaves no trace.
        CacheStoreTesting::setFaultInjector(*store, &injector);
        for (int n = 1;; ++n) {
            const int count = int(store->outbox().size());
            injector.failAt(n);
            const auto stored = store->enqueue(makeOutboxEntry(u"E-200010"_s, u"x"_s), &error);
            if (!injector.fired()) {
                injector.disarm();
                QVERIFY(stored);
                QCOMPARE(store->outbox().size(), count + 1);
                break;
            }
            QVERIFY(!stored);
            QVERIFY(error);
            injector.disarm();
            QCOMPARE(store->outbox().size(), count);
        }
        CacheStoreTesting::setFaultInjector(*store, nullptr);
    }

    void worker_runsStoreOnItsThreadAndSignalsResults()
    {
        const QString path = freshPath();
        QThread thread;
        auto *worker = new StoreWorker(path);
        worker->moveToThread(&thread);
        connect(&thread, &QThread::started, worker, &StoreWorker::openStore);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        const auto stop = qScopeGuard([&thread] {
            thread.quit();
            thread.wait();
        });
        // Received on this (the GUI) thread through queued connections, the
        // way the application receives them.
        QList<StoreOpenReport> opened;
        QList<ChangeSet> changes;
        QList<std::pair<quint64, QString>> pages;
        QList<std::pair<quint64, OutboxEntry>> enqueued;
        QList<int> pendingCounts;
        QList<std::pair<quint64, StoreError>> failures;
        QList<QueueSnapshot> queues;
        connect(worker, &StoreWorker::opened, this,
                [&](const StoreOpenReport &r, const SyncState &, int) { opened.append(r); });
        connect(worker, &StoreWorker::changeSetCommitted, this,
                [&](const ChangeSet &c) { changes.append(c); });
        connect(worker, &StoreWorker::pageCommitted, this, [&](quint64 t, const QString &cursor) {
            pages.append({t, cursor});
        });
        connect(worker, &StoreWorker::outboxEnqueued, this, [&](quint64 t, const OutboxEntry &e) {
            enqueued.append({t, e});
        });
        connect(worker, &StoreWorker::outboxChanged, this,
                [&](quint64, qint64, int pending) { pendingCounts.append(pending); });
        connect(worker, &StoreWorker::failed, this, [&](quint64 t, const StoreError &e) {
            failures.append({t, e});
        });
        connect(worker, &StoreWorker::queueLoaded, this,
                [&](quint64, const QueueSnapshot &q) { queues.append(q); });
        thread.start();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
        QCOMPARE(opened.first().journalMode, u"wal"_s);

        const SyncPage page = makePages(30, 30).first();
        QMetaObject::invokeMethod(worker, [worker, page] { worker->applySyncPage(page, 7); });
        QTRY_COMPARE_WITH_TIMEOUT(pages.size(), 1, 10000);
        QCOMPARE(pages.first(), std::make_pair(quint64(7), u"1"_s));
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().insertedRequests, page.requests);

        const OutboxEntry entry = makeOutboxEntry(u"E-200000"_s, u"plan"_s);
        QMetaObject::invokeMethod(worker, [worker, entry] { worker->enqueue(entry, 8); });
        QTRY_COMPARE_WITH_TIMEOUT(enqueued.size(), 1, 10000);
        QCOMPARE(enqueued.first().first, 8u);
        QVERIFY(enqueued.first().second.localId > 0);
        QTRY_COMPARE(pendingCounts, QList<int> {1});

        QMetaObject::invokeMethod(worker, [worker] { worker->markRejected(4242, u"x"_s, 9); });
        QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 1, 10000);
        QCOMPARE(failures.first().first, 9u);
        QVERIFY(failures.first().second);

        QMetaObject::invokeMethod(worker, [worker] { worker->loadActiveQueue(10); });
        QTRY_COMPARE_WITH_TIMEOUT(queues.size(), 1, 10000);
        QCOMPARE(queues.first().requests.size(), 30);
    }
};

QTEST_GUILESS_MAIN(CacheStoreTest)
#include "tst_cachestore.moc"

// Helper of tst_storecrash: writes to the cache in a loop until killed and
// reports each write on stdout only after the store said it was committed:
//   opening                  (before the cache is opened, and its schema made)
//   page <cursor> <first request id> <request count>
//   outbox <localId> <idempotency key>
// The test kills it with SIGKILL right after one of these lines, picked at
// random, and checks that every reported write survived.

#include "cachestore.h"
#include "storetestdata.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

void report(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 2) {
        std::fputs("usage: escalation-store-crashwriter DB_PATH\n", stderr);
        return 2;
    }
    report(u"opening"_s);
    StoreOpenReport openReport;
    StoreError error;
    auto store = CacheStore::open(args[1], &openReport, &error);
    if (!store) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(error.message));
        return 4;
    }
    if (openReport.rebuilt)
        report(u"rebuilt "_s + openReport.movedAsidePath);

    constexpr int requestsPerPage = 20;
    const StoreResult<SyncState> state = store->syncState();
    if (!state) {
        std::fprintf(stderr, "cannot read the cursor: %s\n", qPrintable(state.error().message));
        return 4;
    }
    for (int cursor = state->cursor.toInt() + 1;; ++cursor) {
        SyncPage page;
        for (int i = 0; i < requestsPerPage; ++i) {
            const int n = cursor * requestsPerPage + i;
            page.cases.append(StoreTestData::makeCase(n));
            page.requests.append(StoreTestData::makeRequest(n, page.cases.last().id, 2));
        }
        if (cursor > 1) {
            // Also rewrite a request of the previous page, so that updates
            // (note replacement included) are interrupted too.
            const int n = (cursor - 1) * requestsPerPage;
            EscalationRequest again =
                StoreTestData::makeRequest(n, StoreTestData::makeCase(n).id, 3);
            again.summary = u"updated by page %1"_s.arg(cursor);
            page.requests.append(again);
        }
        page.cursor = QString::number(cursor);
        if (const StoreResult<ChangeSet> written = store->applySyncPage(page); !written) {
            std::fprintf(stderr, "page failed: %s\n", qPrintable(written.error().message));
            return 4;
        }
        report(u"page %1 %2 %3"_s.arg(page.cursor, page.requests.first().id).arg(requestsPerPage));

        OutboxEntry entry = StoreTestData::makeOutboxEntry(page.requests.first().id, u"decision"_s);
        entry.idempotencyKey = u"crash-%1"_s.arg(cursor);
        const StoreResult<OutboxEntry> stored = store->enqueue(entry);
        if (!stored) {
            std::fprintf(stderr, "enqueue failed: %s\n", qPrintable(stored.error().message));
            return 4;
        }
        report(u"outbox %1 %2"_s.arg(stored->localId).arg(stored->idempotencyKey));
    }
}

#pragma once

// Test-only access to a CacheStore's internals: its connection (to run
// integrity checks or PRAGMA max_page_count) and the fault injector. The
// application never includes this header.

#include "cachestore.h"

#include <QSqlDatabase>

namespace Escalation {

class CacheStoreTesting final {
public:
    // Like CacheStore::open, with `injector` counting operations from the first one.
    static std::unique_ptr<CacheStore>
    open(const QString &path, StoreOpenReport *report, StoreError *error, FaultInjector *injector,
         CacheStore::OpenMode mode = CacheStore::OpenMode::ReadWrite);
    static void setFaultInjector(CacheStore &store, FaultInjector *injector);
    static QSqlDatabase connection(const CacheStore &store);
    // Bulk reads and sync-page writes go through the SQLite API when the
    // build has it; this forces the portable QSqlQuery path, so both can be
    // compared.
    static void setPortableSql(CacheStore &store, bool portable);
    static bool usesSqliteApi(const CacheStore &store);
};

} // namespace Escalation

#pragma once

// Opening the cache file for CacheStore::open (private to the store
// library): the health check (PRAGMA quick_check), moving a damaged cache
// aside with its readable outbox rescued, refusing a newer schema, the
// journal mode and the schema upgrades.

#include "cachestore.h"

#include <memory>

namespace Escalation {

class FaultInjector;
class StoreConnection;

// A connection to a checked, configured, up-to-date cache at `path`; null
// (and *error) on failure. `report` is filled in (never null).
std::unique_ptr<StoreConnection> openCacheFile(const QString &path, CacheStore::OpenMode mode,
                                               FaultInjector *injector, StoreOpenReport *report,
                                               StoreError *error);

} // namespace Escalation

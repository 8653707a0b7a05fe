#include "cachestoretesting.h"

#include "storeconnection.h"

namespace Escalation {

std::unique_ptr<CacheStore> CacheStoreTesting::open(const QString &path, StoreOpenReport *report,
                                                    StoreError *error, FaultInjector *injector,
                                                    CacheStore::OpenMode mode)
{
    return CacheStore::openWith(path, report, error, mode, injector);
}

void CacheStoreTesting::setFaultInjector(CacheStore &store, FaultInjector *injector)
{
    store.d->setFaultInjector(injector);
}

QSqlDatabase CacheStoreTesting::connection(const CacheStore &store)
{
    return store.d->database();
}

void CacheStoreTesting::setPortableSql(CacheStore &store, bool portable)
{
    store.d->setPortableSql(portable);
}

bool CacheStoreTesting::usesSqliteApi(const CacheStore &store)
{
    return store.d->usesSqliteApi();
}

} // namespace Escalation

#include "cachelookup.h"

#include <cachestore.h>

namespace Escalation {

CacheLookup::CacheLookup() = default;
CacheLookup::~CacheLookup() = default;

bool CacheLookup::open(const QString &path, QString *error)
{
    StoreError storeError;
    // Opened after the store worker's read-write connection, which ran the
    // integrity check on this file moments ago.
    m_store = CacheStore::open(path, nullptr, &storeError, CacheStore::OpenMode::ReadOnlyChecked);
    if (!m_store && error)
        *error = storeError.message;
    return m_store != nullptr;
}

std::optional<EscalationRequest> CacheLookup::request(const QString &id) const
{
    return m_store ? m_store->request(id) : std::nullopt;
}

std::optional<Case> CacheLookup::caseRecord(const QString &id) const
{
    return m_store ? m_store->caseRecord(id) : std::nullopt;
}

QList<EscalationRequest> CacheLookup::requestsForCase(const QString &caseId) const
{
    return m_store ? m_store->requestsForCase(caseId) : QList<EscalationRequest>();
}

} // namespace Escalation

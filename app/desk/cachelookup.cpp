#include "cachelookup.h"

#include "desklogging.h"

#include <cachestore.h>
#include <storeworker.h>

#include <QtConcurrent/QtConcurrentRun>

namespace Escalation {

CacheLookup::CacheLookup()
{
    // One background reader at idle priority: the histories models ask for
    // never take a core from the GUI thread, the store or the sync, and
    // never hold up the global pool, which parses the portal's pages.
    m_readers.setMaxThreadCount(1);
    m_readers.setThreadPriority(QThread::IdlePriority);
}

CacheLookup::~CacheLookup()
{
    m_readers.clear(); // reads not started yet are not needed any more
    m_readers.waitForDone();
}

bool CacheLookup::open(const QString &path, QString *error)
{
    StoreError storeError;
    // Opened after the store worker's read-write connection, which ran the
    // integrity check on this file moments ago.
    m_store = CacheStore::open(path, nullptr, &storeError, CacheStore::OpenMode::ReadOnlyChecked);
    if (!m_store && error)
        *error = storeError.message;
    m_path = m_store ? path : QString();
    return m_store != nullptr;
}

namespace {

// The details pane shows nothing for a record it cannot read; the reason
// goes to the log, not into the pane.
template<typename T> std::optional<T> shown(StoreResult<T> result, const QString &what)
{
    if (result.failed())
        qCWarning(lcDesk).noquote()
            << "cannot read" << what << "from the cache:" << result.error().message;
    return std::move(result).toOptional();
}

} // namespace

std::optional<EscalationRequest> CacheLookup::request(const QString &id) const
{
    return m_store ? shown(m_store->request(id), id) : std::nullopt;
}

std::optional<Case> CacheLookup::caseRecord(const QString &id) const
{
    return m_store ? shown(m_store->caseRecord(id), id) : std::nullopt;
}

QList<EscalationRequest> CacheLookup::requestsForCase(const QString &caseId) const
{
    if (!m_store)
        return {};
    return shown(m_store->requestsForCase(caseId), caseId).value_or(QList<EscalationRequest>());
}

std::optional<RequestHistory> CacheLookup::history(const QString &requestId) const
{
    return m_store ? shown(m_store->requestHistory(requestId), requestId) : std::nullopt;
}

QHash<QString, QString> CacheLookup::teamCalendars() const
{
    if (!m_store)
        return {};
    return shown(m_store->teamCalendars(), QStringLiteral("the teams"))
        .value_or(QHash<QString, QString>());
}

void CacheLookup::requestsForCases(const QStringList &caseIds, QObject *context,
                                   const RequestsReceiver &done) const
{
    if (m_path.isEmpty()) {
        done({});
        return;
    }
    const QFuture<QList<EscalationRequest>> read =
        QtConcurrent::run(&m_readers, [path = m_path, caseIds] {
            QList<EscalationRequest> found;
            StoreError error;
            // A connection of the reader thread, for this read only; the store
            // worker checked the file when it opened it.
            const auto store =
                CacheStore::open(path, nullptr, &error, CacheStore::OpenMode::ReadOnlyChecked);
            if (!store) {
                qCWarning(lcDesk).noquote() << "cannot read case histories:" << error.message;
                return found;
            }
            for (const QString &caseId : caseIds)
                found += shown(store->requestsForCase(caseId), caseId)
                             .value_or(QList<EscalationRequest>());
            return found;
        });
    // Not read.then(context, done): in Qt 6.4 that asserts when the context
    // is gone before the answer (a closed details pane).
    whenAnswered(read, context, done);
}

} // namespace Escalation

#include "historysync.h"

#include "storeworker.h"
#include "synclogging.h"

namespace Escalation {

HistorySync::HistorySync(PortalConnector *connector, StoreWorker *store, QObject *parent)
    : QObject(parent)
    , m_connector(connector)
    , m_store(store)
{
    qRegisterMetaType<Escalation::ConnectorResult>();
}

HistorySync::~HistorySync()
{
    const QList<QPointer<ConnectorCall>> running = m_running.values();
    for (const QPointer<ConnectorCall> &pointer : running) {
        if (ConnectorCall *call = pointer.data())
            call->abort();
    }
}

void HistorySync::refresh(const QString &requestId)
{
    if (requestId.isEmpty())
        return;
    if (m_running.contains(requestId)) {
        m_again.insert(requestId);
        return;
    }
    ConnectorCall *call = m_connector->fetchHistory(requestId);
    m_running.insert(requestId, call);
    connect(call, &ConnectorCall::finished, this,
            [this, requestId](const ConnectorResult &r) { onAnswer(requestId, r); });
}

void HistorySync::onAnswer(const QString &requestId, const ConnectorResult &r)
{
    m_running.remove(requestId);
    const auto again = [this, requestId] {
        if (m_again.remove(requestId))
            refresh(requestId);
    };
    if (r.error == TransportError::Canceled)
        return;
    if (r.historyUnsupported) {
        m_again.remove(requestId);
        Q_EMIT unavailable(requestId, r.message);
        return;
    }
    if (!r.ok() || !r.history) {
        qCInfo(lcSync).noquote() << "history of" << requestId << "not refreshed:" << r.message;
        Q_EMIT failed(requestId, r.message);
        again();
        return;
    }
    StoreWorker *store = m_store;
    if (!store)
        return;
    RequestHistory history = *r.history;
    history.requestId = requestId;
    whenAnswered(store->storeRequestHistory(history), this,
                 [this, requestId, again](const StoreResult<void> &stored) {
                     if (!stored) {
                         qCWarning(lcSync).noquote() << "history of" << requestId
                                                     << "not cached:" << stored.error().message;
                         Q_EMIT failed(requestId, stored.error().message);
                     } else {
                         Q_EMIT updated(requestId);
                     }
                     again();
                 });
}

} // namespace Escalation

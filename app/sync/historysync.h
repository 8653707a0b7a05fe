#pragma once

// Keeps the cached timelines of requests fresh: asks the connector for a
// request's history (when the details pane shows it, after a write to it)
// and stores the answer in the cache, which the pane reads at once, online
// or not. One call per request at a time; a refresh asked for while one
// runs is made once more after it (a write may have landed meanwhile).

#include "portalconnector.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace Escalation {

class StoreWorker;

class HistorySync final : public QObject {
    Q_OBJECT
public:
    // connector and store must outlive this object.
    HistorySync(PortalConnector *connector, StoreWorker *store, QObject *parent = nullptr);
    ~HistorySync() override;

public Q_SLOTS:
    void refresh(const QString &requestId);

Q_SIGNALS:
    // The cache holds the backend's current timeline of the request.
    void updated(const QString &requestId);
    // The backend keeps no timeline the desk can read; message says so.
    void unavailable(const QString &requestId, const QString &message);
    // This refresh failed (offline, refused); a cached timeline still stands.
    void failed(const QString &requestId, const QString &message);

private:
    void onAnswer(const QString &requestId, const ConnectorResult &result);

    PortalConnector *m_connector;
    QPointer<StoreWorker> m_store;
    QHash<QString, QPointer<ConnectorCall>> m_running;
    QSet<QString> m_again;
};

} // namespace Escalation

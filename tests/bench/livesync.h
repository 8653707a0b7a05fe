#pragma once

// What P1, P2 and P9 share to run the real sync engine against the reference
// portal: client settings, a network layer that notes when each answer of
// the change feed has arrived in full, and a cache the engine synced once.

#include "benchmark.h"

#include <portalclient.h>

#include <QNetworkAccessManager>

#include <functional>

namespace Bench {

class PortalProcess;

Escalation::PortalSettings portalSettings(const QUrl &url);

// Passes every request on unchanged; calls onChangesAnswered (GUI thread)
// the moment a GET /changes answer has been received completely, before the
// client reads it.
class TimingNetworkAccessManager final : public QNetworkAccessManager {
    Q_OBJECT
public:
    using QNetworkAccessManager::QNetworkAccessManager;
    std::function<void(double atMs)> onChangesAnswered;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *data) override;
};

// A cache the sync engine filled from the fixture's portal (P1's last one,
// or a fresh first sync when P1 did not run).
QString syncedCache(const Options &options, QString *error);

} // namespace Bench

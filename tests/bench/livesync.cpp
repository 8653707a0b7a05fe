#include "livesync.h"

#include "deskharness.h"
#include "fixture.h"

#include <queuemodel.h>
#include <syncengine.h>

#include <QNetworkReply>

using namespace Qt::StringLiterals;
using namespace Escalation;

namespace Bench {

PortalSettings portalSettings(const QUrl &url)
{
    PortalSettings settings;
    settings.baseUrl = url;
    settings.token = PortalProcess::token();
    return settings;
}

QNetworkReply *TimingNetworkAccessManager::createRequest(Operation op,
                                                         const QNetworkRequest &request,
                                                         QIODevice *data)
{
    QNetworkReply *reply = QNetworkAccessManager::createRequest(op, request, data);
    if (op == GetOperation && request.url().path().endsWith(u"/changes"_s)) {
        // Connected before the client's own slot, so it runs first.
        connect(reply, &QNetworkReply::finished, this, [this] {
            if (onChangesAnswered)
                onChangesAnswered(nowMs());
        });
    }
    return reply;
}

QString syncedCache(const Options &options, QString *error)
{
    Fixture &fixture = Fixture::instance();
    if (!fixture.syncedCache.isEmpty())
        return fixture.syncedCache;
    PortalProcess *portal = fixture.portal(options, error);
    if (!portal)
        return {};
    const QString path = fixture.tempPath(u"synced.sqlite"_s);
    DeskHarness desk(path);
    if (!desk.open(error))
        return {};
    PortalClient client(portalSettings(portal->url()));
    SyncEngine engine(&client, desk.worker());
    std::optional<SyncOutcome> outcome;
    QObject::connect(&engine, &SyncEngine::cycleFinished, &engine,
                     [&outcome](const SyncOutcome &o) { outcome = o; });
    engine.runOnce(desk.syncState());
    if (!waitUntil([&] { return outcome.has_value(); }, 180000) || !outcome->ok()) {
        *error = u"the first sync failed: %1"_s.arg(outcome ? outcome->message : u"timed out"_s);
        return {};
    }
    fixture.syncedCache = path;
    return path;
}

} // namespace Bench

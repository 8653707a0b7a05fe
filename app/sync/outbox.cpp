#include "outbox.h"

#include "nativeconnector.h"
#include "storetickets.h"
#include "storeworker.h"
#include "synclogging.h"

#include <QUuid>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace Escalation {

Outbox::Outbox(PortalClient *client, StoreWorker *store, OutboxOptions options, QObject *parent)
    : Outbox(new NativeConnector(client), store, options, parent)
{
    m_connector->setParent(this);
}

Outbox::Outbox(PortalConnector *connector, StoreWorker *store, OutboxOptions options,
               QObject *parent)
    : QObject(parent)
    , m_connector(connector)
    , m_store(store)
    , m_options(options)
    , m_retryTimer(this)
{
    qRegisterMetaType<Escalation::ConnectorResult>();
    registerStoreMetaTypes();
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Outbox::pushNext);

    connect(store, &StoreWorker::outboxLoaded, this,
            [this](quint64 ticket, const QList<OutboxEntry> &all) {
                if (ticket != m_loadTicket)
                    return;
                m_entries = all;
                m_loaded = true;
                int pending = 0;
                for (const OutboxEntry &e : std::as_const(m_entries))
                    pending += e.status == OutboxStatus::Pending ? 1 : 0;
                setPendingCount(pending);
                Q_EMIT loaded();
                pushNext();
            });
    connect(store, &StoreWorker::outboxEnqueued, this,
            [this](quint64 ticket, const OutboxEntry &stored) {
                if (!m_submits.remove(ticket))
                    return;
                m_entries.append(stored);
                // Durable now: only at this point may the UI say "saved".
                Q_EMIT saved(ticket, stored);
                pushNext();
            });
    connect(store, &StoreWorker::outboxChanged, this, [this](quint64 ticket, qint64, int pending) {
        setPendingCount(pending);
        if (const auto then = m_calls.take(ticket))
            then(true, QString());
    });
    connect(store, &StoreWorker::failed, this, [this](quint64 ticket, const StoreError &error) {
        if (m_submits.remove(ticket)) {
            Q_EMIT saveFailed(
                ticket,
                tr("The decision could not be saved in the local cache: %1").arg(error.message));
            return;
        }
        if (ticket == m_loadTicket) {
            qCWarning(lcSync).noquote() << "could not load the outbox:" << error.message;
            return;
        }
        if (const auto then = m_calls.take(ticket))
            then(false, error.message);
    });
}

Outbox::~Outbox()
{
    if (ConnectorCall *call = m_call)
        call->abort();
}

void Outbox::start()
{
    StoreWorker *store = m_store;
    if (!store)
        return;
    m_loadTicket = nextSyncTicket();
    const quint64 ticket = m_loadTicket;
    QMetaObject::invokeMethod(
        store, [store, ticket] { store->loadOutbox(ticket); }, Qt::QueuedConnection);
}

quint64 Outbox::submit(const QString &requestId, OutboxAction action, const QString &text,
                       const QString &actor, qint64 baseVersion)
{
    OutboxEntry e;
    // The key is fixed here, once: every retry of this decision, in this
    // process or after a restart, carries the same key.
    e.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.requestId = requestId;
    e.action = action;
    e.text = text;
    e.actor = actor;
    e.baseVersion = baseVersion;
    e.createdAt = QDateTime::currentDateTimeUtc();
    e.status = OutboxStatus::Pending;
    const quint64 ticket = nextSyncTicket();
    m_submits.insert(ticket, true);
    if (StoreWorker *store = m_store)
        QMetaObject::invokeMethod(
            store, [store, e, ticket] { store->enqueue(e, ticket); }, Qt::QueuedConnection);
    return ticket;
}

QList<OutboxEntry> Outbox::conflicts() const
{
    QList<OutboxEntry> out;
    for (const OutboxEntry &e : m_entries) {
        if (e.status == OutboxStatus::Conflict)
            out.append(e);
    }
    return out;
}

bool Outbox::isIdle() const
{
    if (m_pushing)
        return false;
    if (m_paused)
        return true;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const OutboxEntry &e : m_entries) {
        if (e.status == OutboxStatus::Pending)
            return e.nextAttemptAt.isValid() && e.nextAttemptAt > now && !m_forceDue;
    }
    return true;
}

void Outbox::pushNow()
{
    m_paused = false;
    m_forceDue = true;
    m_retryTimer.stop();
    pushNext();
}

void Outbox::pushNext()
{
    if (m_pushing || !m_loaded)
        return;
    if (m_paused) {
        Q_EMIT idle();
        return;
    }
    // Oldest first, one at a time: a note and the decision that follows it
    // must reach the portal in the order the manager made them.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const OutboxEntry &e : std::as_const(m_entries)) {
        if (e.status != OutboxStatus::Pending)
            continue;
        if (!m_forceDue && e.nextAttemptAt.isValid() && e.nextAttemptAt > now) {
            if (m_options.autoRetry)
                m_retryTimer.start(milliseconds(std::max<qint64>(0, now.msecsTo(e.nextAttemptAt))));
            Q_EMIT idle();
            return;
        }
        push(e);
        return;
    }
    m_forceDue = false;
    Q_EMIT idle();
}

void Outbox::push(const OutboxEntry &e)
{
    m_pushing = true;
    PushOptions options;
    options.maxAttempts = m_options.attemptsPerPush;
    ConnectorCall *call = m_connector->push(e, options);
    m_call = call;
    const qint64 localId = e.localId;
    qCDebug(lcSync) << "pushing outbox entry" << localId << toCode(e.action) << e.requestId << "to"
                    << m_connector->kind();
    connect(call, &ConnectorCall::finished, this,
            [this, localId](const ConnectorResult &r) { onPushed(localId, r); });
}

void Outbox::onPushed(qint64 localId, const ConnectorResult &r)
{
    OutboxEntry *e = entry(localId);
    if (!e) {
        m_pushing = false;
        pushNext();
        return;
    }
    auto after = [this](Continuation then) {
        return [this, then](bool ok, const QString &error) {
            m_pushing = false;
            then(ok, error);
            pushNext();
        };
    };

    if (r.push == ConnectorResult::PushOutcome::Delivered) {
        // The portal applied it. The request it returns (if the connector
        // could read one) updates the cache in the same transaction; without
        // one the next sync brings it.
        const std::optional<EscalationRequest> request = r.request;
        storeCall([localId, request](StoreWorker *s,
                                     quint64 t) { s->markDelivered(localId, request, t); },
                  after([this, localId](bool ok, const QString &error) {
                      OutboxEntry *entry = this->entry(localId);
                      if (!entry)
                          return;
                      if (!ok) {
                          // Still pending in the cache: the next push repeats
                          // the key and the portal answers the same again.
                          qCWarning(lcSync).noquote() << "could not record delivery:" << error;
                          entry->nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(5);
                          return;
                      }
                      entry->status = OutboxStatus::Delivered;
                      Q_EMIT delivered(*entry);
                  }));
        return;
    }

    if (r.push == ConnectorResult::PushOutcome::Conflict) {
        const QString json = r.conflictJson;
        const QString message = r.message;
        storeCall([localId, json, message](
                      StoreWorker *s, quint64 t) { s->markConflict(localId, json, message, t); },
                  after([this, localId, json, message](bool ok, const QString &error) {
                      OutboxEntry *entry = this->entry(localId);
                      if (!entry)
                          return;
                      if (!ok) {
                          qCWarning(lcSync).noquote() << "could not record conflict:" << error;
                          entry->nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(5);
                          return;
                      }
                      entry->status = OutboxStatus::Conflict;
                      entry->conflictJson = json;
                      entry->lastError = message;
                      Q_EMIT conflicted(*entry);
                  }));
        return;
    }
    if (r.push == ConnectorResult::PushOutcome::Rejected) {
        // A rule violation, a malformed or unknown request: retrying cannot
        // help. Kept as rejected, with the portal's reason.
        const QString message = r.message;
        storeCall(
            [localId, message](StoreWorker *s, quint64 t) { s->markRejected(localId, message, t); },
            after([this, localId, message](bool ok, const QString &error) {
                OutboxEntry *entry = this->entry(localId);
                if (!entry)
                    return;
                if (!ok) {
                    qCWarning(lcSync).noquote() << "could not record rejection:" << error;
                    entry->nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(5);
                    return;
                }
                entry->status = OutboxStatus::Rejected;
                entry->lastError = message;
                Q_EMIT rejected(*entry);
            }));
        return;
    }

    // Not delivered, not refused: keep it pending and try again later.
    const bool needsUser = r.needsUser();
    const int attempts = e->attempts + 1;
    const Backoff backoff = Backoff::equalJitter(m_options.retryBase, m_options.retryCap);
    const QDateTime next = needsUser ? QDateTime()
                                     : QDateTime::currentDateTimeUtc().addMSecs(
                                         backoff.delay(attempts - 1, r.retryAfter).count());
    const QString message = r.message;
    const bool willRetry = m_options.autoRetry && !needsUser;
    if (needsUser)
        m_paused = true;
    m_forceDue = false;
    storeCall([localId, message, next](StoreWorker *s,
                                       quint64 t) { s->recordAttempt(localId, message, next, t); },
              after([this, localId, attempts, next, message, willRetry](bool, const QString &) {
                  OutboxEntry *entry = this->entry(localId);
                  if (!entry)
                      return;
                  entry->attempts = attempts;
                  entry->nextAttemptAt =
                      next.isValid() ? next : QDateTime::currentDateTimeUtc().addYears(1);
                  entry->lastError = message;
                  Q_EMIT deliveryFailed(*entry, message, willRetry);
              }));
}

void Outbox::storeCall(const std::function<void(StoreWorker *, quint64)> &call, Continuation then)
{
    StoreWorker *store = m_store;
    if (!store) {
        then(false, tr("The local cache is closed."));
        return;
    }
    const quint64 ticket = nextSyncTicket();
    m_calls.insert(ticket, std::move(then));
    QMetaObject::invokeMethod(
        store, [store, call, ticket] { call(store, ticket); }, Qt::QueuedConnection);
}

OutboxEntry *Outbox::entry(qint64 localId)
{
    for (OutboxEntry &e : m_entries) {
        if (e.localId == localId)
            return &e;
    }
    return nullptr;
}

void Outbox::setPendingCount(int count)
{
    if (count == m_pendingCount)
        return;
    m_pendingCount = count;
    Q_EMIT pendingCountChanged(count);
}

} // namespace Escalation

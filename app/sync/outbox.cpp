#include "outbox.h"

#include "nativeconnector.h"
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

    connect(store, &StoreWorker::outboxPendingChanged, this, &Outbox::setPendingCount);
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
    whenAnswered(store->loadOutbox(), this, [this](const StoreResult<QList<OutboxEntry>> &all) {
        if (!all) {
            qCWarning(lcSync).noquote() << "could not load the outbox:" << all.error().message;
            return;
        }
        m_entries = *all;
        m_loaded = true;
        int pending = 0;
        for (const OutboxEntry &e : std::as_const(m_entries))
            pending += e.status == OutboxStatus::Pending ? 1 : 0;
        setPendingCount(pending);
        Q_EMIT loaded();
        pushNext();
    });
}

void Outbox::submit(const QString &requestId, OutboxAction action, const QString &text,
                    const QString &actor, qint64 baseVersion, const ActionDetails &details)
{
    OutboxEntry e;
    // The key is fixed here, once: every retry of this decision, in this
    // process or after a restart, carries the same key.
    e.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.requestId = requestId;
    e.action = action;
    e.text = text;
    e.justification = details.justification;
    e.toTeam = details.toTeam;
    e.actor = actor;
    e.baseVersion = baseVersion;
    e.createdAt = QDateTime::currentDateTimeUtc();
    e.status = OutboxStatus::Pending;
    StoreWorker *store = m_store;
    if (!store)
        return;
    whenAnswered(store->enqueue(e), this, [this](const StoreResult<OutboxEntry> &stored) {
        if (!stored) {
            Q_EMIT saveFailed(tr("The decision could not be saved in the local cache: %1")
                                  .arg(stored.error().message));
            return;
        }
        m_entries.append(*stored);
        // Durable now: only at this point may the UI say "saved".
        Q_EMIT saved(*stored);
        pushNext();
    });
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
        storeWrite(
            [localId, request](StoreWorker *s) { return s->markDelivered(localId, request); },
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
        storeWrite([localId, json,
                    message](StoreWorker *s) { return s->markConflict(localId, json, message); },
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
    if (r.push == ConnectorResult::PushOutcome::Rejected
        || r.push == ConnectorResult::PushOutcome::Refused) {
        // A rule violation, a malformed or unknown request, or (403) an
        // action the user's role may not take: retrying cannot help. Kept
        // as rejected or refused, with the portal's reason.
        const bool refused = r.push == ConnectorResult::PushOutcome::Refused;
        const QString message = r.message;
        storeWrite(
            [localId, message, refused](StoreWorker *s) {
                return refused ? s->markRefused(localId, message)
                               : s->markRejected(localId, message);
            },
            after([this, localId, message, refused](bool ok, const QString &error) {
                OutboxEntry *entry = this->entry(localId);
                if (!entry)
                    return;
                if (!ok) {
                    qCWarning(lcSync).noquote() << "could not record refusal:" << error;
                    entry->nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(5);
                    return;
                }
                entry->status = refused ? OutboxStatus::Refused : OutboxStatus::Rejected;
                entry->lastError = message;
                if (refused)
                    Q_EMIT this->refused(*entry);
                else
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
    storeWrite([localId, message,
                next](StoreWorker *s) { return s->recordAttempt(localId, message, next); },
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

void Outbox::storeWrite(const std::function<QFuture<StoreResult<void>>(StoreWorker *)> &write,
                        Continuation then)
{
    StoreWorker *store = m_store;
    if (!store) {
        then(false, tr("The local cache is closed."));
        return;
    }
    whenAnswered(write(store), this, [then = std::move(then)](const StoreResult<void> &answer) {
        then(bool(answer), answer.error().message);
    });
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

#include "liveactivity.h"

#include "datagenerator.h"
#include "portallog.h"
#include "portalstore.h"

#include <QDateTime>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

// Random picks are retried a few times before a step gives up: most cases
// qualify, so this finds one almost always without scanning everything.
constexpr int attempts = 24;

bool isActive(const EscalationRequest &r)
{
    return r.state != RequestState::Superseded && r.state != RequestState::Closed;
}

} // namespace

LiveActivity::LiveActivity(PortalStore *store, quint64 seed, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_rng(seed ^ 0xAC71517EULL)
{
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const QString what = step();
        if (!what.isEmpty())
            qCDebug(lcPortal) << "activity:" << what;
    });
}

void LiveActivity::start(double perMinute)
{
    if (perMinute <= 0) {
        stop();
        return;
    }
    m_timer.start(std::max(1, int(60000.0 / perMinute)));
}

void LiveActivity::stop()
{
    m_timer.stop();
}

QString LiveActivity::step()
{
    static constexpr std::array<int, 7> weights = {28, 30, 12, 12, 10, 6, 2};
    int roll = int(m_rng.bounded(100));
    std::size_t choice = 0;
    while (choice + 1 < weights.size() && roll >= weights[choice]) {
        roll -= weights[choice];
        ++choice;
    }
    switch (choice) {
    case 0:
        return newRequest();
    case 1:
        return updateCase();
    case 2:
        return reEscalate();
    case 3:
        return managerAction();
    case 4:
        return newCase();
    case 5:
        return closeCase();
    default:
        return removeDuplicateCase();
    }
}

QString LiveActivity::newRequest()
{
    for (int i = 0; i < attempts && m_store->caseSlots() > 0; ++i) {
        const Case *c = m_store->caseAt(m_rng.bounded(quint32(m_store->caseSlots())));
        if (!c || c->isOutage() || c->status == u"closed"_s)
            continue;
        const auto requests = m_store->requestsOfCase(c->id);
        if (std::any_of(requests.begin(), requests.end(),
                        [](const auto *r) { return isActive(*r); }))
            continue;
        EscalationInput input;
        input.reason = DataGenerator::randomReason(m_rng);
        input.summary =
            DataGenerator::randomSummary(m_rng, input.reason, 1, QDateTime::currentDateTimeUtc());
        input.requestedBy = DataGenerator::requesterFor(m_rng, c->account);
        const QString caseId = c->id;
        if (m_store->createEscalation(caseId, input, {}, {}).status == 200)
            return u"new_request "_s + caseId;
    }
    return {};
}

QString LiveActivity::updateCase()
{
    for (int i = 0; i < attempts && m_store->caseSlots() > 0; ++i) {
        const Case *c = m_store->caseAt(m_rng.bounded(quint32(m_store->caseSlots())));
        if (!c || c->status == u"closed"_s)
            continue;
        Case updated = *c;
        const QDateTime now =
            QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
        if (!updated.firstResponseAt.isValid() || m_rng.chance(0.5)) {
            if (!updated.firstResponseAt.isValid())
                updated.firstResponseAt = now;
            updated.lastSupportUpdateAt = now;
            if (updated.assignee.isEmpty())
                updated.assignee = DataGenerator::randomEngineer(m_rng);
        } else {
            updated.lastCustomerUpdateAt = now;
            if (m_rng.chance(0.2))
                updated.priority = CustomerPriority::High;
        }
        if (m_store->updateCase(updated))
            return u"update_case "_s + updated.id;
    }
    return {};
}

QString LiveActivity::reEscalate()
{
    for (int i = 0; i < attempts && m_store->requestSlots() > 0; ++i) {
        const EscalationRequest *r =
            m_store->requestAt(m_rng.bounded(quint32(m_store->requestSlots())));
        if (!r || !isActive(*r) || r->level >= 4)
            continue;
        const Case *c = m_store->findCase(r->caseId);
        if (!c || c->status == u"closed"_s)
            continue;
        EscalationInput input;
        input.reason = DataGenerator::randomReason(m_rng);
        input.summary = DataGenerator::randomSummary(m_rng, input.reason, r->level + 1,
                                                     QDateTime::currentDateTimeUtc());
        input.requestedBy = r->requestedBy;
        input.previousRequestId = r->id;
        const QString caseId = r->caseId;
        if (m_store->createEscalation(caseId, input, {}, {}).status == 200)
            return u"re_escalate "_s + input.previousRequestId;
    }
    return {};
}

QString LiveActivity::managerAction()
{
    for (int i = 0; i < attempts && m_store->requestSlots() > 0; ++i) {
        const EscalationRequest *r =
            m_store->requestAt(m_rng.bounded(quint32(m_store->requestSlots())));
        if (!r || r->state != RequestState::Pending)
            continue;
        ActionInput input;
        input.actor = DataGenerator::randomManager(m_rng);
        input.version = r->version;
        const quint32 kind = m_rng.bounded(4);
        if (kind == 0) {
            input.action = u"accept"_s;
            input.text = u"Accepted: an engineer from the product team joins the case today."_s;
        } else if (kind == 1) {
            input.action = u"decline"_s;
            input.text = u"Declined: the case is progressing within its SLA."_s;
        } else if (kind == 2) {
            input.action = u"take_ownership"_s;
        } else {
            input.action = u"note"_s;
            input.text = u"Looked at the case; waiting for the customer's logs."_s;
        }
        const QString id = r->id;
        if (m_store->applyAction(id, input, {}, {}).status == 200)
            return input.action + u' ' + id;
    }
    return {};
}

QString LiveActivity::newCase()
{
    const QDateTime now =
        QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    const qint64 serial = m_store->nextCaseId().mid(2).toLongLong();
    Case c = DataGenerator::randomCase(m_rng, serial, now, m_rng.chance(0.05));
    const QString id = c.id;
    return m_store->addCase(std::move(c)) ? u"new_case "_s + id : QString();
}

QString LiveActivity::closeCase()
{
    for (int i = 0; i < attempts && m_store->caseSlots() > 0; ++i) {
        const Case *c = m_store->caseAt(m_rng.bounded(quint32(m_store->caseSlots())));
        if (!c || c->status == u"closed"_s)
            continue;
        const QString id = c->id;
        if (m_store->closeCase(id))
            return u"close_case "_s + id;
    }
    return {};
}

QString LiveActivity::removeDuplicateCase()
{
    for (int i = 0; i < attempts && m_store->caseSlots() > 0; ++i) {
        const Case *c = m_store->caseAt(m_rng.bounded(quint32(m_store->caseSlots())));
        if (!c || !m_store->requestsOfCase(c->id).isEmpty())
            continue;
        const QString id = c->id;
        if (m_store->removeCase(id))
            return u"remove_case "_s + id;
    }
    return {};
}

} // namespace Escalation::Portal

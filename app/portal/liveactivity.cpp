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

// One symptom as different customers put it, and what they write.
struct Symptom {
    std::array<const char16_t *, 4> subjects;
    std::array<const char16_t *, 2> summaries;
};

const std::array<Symptom, 4> &majorSymptoms()
{
    static const std::array<Symptom, 4> symptoms {{
        {{u"Payment gateway rejects valid cards", u"Card payments rejected by payment gateway",
          u"Payment gateway declining valid credit cards",
          u"Valid cards rejected at checkout (payment gateway)"},
         {u"Checkout fails for every shopper since this morning; revenue is at stake.",
          u"Our web shop cannot take card payments at all."}},
        {{u"SSO login loops back to the portal", u"SSO login loop after the update",
          u"Login redirect loop with SSO", u"SSO login keeps looping to the portal page"},
         {u"Nobody in our organisation can sign in.",
          u"Users are stuck in a redirect loop at login."}},
        {{u"EU cluster replication lag above 20 minutes", u"Replication lag growing on EU cluster",
          u"Database replication lag in the EU cluster", u"EU cluster replication lag"},
         {u"Our reports show data from half an hour ago.",
          u"Dashboards are stale; the operations team works blind."}},
        {{u"Webhook deliveries delayed by several hours", u"Webhook deliveries hours late",
          u"Delayed webhook deliveries to our endpoint", u"Webhook deliveries delayed"},
         {u"Our integration receives events hours late.",
          u"Orders are processed hours late because webhooks lag."}},
    }};
    return symptoms;
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
    static constexpr std::array<int, 8> weights = {28, 29, 12, 12, 10, 6, 2, 1};
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
    case 6:
        return removeDuplicateCase();
    default:
        return majorIssue();
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
        if (r->isWaitingOnRequester()) {
            // The requester answers the manager's question.
            const QString id = r->id;
            ReplyInput reply;
            reply.text = u"Logs attached; the failure happens on every node since Monday."_s;
            reply.by = r->requestedBy;
            if (m_store->answerQuestion(id, reply, {}, {}).status == 200)
                return u"requester_reply "_s + id;
            continue;
        }
        ActionInput input;
        input.actor = DataGenerator::randomManager(m_rng);
        input.version = r->version;
        const quint32 kind = m_rng.bounded(5);
        if (kind == 0) {
            input.action = u"accept"_s;
            input.text = u"Accepted: an engineer from the product team joins the case today."_s;
            // A request raised too early is accepted only with a reason.
            input.justification =
                u"The customer's release is tomorrow; the minimum age would miss it."_s;
        } else if (kind == 1) {
            input.action = u"decline"_s;
            input.text = u"Declined: the case is progressing within its SLA."_s;
        } else if (kind == 2) {
            input.action = u"take_ownership"_s;
        } else if (kind == 3) {
            input.action = u"ask_requester"_s;
            input.text = u"Could you send the logs from the failing node and the time it "
                         "started?"_s;
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

QString LiveActivity::majorIssue()
{
    const QDateTime now =
        QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    const Symptom &symptom = majorSymptoms()[m_rng.bounded(quint32(majorSymptoms().size()))];
    const int customers = 4 + int(m_rng.bounded(4));
    int escalated = 0;
    for (int i = 0; i < customers; ++i) {
        const qint64 serial = m_store->nextCaseId().mid(2).toLongLong();
        // Opened days ago, so that the escalation is past every minimum age.
        Case c = DataGenerator::randomCase(m_rng, serial, now.addDays(-5), false);
        // The first customer's words are the plainest; the others vary.
        c.subject = QString::fromUtf16(symptom.subjects[i == 0 ? 0 : m_rng.bounded(4)]);
        c.severity = Severity::S2;
        c.status = u"open"_s;
        const QString caseId = c.id;
        const QString account = c.account;
        if (!m_store->addCase(std::move(c)))
            continue;
        EscalationInput input;
        input.reason = Reason::ImpairedFunction;
        input.summary = QString::fromUtf16(symptom.summaries[m_rng.bounded(2)]);
        input.requestedBy = DataGenerator::requesterFor(m_rng, account);
        if (m_store->createEscalation(caseId, input, {}, {}).status == 200)
            ++escalated;
    }
    return escalated > 0
        ? u"major_issue %1 %2"_s.arg(escalated).arg(QString::fromUtf16(symptom.subjects[0]))
        : QString();
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

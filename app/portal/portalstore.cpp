#include "portalstore.h"

#include "escalationpolicy.h"
#include "portaljson.h"
#include "portallog.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

constexpr int maxNotes = 500;

QByteArray detailsWithRule(QStringView rule)
{
    QByteArray out = "{\"rule\":";
    Json::appendString(out, rule);
    out.append('}');
    return out;
}

QByteArray detailsWithCurrent(const QByteArray &record)
{
    return "{\"current\":" + record + '}';
}

QByteArray requestAnswer(const QByteArray &record)
{
    return "{\"request\":" + record + '}';
}

} // namespace

PortalStore::PortalStore(QObject *parent)
    : QObject(parent)
{
}

PortalStore::~PortalStore() = default;

QDateTime PortalStore::now() const
{
    // Whole seconds keep the wire format short and equal to what is stored.
    return QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
}

namespace {
// How often a portal on a shared database looks for changes it was not
// told of (a lost notice, a dropped listening connection).
constexpr int SharedPollMs = 2000;
} // namespace

bool PortalStore::openDatabase(const QString &path, QString *error)
{
    auto db = std::make_unique<PortalDatabase>();
    if (!db->open(path, error))
        return false;
    DatabaseSnapshot snapshot;
    if (!db->load(&snapshot, error))
        return false;

    m_baseSequence = snapshot.meta.value(u"base"_s).toLongLong();
    m_sequence = snapshot.meta.value(u"sequence"_s).toLongLong();
    m_nextCaseSerial =
        snapshot.meta.value(u"nextCase"_s, QString::number(m_nextCaseSerial)).toLongLong();
    m_nextRequestSerial =
        snapshot.meta.value(u"nextRequest"_s, QString::number(m_nextRequestSerial)).toLongLong();
    m_nextNoteSerial =
        snapshot.meta.value(u"nextNote"_s, QString::number(m_nextNoteSerial)).toLongLong();

    // A record that cannot be read fails the open: the file is not ours to guess at.
    for (const StoredRecord &stored : std::as_const(snapshot.cases)) {
        auto c = Json::caseFromJson(QJsonDocument::fromJson(stored.json).object());
        if (!c) {
            *error = tr("%1: a stored case cannot be read").arg(path);
            return false;
        }
        placeCase(std::move(*c), stored.sequence, stored.json);
    }
    for (const StoredRecord &stored : std::as_const(snapshot.requests)) {
        auto r = Json::requestFromJson(QJsonDocument::fromJson(stored.json).object());
        if (!r || !m_caseIndex.contains(r->caseId)) {
            *error = tr("%1: a stored escalation request cannot be read").arg(path);
            return false;
        }
        placeRequest(std::move(*r), stored.sequence, stored.json);
    }
    // Requests of a case in level order, whatever order they were stored in.
    for (CaseSlot &c : m_cases) {
        std::sort(c.requestSlots.begin(), c.requestSlots.end(), [this](int a, int b) {
            return m_requests[std::size_t(a)].data.level < m_requests[std::size_t(b)].data.level;
        });
    }
    for (const StoredTombstone &t : std::as_const(snapshot.tombstones))
        placeRemoval(t);
    m_answers = std::move(snapshot.answers);
    m_applications = std::move(snapshot.applications);
    m_db = std::move(db);
    qCInfo(lcPortal) << "opened" << PortalDatabase::displayLocator(path) << "with"
                     << m_caseIndex.size() << "cases," << m_requestIndex.size()
                     << "requests, sequence" << m_sequence;
    if (m_db->isShared()) {
        // Other portals on the database: hear of their commits at once, and
        // look every few seconds in case a notice was lost.
        if (!m_db->listen(
                this, [this] { catchUp(); }, error))
            return false;
        m_pollShared = new QTimer(this);
        m_pollShared->setInterval(SharedPollMs);
        connect(m_pollShared, &QTimer::timeout, this, [this] {
            if (!m_turnOpen && m_db->committedSequence() > m_sequence)
                catchUp();
        });
        m_pollShared->start();
    }
    return true;
}

void PortalStore::setSharedPoll(std::chrono::milliseconds interval)
{
    if (!m_pollShared)
        return;
    m_pollShared->setInterval(int(interval.count()));
    if (interval.count() > 0)
        m_pollShared->start();
    else
        m_pollShared->stop();
}

bool PortalStore::catchUp()
{
    if (!m_db || !m_db->isShared())
        return true;
    DatabaseSnapshot delta;
    QString error;
    if (!m_db->loadSince(m_sequence, &delta, &error)) {
        qCWarning(lcPortal) << "cannot read the other portals' changes:" << error;
        return false;
    }
    const qint64 committed = delta.meta.value(u"sequence"_s).toLongLong();
    if (committed <= m_sequence)
        return true;
    applyStored(delta);
    const auto counter = [&delta](const QString &key, qint64 current) {
        return std::max(current, delta.meta.value(key).toLongLong());
    };
    m_nextCaseSerial = counter(u"nextCase"_s, m_nextCaseSerial);
    m_nextRequestSerial = counter(u"nextRequest"_s, m_nextRequestSerial);
    m_nextNoteSerial = counter(u"nextNote"_s, m_nextNoteSerial);
    if (m_baseSequence == 0)
        m_baseSequence = delta.meta.value(u"base"_s).toLongLong();
    m_sequence = committed;
    Q_EMIT changed(m_sequence);
    return true;
}

void PortalStore::applyStored(const DatabaseSnapshot &delta)
{
    for (const StoredRecord &stored : delta.cases) {
        if (auto c = Json::caseFromJson(QJsonDocument::fromJson(stored.json).object()))
            placeCase(std::move(*c), stored.sequence, stored.json);
        else
            qCWarning(lcPortal) << "a case another portal stored cannot be read; skipped";
    }
    for (const StoredRecord &stored : delta.requests) {
        auto r = Json::requestFromJson(QJsonDocument::fromJson(stored.json).object());
        if (r && m_caseIndex.contains(r->caseId))
            placeRequest(std::move(*r), stored.sequence, stored.json);
        else
            qCWarning(lcPortal) << "a request another portal stored cannot be read; skipped";
    }
    for (const StoredTombstone &t : delta.tombstones)
        placeRemoval(t);
    for (auto it = delta.applications.cbegin(); it != delta.applications.cend(); ++it)
        m_applications[it.key()] += it.value();
}

void PortalStore::placeCase(Case c, qint64 sequence, QByteArray json)
{
    int slot = m_caseIndex.value(c.id, -1);
    if (slot < 0) {
        slot = int(m_cases.size());
        m_caseIndex.insert(c.id, slot);
        m_cases.push_back(CaseSlot {});
    } else {
        m_feed.erase(m_cases[std::size_t(slot)].sequence);
    }
    CaseSlot &cs = m_cases[std::size_t(slot)];
    cs.data = std::move(c);
    cs.sequence = sequence;
    cs.json = std::move(json);
    m_feed.emplace(sequence, FeedRef {RefKind::Case, slot});
}

void PortalStore::placeRequest(EscalationRequest r, qint64 sequence, QByteArray json)
{
    int slot = m_requestIndex.value(r.id, -1);
    if (slot < 0) {
        slot = int(m_requests.size());
        m_requestIndex.insert(r.id, slot);
        const int caseSlot = m_caseIndex.value(r.caseId, -1);
        m_requests.push_back(RequestSlot {{}, 0, {}, caseSlot, false});
        if (caseSlot >= 0)
            m_cases[std::size_t(caseSlot)].requestSlots.push_back(slot);
    } else {
        m_feed.erase(m_requests[std::size_t(slot)].sequence);
    }
    RequestSlot &rs = m_requests[std::size_t(slot)];
    rs.data = std::move(r);
    rs.sequence = sequence;
    rs.json = std::move(json);
    m_feed.emplace(sequence, FeedRef {RefKind::Request, slot});
}

void PortalStore::placeRemoval(const StoredTombstone &t)
{
    const auto forget = [this](auto &index, auto &records, const QString &id) {
        const auto it = index.find(id);
        if (it == index.end())
            return; // never seen here, or already removed
        auto &slot = records[std::size_t(*it)];
        index.erase(it);
        m_feed.erase(slot.sequence);
        slot.removed = true;
        slot.json.clear();
    };
    if (t.isCase)
        forget(m_caseIndex, m_cases, t.id);
    else
        forget(m_requestIndex, m_requests, t.id);
    const int tombstone = int(m_tombstones.size());
    m_tombstones.push_back(t);
    m_feed.emplace(t.sequence,
                   FeedRef {t.isCase ? RefKind::RemovedCase : RefKind::RemovedRequest, tombstone});
}

PortalStore::WriteTurn::WriteTurn(PortalStore *store, const QString &key)
    : m_store(store)
{
    // Not shared, or already inside a write's turn (a write that remembers
    // a refusal): nothing to take.
    if (!store->m_db || !store->m_db->isShared() || store->m_turnOpen) {
        m_store = nullptr;
        return;
    }
    m_ok = store->beginWrite();
    // The answer another portal stored under this key counts as ours.
    if (m_ok && !key.isEmpty() && !store->m_answers.contains(key)) {
        if (const std::optional<StoredAnswer> answer = store->m_db->answerFor(key))
            store->m_answers.insert(key, *answer);
    }
}

PortalStore::WriteTurn::~WriteTurn()
{
    // Nothing was written (a refusal without a key): end the transaction.
    if (m_store && m_store->m_turnOpen) {
        if (m_store->m_db->inTransaction())
            m_store->m_db->commit();
        m_store->m_turnOpen = false;
    }
}

bool PortalStore::beginWrite()
{
    if (!m_db->begin())
        return false;
    m_turnOpen = true;
    if (catchUp())
        return true;
    m_db->rollback();
    m_turnOpen = false;
    return false;
}

std::optional<WriteResult> PortalStore::startWrite(const WriteTurn &turn, const QString &key,
                                                   const QByteArray &fingerprint) const
{
    if (!turn.ok())
        return error(503, u"unavailable",
                     tr("The portal cannot reach its database: %1").arg(m_db->lastError()));
    if (key.isEmpty())
        return std::nullopt;
    return storedAnswer(key, fingerprint);
}

bool PortalStore::populate(GeneratedData data, QString *error, bool *seeded)
{
    Q_ASSERT(isEmpty());
    if (seeded)
        *seeded = true;
    // Portals starting together on an empty shared database: the first to
    // take the writers' lock fills it, the others read what it stored.
    WriteTurn turn(this, {});
    if (!turn.ok()) {
        *error = m_db->lastError();
        return false;
    }
    if (!isEmpty()) {
        if (seeded)
            *seeded = false;
        return true;
    }
    // Cursors start at the creation time in microseconds: a client holding a
    // cursor from an earlier, since discarded, portal database has a lower
    // one and simply receives everything again.
    m_baseSequence = QDateTime::currentMSecsSinceEpoch() * 1000;
    qint64 sequence = m_baseSequence;
    m_cases.reserve(std::size_t(data.cases.size()));
    m_requests.reserve(std::size_t(data.requests.size()));
    m_caseIndex.reserve(data.cases.size());
    m_requestIndex.reserve(data.requests.size());

    if (m_db && !m_turnOpen && !m_db->begin()) {
        *error = m_db->lastError();
        return false;
    }
    qsizetype next = 0;
    for (Case &c : data.cases) {
        const int caseSlot = int(m_cases.size());
        m_caseIndex.insert(c.id, caseSlot);
        m_cases.push_back(CaseSlot {std::move(c), ++sequence, {}, {}, false});
        m_feed.emplace(sequence, FeedRef {RefKind::Case, caseSlot});
        CaseSlot &cs = m_cases.back();
        if (m_db && !m_db->putCase(cs.data.id, cs.sequence, jsonOf(cs)))
            break;
        while (next < data.requests.size() && data.requests.at(next).caseId == cs.data.id) {
            const int slot = int(m_requests.size());
            m_requestIndex.insert(data.requests.at(next).id, slot);
            m_requests.push_back(
                RequestSlot {std::move(data.requests[next]), ++sequence, {}, caseSlot, false});
            m_feed.emplace(sequence, FeedRef {RefKind::Request, slot});
            cs.requestSlots.push_back(slot);
            const RequestSlot &rs = m_requests.back();
            if (m_db && !m_db->putRequest(rs.data.id, rs.sequence, jsonOf(rs))) {
                *error = m_db->lastError();
                m_db->rollback();
                return false;
            }
            ++next;
        }
    }
    // Serialize everything now rather than on the first page: a client's
    // first full sync then costs the portal only copying bytes.
    if (!m_db) {
        for (const CaseSlot &cs : m_cases)
            jsonOf(cs);
        for (const RequestSlot &rs : m_requests)
            jsonOf(rs);
    }
    m_sequence = sequence;
    m_nextCaseSerial = DataGenerator::firstCaseSerial + data.cases.size();
    m_nextRequestSerial = DataGenerator::firstRequestSerial + data.requests.size();
    m_nextNoteSerial = data.nextNoteNumber;
    if (m_db) {
        const bool ok = m_db->putMeta(u"base"_s, QString::number(m_baseSequence))
            && m_db->putMeta(u"sequence"_s, QString::number(m_sequence))
            && m_db->putMeta(u"nextCase"_s, QString::number(m_nextCaseSerial))
            && m_db->putMeta(u"nextRequest"_s, QString::number(m_nextRequestSerial))
            && m_db->putMeta(u"nextNote"_s, QString::number(m_nextNoteSerial))
            && m_cases.size() == std::size_t(data.cases.size()) && m_db->notifyChanged(m_sequence)
            && m_db->commit();
        m_turnOpen = false;
        if (!ok) {
            *error = m_db->lastError();
            m_db->rollback();
            return false;
        }
    }
    return true;
}

const QByteArray &PortalStore::jsonOf(const CaseSlot &slot) const
{
    if (slot.json.isEmpty())
        slot.json = Json::caseRecord(slot.data);
    return slot.json;
}

const QByteArray &PortalStore::jsonOf(const RequestSlot &slot) const
{
    if (slot.json.isEmpty())
        slot.json = Json::requestRecord(slot.data);
    return slot.json;
}

ChangesPage PortalStore::changes(qint64 since, int limit) const
{
    const qint64 from = (since < m_baseSequence || since > m_sequence) ? m_baseSequence : since;
    QByteArray cases;
    QByteArray requests;
    QByteArray removedCases;
    QByteArray removedRequests;
    // About 700 bytes per record: one allocation for the common page.
    requests.reserve(limit * 720);
    cases.reserve(limit * 520);
    ChangesPage page;
    page.cursor = from;
    int count = 0;
    auto it = m_feed.upper_bound(from);
    for (; it != m_feed.end() && count < limit; ++it, ++count) {
        const FeedRef ref = it->second;
        switch (ref.kind) {
        case RefKind::Case:
            if (!cases.isEmpty())
                cases.append(',');
            cases.append(jsonOf(m_cases[std::size_t(ref.index)]));
            break;
        case RefKind::Request:
            if (!requests.isEmpty())
                requests.append(',');
            requests.append(jsonOf(m_requests[std::size_t(ref.index)]));
            break;
        case RefKind::RemovedCase:
            if (!removedCases.isEmpty())
                removedCases.append(',');
            Json::appendString(removedCases, m_tombstones[std::size_t(ref.index)].id);
            break;
        case RefKind::RemovedRequest:
            if (!removedRequests.isEmpty())
                removedRequests.append(',');
            Json::appendString(removedRequests, m_tombstones[std::size_t(ref.index)].id);
            break;
        }
        page.cursor = it->first;
    }
    page.hasMore = it != m_feed.end();
    QByteArray &body = page.body;
    body.reserve(cases.size() + requests.size() + removedCases.size() + removedRequests.size()
                 + 128);
    body.append("{\"cases\":[").append(cases).append("],\"requests\":[").append(requests);
    body.append("],\"removed\":{\"cases\":[").append(removedCases).append("],\"requests\":[");
    body.append(removedRequests).append("]},\"cursor\":\"").append(QByteArray::number(page.cursor));
    body.append("\",\"hasMore\":").append(page.hasMore ? "true" : "false").append('}');
    return page;
}

const Case *PortalStore::findCase(QStringView id) const
{
    const auto it = m_caseIndex.constFind(id.toString());
    return it == m_caseIndex.cend() ? nullptr : &m_cases[std::size_t(*it)].data;
}

bool PortalStore::knowsTeam(const QString &team) const
{
    if (team.trimmed().isEmpty())
        return false;
    // A linear pass: hand-offs are rare, and the teams change with the data.
    return std::any_of(m_requests.cbegin(), m_requests.cend(), [&](const RequestSlot &slot) {
        return !slot.removed && slot.data.team == team;
    });
}

const EscalationRequest *PortalStore::findRequest(QStringView id) const
{
    const auto it = m_requestIndex.constFind(id.toString());
    return it == m_requestIndex.cend() ? nullptr : &m_requests[std::size_t(*it)].data;
}

QByteArray PortalStore::caseJson(QStringView id) const
{
    const auto it = m_caseIndex.constFind(id.toString());
    return it == m_caseIndex.cend() ? QByteArray() : jsonOf(m_cases[std::size_t(*it)]);
}

QByteArray PortalStore::requestJson(QStringView id) const
{
    const auto it = m_requestIndex.constFind(id.toString());
    return it == m_requestIndex.cend() ? QByteArray() : jsonOf(m_requests[std::size_t(*it)]);
}

QList<const EscalationRequest *> PortalStore::requestsOfCase(QStringView caseId) const
{
    QList<const EscalationRequest *> out;
    const auto it = m_caseIndex.constFind(caseId.toString());
    if (it == m_caseIndex.cend())
        return out;
    for (int slot : m_cases[std::size_t(*it)].requestSlots) {
        if (!m_requests[std::size_t(slot)].removed)
            out.append(&m_requests[std::size_t(slot)].data);
    }
    return out;
}

const Case *PortalStore::caseAt(qint64 index) const
{
    if (index < 0 || index >= qint64(m_cases.size()) || m_cases[std::size_t(index)].removed)
        return nullptr;
    return &m_cases[std::size_t(index)].data;
}

const EscalationRequest *PortalStore::requestAt(qint64 index) const
{
    if (index < 0 || index >= qint64(m_requests.size()) || m_requests[std::size_t(index)].removed)
        return nullptr;
    return &m_requests[std::size_t(index)].data;
}

WriteResult PortalStore::error(int status, QStringView code, const QString &message,
                               const QByteArray &details) const
{
    return WriteResult {status, Json::errorBody(code, message, details)};
}

std::optional<WriteResult> PortalStore::storedAnswer(const QString &key,
                                                     const QByteArray &fingerprint) const
{
    const auto it = m_answers.constFind(key);
    if (it == m_answers.cend())
        return std::nullopt;
    if (it->fingerprint != fingerprint) {
        return error(422, u"rule_violation",
                     tr("Idempotency-Key %1 was already used for a different write").arg(key),
                     detailsWithRule(u"idempotency_key_reused"));
    }
    return WriteResult {it->status, it->body};
}

// Refusals are remembered like successes: a retried key gets the same answer.
WriteResult PortalStore::remember(const QString &key, const QByteArray &fingerprint,
                                  WriteResult result)
{
    if (key.isEmpty())
        return result; // the portal's own activity writes without a key
    StoredAnswer answer {fingerprint, result.status, result.body};
    WriteTurn turn(this, {});
    const bool stored =
        !m_db || ((m_turnOpen || m_db->begin()) && m_db->putAnswer(key, answer) && m_db->commit());
    m_turnOpen = false;
    if (!stored) {
        m_db->rollback();
        return error(500, u"server_error",
                     tr("The portal could not store its answer: %1").arg(m_db->lastError()));
    }
    m_answers.insert(key, answer);
    return result;
}

WriteResult PortalStore::applyAction(const QString &requestId, const ActionInput &input,
                                     const QString &key, const QByteArray &fingerprint)
{
    WriteTurn turn(this, key);
    if (std::optional<WriteResult> early = startWrite(turn, key, fingerprint))
        return *early;
    const auto found = m_requestIndex.constFind(requestId);
    if (found == m_requestIndex.cend())
        return remember(key, fingerprint,
                        error(404, u"not_found", tr("No escalation request %1").arg(requestId)));
    const RequestSlot &slot = m_requests[std::size_t(*found)];
    const EscalationRequest &current = slot.data;
    const QString &action = input.action;
    const bool isNote = action == u"note"_s;

    if (!isNote && input.version && *input.version != current.version) {
        return remember(
            key, fingerprint,
            error(409, u"conflict",
                  tr("Request %1 changed since version %2").arg(requestId).arg(*input.version),
                  detailsWithCurrent(jsonOf(slot))));
    }
    const auto refuse = [&](QStringView rule, const QString &message) {
        return remember(key, fingerprint,
                        error(422, u"rule_violation", message, detailsWithRule(rule)));
    };
    const bool needsPending = action == u"accept"_s || action == u"decline"_s
        || action == u"take_ownership"_s || action == u"hand_off"_s || action == u"ask_requester"_s
        || action == u"resume_review"_s;
    if (needsPending && current.state != RequestState::Pending) {
        return refuse(u"not_pending",
                      tr("Request %1 is %2, not pending").arg(requestId, toCode(current.state)));
    }
    if (action == u"analysis"_s && current.level < 3)
        return refuse(u"analysis_below_level_3",
                      tr("Request %1 is at level %2; an analysis is owed from level 3")
                          .arg(requestId)
                          .arg(current.level));
    if (action == u"acknowledge"_s && current.level != 4)
        return refuse(u"acknowledge_below_level_4",
                      tr("Request %1 is at level %2; only level 4 is acknowledged")
                          .arg(requestId)
                          .arg(current.level));
    if (action == u"acknowledge"_s && current.ownerAcknowledgement)
        return refuse(u"already_acknowledged",
                      tr("Request %1 was already acknowledged by %2")
                          .arg(requestId, current.ownerAcknowledgement->by));
    // DESIGN.md: a case younger than its minimum age goes back to standard
    // triage, unless a manager records why it cannot wait.
    QString justification;
    if (action == u"accept"_s) {
        if (const Case *c = findCase(current.caseId)) {
            const Eligibility eligibility = EscalationPolicy().checkEligibility(*c, current);
            if (eligibility.verdict == Eligibility::Verdict::TooEarly) {
                justification = input.justification.trimmed();
                if (justification.isEmpty())
                    return refuse(u"early_acceptance_unjustified",
                                  tr("Request %1 was raised before case %2 reached its minimum "
                                     "age of %3 hours; accepting it needs a justification")
                                      .arg(requestId, c->id)
                                      .arg(eligibility.minimumAgeHours));
            }
        }
    }
    if (action == u"ask_requester"_s && current.isWaitingOnRequester())
        return refuse(u"already_waiting",
                      tr("Request %1 is already waiting on the requester since %2")
                          .arg(requestId, current.waits.constLast().from.toString(Qt::ISODate)));
    if (action == u"resume_review"_s && !current.isWaitingOnRequester())
        return refuse(u"not_waiting",
                      tr("Request %1 is not waiting on the requester").arg(requestId));
    if (action == u"hand_off"_s) {
        if (input.team == current.team)
            return refuse(u"same_team",
                          tr("Request %1 is already with %2").arg(requestId, current.team));
        if (!knowsTeam(input.team))
            return refuse(u"unknown_team", tr("No team is called %1").arg(input.team));
    }
    if (isNote && current.notes.size() >= maxNotes)
        return refuse(u"too_many_notes",
                      tr("Request %1 already has %2 notes").arg(requestId).arg(maxNotes));

    const QDateTime at = now();
    EscalationRequest updated = current;
    if (action == u"accept"_s || action == u"decline"_s) {
        const bool accept = action == u"accept"_s;
        updated.decision = Decision {accept ? DecisionKind::Accept : DecisionKind::Decline,
                                     input.text, input.actor, at, justification};
        updated.state = accept ? RequestState::Accepted : RequestState::Declined;
        if (accept && updated.owner.isEmpty())
            updated.owner = input.actor;
        // A decision ends a wait: the clock stops anyway.
        if (updated.isWaitingOnRequester())
            updated.waits.last().until = at;
    } else if (isNote) {
        updated.notes.append(
            Note {u"N-"_s + QString::number(m_nextNoteSerial), input.actor, input.text, at});
    } else if (action == u"take_ownership"_s) {
        updated.owner = input.actor;
    } else if (action == u"ask_requester"_s) {
        // The question goes to the requester; the review clock stands still.
        updated.waits.append(WaitingPeriod {input.text, input.actor, at, {}, {}});
    } else if (action == u"resume_review"_s) {
        updated.waits.last().until = at;
        updated.waits.last().answer = input.text;
    } else if (action == u"hand_off"_s) {
        // The receiving team chooses who reviews it.
        updated.handOff = HandOff {current.team, input.team, input.text, input.actor, at};
        updated.team = input.team;
        updated.owner.clear();
    } else if (action == u"analysis"_s) {
        updated.analysis = Analysis {input.text, input.actor, at};
    } else if (action == u"acknowledge"_s) {
        updated.ownerAcknowledgement = OwnerAcknowledgement {input.actor, at};
        if (updated.owner.isEmpty())
            updated.owner = input.actor;
        if (!input.text.isEmpty())
            updated.notes.append(
                Note {u"N-"_s + QString::number(m_nextNoteSerial), input.actor, input.text, at});
    }
    updated.version = current.version + 1;
    updated.updatedAt = at;

    const bool addsNote = updated.notes.size() > current.notes.size();
    const std::optional<QByteArray> record = commitRequest(updated, action, key, fingerprint);
    if (!record)
        return error(500, u"server_error", tr("The portal could not store the change"));
    if (addsNote)
        ++m_nextNoteSerial;
    // The timeline says where a hand-off went and why an early acceptance was made.
    QString story = input.text;
    if (action == u"hand_off"_s)
        story = story.isEmpty() ? tr("To %1").arg(input.team)
                                : tr("To %1: %2").arg(input.team, input.text);
    else if (action == u"accept"_s && updated.decision
             && !updated.decision->justification.isEmpty())
        story = tr("%1\nAccepted before the minimum case age: %2")
                    .arg(input.text, updated.decision->justification);
    Q_EMIT recorded(requestId,
                    HistoryEntry {at, action, input.actorId, input.actor, input.actorRole, story});
    return WriteResult {200, requestAnswer(*record)};
}

WriteResult PortalStore::createEscalation(const QString &caseId, const EscalationInput &input,
                                          const QString &key, const QByteArray &fingerprint)
{
    WriteTurn turn(this, key);
    if (std::optional<WriteResult> early = startWrite(turn, key, fingerprint))
        return *early;
    const auto finish = [&](WriteResult result) {
        return remember(key, fingerprint, std::move(result));
    };
    const auto refuse = [&](QStringView rule, const QString &message) {
        return finish(error(422, u"rule_violation", message, detailsWithRule(rule)));
    };
    const auto found = m_caseIndex.constFind(caseId);
    if (found == m_caseIndex.cend())
        return finish(error(404, u"not_found", tr("No case %1").arg(caseId)));
    const CaseSlot &caseSlot = m_cases[std::size_t(*found)];
    const Case &c = caseSlot.data;
    if (c.isOutage())
        return refuse(
            u"outage_not_escalated",
            tr("Case %1 is severity 1: outages follow the outage process and are not escalated")
                .arg(caseId));
    if (c.status == u"closed"_s)
        return refuse(u"case_closed", tr("Case %1 is closed").arg(caseId));

    int level = 1;
    const RequestSlot *previous = nullptr;
    if (!input.previousRequestId.isEmpty()) {
        const auto prev = m_requestIndex.constFind(input.previousRequestId);
        if (prev == m_requestIndex.cend()) {
            return finish(error(404, u"not_found",
                                tr("No escalation request %1").arg(input.previousRequestId),
                                R"({"field":"previousRequestId"})"));
        }
        previous = &m_requests[std::size_t(*prev)];
        const EscalationRequest &p = previous->data;
        if (p.caseId != caseId)
            return refuse(u"previous_request_other_case",
                          tr("Request %1 belongs to case %2, not %3").arg(p.id, p.caseId, caseId));
        if (p.state == RequestState::Superseded)
            return refuse(u"already_superseded",
                          tr("Request %1 was already re-escalated").arg(p.id));
        if (p.state == RequestState::Closed)
            return refuse(u"request_closed", tr("Request %1 is closed").arg(p.id));
        if (p.level >= 4)
            return refuse(u"level_above_4",
                          tr("Request %1 is at level 4, the highest level").arg(p.id));
        level = p.level + 1;
    } else {
        for (int slot : caseSlot.requestSlots) {
            const EscalationRequest &r = m_requests[std::size_t(slot)].data;
            if (!m_requests[std::size_t(slot)].removed && r.state != RequestState::Superseded
                && r.state != RequestState::Closed) {
                return refuse(u"already_escalated",
                              tr("Case %1 is already escalated by request %2; re-escalate that "
                                 "request instead")
                                  .arg(caseId, r.id));
            }
        }
    }

    const QDateTime at = now();
    EscalationRequest r;
    r.id = DataGenerator::requestId(m_nextRequestSerial);
    r.caseId = caseId;
    r.level = level;
    r.reason = input.reason;
    r.summary = input.summary;
    r.requestedBy = input.requestedBy;
    r.requestedAt = at;
    r.state = RequestState::Pending;
    r.previousRequestId = input.previousRequestId;
    r.team = DataGenerator::teamFor(c);
    r.calendarId = DataGenerator::calendarFor(c);
    r.updatedAt = at;
    r.version = 1;

    Mutation mutation;
    if (previous) {
        EscalationRequest superseded = previous->data;
        // The requester came back by re-escalating: a wait ends here, and the
        // time it paused stays on the request it paused.
        if (superseded.isWaitingOnRequester()) {
            superseded.waits.last().until = at;
            superseded.waits.last().answer = tr("Re-escalated as %1").arg(r.id);
        }
        superseded.state = RequestState::Superseded;
        superseded.version += 1;
        superseded.updatedAt = at;
        mutation.requests.push_back(std::move(superseded));
    }
    const QByteArray record = Json::requestRecord(r);
    mutation.requests.push_back(r);
    mutation.key = key;
    mutation.appliedTarget = r.id;
    mutation.appliedAction = previous ? u"re_escalate"_s : u"escalate"_s;
    if (!key.isEmpty())
        mutation.answer = StoredAnswer {fingerprint, 200, requestAnswer(record)};
    if (!commit(mutation))
        return error(500, u"server_error", tr("The portal could not store the change"));
    ++m_nextRequestSerial;
    return WriteResult {200, requestAnswer(record)};
}

std::optional<QByteArray> PortalStore::commitRequest(const EscalationRequest &updated,
                                                     const QString &action, const QString &key,
                                                     const QByteArray &fingerprint)
{
    Mutation mutation;
    mutation.requests.push_back(updated);
    mutation.key = key;
    mutation.appliedTarget = updated.id;
    mutation.appliedAction = action;
    QByteArray record = Json::requestRecord(updated);
    if (!key.isEmpty())
        mutation.answer = StoredAnswer {fingerprint, 200, requestAnswer(record)};
    if (!commit(mutation))
        return std::nullopt;
    return record;
}

WriteResult PortalStore::answerQuestion(const QString &requestId, const ReplyInput &input,
                                        const QString &key, const QByteArray &fingerprint)
{
    WriteTurn turn(this, key);
    if (std::optional<WriteResult> early = startWrite(turn, key, fingerprint))
        return *early;
    const auto found = m_requestIndex.constFind(requestId);
    if (found == m_requestIndex.cend())
        return remember(key, fingerprint,
                        error(404, u"not_found", tr("No escalation request %1").arg(requestId)));
    const EscalationRequest &current = m_requests[std::size_t(*found)].data;
    if (!current.isWaitingOnRequester())
        return remember(key, fingerprint,
                        error(422, u"rule_violation",
                              tr("Request %1 is not waiting on the requester").arg(requestId),
                              detailsWithRule(u"not_waiting")));
    const QDateTime at = now();
    EscalationRequest updated = current;
    updated.waits.last().until = at;
    updated.waits.last().answer = input.text;
    updated.version = current.version + 1;
    updated.updatedAt = at;

    const std::optional<QByteArray> record =
        commitRequest(updated, u"requester_reply"_s, key, fingerprint);
    if (!record)
        return error(500, u"server_error", tr("The portal could not store the change"));
    const QString by = input.by.trimmed().isEmpty() ? input.actor : input.by.trimmed();
    Q_EMIT recorded(
        requestId,
        HistoryEntry {at, u"requester_reply"_s, input.actorId, by, input.actorRole, input.text});
    return WriteResult {200, requestAnswer(*record)};
}

QString PortalStore::nextCaseId()
{
    return DataGenerator::caseId(m_nextCaseSerial);
}

bool PortalStore::addCase(Case created)
{
    WriteTurn turn(this, {});
    if (!turn.ok())
        return false;
    if (m_caseIndex.contains(created.id))
        return false;
    const qint64 serial = QStringView(created.id).mid(2).toLongLong();
    Mutation mutation;
    mutation.appliedAction = u"new_case"_s;
    mutation.appliedTarget = created.id;
    mutation.cases.push_back(std::move(created));
    if (!commit(mutation)) // commit() moves the records into the store
        return false;
    m_nextCaseSerial = std::max(m_nextCaseSerial, serial + 1);
    return true;
}

bool PortalStore::updateCase(const Case &updated)
{
    WriteTurn turn(this, {});
    if (!turn.ok())
        return false;
    const CaseSlot *slot = nullptr;
    if (const auto it = m_caseIndex.constFind(updated.id); it != m_caseIndex.cend())
        slot = &m_cases[std::size_t(*it)];
    if (!slot)
        return false;
    Mutation mutation;
    Case c = updated;
    c.version = slot->data.version + 1;
    c.updatedAt = now();
    mutation.cases.push_back(std::move(c));
    mutation.appliedAction = u"update_case"_s;
    mutation.appliedTarget = updated.id;
    return commit(mutation);
}

bool PortalStore::closeCase(const QString &caseId)
{
    WriteTurn turn(this, {});
    if (!turn.ok())
        return false;
    const auto it = m_caseIndex.constFind(caseId);
    if (it == m_caseIndex.cend())
        return false;
    const CaseSlot &slot = m_cases[std::size_t(*it)];
    const QDateTime at = now();
    Mutation mutation;
    Case c = slot.data;
    c.status = u"closed"_s;
    c.version += 1;
    c.updatedAt = at;
    mutation.cases.push_back(std::move(c));
    for (int index : slot.requestSlots) {
        const RequestSlot &rs = m_requests[std::size_t(index)];
        if (rs.removed || rs.data.state == RequestState::Superseded
            || rs.data.state == RequestState::Closed)
            continue;
        EscalationRequest r = rs.data;
        r.state = RequestState::Closed;
        r.version += 1;
        r.updatedAt = at;
        mutation.requests.push_back(std::move(r));
    }
    mutation.appliedAction = u"close_case"_s;
    mutation.appliedTarget = caseId;
    QStringList closed; // commit() moves the records into the store
    for (const EscalationRequest &r : mutation.requests)
        closed.append(r.id);
    if (!commit(mutation))
        return false;
    for (const QString &id : std::as_const(closed))
        Q_EMIT recorded(id, HistoryEntry {at, u"close"_s, {}, {}, {}, {}});
    return true;
}

bool PortalStore::removeCase(const QString &caseId)
{
    WriteTurn turn(this, {});
    if (!turn.ok())
        return false;
    const auto it = m_caseIndex.constFind(caseId);
    if (it == m_caseIndex.cend())
        return false;
    Mutation mutation;
    for (int index : m_cases[std::size_t(*it)].requestSlots) {
        if (!m_requests[std::size_t(index)].removed)
            mutation.removedRequests.append(m_requests[std::size_t(index)].data.id);
    }
    mutation.removedCases.append(caseId);
    mutation.appliedAction = u"remove_case"_s;
    mutation.appliedTarget = caseId;
    return commit(mutation);
}

bool PortalStore::commit(Mutation &mutation)
{
    // A changed case re-sends its requests after it (see the class comment).
    for (const Case &c : mutation.cases) {
        const auto it = m_caseIndex.constFind(c.id);
        if (it == m_caseIndex.cend())
            continue;
        for (int index : m_cases[std::size_t(*it)].requestSlots) {
            const RequestSlot &rs = m_requests[std::size_t(index)];
            const bool listed =
                std::any_of(mutation.requests.begin(), mutation.requests.end(),
                            [&](const EscalationRequest &r) { return r.id == rs.data.id; });
            if (!rs.removed && !listed)
                mutation.requests.push_back(rs.data);
        }
    }

    // On a shared database a write decides inside its turn; one that got
    // here without one takes it now, before numbering anything.
    if (m_db && m_db->isShared() && !m_turnOpen && !beginWrite())
        return false;
    // Sequence numbers in commit order: cases, requests, then removals.
    qint64 sequence = m_sequence;
    std::vector<qint64> caseSeq, requestSeq, removedRequestSeq, removedCaseSeq;
    std::vector<QByteArray> caseJson, requestJson;
    for (const Case &c : mutation.cases) {
        caseSeq.push_back(++sequence);
        caseJson.push_back(Json::caseRecord(c));
    }
    for (const EscalationRequest &r : mutation.requests) {
        requestSeq.push_back(++sequence);
        requestJson.push_back(Json::requestRecord(r));
    }
    for (qsizetype i = 0; i < mutation.removedRequests.size(); ++i)
        removedRequestSeq.push_back(++sequence);
    for (qsizetype i = 0; i < mutation.removedCases.size(); ++i)
        removedCaseSeq.push_back(++sequence);
    const QString appliedAt = QString::fromLatin1(Json::instant(now()));

    if (m_db) {
        bool ok = m_turnOpen || m_db->begin();
        for (std::size_t i = 0; ok && i < mutation.cases.size(); ++i)
            ok = m_db->putCase(mutation.cases[i].id, caseSeq[i], caseJson[i]);
        for (std::size_t i = 0; ok && i < mutation.requests.size(); ++i)
            ok = m_db->putRequest(mutation.requests[i].id, requestSeq[i], requestJson[i]);
        for (qsizetype i = 0; ok && i < mutation.removedRequests.size(); ++i) {
            ok = m_db->deleteRequest(mutation.removedRequests.at(i))
                && m_db->putTombstone(
                    {removedRequestSeq[std::size_t(i)], false, mutation.removedRequests.at(i)});
        }
        for (qsizetype i = 0; ok && i < mutation.removedCases.size(); ++i) {
            ok = m_db->deleteCase(mutation.removedCases.at(i))
                && m_db->putTombstone(
                    {removedCaseSeq[std::size_t(i)], true, mutation.removedCases.at(i)});
        }
        if (ok && mutation.answer)
            ok = m_db->putAnswer(mutation.key, *mutation.answer);
        if (ok)
            ok = m_db->addApplication(mutation.key, mutation.appliedTarget, mutation.appliedAction,
                                      sequence, appliedAt);
        ok = ok && m_db->putMeta(u"sequence"_s, QString::number(sequence))
            && m_db->putMeta(u"nextCase"_s, QString::number(m_nextCaseSerial + 1))
            && m_db->putMeta(u"nextRequest"_s, QString::number(m_nextRequestSerial + 1))
            && m_db->putMeta(u"nextNote"_s, QString::number(m_nextNoteSerial + 1))
            && m_db->notifyChanged(sequence);
        const bool committed = ok && m_db->commit();
        m_turnOpen = false;
        if (!committed) {
            qCWarning(lcPortal) << "could not store a change:" << m_db->lastError();
            m_db->rollback();
            return false;
        }
    }

    // Now visible: swap the new states into memory and the feed.
    for (std::size_t i = 0; i < mutation.cases.size(); ++i)
        placeCase(std::move(mutation.cases[i]), caseSeq[i], std::move(caseJson[i]));
    for (std::size_t i = 0; i < mutation.requests.size(); ++i)
        placeRequest(std::move(mutation.requests[i]), requestSeq[i], std::move(requestJson[i]));
    for (qsizetype i = 0; i < mutation.removedRequests.size(); ++i)
        placeRemoval({removedRequestSeq[std::size_t(i)], false, mutation.removedRequests.at(i)});
    for (qsizetype i = 0; i < mutation.removedCases.size(); ++i)
        placeRemoval({removedCaseSeq[std::size_t(i)], true, mutation.removedCases.at(i)});
    if (mutation.answer)
        m_answers.insert(mutation.key, *mutation.answer);
    if (!mutation.key.isEmpty())
        m_applications[mutation.key] += 1;
    m_sequence = sequence;
    Q_EMIT changed(m_sequence);
    return true;
}

} // namespace Escalation::Portal

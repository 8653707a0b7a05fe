#include "datagenerator.h"

#include <QDate>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

enum Region : quint8 { Americas, Emea, Apac };

struct Account {
    QString name;
    QString domain;
    Region region;
    bool premium;
    QString csm;
};

const std::vector<Account> &accounts()
{
    static const std::vector<Account> table = {
        {u"Northwind Traders"_s, u"northwind.example"_s, Americas, true, u"Leo Martens"_s},
        {u"Contoso Pharmaceuticals"_s, u"contoso.example"_s, Americas, true, u"Priya Raman"_s},
        {u"Fabrikam Logistics"_s, u"fabrikam.example"_s, Emea, true, u"Leo Martens"_s},
        {u"Tailspin Toys"_s, u"tailspin.example"_s, Americas, false, u"Grace Adeyemi"_s},
        {u"Wide World Importers"_s, u"wideworld.example"_s, Apac, true, u"Kenji Watanabe"_s},
        {u"Adventure Works Cycles"_s, u"adventure-works.example"_s, Americas, false,
         u"Grace Adeyemi"_s},
        {u"Litware Inc."_s, u"litware.example"_s, Americas, true, u"Priya Raman"_s},
        {u"Proseware Analytics"_s, u"proseware.example"_s, Emea, false, u"Sofie Lindqvist"_s},
        {u"Woodgrove Bank"_s, u"woodgrove.example"_s, Emea, true, u"Sofie Lindqvist"_s},
        {u"Alpine Ski House"_s, u"alpineskihouse.example"_s, Emea, false, u"Matthias Keller"_s},
        {u"Blue Yonder Airlines"_s, u"blueyonder.example"_s, Americas, true, u"Carlos Mendes"_s},
        {u"Coho Winery"_s, u"cohowinery.example"_s, Apac, false, u"Aroha Ngata"_s},
        {u"Fourth Coffee"_s, u"fourthcoffee.example"_s, Americas, false, u"Carlos Mendes"_s},
        {u"Humongous Insurance"_s, u"humongous.example"_s, Americas, true, u"Priya Raman"_s},
        {u"Lucerne Publishing"_s, u"lucerne.example"_s, Emea, false, u"Matthias Keller"_s},
        {u"Margie's Travel"_s, u"margiestravel.example"_s, Apac, false, u"Aroha Ngata"_s},
        {u"Trey Research"_s, u"treyresearch.example"_s, Emea, true, u"Élodie Marchand"_s},
        {u"VanArsdel Ltd."_s, u"vanarsdel.example"_s, Apac, true, u"Kenji Watanabe"_s},
        {u"Wingtip Toys"_s, u"wingtiptoys.example"_s, Americas, false, u"Grace Adeyemi"_s},
        {u"A. Datum Corporation"_s, u"adatum.example"_s, Americas, true, u"Carlos Mendes"_s},
        {u"City Power & Light"_s, u"cpandl.example"_s, Americas, true, u"Priya Raman"_s},
        {u"Consolidated Messenger"_s, u"consolidatedmessenger.example"_s, Emea, false,
         u"Élodie Marchand"_s},
        {u"Southridge Video"_s, u"southridgevideo.example"_s, Americas, false, u"Grace Adeyemi"_s},
        {u"Relecloud"_s, u"relecloud.example"_s, Emea, true, u"Sofie Lindqvist"_s},
        {u"Lamna Healthcare"_s, u"lamnahealthcare.example"_s, Apac, true, u"Mei Lin Tan"_s},
        {u"Munson's Pickles and Preserves"_s, u"munsonspickles.example"_s, Americas, false,
         u"Carlos Mendes"_s},
        {u"Best For You Organics"_s, u"bestforyou.example"_s, Apac, false, u"Mei Lin Tan"_s},
        {u"Bellows College"_s, u"bellowscollege.example"_s, Emea, false, u"Matthias Keller"_s},
        {u"Nod Publishers"_s, u"nodpublishers.example"_s, Emea, false, u"Élodie Marchand"_s},
        {u"Tasmanian Traders"_s, u"tasmaniantraders.example"_s, Apac, true, u"Aroha Ngata"_s},
        {u"Graphic Design Institute"_s, u"graphicdesigninstitute.example"_s, Americas, false,
         u"Grace Adeyemi"_s},
        {u"The Phone Company"_s, u"thephone-company.example"_s, Emea, true, u"Sofie Lindqvist"_s},
        {u"Kōwhai Energy"_s, u"kowhai-energy.example"_s, Apac, true, u"Mei Lin Tan"_s},
        {u"Hanseatic Freight GmbH"_s, u"hanseatic-freight.example"_s, Emea, true,
         u"Matthias Keller"_s},
        {u"São Bento Retail"_s, u"saobento.example"_s, Americas, false, u"Carlos Mendes"_s},
        {u"Osaka Precision Works"_s, u"osaka-precision.example"_s, Apac, true, u"Kenji Watanabe"_s},
    };
    return table;
}

const std::array regionCalendars = {u"americas"_s, u"emea"_s, u"apac"_s};
const std::array regionTeams = {u"Americas"_s, u"EMEA"_s, u"APAC"_s};
const std::array teamAreas = {u"Platform"_s, u"Integrations"_s, u"Data"_s, u"Identity"_s};

const std::array waitQuestions = {
    u"Could you send the logs from the failing node and the time it started?"_s,
    u"Which of your environments are affected, and since when?"_s,
    u"Can you confirm the business deadline you mentioned, and who is affected?"_s,
};

const std::array earlyAcceptanceReasons = {
    u"Go-live is on Monday and the case blocks it; waiting for the minimum age would miss it."_s,
    u"The customer's payroll run depends on this fix tonight."_s,
    u"A regulator's deadline falls before the case would be old enough."_s,
    u"Same fault as an accepted escalation from this account last week; no reason to wait."_s,
};

const std::array subjects = {
    u"Nightly export fails with timeout"_s,
    u"SSO login loops after certificate rotation"_s,
    u"Webhook deliveries delayed by several hours"_s,
    u"Search results missing recently published articles"_s,
    u"Dashboard widgets show stale numbers"_s,
    u"API returns 502 under moderate load"_s,
    u"Mobile app crashes on launch for Android 14 users"_s,
    u"Bulk user import rejects valid CSV rows"_s,
    u"Email notifications sent twice"_s,
    u"Report scheduler skips weekend runs"_s,
    u"SAML assertion rejected: clock skew"_s,
    u"Data sync to warehouse stuck at 87%"_s,
    u"Attachments over 20 MB fail to upload"_s,
    u"Permissions reset after role migration"_s,
    u"Audit log export truncated"_s,
    u"Custom domain shows certificate warning"_s,
    u"Rate limit errors from the public API"_s,
    u"Localization missing for French Canadian"_s,
    u"Checkout page slow since last release"_s,
    u"Moderation queue not loading"_s,
    u"SCIM provisioning creates duplicate users"_s,
    u"Analytics events dropped during peak hours"_s,
    u"Password reset links expire immediately"_s,
    u"Integration with CRM stopped syncing contacts"_s,
    u"Cluster failover did not trigger"_s,
    u"Billing invoices show wrong currency"_s,
    u"Scheduled maintenance banner cannot be dismissed"_s,
    u"Knowledge base search returns HTTP 500"_s,
};

const std::array engineers = {
    u"Dana Whitfield"_s, u"Marcus Bell"_s,     u"Aiko Tanaka"_s,    u"Samir Haddad"_s,
    u"Olivia Brandt"_s,  u"Tomasz Nowak"_s,    u"Chloé Dubois"_s,   u"Rafael Ortega"_s,
    u"Nina Petrova"_s,   u"Jamal Carter"_s,    u"Ingrid Solberg"_s, u"Wei Zhang"_s,
    u"Fatima Zahra"_s,   u"Lukas Becker"_s,    u"Hannah O'Brien"_s, u"Arjun Mehta"_s,
    u"Sara Conti"_s,     u"Kwame Mensah"_s,    u"Elena Ruiz"_s,     u"Noah Fischer"_s,
    u"Yuki Sato"_s,      u"Daniel Kowalski"_s, u"Amira Nasser"_s,   u"Ben Gallagher"_s,
};

const std::array managers = {
    u"Maya Castellanos"_s, u"Oliver Grant"_s,   u"Anneke de Vries"_s, u"Hiroshi Kato"_s,
    u"Rachel Stein"_s,     u"Victor Almeida"_s, u"Siobhan Walsh"_s,   u"Emeka Obi"_s,
    u"Camille Laurent"_s,  u"Jonas Berg"_s,
};

const std::array firstNames = {
    u"maria"_s, u"john"_s,  u"li"_s,   u"ahmed"_s,  u"sophie"_s, u"pedro"_s, u"anna"_s,
    u"james"_s, u"fatou"_s, u"erik"_s, u"yasmin"_s, u"david"_s,  u"keiko"_s, u"ivan"_s,
};
const std::array lastNames = {
    u"lopez"_s, u"smith"_s,  u"chen"_s,   u"khan"_s,   u"martin"_s, u"silva"_s,    u"novak"_s,
    u"brown"_s, u"diallo"_s, u"larsen"_s, u"haddad"_s, u"cohen"_s,  u"yamamoto"_s, u"petrov"_s,
};

const std::array products = {
    u"the customer portal"_s,     u"SSO login"_s,        u"the nightly export"_s,
    u"the payments API"_s,        u"the mobile app"_s,   u"search indexing"_s,
    u"the reporting dashboard"_s, u"webhook delivery"_s,
};

const std::array timeConstraintTemplates = {
    u"Our SSL certificate for %1 expires on %2; renewal is blocked by this case."_s,
    u"Go-live for %1 is scheduled for %2 and this issue blocks the cutover."_s,
    u"We present %1 to our board on %2 and it must work by then."_s,
    u"Quarter-end close starts %2; %1 must be fixed before then."_s,
    u"A trade show opens on %2 and our demo depends on %1."_s,
};
const std::array impairedTemplates = {
    u"%1 fails for about a third of our users; the workaround costs hours every day."_s,
    u"Numbers in %1 are wrong since the last update and finance cannot reconcile."_s,
    u"Throughput of %1 dropped by half this week. Not an outage, but operations is struggling."_s,
    u"%1 works only for administrators; regular staff are blocked from their daily work."_s,
};
const std::array firstResponseTemplates = {
    u"Opened %3 hours ago and nobody has responded yet."_s,
    u"No first response within the SLA for our tier. Please assign an engineer to %1."_s,
    u"We are still waiting for anyone to look at the %1 problem."_s,
};
const std::array lackOfUpdatesTemplates = {
    u"No update in this case for %3 days despite two requests from our side."_s,
    u"The engineer asked for logs, we sent them on %2, and since then silence."_s,
    u"We keep receiving the same canned answer about %1; nobody seems to own this case."_s,
    u"Promised a fix for %1 by %2, no news since."_s,
};
const std::array otherTemplates = {
    u"Our account team asked us to escalate %1 for visibility with engineering."_s,
    u"Several related cases are open for %1; please consolidate them under one owner."_s,
    u"Legal needs a written root cause for the %1 incident by %2."_s,
};
const std::array reEscalationPrefixes = {
    u"Still no progress since the last escalation. "_s,
    u"The agreed plan of action was not followed. "_s,
    u"The escalation was declined, but the impact has grown since. "_s,
    u"We need leadership involvement now. "_s,
};

const std::array acceptTexts = {
    u"Accepted. A senior engineer joins a call with you today and we will update the case every 4 hours."_s,
    u"Accepted. Engineering is reproducing the problem; next update by end of day."_s,
    u"Accepted. We moved the case to the product team and set up a daily sync."_s,
};
const std::array declineTexts = {
    u"Declined: the case is progressing within its SLA; please add the requested logs."_s,
    u"Declined: the case was opened today; standard triage gathers the details first."_s,
    u"Declined: a fix is already scheduled in the next maintenance window."_s,
};
const std::array noteTexts = {
    u"Called the customer, confirmed impact."_s,        u"Asked engineering for an ETA."_s,
    u"Customer sent new logs; attached to the case."_s, u"CSM informed."_s,
    u"Workaround shared, waiting for confirmation."_s,
};
const std::array caseStatuses = {u"open"_s, u"in progress"_s, u"pending customer"_s,
                                 u"awaiting engineering"_s};

template<typename Array> const QString &pick(Rng &rng, const Array &array)
{
    return array[rng.bounded(quint32(array.size()))];
}

// Index drawn from cumulative percentage weights.
template<std::size_t N> int weighted(Rng &rng, const std::array<int, N> &weights)
{
    int total = 0;
    for (int w : weights)
        total += w;
    int roll = int(rng.bounded(quint32(total)));
    for (std::size_t i = 0; i < N; ++i) {
        if (roll < weights[i])
            return int(i);
        roll -= weights[i];
    }
    return int(N - 1);
}

quint32 fnv1a(QStringView text)
{
    quint32 hash = 2166136261u;
    for (QChar ch : text) {
        hash ^= ch.unicode();
        hash *= 16777619u;
    }
    return hash;
}

const Account *accountNamed(QStringView name)
{
    for (const Account &a : accounts()) {
        if (a.name == name)
            return &a;
    }
    return nullptr;
}

constexpr qint64 minute = 60;
constexpr qint64 hour = 60 * minute;
constexpr qint64 day = 24 * hour;

QDateTime at(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

qint64 secsOf(const QDateTime &t)
{
    return t.isValid() ? t.toSecsSinceEpoch() : 0;
}

// One escalation chain on one case: L requests, level 1..L, each one
// re-escalating the one before.
struct Chain {
    int length = 0;
    bool tooEarly = false;
    bool closed = false;
};

} // namespace

DataGenerator::DataGenerator(GeneratorConfig config)
    : m_config(std::move(config))
{
    if (!m_config.now.isValid())
        m_config.now = QDateTime::currentDateTimeUtc();
    m_config.now = at(m_config.now.toSecsSinceEpoch());
}

QString DataGenerator::caseId(qint64 serial)
{
    return u"C-"_s + QString::number(serial);
}
QString DataGenerator::requestId(qint64 serial)
{
    return u"E-"_s + QString::number(serial);
}
QString DataGenerator::seniorDirector()
{
    return u"Gustavo Lindqvist"_s;
}
QString DataGenerator::vpOfSupport()
{
    return u"Renata Okafor"_s;
}
QString DataGenerator::demoUserName(UserRole role)
{
    switch (role) {
    case UserRole::EscalationManager:
        return managers[0];
    case UserRole::TeamLead:
        return u"Ruth Adeyemi"_s;
    case UserRole::Director:
        return seniorDirector();
    case UserRole::Admin:
        return u"Sam Ellison"_s;
    }
    return {};
}

QString DataGenerator::demoUserTeam(UserRole role)
{
    switch (role) {
    case UserRole::EscalationManager:
    case UserRole::TeamLead:
        return u"Support Escalations"_s;
    case UserRole::Director:
        return u"Global Technical Support"_s;
    case UserRole::Admin:
        return u"IT Operations"_s;
    }
    return {};
}

QString DataGenerator::randomManager(Rng &rng)
{
    return pick(rng, managers);
}
QString DataGenerator::randomEngineer(Rng &rng)
{
    return pick(rng, engineers);
}

qint64 DataGenerator::minimumAgeSeconds(Severity severity, SupportTier tier)
{
    const bool premium = tier == SupportTier::Premium;
    switch (severity) {
    case Severity::S1:
        return 0;
    case Severity::S2:
        return (premium ? 4 : 8) * hour;
    case Severity::S3:
        return (premium ? 8 : 16) * hour;
    case Severity::S4:
        return (premium ? 16 : 24) * hour;
    }
    return 0;
}

// Some requests waited on their requester: every sixth one for an hour and
// a half (answered), and every thirteenth pending one still waits. Chosen
// from the request's serial, not the generator, so every other draw stays
// as it was.
void DataGenerator::addWaits(EscalationRequest &r, qint64 requested, qint64 stopped, qint64 now)
{
    const qint64 serial = QStringView(r.id).mid(2).toLongLong();
    const qint64 from = requested + 25 * 60;
    const QString question = waitQuestions[std::size_t(serial % qint64(waitQuestions.size()))];
    const QString asker = r.owner.isEmpty() ? u"Maya Castellanos"_s : r.owner;
    if (serial % 6 == 0 && from + 90 * 60 < std::min(stopped, now)) {
        r.waits.append(WaitingPeriod {question, asker, at(from), at(from + 90 * 60),
                                      u"Here are the logs; it started after Monday's upgrade."_s});
        ++r.version;
    } else if (serial % 13 == 0 && r.state == RequestState::Pending && stopped >= now
               && from < now) {
        r.waits.append(WaitingPeriod {question, asker, at(from), {}, {}});
        ++r.version;
    }
}

QString DataGenerator::calendarFor(const Case &c)
{
    const Account *account = accountNamed(c.account);
    const Region region = account ? account->region : Region(fnv1a(c.account) % 3);
    return regionCalendars[region];
}

QString DataGenerator::teamFor(const Case &c)
{
    const Account *account = accountNamed(c.account);
    const Region region = account ? account->region : Region(fnv1a(c.account) % 3);
    return regionTeams[region] + u' ' + teamAreas[fnv1a(c.subject) % teamAreas.size()];
}

Reason DataGenerator::randomReason(Rng &rng)
{
    static constexpr std::array<int, 5> weights = {24, 26, 10, 30, 10};
    return static_cast<Reason>(weighted(rng, weights));
}

QString DataGenerator::requesterFor(Rng &rng, QStringView account)
{
    const Account *a = accountNamed(account);
    const QString domain = a ? a->domain : u"customer.example"_s;
    return pick(rng, firstNames) + u'.' + pick(rng, lastNames) + u'@' + domain;
}

QString DataGenerator::randomSummary(Rng &rng, Reason reason, int level, const QDateTime &when)
{
    const QString product = pick(rng, products);
    const QString date = when.addDays(rng.between(1, 12)).date().toString(Qt::ISODate);
    const QString amount = QString::number(rng.between(2, 9));
    QString text;
    switch (reason) {
    case Reason::TimeConstraint:
        text = pick(rng, timeConstraintTemplates);
        break;
    case Reason::ImpairedFunction:
        text = pick(rng, impairedTemplates);
        break;
    case Reason::FirstResponseMissed:
        text = pick(rng, firstResponseTemplates);
        break;
    case Reason::LackOfUpdates:
        text = pick(rng, lackOfUpdatesTemplates);
        break;
    case Reason::Other:
        text = pick(rng, otherTemplates);
        break;
    }
    text.replace(u"%1"_s, product).replace(u"%2"_s, date).replace(u"%3"_s, amount);
    if (!text.isEmpty() && text.front().isLower())
        text.front() = text.front().toUpper();
    if (level > 1)
        text.prepend(pick(rng, reEscalationPrefixes));
    return text;
}

Case DataGenerator::randomCase(Rng &rng, qint64 serial, const QDateTime &createdAt,
                               bool mayBeOutage)
{
    const Account &account = accounts()[rng.bounded(quint32(accounts().size()))];
    Case c;
    c.id = caseId(serial);
    c.number = QString::number(serial).rightJustified(8, u'0');
    c.subject = pick(rng, subjects);
    c.account = account.name;
    const bool premium = account.premium ? rng.chance(0.9) : rng.chance(0.1);
    c.tier = premium ? SupportTier::Premium : SupportTier::Standard;
    static constexpr std::array<int, 3> severityWeights = {30, 45, 25};
    c.severity =
        mayBeOutage ? Severity::S1 : static_cast<Severity>(2 + weighted(rng, severityWeights));
    static constexpr std::array<int, 3> priorityWeights = {20, 55, 25};
    c.priority = static_cast<CustomerPriority>(weighted(rng, priorityWeights));
    c.status =
        c.isOutage() ? (rng.chance(0.7) ? u"in progress"_s : u"open"_s) : pick(rng, caseStatuses);
    c.createdAt = createdAt;
    c.assignee = rng.chance(0.03) ? QString() : pick(rng, engineers);
    c.csm = account.csm;
    c.updatedAt = createdAt;
    c.version = 1;
    return c;
}

GeneratedData DataGenerator::generate() const
{
    Rng rng(m_config.seed);
    const qint64 now = m_config.now.toSecsSinceEpoch();
    GeneratedData out;

    // Chain lengths first: their sum is exactly the requested count, and the
    // shares (62/25/9/4 %) make every level rarer than the one below it.
    std::vector<Chain> chains;
    static constexpr std::array<int, 4> lengthWeights = {62, 25, 9, 4};
    for (int remaining = std::max(0, m_config.requestCount); remaining > 0;) {
        Chain chain;
        chain.length = std::min(remaining, 1 + weighted(rng, lengthWeights));
        chain.tooEarly = rng.chance(0.07);
        chain.closed = rng.chance(0.04);
        remaining -= chain.length;
        chains.push_back(chain);
    }
    const qsizetype chainCount = qsizetype(chains.size());
    const qsizetype wantedCases =
        m_config.caseCount > 0 ? m_config.caseCount : m_config.requestCount;
    // Room for every chain plus a few non-escalated cases (S1 among them).
    const qsizetype caseCount = std::max(wantedCases, chainCount + chainCount / 20 + 2);

    // Which case carries which chain: a seeded shuffle spreads escalated
    // cases among the others.
    std::vector<int> chainOfCase(std::size_t(caseCount), -1);
    for (qsizetype i = 0; i < chainCount; ++i)
        chainOfCase[std::size_t(i)] = int(i);
    for (qsizetype i = caseCount - 1; i > 0; --i)
        std::swap(chainOfCase[std::size_t(i)], chainOfCase[rng.bounded(quint32(i + 1))]);
    const double outageShare =
        std::min(1.0, 0.04 * double(caseCount) / double(caseCount - chainCount));

    out.cases.reserve(caseCount);
    out.requests.reserve(m_config.requestCount);
    qint64 requestSerial = firstRequestSerial;
    qint64 noteSerial = 1;

    for (qsizetype i = 0; i < caseCount; ++i) {
        const int chainIndex = chainOfCase[std::size_t(i)];
        const bool escalated = chainIndex >= 0;
        const Chain chain = escalated ? chains[std::size_t(chainIndex)] : Chain {};
        const bool outage = !escalated && rng.chance(outageShare);

        // Draw the case with a provisional creation time, then place it in
        // time so that its requests (if any) fit before "now".
        Case c = randomCase(rng, firstCaseSerial + i, QDateTime(), outage);
        const qint64 minAge = minimumAgeSeconds(c.severity, c.tier);
        std::vector<qint64> requestOffsets; // seconds after creation
        qint64 created = 0;
        if (escalated) {
            qint64 offset = chain.tooEarly ? rng.between(minAge / 10, minAge * 9 / 10)
                                           : minAge + rng.between(0, 3 * day);
            for (int level = 1; level <= chain.length; ++level) {
                requestOffsets.push_back(offset);
                offset += rng.between(30 * minute, 30 * hour);
            }
            const qint64 tail = rng.between(2 * minute, 2 * day);
            created = now - (requestOffsets.back() + tail);
        } else {
            created = now - rng.between(30 * minute, 14 * day);
        }
        c.createdAt = at(created);

        qint64 updated = created;
        if (!rng.chance(0.06)) {
            const qint64 firstResponse = created + rng.between(5 * minute, 6 * hour);
            if (firstResponse < now) {
                c.firstResponseAt = at(firstResponse);
                updated = std::max(updated, firstResponse);
                ++c.version;
            }
        }
        if (rng.chance(0.85)) {
            const qint64 t = rng.between(created, now - minute);
            c.lastCustomerUpdateAt = at(t);
            updated = std::max(updated, t);
            ++c.version;
        }
        if (c.firstResponseAt.isValid() && rng.chance(0.8)) {
            const qint64 t = rng.between(secsOf(c.firstResponseAt), now - minute);
            c.lastSupportUpdateAt = at(t);
            updated = std::max(updated, t);
            ++c.version;
        }
        if (chain.closed) {
            c.status = u"closed"_s;
            ++c.version;
        }
        c.updatedAt = at(updated);

        if (escalated) {
            const QString calendar = calendarFor(c);
            const QString team = teamFor(c);
            QString previousId;
            for (int level = 1; level <= chain.length; ++level) {
                const bool last = level == chain.length;
                const qint64 requested = created + requestOffsets[std::size_t(level - 1)];
                const qint64 windowEnd = last ? now : created + requestOffsets[std::size_t(level)];
                EscalationRequest r;
                r.id = requestId(requestSerial++);
                r.caseId = c.id;
                r.level = level;
                r.reason = (level == 1 && !c.firstResponseAt.isValid() && rng.chance(0.7))
                    ? Reason::FirstResponseMissed
                    : randomReason(rng);
                r.requestedAt = at(requested);
                r.summary = randomSummary(rng, r.reason, level, r.requestedAt);
                r.requestedBy = requesterFor(rng, c.account);
                r.previousRequestId = previousId;
                r.team = team;
                r.calendarId = calendar;
                r.version = 1;
                qint64 lastEvent = requested;

                // The decision, if any, falls inside this request's window.
                const bool decided =
                    last ? !rng.chance(chain.closed ? 0.3 : 0.55) : rng.chance(0.7);
                const qint64 decidedAt = requested + rng.between(10 * minute, 8 * hour);
                if (decided && decidedAt < windowEnd) {
                    const bool accept = rng.chance(0.68);
                    const QString by = randomManager(rng);
                    r.decision =
                        Decision {accept ? DecisionKind::Accept : DecisionKind::Decline,
                                  accept ? pick(rng, acceptTexts) : pick(rng, declineTexts), by,
                                  at(decidedAt)};
                    // An early acceptance carries its reason, as the portal demands.
                    // Chosen without the generator, so every other draw stays as it was.
                    if (accept && requested < created + minAge)
                        r.decision->justification = earlyAcceptanceReasons[std::size_t(
                            (requestSerial - 1) % earlyAcceptanceReasons.size())];
                    if (accept)
                        r.owner = by;
                    r.state = accept ? RequestState::Accepted : RequestState::Declined;
                    lastEvent = std::max(lastEvent, decidedAt);
                    ++r.version;
                } else if (rng.chance(0.3)) {
                    r.owner = randomManager(rng);
                    ++r.version;
                }
                addWaits(r, requested, r.decision ? decidedAt : windowEnd, now);
                if (level >= 3 && rng.chance(r.decision ? 0.65 : 0.35)) {
                    const qint64 t = requested + rng.between(hour, 2 * day);
                    if (t < windowEnd) {
                        r.analysis =
                            Analysis {u"Analysis: the case crossed two teams without an owner; "
                                      "the first response came after the SLA and the fix needs a "
                                      "product change. Actions: single owner, daily updates."_s,
                                      seniorDirector(), at(t)};
                        lastEvent = std::max(lastEvent, t);
                        ++r.version;
                    }
                }
                if (level == 4 && rng.chance(0.5)) {
                    const qint64 t = requested + rng.between(15 * minute, day);
                    if (t < windowEnd) {
                        r.ownerAcknowledgement = OwnerAcknowledgement {vpOfSupport(), at(t)};
                        r.owner = vpOfSupport();
                        lastEvent = std::max(lastEvent, t);
                        ++r.version;
                    }
                }
                if (rng.chance(0.35)) {
                    const int notes = 1 + int(rng.bounded(3));
                    std::vector<qint64> times;
                    for (int n = 0; n < notes; ++n)
                        times.push_back(rng.between(requested, windowEnd - 1));
                    std::sort(times.begin(), times.end());
                    for (qint64 t : times) {
                        r.notes.append(Note {u"N-"_s + QString::number(noteSerial++),
                                             randomEngineer(rng), pick(rng, noteTexts), at(t)});
                        lastEvent = std::max(lastEvent, t);
                        ++r.version;
                    }
                }
                if (!last) {
                    r.state = RequestState::Superseded;
                    lastEvent = std::max(lastEvent, windowEnd);
                    ++r.version;
                } else if (chain.closed) {
                    r.state = RequestState::Closed;
                    ++r.version;
                }
                r.updatedAt = at(lastEvent);
                previousId = r.id;
                out.requests.append(std::move(r));
            }
        }
        out.cases.append(std::move(c));
    }
    out.nextNoteNumber = noteSerial;
    return out;
}

} // namespace Escalation::Portal

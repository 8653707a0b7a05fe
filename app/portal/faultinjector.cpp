#include "faultinjector.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

const std::array<std::pair<QStringView, FaultKind>, 16> kinds = {{
    {u"500", FaultKind::ServerError500},
    {u"502", FaultKind::BadGateway502},
    {u"503", FaultKind::Unavailable503},
    {u"429", FaultKind::RateLimited429},
    {u"reset", FaultKind::Reset},
    {u"stall", FaultKind::Stall},
    {u"truncate", FaultKind::Truncate},
    {u"badjson", FaultKind::BadJson},
    {u"contenttype", FaultKind::WrongContentType},
    {u"wrongtypes", FaultKind::WrongTypes},
    {u"oversize", FaultKind::Oversize},
    {u"duplicate", FaultKind::Duplicate},
    {u"reorder", FaultKind::Reorder},
    {u"huge", FaultKind::Huge},
    {u"deepnest", FaultKind::DeepNesting},
    {u"hostiletext", FaultKind::HostileText},
}};

constexpr std::size_t recentPagesKept = 8;

QString kindList()
{
    QStringList names;
    for (const auto &[code, value] : kinds)
        names.append(code.toString());
    return names.join(u", "_s);
}

// A record with one field of the wrong type or missing, each a mistake a
// broken portal or proxy could make; every one breaks a rule of the contract.
void breakRequest(QJsonObject &o, quint32 which)
{
    switch (which % 8) {
    case 0:
        o.insert(u"level"_s, u"2"_s);
        break;
    case 1:
        o.remove(u"id"_s);
        break;
    case 2:
        o.insert(u"caseId"_s, 42);
        break;
    case 3:
        o.insert(u"state"_s, true);
        break;
    case 4:
        o.insert(u"requestedAt"_s, 1700000000);
        break;
    case 5:
        o.insert(u"version"_s, u"4"_s);
        break;
    case 6:
        o.insert(u"notes"_s, QJsonObject {{u"text"_s, u"not a list"_s}});
        break;
    default:
        o.insert(u"decision"_s, QJsonArray {u"accept"_s});
        break;
    }
}

void breakCase(QJsonObject &o, quint32 which)
{
    switch (which % 6) {
    case 0:
        o.insert(u"severity"_s, QJsonValue::Null);
        break;
    case 1:
        o.remove(u"id"_s);
        break;
    case 2:
        o.insert(u"tier"_s, 1);
        break;
    case 3:
        o.insert(u"priority"_s, true);
        break;
    case 4:
        o.remove(u"number"_s);
        break;
    default:
        o.insert(u"createdAt"_s, u"yesterday"_s);
        break;
    }
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

bool FaultInjector::configure(const QString &spec, quint64 seed, QString *error)
{
    m_rules.clear();
    m_rng.reseed(seed ^ 0xFA017EC7ULL);
    double total = 0;
    const QStringList entries = spec.split(u',', Qt::SkipEmptyParts);
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        const qsizetype colon = entry.indexOf(u':');
        const QStringView kindText =
            colon < 0 ? QStringView(entry) : QStringView(entry).left(colon);
        bool ok = colon > 0;
        const double probability = ok ? QStringView(entry).mid(colon + 1).toDouble(&ok) : 0;
        std::optional<FaultKind> kind;
        for (const auto &[code, value] : kinds) {
            if (kindText == code)
                kind = value;
        }
        if (!ok || !kind || probability < 0 || probability > 1) {
            *error = QCoreApplication::translate(
                         "Escalation::Portal",
                         "--faults: \"%1\" is not KIND:PROBABILITY with KIND one of "
                         "%2 and PROBABILITY between 0 and 1")
                         .arg(entry, kindList());
            m_rules.clear();
            return false;
        }
        total += probability;
        m_rules.push_back({*kind, probability});
    }
    if (total > 1.0) {
        *error = QCoreApplication::translate(
                     "Escalation::Portal", "--faults: the probabilities add up to %1, more than 1")
                     .arg(total);
        m_rules.clear();
        return false;
    }
    return true;
}

std::optional<FaultKind> FaultInjector::draw()
{
    if (m_rules.empty())
        return std::nullopt;
    double roll = m_rng.real();
    for (const Rule &rule : m_rules) {
        if (roll < rule.probability)
            return rule.kind;
        roll -= rule.probability;
    }
    return std::nullopt;
}

FaultTiming FaultInjector::timing(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Reset:
    case FaultKind::Stall:
    case FaultKind::Truncate:
    case FaultKind::BadJson:
    case FaultKind::WrongContentType:
    case FaultKind::WrongTypes:
    case FaultKind::Oversize:
    case FaultKind::Duplicate:
    case FaultKind::Reorder:
    case FaultKind::Huge:
    case FaultKind::DeepNesting:
    case FaultKind::HostileText:
        return FaultTiming::AfterApplying;
    case FaultKind::ServerError500:
    case FaultKind::BadGateway502:
    case FaultKind::Unavailable503:
    case FaultKind::RateLimited429:
        break;
    }
    return FaultTiming::BeforeApplying;
}

bool FaultInjector::feedOnly(FaultKind kind)
{
    return kind == FaultKind::Duplicate || kind == FaultKind::Reorder
        || kind == FaultKind::HostileText;
}

void FaultInjector::rememberPage(const QByteArray &body)
{
    if (m_recentPages.size() >= recentPagesKept)
        m_recentPages.erase(m_recentPages.begin());
    m_recentPages.push_back(body);
}

QByteArray FaultInjector::garble(FaultKind kind, const QByteArray &intended)
{
    switch (kind) {
    case FaultKind::Huge: {
        // Built once: the same 100 MB are shared by every answer.
        static const QByteArray huge = [] {
            QByteArray head(
                "{\"cases\":[],\"requests\":[],\"removed\":{\"cases\":[],\"requests\":[]},"
                "\"cursor\":\"0\",\"hasMore\":false,\"padding\":\"");
            QByteArray body = head + QByteArray(hugeBodyBytes - head.size() - 2, 'x') + "\"}";
            return body;
        }();
        return huge;
    }
    case FaultKind::DeepNesting:
        return "{\"cases\":" + QByteArray(deepNestingLevels, '[')
            + QByteArray(deepNestingLevels, ']')
            + ",\"requests\":[],\"cursor\":\"1\",\"hasMore\":false}";
    case FaultKind::Duplicate: {
        std::vector<const QByteArray *> others;
        for (const QByteArray &page : m_recentPages) {
            if (page != intended)
                others.push_back(&page);
        }
        return others.empty() ? intended : *others[m_rng.bounded(quint32(others.size()))];
    }
    case FaultKind::WrongTypes:
    case FaultKind::Oversize:
    case FaultKind::Reorder:
        break;
    default:
        return {};
    }

    QJsonObject root = QJsonDocument::fromJson(intended).object();
    if (root.contains(u"request"_s)) { // a write's answer
        QJsonObject request = root.value(u"request"_s).toObject();
        if (kind == FaultKind::WrongTypes)
            breakRequest(request, m_rng.bounded(8));
        else if (kind == FaultKind::Oversize)
            request.insert(u"summary"_s, QString(20001, u's'));
        root.insert(u"request"_s, request);
        return compact(root);
    }
    QJsonArray cases = root.value(u"cases"_s).toArray();
    QJsonArray requests = root.value(u"requests"_s).toArray();
    const qsizetype total = cases.size() + requests.size();
    if (total == 0)
        return intended;
    if (kind == FaultKind::Reorder) {
        QJsonArray reversedCases, reversedRequests;
        for (qsizetype i = cases.size() - 1; i >= 0; --i)
            reversedCases.append(cases.at(i));
        for (qsizetype i = requests.size() - 1; i >= 0; --i)
            reversedRequests.append(requests.at(i));
        // Some records twice, the copy first: applying must be idempotent.
        for (qsizetype i = 0; i < cases.size() && i < 3; ++i)
            reversedCases.prepend(cases.at(i));
        for (qsizetype i = 0; i < requests.size() && i < 3; ++i)
            reversedRequests.prepend(requests.at(i));
        root.insert(u"cases"_s, reversedCases);
        root.insert(u"requests"_s, reversedRequests);
        return compact(root);
    }
    // Break one record at least, about a tenth of them at most.
    const qsizetype broken = std::max<qsizetype>(1, total / 10);
    for (qsizetype n = 0; n < broken; ++n) {
        const qsizetype index = qsizetype(m_rng.bounded(quint32(total)));
        const bool isCase = index < cases.size();
        QJsonArray &array = isCase ? cases : requests;
        const qsizetype at = isCase ? index : index - cases.size();
        QJsonObject record = array.at(at).toObject();
        if (kind == FaultKind::Oversize)
            record.insert(isCase ? u"subject"_s : u"summary"_s,
                          QString(isCase ? 1024 * 1024 : 20001, u'o'));
        else if (isCase)
            breakCase(record, m_rng.bounded(6));
        else
            breakRequest(record, m_rng.bounded(8));
        array.replace(at, record);
    }
    root.insert(u"cases"_s, cases);
    root.insert(u"requests"_s, requests);
    return compact(root);
}

QString FaultInjector::hostileText(qsizetype maxLength)
{
    static const std::array<QStringView, 12> pieces = {{
        u"<script>alert('portal')</script>",
        u"<img src=x onerror=alert(1)>",
        u"<b>bold</b> &amp; &lt;i&gt; <a href=\"javascript:alert(1)\">link</a>",
        u"\u2400nul\u0001\u0007bell\u001b[31mred\u001b[0m",
        u"tab\there\r\nCRLF\nLF",
        u"\u202Eright-to-left override\u202C",
        u"\U0001F600 astral \U0001D11E",
        u"\uFEFFbom\u2028line\u2029para",
        u"'; DROP TABLE requests; --",
        u"%s%n%x{0}\\\\",
        u"\u00e9\u0301 combining",
        u"</td></tr></table><h1>layout</h1>",
    }};
    // Never a byte-order mark first: a leading U+FEFF is not content (UTF-8
    // decoders drop it), so a client could not keep it verbatim.
    QString text = u"\u00BB "_s;
    const quint32 start = m_rng.bounded(quint32(pieces.size()));
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const QStringView piece = pieces[(start + i) % pieces.size()];
        if (text.size() + piece.size() + 1 > maxLength)
            break;
        text += piece;
        text += u' ';
    }
    // U+2400 stands in for NUL above (a literal NUL would end the view).
    text.replace(QChar(0x2400), QChar(0));
    // Exactly at the contract's limit: one more character would be refused.
    text += QString(maxLength - text.size(), u'w');
    return text;
}

QString FaultInjector::name(FaultKind kind)
{
    for (const auto &[code, value] : kinds) {
        if (value == kind)
            return code.toString();
    }
    return {};
}

} // namespace Escalation::Portal

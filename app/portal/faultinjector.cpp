#include "faultinjector.h"

#include <QCoreApplication>
#include <QStringList>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

const std::array<std::pair<QStringView, FaultKind>, 9> kinds = {{
    {u"500", FaultKind::ServerError500},
    {u"502", FaultKind::BadGateway502},
    {u"503", FaultKind::Unavailable503},
    {u"429", FaultKind::RateLimited429},
    {u"reset", FaultKind::Reset},
    {u"stall", FaultKind::Stall},
    {u"truncate", FaultKind::Truncate},
    {u"badjson", FaultKind::BadJson},
    {u"contenttype", FaultKind::WrongContentType},
}};

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
        const QStringView kindText = colon < 0 ? QStringView(entry) : QStringView(entry).left(colon);
        bool ok = colon > 0;
        const double probability = ok ? QStringView(entry).mid(colon + 1).toDouble(&ok) : 0;
        std::optional<FaultKind> kind;
        for (const auto &[code, value] : kinds) {
            if (kindText == code)
                kind = value;
        }
        if (!ok || !kind || probability < 0 || probability > 1) {
            *error = QCoreApplication::translate("Escalation::Portal",
                                                 "--faults: \"%1\" is not KIND:PROBABILITY with KIND one of "
                                                 "500, 502, 503, 429, reset, stall, truncate, badjson, "
                                                 "contenttype and PROBABILITY between 0 and 1")
                         .arg(entry);
            m_rules.clear();
            return false;
        }
        total += probability;
        m_rules.push_back({*kind, probability});
    }
    if (total > 1.0) {
        *error = QCoreApplication::translate("Escalation::Portal", "--faults: the probabilities add up to %1, more than 1")
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
        return FaultTiming::AfterApplying;
    case FaultKind::ServerError500:
    case FaultKind::BadGateway502:
    case FaultKind::Unavailable503:
    case FaultKind::RateLimited429:
        break;
    }
    return FaultTiming::BeforeApplying;
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

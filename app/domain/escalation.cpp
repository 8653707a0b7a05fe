#include "escalation.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace Escalation {

namespace {

// Code tables in enum order; lookups walk them (they are a handful long).
constexpr std::array tierCodes = {u"premium", u"standard"};
constexpr std::array priorityCodes = {u"low", u"normal", u"high"};
constexpr std::array reasonCodes = {u"time_constraint", u"impaired_function",
                                    u"first_response_missed", u"lack_of_updates", u"other"};
constexpr std::array stateCodes = {u"pending", u"accepted", u"declined", u"superseded", u"closed"};
constexpr std::array decisionCodes = {u"accept", u"decline"};

template<typename Enum, std::size_t N>
std::optional<Enum> fromCode(const std::array<const char16_t *, N> &codes, QStringView code)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (code == QStringView(codes[i]))
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}

template<std::size_t N>
QString codeAt(const std::array<const char16_t *, N> &codes, std::size_t index)
{
    return index < N ? QString::fromUtf16(codes[index]) : QString();
}

QString trDomain(const char *text)
{
    return QCoreApplication::translate("Escalation", text);
}

} // namespace

QString toCode(Severity v)
{
    return QString::number(static_cast<int>(v));
}
QString toCode(SupportTier v)
{
    return codeAt(tierCodes, static_cast<std::size_t>(v));
}
QString toCode(CustomerPriority v)
{
    return codeAt(priorityCodes, static_cast<std::size_t>(v));
}
QString toCode(Reason v)
{
    return codeAt(reasonCodes, static_cast<std::size_t>(v));
}
QString toCode(RequestState v)
{
    return codeAt(stateCodes, static_cast<std::size_t>(v));
}
QString toCode(DecisionKind v)
{
    return codeAt(decisionCodes, static_cast<std::size_t>(v));
}

std::optional<Severity> severityFromInt(int v)
{
    if (v < 1 || v > 4)
        return std::nullopt;
    return static_cast<Severity>(v);
}

std::optional<SupportTier> supportTierFromCode(QStringView code)
{
    return fromCode<SupportTier>(tierCodes, code);
}

std::optional<CustomerPriority> priorityFromCode(QStringView code)
{
    return fromCode<CustomerPriority>(priorityCodes, code);
}

std::optional<Reason> reasonFromCode(QStringView code)
{
    return fromCode<Reason>(reasonCodes, code);
}

std::optional<RequestState> requestStateFromCode(QStringView code)
{
    return fromCode<RequestState>(stateCodes, code);
}

std::optional<DecisionKind> decisionKindFromCode(QStringView code)
{
    return fromCode<DecisionKind>(decisionCodes, code);
}

QString displayName(Severity v)
{
    switch (v) {
    case Severity::S1:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "S1 outage"));
    case Severity::S2:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "S2"));
    case Severity::S3:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "S3"));
    case Severity::S4:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "S4"));
    }
    return {};
}

QString displayName(SupportTier v)
{
    switch (v) {
    case SupportTier::Premium:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Premium"));
    case SupportTier::Standard:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Standard"));
    }
    return {};
}

QString displayName(CustomerPriority v)
{
    switch (v) {
    case CustomerPriority::Low:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Low"));
    case CustomerPriority::Normal:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Normal"));
    case CustomerPriority::High:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "High"));
    }
    return {};
}

QString displayName(Reason v)
{
    switch (v) {
    case Reason::TimeConstraint:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Time constraint"));
    case Reason::ImpairedFunction:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Major impaired function"));
    case Reason::FirstResponseMissed:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "First-response SLA missed"));
    case Reason::LackOfUpdates:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Lack of updates"));
    case Reason::Other:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Other"));
    }
    return {};
}

QString displayName(RequestState v)
{
    switch (v) {
    case RequestState::Pending:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Pending review"));
    case RequestState::Accepted:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Accepted"));
    case RequestState::Declined:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Declined"));
    case RequestState::Superseded:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Re-escalated"));
    case RequestState::Closed:
        return trDomain(QT_TRANSLATE_NOOP("Escalation", "Closed"));
    }
    return {};
}

} // namespace Escalation

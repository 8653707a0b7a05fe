#include "outboxentry.h"

#include <QCoreApplication>

#include <array>

namespace Escalation {

namespace {
constexpr std::array actionCodes = {u"accept",         u"decline",       u"note",
                                    u"take_ownership", u"analysis",      u"acknowledge",
                                    u"hand_off",       u"ask_requester", u"resume_review"};
constexpr std::array statusCodes = {u"pending", u"delivered", u"conflict", u"rejected", u"refused"};
} // namespace

QString toCode(OutboxAction v)
{
    return QString::fromUtf16(actionCodes.at(static_cast<std::size_t>(v)));
}
QString toCode(OutboxStatus v)
{
    return QString::fromUtf16(statusCodes.at(static_cast<std::size_t>(v)));
}

std::optional<OutboxAction> outboxActionFromCode(QStringView code)
{
    for (std::size_t i = 0; i < actionCodes.size(); ++i) {
        if (code == QStringView(actionCodes[i]))
            return static_cast<OutboxAction>(i);
    }
    return std::nullopt;
}

std::optional<OutboxStatus> outboxStatusFromCode(QStringView code)
{
    for (std::size_t i = 0; i < statusCodes.size(); ++i) {
        if (code == QStringView(statusCodes[i]))
            return static_cast<OutboxStatus>(i);
    }
    return std::nullopt;
}

QString displayName(OutboxAction v)
{
    switch (v) {
    case OutboxAction::Accept:
        return QCoreApplication::translate("Escalation", "Accept");
    case OutboxAction::Decline:
        return QCoreApplication::translate("Escalation", "Decline");
    case OutboxAction::AddNote:
        return QCoreApplication::translate("Escalation", "Note");
    case OutboxAction::TakeOwnership:
        return QCoreApplication::translate("Escalation", "Take ownership");
    case OutboxAction::RecordAnalysis:
        return QCoreApplication::translate("Escalation", "Level-3 analysis");
    case OutboxAction::AcknowledgeOwnership:
        return QCoreApplication::translate("Escalation", "Level-4 acknowledgement");
    case OutboxAction::HandOff:
        return QCoreApplication::translate("Escalation", "Hand-off");
    case OutboxAction::AskRequester:
        return QCoreApplication::translate("Escalation", "Question to the requester");
    case OutboxAction::ResumeReview:
        return QCoreApplication::translate("Escalation", "Review resumed");
    }
    return {};
}

} // namespace Escalation

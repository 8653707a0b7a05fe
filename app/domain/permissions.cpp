#include "permissions.h"

#include <QCoreApplication>

#include <array>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

constexpr std::array<QStringView, 4> kRoleCodes {u"escalation_manager", u"team_lead", u"director",
                                                 u"admin"};
constexpr std::array<QStringView, 8> kPermissionCodes {
    u"read", u"decide", u"note", u"analysis", u"acknowledge", u"raise", u"admin", u"hand_off"};

QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::Permissions", text);
}

} // namespace

bool hasPermission(UserRole role, Permission permission)
{
    // Rows: permissions; columns: manager, team lead, director, admin.
    switch (permission) {
    case Permission::Read:
        return true;
    case Permission::Decide:
        return role == UserRole::EscalationManager;
    case Permission::Note:
        return role != UserRole::Admin;
    case Permission::Analysis:
        return role == UserRole::EscalationManager || role == UserRole::Director;
    case Permission::Acknowledge:
        return role == UserRole::Director;
    case Permission::Raise:
        return role != UserRole::Admin;
    case Permission::Admin:
        return role == UserRole::Admin;
    case Permission::HandOff: // a team lead moves work between regions too
        return role == UserRole::EscalationManager || role == UserRole::TeamLead;
    }
    return false;
}

Permission permissionFor(OutboxAction action)
{
    switch (action) {
    case OutboxAction::Accept:
    case OutboxAction::Decline:
    case OutboxAction::TakeOwnership:
        return Permission::Decide;
    case OutboxAction::HandOff:
        return Permission::HandOff;
    case OutboxAction::AskRequester: // pausing the clock is the reviewer's call
    case OutboxAction::ResumeReview:
        return Permission::Decide;
    case OutboxAction::AddNote:
        return Permission::Note;
    case OutboxAction::RecordAnalysis:
        return Permission::Analysis;
    case OutboxAction::AcknowledgeOwnership:
        return Permission::Acknowledge;
    }
    return Permission::Admin;
}

QString toCode(UserRole role)
{
    return kRoleCodes[size_t(role)].toString();
}

std::optional<UserRole> userRoleFromCode(QStringView code)
{
    for (size_t i = 0; i < kRoleCodes.size(); ++i) {
        if (code == kRoleCodes[i])
            return UserRole(i);
    }
    return std::nullopt;
}

QString toCode(Permission permission)
{
    return kPermissionCodes[size_t(permission)].toString();
}

std::optional<Permission> permissionFromCode(QStringView code)
{
    for (size_t i = 0; i < kPermissionCodes.size(); ++i) {
        if (code == kPermissionCodes[i])
            return Permission(i);
    }
    return std::nullopt;
}

QString displayName(UserRole role)
{
    switch (role) {
    case UserRole::EscalationManager:
        return tr("Escalation manager");
    case UserRole::TeamLead:
        return tr("Team lead");
    case UserRole::Director:
        return tr("Director");
    case UserRole::Admin:
        return tr("Administrator");
    }
    return {};
}

QString refusalReason(UserRole role, Permission permission)
{
    if (hasPermission(role, permission))
        return {};
    switch (permission) {
    case Permission::Read:
        break;
    case Permission::Decide:
        return tr("Only an escalation manager accepts, declines or takes requests.");
    case Permission::Note:
        return tr("An administrator manages users and does not write notes.");
    case Permission::Analysis:
        return tr("The level-3 analysis is written by an escalation manager or a director.");
    case Permission::Acknowledge:
        return tr("Only a director acknowledges ownership of a level-4 escalation.");
    case Permission::Raise:
        return tr("An administrator manages users and does not raise escalations.");
    case Permission::Admin:
        return tr("Only an administrator manages users and reads the audit log.");
    case Permission::HandOff:
        return tr("An escalation manager or a team lead hands requests to another region.");
    }
    return {};
}

} // namespace Escalation

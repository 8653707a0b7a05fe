#include "deskrole.h"

#include <QCoreApplication>

namespace Escalation {

QString toCode(DeskRole role)
{
    switch (role) {
    case DeskRole::Manager:
        return QStringLiteral("manager");
    case DeskRole::TeamLead:
        return QStringLiteral("teamlead");
    case DeskRole::Director:
        return QStringLiteral("director");
    }
    return {};
}

std::optional<DeskRole> deskRoleFromCode(QStringView code)
{
    for (DeskRole role : {DeskRole::Manager, DeskRole::TeamLead, DeskRole::Director}) {
        if (code.compare(toCode(role), Qt::CaseInsensitive) == 0)
            return role;
    }
    return std::nullopt;
}

QString displayName(DeskRole role)
{
    switch (role) {
    case DeskRole::Manager:
        return QCoreApplication::translate("DeskRole", "Escalation manager");
    case DeskRole::TeamLead:
        return QCoreApplication::translate("DeskRole", "Team lead");
    case DeskRole::Director:
        return QCoreApplication::translate("DeskRole", "Director");
    }
    return {};
}

DeskRole deskRoleFor(UserRole role)
{
    switch (role) {
    case UserRole::EscalationManager:
    case UserRole::Admin:
        return DeskRole::Manager;
    case UserRole::TeamLead:
        return DeskRole::TeamLead;
    case UserRole::Director:
        return DeskRole::Director;
    }
    return DeskRole::Manager;
}

UserRole userRoleFor(DeskRole role)
{
    switch (role) {
    case DeskRole::Manager:
        return UserRole::EscalationManager;
    case DeskRole::TeamLead:
        return UserRole::TeamLead;
    case DeskRole::Director:
        return UserRole::Director;
    }
    return UserRole::EscalationManager;
}

} // namespace Escalation

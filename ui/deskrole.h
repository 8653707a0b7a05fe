#pragma once

// Who sits at this workstation. The role decides which views and actions
// the main window offers: a director is never shown the triage toolbar.

#include <QString>

#include <optional>

namespace Escalation {

enum class DeskRole : quint8 { Manager, TeamLead, Director };

QString toCode(DeskRole role); // "manager" | "teamlead" | "director"
std::optional<DeskRole> deskRoleFromCode(QStringView code);
QString displayName(DeskRole role);
// Whether the role triages requests (accept, decline, take, note, analysis).
inline bool canTriage(DeskRole role)
{
    return role != DeskRole::Director;
}

} // namespace Escalation

#pragma once

// Who sits at this workstation. The role decides which views and actions
// the main window offers: a director is never shown the triage toolbar.

#include <permissions.h>

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

// The view a signed-in user's role works in: an administrator gets the
// manager's queue (with every action disabled by the permission table).
DeskRole deskRoleFor(UserRole role);
// The role the desk assumes from its setting while the portal has not said.
UserRole userRoleFor(DeskRole role);

// Who the desk acts as, and how it knows: from the portal's /me, from the
// last answer cached (the portal could not be asked), or from the settings
// (a backend that cannot say, or nothing known yet).
struct SignedInUser {
    enum class Source : quint8 { Portal, Cached, Settings };
    UserIdentity identity;
    Source source = Source::Settings;
    QString note; // translated: why it is not the portal's answer, empty otherwise
    bool known() const { return !identity.name.isEmpty(); }
};

} // namespace Escalation

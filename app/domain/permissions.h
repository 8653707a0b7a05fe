#pragma once

// Who may do what (docs/portal-api.md, "Users, roles and permissions"). The
// one table: the reference portal enforces it and answers 403 with
// details.permission; the desk disables what the signed-in user's role may
// not do and says why. A role is what the portal's user record says, never
// what a client claims.

#include "outboxentry.h"

#include <QString>

#include <optional>

namespace Escalation {

enum class UserRole : quint8 { EscalationManager, TeamLead, Director, Admin };

enum class Permission : quint8 {
    Read, // cases, requests, changes, a request's history
    Decide, // accept, decline, take ownership
    Note,
    Analysis, // the level-3 analysis
    Acknowledge, // the level-4 owner's acknowledgement
    Raise, // open an escalation request on a case
    Admin, // manage users, read the whole audit log
    HandOff, // hand a request to another region's team (follow-the-sun)
};

bool hasPermission(UserRole role, Permission permission);

// The permission an outbox action needs.
Permission permissionFor(OutboxAction action);

// Wire codes: "escalation_manager" | "team_lead" | "director" | "admin", and
// "read" | "decide" | "note" | "analysis" | "acknowledge" | "raise" | "admin" |
// "hand_off".
QString toCode(UserRole role);
std::optional<UserRole> userRoleFromCode(QStringView code);
QString toCode(Permission permission);
std::optional<Permission> permissionFromCode(QStringView code);

// Translated, for people: "Escalation manager", "Team lead", …
QString displayName(UserRole role);
// Translated: why role may not do it, for a disabled action's tooltip, e.g.
// "A team lead cannot accept or decline requests; an escalation manager does."
QString refusalReason(UserRole role, Permission permission);

// The authenticated user as the portal knows them (GET /api/v1/me).
struct UserIdentity {
    QString id;
    QString name; // display name
    UserRole role = UserRole::EscalationManager;
    QString team;
    bool operator==(const UserIdentity &) const = default;
};

} // namespace Escalation

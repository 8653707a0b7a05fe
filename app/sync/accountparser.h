#pragma once

// Reads the answers of the accounts part of the portal contract
// (/work/notes/auth-contract.md, docs/portal-api.md): who the token
// belongs to (GET /me) and a request's timeline (GET /requests/{id}/history).
// Pure functions, hostile input gives an error, never a crash.

#include "recordparser.h"

#include <permissions.h>
#include <requesthistory.h>

#include <optional>

namespace Escalation {

// {"user": {"id", "name", "role", "team"}}; nullopt and *why when unusable
// (an unknown role included: the desk never guesses a role).
std::optional<UserIdentity> parseIdentityAnswer(const QByteArray &body, QString *why,
                                                const ParseLimits &limits = {});

// {"requestId", "entries": [...]}, oldest first. An entry that cannot be
// read is left out (its neighbours still tell the story); a body that is
// not this shape is nullopt and *why.
std::optional<RequestHistory> parseHistoryAnswer(const QByteArray &body, QString *why,
                                                 const ParseLimits &limits = {});

} // namespace Escalation

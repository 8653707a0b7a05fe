#pragma once

// The seeded demo's people: one portal user per role with the generator's
// names, their tokens for --demo-credentials, and a plausible timeline for
// each seeded request.

#include <QString>

namespace Escalation::Portal {

class PortalStore;
class RequestHistory;
class UserDirectory;

// Adds the demo users (without tokens) that do not exist yet.
bool ensureDemoUsers(UserDirectory &users, QString *error);

// Writes FILE (mode 0600): {"escalation_manager":{"id","name","token"}, …}.
// A demo user keeps the token FILE already holds for them if it is still
// theirs (or they have none yet), so a restarted demo portal's clients stay
// signed in; otherwise a fresh token is issued. Revoked users are left out.
bool writeDemoCredentials(UserDirectory &users, const QString &path, QString *error);

// Timeline entries for the seeded requests, from what their records say
// (decisions, ownership, analyses, acknowledgements, notes, closing).
bool seedHistory(const PortalStore &store, const UserDirectory &users, RequestHistory &history,
                 QString *error);

} // namespace Escalation::Portal

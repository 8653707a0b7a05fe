#pragma once

// The cache schema as a list of upgrade steps. Step N takes a database from
// user_version N-1 to N; each step runs in one transaction together with the
// new user_version, so a failed step leaves the previous version intact.
// Never edit a released step: add a new one (and a fixture of the old
// version under tests/store/fixtures/).

#include <QList>
#include <QString>

namespace Escalation::Schema {

// The statements of the step that produces `version` (1..latestVersion()).
QList<QString> upgradeStatements(int version);
int latestVersion();

} // namespace Escalation::Schema

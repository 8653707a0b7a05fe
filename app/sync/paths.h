#pragma once

// Where the desktop app and the command line keep the local cache, so that
// both open the same file when no --db is given.

#include <QString>

namespace Escalation {

// QStandardPaths::AppDataLocation + "/cache.sqlite". Creates the directory
// when it does not exist yet; the file itself is created by the store.
QString defaultCachePath();

} // namespace Escalation

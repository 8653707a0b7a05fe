#pragma once

// The value types the cache hands to its callers: what went wrong, what
// happened while opening, where the sync stands, and the active queue.

#include "activequeue.h"
#include "escalation.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Escalation {

// A failed cache operation. `message` is user-readable and translated; the
// kind lets callers choose a reaction (e.g. exit status 4 on the CLI, a
// "disk full" banner in the GUI).
struct StoreError {
    enum Kind { None, Io, DiskFull, ReadOnly, Corrupt, NewerSchema, Constraint, Other } kind = None;
    QString message;

    explicit operator bool() const { return kind != None; }
};

// What open() did besides opening: a damaged cache moved aside (and how many
// outbox entries were rescued from it), and the journal mode in effect.
struct StoreOpenReport {
    QString movedAsidePath; // empty unless a damaged cache was moved aside
    int salvagedOutboxEntries = 0;
    bool rebuilt = false; // a fresh cache was created in place of a damaged one
    QString journalMode; // "wal", or "delete" where WAL is unavailable
};

struct SyncState {
    QString cursor; // empty: never synced
    QDateTime lastSuccessAt;
    QString lastError;
    QDateTime lastErrorAt;
};

// The requests in the active queue (pending, accepted, declined) and the
// cases they belong to, keyed by case id.
struct QueueSnapshot {
    QList<EscalationRequest> requests;
    QHash<QString, Case> cases;
};

// Registers every type the store passes through queued signals. Call once
// before connecting a StoreWorker across threads (StoreWorker's constructor
// calls it too).
void registerStoreMetaTypes();

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::StoreError)
Q_DECLARE_METATYPE(Escalation::StoreOpenReport)
Q_DECLARE_METATYPE(Escalation::SyncState)
Q_DECLARE_METATYPE(Escalation::QueueSnapshot)

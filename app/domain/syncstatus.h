#pragma once

// Where the sync with the backend stands, as the sync engine reports it and
// the status bar and the command line show it. A plain value in the domain
// so that widgets can show it without depending on the sync library.

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Escalation {

struct SyncStatus {
    enum class State : quint8 {
        Idle, // not started
        Syncing, // fetching/committing pages; see firstSync, pagesDone, recordsDone
        UpToDate, // the cache holds everything the portal had at lastSuccessAt
        Offline, // the portal cannot be reached; see offlineSince, nextRetryAt
        Error, // the portal answered but something is wrong (token, data, cache); see message
    };
    State state = State::Idle;
    bool firstSync = false;
    int pagesDone = 0; // in the running sync
    qint64 recordsDone = 0; // in the running sync
    QDateTime offlineSince;
    QDateTime nextRetryAt; // when the engine tries again by itself; invalid: it will not
    QString message; // translated; set for Offline and Error
    QDateTime lastSuccessAt;
    int pendingOutbox = 0;
    qint64 skippedRecords = 0; // invalid records left out since start
    bool push = true; // false: the portal has no long polling, the engine polls
};

} // namespace Escalation

Q_DECLARE_METATYPE(Escalation::SyncStatus)

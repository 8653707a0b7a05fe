#include "schema.h"

using namespace Qt::StringLiterals;

namespace Escalation::Schema {

namespace {

// Version 1: the first released cache. Timestamps are UTC milliseconds since
// the epoch (NULL: none); enumerations are the wire codes of the portal
// contract; the sync cursor and status lived in `settings`.
QList<QString> version1()
{
    return {
        uR"(CREATE TABLE cases (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT,
    subject TEXT,
    account TEXT,
    tier TEXT NOT NULL,
    severity INTEGER NOT NULL,
    priority TEXT NOT NULL,
    status TEXT,
    created_at INTEGER,
    first_response_at INTEGER,
    last_customer_update_at INTEGER,
    last_support_update_at INTEGER,
    assignee TEXT,
    csm TEXT,
    updated_at INTEGER,
    version INTEGER NOT NULL DEFAULT 0
))"_s,
        uR"(CREATE TABLE requests (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    reason TEXT NOT NULL,
    summary TEXT,
    requested_by TEXT,
    requested_at INTEGER,
    state TEXT NOT NULL,
    previous_request_id TEXT,
    owner TEXT,
    team TEXT,
    calendar_id TEXT,
    decision_kind TEXT,
    decision_text TEXT,
    decision_by TEXT,
    decision_at INTEGER,
    analysis_text TEXT,
    analysis_by TEXT,
    analysis_at INTEGER,
    ack_by TEXT,
    ack_at INTEGER,
    updated_at INTEGER,
    version INTEGER NOT NULL DEFAULT 0
))"_s,
        u"CREATE INDEX requests_case ON requests (case_id)"_s,
        // Clustered by request so that a request's notes are one range scan.
        uR"(CREATE TABLE notes (
    request_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT,
    author TEXT,
    text TEXT,
    at INTEGER,
    PRIMARY KEY (request_id, seq)
) WITHOUT ROWID)"_s,
        // AUTOINCREMENT: a local id is never reused, even after deletions,
        // so a stale reference can never point at another decision.
        uR"(CREATE TABLE outbox (
    local_id INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    request_id TEXT NOT NULL,
    action TEXT NOT NULL,
    text TEXT,
    actor TEXT,
    base_version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    last_error TEXT,
    conflict_json TEXT
))"_s,
        u"CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT) WITHOUT ROWID"_s,
    };
}

// Version 2: the sync status gets its own single-row table (moved out of
// `settings`, which keeps ETags and other values), the ladder query gets an
// index that returns a case's requests already in order, and the outbox gets
// an index on its status (the sync engine asks for pending entries often).
QList<QString> version2()
{
    return {
        uR"(CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    cursor TEXT NOT NULL DEFAULT '',
    last_success_at INTEGER,
    last_error TEXT,
    last_error_at INTEGER
))"_s,
        uR"(INSERT INTO sync_state (id, cursor, last_success_at, last_error, last_error_at) VALUES (1,
    COALESCE((SELECT value FROM settings WHERE key = 'sync.cursor'), ''),
    (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'sync.lastSuccessAt'),
    (SELECT value FROM settings WHERE key = 'sync.lastError'),
    (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'sync.lastErrorAt')))"_s,
        uR"(DELETE FROM settings WHERE key IN
    ('sync.cursor', 'sync.lastSuccessAt', 'sync.lastError', 'sync.lastErrorAt'))"_s,
        u"DROP INDEX requests_case"_s,
        u"CREATE INDEX requests_case_ladder ON requests (case_id, requested_at, level)"_s,
        u"CREATE INDEX outbox_status ON outbox (status, local_id)"_s,
    };
}

// Version 3: a request keeps the backend's own due time for its review when
// the backend has one (Request Tracker's Due from a queue SLA), shown beside
// the app's deadline. NULL for every existing row: the native portal has no
// such field, and an RT cache gets it with the next sync of each request.
QList<QString> version3()
{
    return {
        u"ALTER TABLE requests ADD COLUMN external_due_at INTEGER"_s,
    };
}

// Version 4: a request's timeline (who raised, took, decided, noted,
// analysed, acknowledged it, and when), as the backend last told it, for
// the details pane to show offline. Entries are clustered by request; a
// row in request_history_fetched says the timeline was fetched (an empty
// one included), and when.
QList<QString> version4()
{
    return {
        uR"(CREATE TABLE request_history (
    request_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER,
    action TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    actor_role TEXT,
    text TEXT,
    refused INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (request_id, seq)
) WITHOUT ROWID)"_s,
        uR"(CREATE TABLE request_history_fetched (
    request_id TEXT PRIMARY KEY NOT NULL,
    fetched_at INTEGER
) WITHOUT ROWID)"_s,
    };
}

// Version 5: an acceptance before the minimum case age keeps the manager's
// justification, a request keeps its latest follow-the-sun hand-off and its
// waits on the requester (a JSON array: few per request, read with the
// request, NULL when none), and an outbox entry carries the justification
// and the hand-off's team until the portal has them.
QList<QString> version5()
{
    return {
        u"ALTER TABLE requests ADD COLUMN decision_justification TEXT"_s,
        u"ALTER TABLE requests ADD COLUMN handoff_from TEXT"_s,
        u"ALTER TABLE requests ADD COLUMN handoff_to TEXT"_s,
        u"ALTER TABLE requests ADD COLUMN handoff_text TEXT"_s,
        u"ALTER TABLE requests ADD COLUMN handoff_by TEXT"_s,
        u"ALTER TABLE requests ADD COLUMN handoff_at INTEGER"_s,
        u"ALTER TABLE requests ADD COLUMN waits TEXT"_s,
        u"ALTER TABLE outbox ADD COLUMN justification TEXT"_s,
        u"ALTER TABLE outbox ADD COLUMN to_team TEXT"_s,
    };
}

} // namespace

int latestVersion()
{
    return 5;
}

QList<QString> upgradeStatements(int version)
{
    switch (version) {
    case 1:
        return version1();
    case 2:
        return version2();
    case 3:
        return version3();
    case 4:
        return version4();
    case 5:
        return version5();
    default:
        return {};
    }
}

} // namespace Escalation::Schema

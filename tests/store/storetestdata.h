#pragma once

// Deterministic cases, requests and sync pages for the store's tests, the
// crash-writer helper and the benchmarks.

#include "escalation.h"
#include "outboxentry.h"
#include "syncpage.h"

#include <QList>

namespace Escalation::StoreTestData {

QDateTime baseTime(); // 2026-03-30T08:00:00Z

Case makeCase(int n);
// A pending level-1 request on case `caseId`, with `notes` notes; every
// optional part (decision, analysis, acknowledgement) filled when `full`.
EscalationRequest makeRequest(int n, const QString &caseId, int notes = 1, bool full = false);
OutboxEntry makeOutboxEntry(const QString &requestId, const QString &text);

// `total` requests on `total` cases (request n on case n), cut into pages of
// `pageSize` requests with their cases; cursors "1", "2", ...
QList<SyncPage> makePages(int total, int pageSize, int notesPerRequest = 1);

} // namespace Escalation::StoreTestData

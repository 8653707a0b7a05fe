#pragma once

// Seeded fault injection for reliability tests: decides, per eligible
// request, whether the portal misbehaves and how. The spec is a comma list
// of kind:probability, e.g. "500:0.1,429:0.05,reset:0.05,stall:0.02".
// Kinds: 500, 502, 503 (server errors), 429 (rate limited, Retry-After),
// reset (connection dropped without an answer), stall (no answer for the
// stall time, then the connection is dropped), truncate (body cut short of
// its Content-Length), badjson (200 with malformed JSON), contenttype (200
// with an HTML body and text/html), wrongtypes (some records with a field of
// the wrong type or missing), oversize (a record with a text field far over
// its contract limit), duplicate (an earlier page replayed: stale records
// and a cursor that moves back), reorder (the page's records in reverse
// order, some of them twice), huge (a 100 MB body), deepnest (JSON nested
// far deeper than any parser allows) and hostiletext (a real change at the
// portal: a case subject and a note full of HTML, control characters and
// text at the contract's length limits).

#include "rng.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <optional>
#include <vector>

namespace Escalation::Portal {

enum class FaultKind : quint8 {
    ServerError500,
    BadGateway502,
    Unavailable503,
    RateLimited429,
    Reset,
    Stall,
    Truncate,
    BadJson,
    WrongContentType,
    WrongTypes,
    Oversize,
    Duplicate,
    Reorder,
    Huge,
    DeepNesting,
    HostileText,
};

// Where a fault happens for a write: before it is applied (the client may
// retry and it is applied then), or after (applied, but the answer is lost:
// only a retry with the same Idempotency-Key tells the client).
enum class FaultTiming : quint8 { BeforeApplying, AfterApplying };

class FaultInjector final {
public:
    FaultInjector()
        : m_rng(0)
    {
    }

    // Parses a spec; on failure returns false and names the bad entry.
    bool configure(const QString &spec, quint64 seed, QString *error);
    bool isActive() const { return !m_rules.empty(); }

    std::optional<FaultKind> draw();

    static FaultTiming timing(FaultKind kind);
    static QString name(FaultKind kind);

    std::chrono::milliseconds stallTime() const { return m_stall; }
    void setStallTime(std::chrono::milliseconds stall) { m_stall = stall; }

    // Kinds that only make sense for the change feed (they replay, reorder
    // or change records); a write draws them as "no fault".
    static bool feedOnly(FaultKind kind);

    // The body a 200 answer carries instead of `intended` for the kinds that
    // garble a body (WrongTypes, Oversize, Duplicate, Reorder, Huge,
    // DeepNesting); empty for the others. `intended` is a change-feed page
    // or a write's {"request": {...}} answer.
    QByteArray garble(FaultKind kind, const QByteArray &intended);
    // Keeps a page body for later Duplicate replays (a few recent ones).
    void rememberPage(const QByteArray &body);

    // Hostile but valid text for a HostileText change: HTML, control
    // characters, bidirectional overrides, astral characters, padded to
    // exactly maxLength characters.
    QString hostileText(qsizetype maxLength);
    // A seeded index in [0, count), for picking the record a change hits.
    qint64 pick(qint64 count) { return count > 0 ? m_rng.between(0, count - 1) : 0; }

    static constexpr qsizetype hugeBodyBytes = 100 * 1024 * 1024;
    static constexpr int deepNestingLevels = 100000;

private:
    struct Rule {
        FaultKind kind;
        double probability;
    };
    std::vector<Rule> m_rules;
    Rng m_rng;
    std::chrono::milliseconds m_stall {120000};
    std::vector<QByteArray> m_recentPages;
};

} // namespace Escalation::Portal

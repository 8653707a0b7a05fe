#pragma once

// Seeded fault injection for reliability tests: decides, per eligible
// request, whether the portal misbehaves and how. The spec is a comma list
// of kind:probability, e.g. "500:0.1,429:0.05,reset:0.05,stall:0.02".
// Kinds: 500, 502, 503 (server errors), 429 (rate limited, Retry-After),
// reset (connection dropped without an answer), stall (no answer for the
// stall time, then the connection is dropped), truncate (body cut short of
// its Content-Length), badjson (200 with malformed JSON), contenttype (200
// with an HTML body and text/html).

#include "rng.h"

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
};

// Where a fault happens for a write: before it is applied (the client may
// retry and it is applied then), or after (applied, but the answer is lost:
// only a retry with the same Idempotency-Key tells the client).
enum class FaultTiming : quint8 { BeforeApplying, AfterApplying };

class FaultInjector final
{
public:
    FaultInjector() : m_rng(0) {}

    // Parses a spec; on failure returns false and names the bad entry.
    bool configure(const QString &spec, quint64 seed, QString *error);
    bool isActive() const { return !m_rules.empty(); }

    std::optional<FaultKind> draw();

    static FaultTiming timing(FaultKind kind);
    static QString name(FaultKind kind);

    std::chrono::milliseconds stallTime() const { return m_stall; }
    void setStallTime(std::chrono::milliseconds stall) { m_stall = stall; }

private:
    struct Rule {
        FaultKind kind;
        double probability;
    };
    std::vector<Rule> m_rules;
    Rng m_rng;
    std::chrono::milliseconds m_stall{120000};
};

} // namespace Escalation::Portal

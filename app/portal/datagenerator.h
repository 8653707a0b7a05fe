#pragma once

// Deterministic, realistic portal data: cases and escalation requests for a
// seed, a count and a "now". The same seed, count and now always give the
// same records, so tests can pin them and the benchmark can generate
// 100 000 requests without a server.

#include "escalation.h"
#include "permissions.h"
#include "rng.h"

#include <QDateTime>
#include <QList>

namespace Escalation::Portal {

struct GeneratorConfig {
    quint64 seed = 1;
    int requestCount = 2000;
    int caseCount = 0; // 0: as many cases as requests
    QDateTime now; // invalid: the current time; truncated to whole seconds
};

struct GeneratedData {
    QList<Case> cases;
    // Grouped by case, in case order; within a case oldest (lowest level) first.
    QList<EscalationRequest> requests;
    qint64 nextNoteNumber = 1;
};

class DataGenerator final {
public:
    explicit DataGenerator(GeneratorConfig config);

    GeneratedData generate() const;

    // Building blocks shared with the live activity, which creates records
    // of the same kind at run time.
    static Case randomCase(Rng &rng, qint64 serial, const QDateTime &createdAt, bool mayBeOutage);
    static Reason randomReason(Rng &rng);
    static QString randomSummary(Rng &rng, Reason reason, int level, const QDateTime &at);
    static QString requesterFor(Rng &rng, QStringView account);
    static QString randomManager(Rng &rng);
    static QString randomEngineer(Rng &rng);
    static QString seniorDirector();
    static QString vpOfSupport();
    // The seeded portal users, one per role: the manager is one of the
    // managers who decide seeded requests, the director writes their analyses.
    static QString demoUserName(UserRole role);
    static QString demoUserTeam(UserRole role);

    // The business calendar ("americas", "emea", "apac") and team a case's
    // requests are reviewed by; both follow from the account and case.
    static QString calendarFor(const Case &c);
    static QString teamFor(const Case &c);

    // DESIGN.md's minimum case age before escalation, in seconds (0 for S1).
    static qint64 minimumAgeSeconds(Severity severity, SupportTier tier);
    // Waits on the requester for some requests (none after stopped or now).
    static void addWaits(EscalationRequest &r, qint64 requested, qint64 stopped, qint64 now);

    static QString caseId(qint64 serial);
    static QString requestId(qint64 serial);
    static constexpr qint64 firstCaseSerial = 100000;
    static constexpr qint64 firstRequestSerial = 200000;

private:
    GeneratorConfig m_config;
};

} // namespace Escalation::Portal

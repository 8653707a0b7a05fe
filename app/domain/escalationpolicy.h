#pragma once

// The escalation rules of DESIGN.md §1 as functions: whether a request may be
// escalated yet (minimum case age, never for an S1 outage), who each level of
// the ladder alerts, what a level still owes (the level-3 analysis, the
// level-4 owner's acknowledgement), and how a re-escalation must look.

#include "escalation.h"
#include "policyconfig.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QStringList>

namespace Escalation {

struct Eligibility {
    enum class Verdict : quint8 {
        Eligible,
        TooEarly, // the case is younger than the minimum age
        RefusedOutage, // severity 1: handled by the outage process, never escalated
    };
    Verdict verdict = Verdict::Eligible;
    QDateTime eligibleAt; // when the case reaches its minimum age (invalid for S1)
    int minimumAgeHours = 0;

    bool isEligible() const { return verdict == Verdict::Eligible; }
    QString explanation() const; // translated, for the UI and reply templates
};

// Something a level requires that has not been delivered yet.
enum class Obligation : quint8 {
    FullAnalysis, // level 3: why the case needed level 3
    OwnerAcknowledgement, // level 4: the VP of Support takes ownership
};
QString displayName(Obligation o);

struct LadderLevel {
    int level = 0;
    QStringList added; // who this level adds (translated)
    QStringList audience; // everyone alerted at this level: the levels below plus `added`
    QList<Obligation> owes; // what reaching this level requires
};

struct ReEscalationCheck {
    enum class Problem : quint8 {
        None,
        AlreadyAtTopLevel, // level 4 is the highest
        ExplanationMissing, // a new explanation is required
        ExplanationUnchanged, // the same text as the previous request
        PreviousNotFinal, // the previous request was already re-escalated or closed
        CaseIsOutage, // S1 cases are never escalated
    };
    Problem problem = Problem::None;
    int newLevel = 0; // valid when ok()
    bool ok() const { return problem == Problem::None; }
    QString message() const; // translated
};

class EscalationPolicy final {
    Q_DECLARE_TR_FUNCTIONS(EscalationPolicy)
public:
    static constexpr int TopLevel = 4;

    explicit EscalationPolicy(const PolicyConfig &config = PolicyConfig());
    const PolicyConfig &config() const { return m_config; }

    // Wall-clock age: eligible once requestedAt >= createdAt + minimum age.
    Eligibility checkEligibility(const Case &c, const QDateTime &requestedAt) const;
    Eligibility checkEligibility(const Case &c, const EscalationRequest &r) const
    {
        return checkEligibility(c, r.requestedAt);
    }

    // Levels 1..4; anything else gives an empty LadderLevel.
    static LadderLevel ladderLevel(int level);
    static QList<LadderLevel> ladder();

    // What the request's level still owes. The chain (earlier requests of the
    // same case) counts too: an analysis recorded at level 3 satisfies level 4.
    static QList<Obligation> outstandingObligations(const EscalationRequest &request,
                                                    const QList<EscalationRequest> &chain = {});

    // Validates a re-escalation of previous with a new explanation.
    static ReEscalationCheck checkReEscalation(const Case &c, const EscalationRequest &previous,
                                               const QString &newExplanation);
    // The new request one level up, linked to previous. Check first.
    static EscalationRequest makeReEscalation(const EscalationRequest &previous,
                                              const QString &newId, const QString &newExplanation,
                                              const QString &requestedBy,
                                              const QDateTime &requestedAt);

private:
    PolicyConfig m_config;
};

} // namespace Escalation

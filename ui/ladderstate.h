#pragma once

// What the level ladder shows for one case: each of the four levels with
// who it adds and alerts, whether and when the case reached it, what was
// decided there, and what the case still owes. Built from the request under
// review and every request of its case (the history of all levels).

#include <escalation.h>
#include <escalationpolicy.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QStringList>

#include <array>
#include <optional>

namespace Escalation {

struct LadderStep {
    int level = 0;
    QStringList added; // who this level adds
    QStringList audience; // everyone alerted at this level
    bool reached = false;
    bool reachedImplicitly = false; // the case entered above this level at once
    QDateTime reachedAt;
    QString requestId; // the (latest) request at this level
    std::optional<RequestState> state;
    std::optional<Decision> decision;
    QList<Obligation> obligations; // what the level requires
};

struct LadderState {
    Q_DECLARE_TR_FUNCTIONS(LadderState)
public:
    int currentLevel = 0; // 0: no request
    bool outage = false; // severity 1: never escalated
    std::array<LadderStep, 4> steps;
    QList<Obligation> owed; // still outstanding at the current level
    std::optional<Analysis> analysis;
    std::optional<OwnerAcknowledgement> acknowledgement;

    static LadderState build(const EscalationRequest &current,
                             const QList<EscalationRequest> &chain, bool outage = false);
    const LadderStep &step(int level) const
    {
        return steps[std::size_t(std::clamp(level, 1, 4) - 1)];
    }
    // The ladder in words, one line per fact: for screen readers, tooltips
    // and tests.
    QStringList describe() const;
    // One level in words (a line of describe()).
    QString describeStep(int level) const;
};

} // namespace Escalation

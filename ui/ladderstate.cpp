#include "ladderstate.h"

#include <QLocale>

#include <algorithm>

namespace Escalation {

LadderState LadderState::build(const EscalationRequest &current,
                               const QList<EscalationRequest> &chain, bool outage)
{
    LadderState state;
    state.outage = outage;
    state.currentLevel = std::clamp(current.level, 1, 4);
    for (int level = 1; level <= 4; ++level) {
        const LadderLevel rules = EscalationPolicy::ladderLevel(level);
        LadderStep &step = state.steps[std::size_t(level - 1)];
        step.level = level;
        step.added = rules.added;
        step.audience = rules.audience;
        step.obligations = rules.owes;
    }

    // Oldest first; the current request is part of the history even when
    // the chain has not caught up with it yet.
    QList<EscalationRequest> history = chain;
    if (std::none_of(history.cbegin(), history.cend(),
                     [&](const auto &r) { return r.id == current.id; }))
        history.append(current);
    std::stable_sort(history.begin(), history.end(),
                     [](const auto &a, const auto &b) { return a.requestedAt < b.requestedAt; });

    for (const EscalationRequest &r : std::as_const(history)) {
        const int level = std::clamp(r.level, 1, 4);
        LadderStep &step = state.steps[std::size_t(level - 1)];
        if (!step.reached || step.reachedImplicitly) {
            step.reached = true;
            step.reachedImplicitly = false;
            step.reachedAt = r.requestedAt;
        }
        step.requestId = r.id;
        step.state = r.state;
        step.decision = r.decision;
        // Each level alerts everyone below it: entering at level 3 reaches
        // levels 1 and 2 at the same moment.
        for (int below = 1; below < level; ++below) {
            LadderStep &lower = state.steps[std::size_t(below - 1)];
            if (!lower.reached) {
                lower.reached = true;
                lower.reachedImplicitly = true;
                lower.reachedAt = r.requestedAt;
            }
        }
        if (r.analysis)
            state.analysis = r.analysis;
        if (r.ownerAcknowledgement)
            state.acknowledgement = r.ownerAcknowledgement;
    }
    state.owed = EscalationPolicy::outstandingObligations(current, history);
    return state;
}

QString LadderState::describeStep(int level) const
{
    const QLocale locale;
    const LadderStep &step = this->step(level);
    QString line = tr("Level %1").arg(step.level);
    if (step.level == currentLevel)
        line += tr(" (current)");
    line += QStringLiteral(": ") + tr("adds %1").arg(step.added.join(QStringLiteral(", ")));
    if (step.reached) {
        line += QStringLiteral("; ")
            + (step.reachedImplicitly ? tr("included since %1") : tr("reached %1"))
                  .arg(locale.toString(step.reachedAt.toLocalTime(), QLocale::ShortFormat));
    } else {
        line += QStringLiteral("; ") + tr("not reached");
    }
    if (step.decision) {
        line += QStringLiteral("; ")
            + (step.decision->kind == DecisionKind::Accept ? tr("accepted by %1")
                                                           : tr("declined by %1"))
                  .arg(step.decision->by);
    } else if (step.reached && !step.reachedImplicitly && step.state == RequestState::Pending) {
        line += QStringLiteral("; ") + tr("awaiting review");
    }
    return line;
}

QStringList LadderState::describe() const
{
    QStringList lines;
    if (outage)
        lines << tr("Severity 1 outage: handled by the outage process, never escalated.");
    for (const LadderStep &step : steps)
        lines << describeStep(step.level);
    for (Obligation o : owed)
        lines << tr("Owed: %1").arg(displayName(o));
    if (analysis)
        lines << tr("Analysis recorded by %1").arg(analysis->by);
    if (acknowledgement)
        lines << tr("Ownership acknowledged by %1").arg(acknowledgement->by);
    return lines;
}

} // namespace Escalation

#include "escalationpolicy.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

QString trPolicy(const char *text)
{
    return QCoreApplication::translate("EscalationPolicy", text);
}

// Who each level adds, from DESIGN.md "The level ladder".
QStringList addedAt(int level)
{
    switch (level) {
    case 1:
        return {trPolicy(QT_TRANSLATE_NOOP("EscalationPolicy", "Senior support engineers")),
                trPolicy(QT_TRANSLATE_NOOP("EscalationPolicy", "Team leads")),
                trPolicy(QT_TRANSLATE_NOOP("EscalationPolicy", "Support managers"))};
    case 2:
        return {trPolicy(QT_TRANSLATE_NOOP("EscalationPolicy", "Senior managers")),
                trPolicy(QT_TRANSLATE_NOOP("EscalationPolicy", "Directors")),
                trPolicy(QT_TRANSLATE_NOOP("EscalationPolicy", "The account's CSM"))};
    case 3:
        return {trPolicy(
            QT_TRANSLATE_NOOP("EscalationPolicy", "Senior Director of Global Technical Support"))};
    case 4:
        return {trPolicy(QT_TRANSLATE_NOOP("EscalationPolicy", "VP of Support"))};
    default:
        return {};
    }
}

} // namespace

QString Eligibility::explanation() const
{
    switch (verdict) {
    case Verdict::Eligible:
        return trPolicy(QT_TRANSLATE_NOOP("EscalationPolicy", "Eligible for escalation."));
    case Verdict::TooEarly:
        return trPolicy(
                   QT_TRANSLATE_NOOP(
                       "EscalationPolicy",
                       "Too early: cases of this severity and tier can be escalated after %1 h, "
                       "from %2. Push it back to standard triage."))
            .arg(minimumAgeHours)
            .arg(eligibleAt.toUTC().toString(Qt::ISODate));
    case Verdict::RefusedOutage:
        return trPolicy(
            QT_TRANSLATE_NOOP("EscalationPolicy",
                              "Severity 1 is an outage: it is handled by the outage process and "
                              "is never escalated."));
    }
    return {};
}

QString displayName(Obligation o)
{
    switch (o) {
    case Obligation::FullAnalysis:
        return trPolicy(
            QT_TRANSLATE_NOOP("EscalationPolicy", "Full analysis of why level 3 was needed"));
    case Obligation::OwnerAcknowledgement:
        return trPolicy(QT_TRANSLATE_NOOP("EscalationPolicy",
                                          "Acknowledgement of ownership by the VP of Support"));
    }
    return {};
}

QString ReEscalationCheck::message() const
{
    switch (problem) {
    case Problem::None:
        return {};
    case Problem::AlreadyAtTopLevel:
        return trPolicy(QT_TRANSLATE_NOOP(
            "EscalationPolicy", "Level 4 is the highest level; it cannot be escalated further."));
    case Problem::ExplanationMissing:
        return trPolicy(
            QT_TRANSLATE_NOOP("EscalationPolicy", "A re-escalation needs a new explanation."));
    case Problem::ExplanationUnchanged:
        return trPolicy(QT_TRANSLATE_NOOP(
            "EscalationPolicy", "The explanation must be new, not the previous request's text."));
    case Problem::PreviousNotFinal:
        return trPolicy(QT_TRANSLATE_NOOP(
            "EscalationPolicy", "Only the latest request of a case can be re-escalated."));
    case Problem::CaseIsOutage:
        return trPolicy(
            QT_TRANSLATE_NOOP("EscalationPolicy", "Severity 1 outages are never escalated."));
    }
    return {};
}

EscalationPolicy::EscalationPolicy(const PolicyConfig &config)
    : m_config(config)
{
}

Eligibility EscalationPolicy::checkEligibility(const Case &c, const QDateTime &requestedAt) const
{
    Eligibility result;
    if (c.isOutage()) {
        result.verdict = Eligibility::Verdict::RefusedOutage;
        return result;
    }
    result.minimumAgeHours = m_config.minimumCaseAgeHoursFor(c.severity, c.tier);
    result.eligibleAt = c.createdAt.addSecs(qint64(result.minimumAgeHours) * 3600).toUTC();
    result.verdict = requestedAt < result.eligibleAt ? Eligibility::Verdict::TooEarly
                                                     : Eligibility::Verdict::Eligible;
    return result;
}

LadderLevel EscalationPolicy::ladderLevel(int level)
{
    LadderLevel result;
    if (level < 1 || level > TopLevel)
        return result;
    result.level = level;
    result.added = addedAt(level);
    for (int l = 1; l <= level; ++l)
        result.audience += addedAt(l);
    if (level == 3)
        result.owes = {Obligation::FullAnalysis};
    if (level == 4)
        result.owes = {Obligation::OwnerAcknowledgement};
    return result;
}

QList<LadderLevel> EscalationPolicy::ladder()
{
    QList<LadderLevel> levels;
    for (int l = 1; l <= TopLevel; ++l)
        levels.append(ladderLevel(l));
    return levels;
}

QList<Obligation> EscalationPolicy::outstandingObligations(const EscalationRequest &request,
                                                           const QList<EscalationRequest> &chain)
{
    QList<Obligation> owed;
    if (request.level >= 3) {
        const auto hasAnalysis = [&](const EscalationRequest &r) {
            return r.caseId == request.caseId && r.level >= 3 && r.analysis
                && !r.analysis->text.trimmed().isEmpty();
        };
        if (!hasAnalysis(request) && std::none_of(chain.begin(), chain.end(), hasAnalysis))
            owed.append(Obligation::FullAnalysis);
    }
    if (request.level >= 4 && !request.ownerAcknowledgement)
        owed.append(Obligation::OwnerAcknowledgement);
    return owed;
}

ReEscalationCheck EscalationPolicy::checkReEscalation(const Case &c,
                                                      const EscalationRequest &previous,
                                                      const QString &newExplanation)
{
    ReEscalationCheck check;
    const QString explanation = newExplanation.trimmed();
    if (c.isOutage())
        check.problem = ReEscalationCheck::Problem::CaseIsOutage;
    else if (previous.level >= TopLevel)
        check.problem = ReEscalationCheck::Problem::AlreadyAtTopLevel;
    else if (previous.state == RequestState::Superseded || previous.state == RequestState::Closed)
        check.problem = ReEscalationCheck::Problem::PreviousNotFinal;
    else if (explanation.isEmpty())
        check.problem = ReEscalationCheck::Problem::ExplanationMissing;
    else if (explanation == previous.summary.trimmed())
        check.problem = ReEscalationCheck::Problem::ExplanationUnchanged;
    else
        check.newLevel = std::max(1, previous.level + 1);
    return check;
}

EscalationRequest EscalationPolicy::makeReEscalation(const EscalationRequest &previous,
                                                     const QString &newId,
                                                     const QString &newExplanation,
                                                     const QString &requestedBy,
                                                     const QDateTime &requestedAt)
{
    EscalationRequest next;
    next.id = newId;
    next.caseId = previous.caseId;
    next.level = std::min(TopLevel, previous.level + 1);
    next.reason = previous.reason;
    next.summary = newExplanation.trimmed();
    next.requestedBy = requestedBy;
    next.requestedAt = requestedAt;
    next.state = RequestState::Pending;
    next.previousRequestId = previous.id;
    next.team = previous.team;
    next.calendarId = previous.calendarId;
    next.updatedAt = requestedAt;
    return next;
}

} // namespace Escalation

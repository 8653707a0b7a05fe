#pragma once

// The escalation rules that the source calls "subject to change", as
// configuration: minimum case ages, first-response targets, the longest
// allowed silence from support, and the review target. Defaults are the
// DESIGN.md tables, shipped as resources/config/policy.json; a user file
// overrides any subset of keys. Errors name the file, the key and what was
// expected.

#include "escalation.h"

#include <QCoreApplication>
#include <QStringList>

#include <array>
#include <optional>

namespace Escalation {

// The review clock's target and when it starts warning.
struct ReviewTarget {
    int targetBusinessMinutes = 240;
    // Approaching when at most this much business time is left...
    int approachingBusinessMinutes = 60;
    // ...or, when set, at most this share (0..1) of the target.
    std::optional<double> approachingShare;

    int approachingThresholdMinutes() const;
    friend bool operator==(const ReviewTarget &, const ReviewTarget &) = default;
};

struct PolicyConfig {
    Q_DECLARE_TR_FUNCTIONS(PolicyConfig)
public:
    static QString builtInPath() { return QStringLiteral(":/escalation/config/policy.json"); }

    // [tier][severity - 2] for severities 2..4; S1 is never escalated.
    std::array<std::array<int, 3>, 2> minimumCaseAgeHours = {{{4, 8, 16}, {8, 16, 24}}};
    // [tier][severity - 1], wall-clock minutes from case creation.
    std::array<std::array<int, 4>, 2> firstResponseTargetMinutes = {
        {{30, 60, 240, 480}, {60, 240, 480, 1440}}};
    // [severity - 1], wall-clock hours without a support update.
    std::array<int, 4> supportUpdateMaxHours = {4, 24, 72, 120};
    ReviewTarget review;

    int minimumCaseAgeHoursFor(Severity s, SupportTier t) const; // -1 for S1
    int firstResponseTargetMinutesFor(Severity s, SupportTier t) const;
    int supportUpdateMaxHoursFor(Severity s) const;

    // Applies the keys present in json on top of base.
    static std::optional<PolicyConfig> fromJson(const QByteArray &json, const QString &sourceName,
                                                QStringList *errors,
                                                const PolicyConfig *base = nullptr);
    static std::optional<PolicyConfig> load(const QString &path, QStringList *errors,
                                            const PolicyConfig *base = nullptr);
    // The shipped defaults (the embedded policy.json).
    static PolicyConfig defaults();

    friend bool operator==(const PolicyConfig &, const PolicyConfig &) = default;
};

} // namespace Escalation

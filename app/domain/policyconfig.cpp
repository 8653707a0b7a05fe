#include "policyconfig.h"

#include "domainlog.h"
#include "jsondescribe_p.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

std::size_t tierIndex(SupportTier t)
{
    return t == SupportTier::Premium ? 0 : 1;
}

struct PolicyParser {
    Q_DECLARE_TR_FUNCTIONS(PolicyConfig)
public:
    QString source;
    QStringList *errors;

    void fail(const QString &key, const QString &message) const
    {
        errors->append(u"%1: %2: %3"_s.arg(source, key, message));
    }

    // A whole number in [min, max]; anything else is reported.
    std::optional<int> number(const QString &key, const QJsonValue &v, int min, int max) const
    {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max) {
            fail(key,
                 tr("expected a whole number from %1 to %2, got %3")
                     .arg(min)
                     .arg(max)
                     .arg(describeJsonValue(v)));
            return std::nullopt;
        }
        return int(d);
    }

    bool object(const QString &key, const QJsonValue &v) const
    {
        if (!v.isObject())
            fail(key, tr("expected an object, got %1").arg(describeJsonValue(v)));
        return v.isObject();
    }

    void checkKeys(const QString &prefix, const QJsonObject &o, const QStringList &known) const
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key()))
                fail(prefix + it.key(),
                     tr("unknown key; expected one of %1").arg(known.join(u", "_s)));
        }
    }

    // {"2": n, "3": n, ...} for the given severities, each optional.
    template<std::size_t N>
    void severityTable(const QString &key, const QJsonValue &v, int firstSeverity,
                       std::array<int, N> *out, int max) const
    {
        if (!object(key, v))
            return;
        QStringList known;
        for (std::size_t i = 0; i < N; ++i)
            known << QString::number(firstSeverity + int(i));
        const QJsonObject o = v.toObject();
        checkKeys(key + u'.', o, known);
        for (std::size_t i = 0; i < N; ++i) {
            if (o.contains(known[qsizetype(i)])) {
                if (auto n = number(key + u'.' + known[qsizetype(i)], o.value(known[qsizetype(i)]),
                                    0, max))
                    (*out)[i] = *n;
            }
        }
    }

    template<std::size_t N>
    void tierTable(const QString &key, const QJsonValue &v, int firstSeverity,
                   std::array<std::array<int, N>, 2> *out, int max) const
    {
        if (!object(key, v))
            return;
        const QJsonObject o = v.toObject();
        checkKeys(key + u'.', o, {u"premium"_s, u"standard"_s});
        if (o.contains(u"premium"_s))
            severityTable(key + u".premium"_s, o.value(u"premium"_s), firstSeverity, &(*out)[0],
                          max);
        if (o.contains(u"standard"_s))
            severityTable(key + u".standard"_s, o.value(u"standard"_s), firstSeverity, &(*out)[1],
                          max);
    }

    void review(const QJsonValue &v, ReviewTarget *out) const
    {
        if (!object(u"review"_s, v))
            return;
        const QJsonObject o = v.toObject();
        checkKeys(
            u"review."_s, o,
            {u"targetBusinessMinutes"_s, u"approachingBusinessMinutes"_s, u"approachingShare"_s});
        if (o.contains(u"targetBusinessMinutes"_s)) {
            if (auto n = number(u"review.targetBusinessMinutes"_s,
                                o.value(u"targetBusinessMinutes"_s), 1, 100000))
                out->targetBusinessMinutes = *n;
        }
        if (o.contains(u"approachingBusinessMinutes"_s)) {
            if (auto n = number(u"review.approachingBusinessMinutes"_s,
                                o.value(u"approachingBusinessMinutes"_s), 0, 100000)) {
                out->approachingBusinessMinutes = *n;
                out->approachingShare.reset();
            }
        }
        if (o.contains(u"approachingShare"_s)) {
            const QJsonValue share = o.value(u"approachingShare"_s);
            if (!share.isDouble() || share.toDouble() < 0 || share.toDouble() > 1)
                fail(u"review.approachingShare"_s,
                     tr("expected a number from 0 to 1 (a share of the target), got %1")
                         .arg(describeJsonValue(share)));
            else
                out->approachingShare = share.toDouble();
        }
    }
};

} // namespace

int ReviewTarget::approachingThresholdMinutes() const
{
    const int threshold = approachingShare
        ? int(std::lround(*approachingShare * targetBusinessMinutes))
        : approachingBusinessMinutes;
    return std::clamp(threshold, 0, targetBusinessMinutes);
}

int PolicyConfig::minimumCaseAgeHoursFor(Severity s, SupportTier t) const
{
    if (s == Severity::S1)
        return -1;
    return minimumCaseAgeHours[tierIndex(t)][std::size_t(s) - 2];
}

int PolicyConfig::firstResponseTargetMinutesFor(Severity s, SupportTier t) const
{
    return firstResponseTargetMinutes[tierIndex(t)][std::size_t(s) - 1];
}

int PolicyConfig::supportUpdateMaxHoursFor(Severity s) const
{
    return supportUpdateMaxHours[std::size_t(s) - 1];
}

std::optional<PolicyConfig> PolicyConfig::fromJson(const QByteArray &json,
                                                   const QString &sourceName, QStringList *errors,
                                                   const PolicyConfig *base)
{
    QStringList localErrors;
    QStringList *out = errors ? errors : &localErrors;
    const qsizetype before = out->size();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        out->append(u"%1: %2"_s.arg(sourceName,
                                    parseError.error != QJsonParseError::NoError
                                        ? tr("expected valid JSON, but at offset %1: %2")
                                              .arg(parseError.offset)
                                              .arg(parseError.errorString())
                                        : tr("expected a JSON object")));
        return std::nullopt;
    }
    PolicyParser p {sourceName, out};
    PolicyConfig config = base ? *base : PolicyConfig();
    const QJsonObject root = doc.object();
    p.checkKeys({}, root,
                {u"minimumCaseAgeHours"_s, u"firstResponseTargetMinutes"_s,
                 u"supportUpdateMaxHours"_s, u"review"_s});
    if (root.contains(u"minimumCaseAgeHours"_s))
        p.tierTable(u"minimumCaseAgeHours"_s, root.value(u"minimumCaseAgeHours"_s), 2,
                    &config.minimumCaseAgeHours, 24 * 365);
    if (root.contains(u"firstResponseTargetMinutes"_s))
        p.tierTable(u"firstResponseTargetMinutes"_s, root.value(u"firstResponseTargetMinutes"_s), 1,
                    &config.firstResponseTargetMinutes, 60 * 24 * 365);
    if (root.contains(u"supportUpdateMaxHours"_s))
        p.severityTable(u"supportUpdateMaxHours"_s, root.value(u"supportUpdateMaxHours"_s), 1,
                        &config.supportUpdateMaxHours, 24 * 365);
    if (root.contains(u"review"_s))
        p.review(root.value(u"review"_s), &config.review);
    if (out->size() != before)
        return std::nullopt;
    return config;
}

std::optional<PolicyConfig> PolicyConfig::load(const QString &path, QStringList *errors,
                                               const PolicyConfig *base)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errors)
            errors->append(u"%1: %2"_s.arg(path, tr("cannot be read: %1").arg(file.errorString())));
        return std::nullopt;
    }
    return fromJson(file.readAll(), path, errors, base);
}

PolicyConfig PolicyConfig::defaults()
{
    QStringList errors;
    if (auto config = load(builtInPath(), &errors))
        return *config;
    // The compiled-in values equal the shipped file (a test checks it).
    qCCritical(lcDomain) << "built-in policy:" << errors;
    return {};
}

} // namespace Escalation

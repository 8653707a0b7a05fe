#include "replytemplates.h"

#include "domainlog.h"
#include "jsondescribe_p.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Escalation {

std::optional<ReplyTemplates> ReplyTemplates::fromJson(const QByteArray &json,
                                                       const QString &sourceName,
                                                       QStringList *errors,
                                                       const ReplyTemplates *base)
{
    QStringList localErrors;
    QStringList *out = errors ? errors : &localErrors;
    const qsizetype before = out->size();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        out->append(u"%1: %2"_s.arg(sourceName,
                                    tr("expected valid JSON, but at offset %1: %2")
                                        .arg(parseError.offset)
                                        .arg(parseError.errorString())));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        out->append(u"%1: %2"_s.arg(sourceName,
                                    tr("expected an object of template name to template text")));
        return std::nullopt;
    }
    ReplyTemplates result = base ? *base : ReplyTemplates();
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!it.value().isString() || it.value().toString().trimmed().isEmpty()) {
            out->append(u"%1: %2: %3"_s.arg(sourceName, it.key(),
                                            tr("expected a non-empty template text, got %1")
                                                .arg(describeJsonValue(it.value()))));
            continue;
        }
        result.m_texts.insert(it.key(), it.value().toString());
    }
    if (!result.m_texts.contains(defaultKey()) && !root.contains(defaultKey()))
        out->append(
            u"%1: %2: %3"_s.arg(sourceName, defaultKey(), tr("expected a \"default\" template")));
    if (out->size() != before)
        return std::nullopt;
    return result;
}

std::optional<ReplyTemplates> ReplyTemplates::load(const QString &path, QStringList *errors,
                                                   const ReplyTemplates *base)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errors)
            errors->append(u"%1: %2"_s.arg(path, tr("cannot be read: %1").arg(file.errorString())));
        return std::nullopt;
    }
    return fromJson(file.readAll(), path, errors, base);
}

ReplyTemplates ReplyTemplates::defaults()
{
    QStringList errors;
    if (auto templates = load(builtInPath(), &errors))
        return *templates;
    qCCritical(lcDomain) << "built-in reply templates:" << errors;
    ReplyTemplates fallback;
    fallback.setText(defaultKey(),
                     tr("Dear {requester},\n\nthe escalation of case {caseNumber} was declined: "
                        "{reason}\n\n{manager}"));
    return fallback;
}

QStringList ReplyTemplates::keys() const
{
    QStringList keys = m_texts.keys();
    std::sort(keys.begin(), keys.end());
    return keys;
}

QString ReplyTemplates::text(const QString &key) const
{
    return m_texts.value(key, m_texts.value(defaultKey()));
}

QString ReplyTemplates::keyFor(const Eligibility &eligibility)
{
    switch (eligibility.verdict) {
    case Eligibility::Verdict::RefusedOutage:
        return u"outage"_s;
    case Eligibility::Verdict::TooEarly:
        return u"too_early"_s;
    case Eligibility::Verdict::Eligible:
        break;
    }
    return defaultKey();
}

QString ReplyTemplates::render(const QString &text, const QHash<QString, QString> &values,
                               QStringList *unknown)
{
    QString out;
    out.reserve(text.size() + 64);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if ((c == u'{' || c == u'}') && i + 1 < text.size() && text[i + 1] == c) {
            out += c;
            ++i;
            continue;
        }
        if (c == u'{') {
            const qsizetype close = text.indexOf(u'}', i + 1);
            const QString name = close < 0 ? QString() : text.mid(i + 1, close - i - 1);
            const bool isName = !name.isEmpty()
                && std::all_of(name.begin(), name.end(),
                               [](QChar ch) { return ch.isLetterOrNumber() || ch == u'_'; });
            if (isName) {
                const auto it = values.constFind(name);
                if (it != values.constEnd()) {
                    out += *it;
                } else {
                    out += text.mid(i, close - i + 1);
                    if (unknown && !unknown->contains(name))
                        unknown->append(name);
                }
                i = close;
                continue;
            }
        }
        out += c;
    }
    return out;
}

QHash<QString, QString> ReplyTemplates::declineValues(const Case &c, const EscalationRequest &r,
                                                      const QString &reason, const QString &manager,
                                                      const Eligibility &eligibility)
{
    return {
        {u"requester"_s, r.requestedBy},
        {u"caseNumber"_s, c.number},
        {u"caseId"_s, c.id},
        {u"subject"_s, c.subject},
        {u"account"_s, c.account},
        {u"severity"_s, toCode(c.severity)},
        {u"tier"_s, displayName(c.tier)},
        {u"level"_s, QString::number(r.level)},
        {u"reason"_s, reason},
        {u"manager"_s, manager},
        {u"requestId"_s, r.id},
        {u"eligibleAt"_s,
         eligibility.eligibleAt.isValid() ? eligibility.eligibleAt.toUTC().toString(Qt::ISODate)
                                          : QString()},
    };
}

} // namespace Escalation

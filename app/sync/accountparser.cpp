#include "accountparser.h"

#include "synclogging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::AccountParser", text);
}

std::optional<QJsonObject> objectBody(const QByteArray &body, const ParseLimits &limits,
                                      QString *why)
{
    if (body.size() > limits.maxBodyBytes) {
        *why = tr("the answer is %1 bytes, more than the %2 bytes accepted")
                   .arg(body.size())
                   .arg(limits.maxBodyBytes);
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *why = tr("the answer is not a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

// A string field of at most max characters; absent or null is empty.
bool readString(const QJsonObject &o, QLatin1StringView key, int max, QString *out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        out->clear();
        return true;
    }
    if (!v.isString() || v.toString().size() > max)
        return false;
    *out = v.toString();
    return true;
}

} // namespace

std::optional<UserIdentity> parseIdentityAnswer(const QByteArray &body, QString *why,
                                                const ParseLimits &limits)
{
    const std::optional<QJsonObject> root = objectBody(body, limits, why);
    if (!root)
        return std::nullopt;
    const QJsonObject user = root->value("user"_L1).toObject();
    UserIdentity identity;
    QString role;
    if (!readString(user, "id"_L1, limits.maxIdLength, &identity.id)
        || !readString(user, "name"_L1, limits.maxNameLength, &identity.name)
        || !readString(user, "team"_L1, limits.maxNameLength, &identity.team)
        || !readString(user, "role"_L1, 64, &role) || identity.name.trimmed().isEmpty()) {
        *why = tr("the portal's answer about the signed-in user has no usable name or id");
        return std::nullopt;
    }
    const std::optional<UserRole> parsed = userRoleFromCode(role);
    if (!parsed) {
        *why = tr("the portal names an unknown role \"%1\" for the signed-in user").arg(role);
        return std::nullopt;
    }
    identity.role = *parsed;
    return identity;
}

std::optional<RequestHistory> parseHistoryAnswer(const QByteArray &body, QString *why,
                                                 const ParseLimits &limits)
{
    const std::optional<QJsonObject> root = objectBody(body, limits, why);
    if (!root)
        return std::nullopt;
    const QJsonValue entries = root->value("entries"_L1);
    if (!entries.isArray()) {
        *why = tr("the history answer has no \"entries\" list");
        return std::nullopt;
    }
    RequestHistory history;
    if (!readString(*root, "requestId"_L1, limits.maxIdLength, &history.requestId)) {
        *why = tr("the history answer has an unusable \"requestId\"");
        return std::nullopt;
    }
    int index = 0;
    for (const QJsonValue &v : entries.toArray()) {
        const QJsonObject o = v.toObject();
        const QJsonObject actor = o.value("actor"_L1).toObject();
        HistoryEntry e;
        QString at;
        QString result; // "applied" (or absent, from an older portal) | "refused"
        const bool ok = readString(o, "at"_L1, 64, &at) && readString(o, "action"_L1, 64, &e.action)
            && readString(o, "result"_L1, 64, &result)
            && readString(o, "text"_L1, limits.maxTextLength, &e.text)
            && readString(actor, "id"_L1, limits.maxIdLength, &e.actorId)
            && readString(actor, "name"_L1, limits.maxNameLength, &e.actorName)
            && readString(actor, "role"_L1, 64, &e.actorRole);
        e.at = parseInstant(at);
        e.refused = result == "refused"_L1;
        if (!ok || e.action.isEmpty() || !e.at.isValid()) {
            qCWarning(lcSync) << "history entry" << index << "of" << history.requestId
                              << "left out: unreadable";
        } else {
            history.entries.append(e);
        }
        ++index;
    }
    return history;
}

} // namespace Escalation

#include "conflictdescription.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <escalation.h>

namespace Escalation {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConflictDescription", text);
}

// The portal's current request, from the JSON the outbox kept with the
// conflict; fields that are missing or of another type are left out.
QString describePortalVersion(const QString &json)
{
    const QJsonObject request = QJsonDocument::fromJson(json.toUtf8()).object();
    if (request.isEmpty())
        return tr("The portal did not send its current version.");

    QStringList lines;
    lines << tr("Version %1").arg(request.value(u"version").toInteger());
    const auto state = requestStateFromCode(request.value(u"state").toString());
    if (state)
        lines << tr("State: %1").arg(displayName(*state));
    const QString owner = request.value(u"owner").toString();
    lines << tr("Owner: %1").arg(owner.isEmpty() ? tr("nobody") : owner);
    const QJsonObject decision = request.value(u"decision").toObject();
    if (!decision.isEmpty()) {
        const auto kind = decisionKindFromCode(decision.value(u"kind").toString());
        lines << tr("Decision: %1 by %2 at %3")
                     .arg(kind == DecisionKind::Decline ? tr("declined") : tr("accepted"),
                          decision.value(u"by").toString(), decision.value(u"at").toString());
        lines << decision.value(u"text").toString();
    }
    lines << tr("Last changed: %1").arg(request.value(u"updatedAt").toString());
    return lines.join(u'\n');
}

} // namespace

QString describeConflict(const OutboxEntry &entry)
{
    QStringList parts;
    parts << tr("Your %1 (made on version %2, kept in the outbox):")
                 .arg(displayName(entry.action))
                 .arg(entry.baseVersion);
    parts << (entry.text.isEmpty() ? tr("(no text)") : entry.text);
    parts << QString();
    parts << tr("The request at the portal now:");
    parts << describePortalVersion(entry.conflictJson);
    return parts.join(u'\n');
}

} // namespace Escalation

#pragma once

// The texts sent to a requester when an escalation is declined, as editable
// templates with {placeholders}. Defaults ship in
// resources/config/decline-templates.json (keys "default", "too_early",
// "outage"); a user file overrides or adds keys.

#include "escalation.h"
#include "escalationpolicy.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

#include <optional>

namespace Escalation {

class ReplyTemplates final {
    Q_DECLARE_TR_FUNCTIONS(ReplyTemplates)
public:
    static QString builtInPath()
    {
        return QStringLiteral(":/escalation/config/decline-templates.json");
    }
    static QString defaultKey() { return QStringLiteral("default"); }

    ReplyTemplates() = default;
    // A JSON object of key -> template text; must hold "default" unless base does.
    static std::optional<ReplyTemplates> fromJson(const QByteArray &json, const QString &sourceName,
                                                  QStringList *errors,
                                                  const ReplyTemplates *base = nullptr);
    static std::optional<ReplyTemplates> load(const QString &path, QStringList *errors,
                                              const ReplyTemplates *base = nullptr);
    static ReplyTemplates defaults();

    QStringList keys() const; // sorted
    // The template for key, or the "default" one when key is unknown.
    QString text(const QString &key) const;
    void setText(const QString &key, const QString &text) { m_texts.insert(key, text); }

    // Which template fits a decline: "outage", "too_early" or "default".
    static QString keyFor(const Eligibility &eligibility);

    // Replaces every {name} with values[name]. Unknown placeholders stay as
    // written (so nothing vanishes from the reply) and are listed in unknown;
    // "{{" and "}}" stand for literal braces.
    static QString render(const QString &text, const QHash<QString, QString> &values,
                          QStringList *unknown = nullptr);
    // The placeholder values of a decline: requester, caseNumber, caseId,
    // subject, account, severity, tier, level, reason, manager, eligibleAt,
    // requestId.
    static QHash<QString, QString> declineValues(const Case &c, const EscalationRequest &r,
                                                 const QString &reason, const QString &manager,
                                                 const Eligibility &eligibility = {});

private:
    QHash<QString, QString> m_texts;
};

} // namespace Escalation

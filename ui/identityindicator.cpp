#include "identityindicator.h"

namespace Escalation {

IdentityIndicator::IdentityIndicator(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("identityIndicator"));
    setTextFormat(Qt::PlainText); // the name comes from the portal
    setUser({});
}

QString IdentityIndicator::describe(const SignedInUser &user)
{
    const QString role = displayName(user.identity.role);
    if (!user.known())
        return tr("Not signed in · %1 (from the settings)").arg(role);
    const QString signedIn = tr("Signed in as %1 · %2").arg(user.identity.name, role);
    switch (user.source) {
    case SignedInUser::Source::Portal:
        return signedIn;
    case SignedInUser::Source::Cached:
        return tr("%1 (last known: the portal could not be asked)").arg(signedIn);
    case SignedInUser::Source::Settings:
        return tr("%1 (role from the settings)").arg(signedIn);
    }
    return signedIn;
}

void IdentityIndicator::setUser(const SignedInUser &user)
{
    setText(describe(user));
    setToolTip(user.note);
}

} // namespace Escalation

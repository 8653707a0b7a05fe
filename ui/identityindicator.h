#pragma once

// The status bar's account of who the desk acts as: "Signed in as Dana
// Whitfield · Escalation manager", and when that is not the portal's word
// (the last identity cached while offline, or the role from the settings
// for a backend that cannot say), it says so. It never pretends.

#include "deskrole.h"

#include <QLabel>

namespace Escalation {

class IdentityIndicator final : public QLabel {
    Q_OBJECT
public:
    explicit IdentityIndicator(QWidget *parent = nullptr);

    void setUser(const SignedInUser &user);
    static QString describe(const SignedInUser &user);
};

} // namespace Escalation

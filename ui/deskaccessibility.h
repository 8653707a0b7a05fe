#pragma once

// Assistive-technology interfaces for the desk's hand-painted widgets (the
// level ladder, the team chart), which Qt cannot describe by itself.

namespace Escalation {

// Registers the factory that gives those widgets their interfaces;
// idempotent, called by each widget's constructor.
void installDeskAccessibility();

} // namespace Escalation

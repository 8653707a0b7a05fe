#include "requesthistory.h"

#include <QCoreApplication>

namespace Escalation {

namespace {

// One row per wire code: what the History says when it was done, and when
// it was tried and refused (null: a code nobody can be refused).
struct ActionTexts {
    QStringView code;
    const char *done;
    const char *attempt;
};

constexpr ActionTexts kActions[] = {
    {u"raise", QT_TRANSLATE_NOOP("Escalation::History", "raised the escalation"), nullptr},
    {u"take_ownership", QT_TRANSLATE_NOOP("Escalation::History", "took ownership"),
     QT_TRANSLATE_NOOP("Escalation::History", "take ownership")},
    {u"accept", QT_TRANSLATE_NOOP("Escalation::History", "accepted"),
     QT_TRANSLATE_NOOP("Escalation::History", "accept")},
    {u"decline", QT_TRANSLATE_NOOP("Escalation::History", "declined"),
     QT_TRANSLATE_NOOP("Escalation::History", "decline")},
    {u"note", QT_TRANSLATE_NOOP("Escalation::History", "added a note"),
     QT_TRANSLATE_NOOP("Escalation::History", "add a note")},
    {u"analysis", QT_TRANSLATE_NOOP("Escalation::History", "recorded the level-3 analysis"),
     QT_TRANSLATE_NOOP("Escalation::History", "record the level-3 analysis")},
    {u"acknowledge", QT_TRANSLATE_NOOP("Escalation::History", "acknowledged ownership"),
     QT_TRANSLATE_NOOP("Escalation::History", "acknowledge ownership")},
    {u"re_escalate", QT_TRANSLATE_NOOP("Escalation::History", "re-escalated"), nullptr},
    {u"close", QT_TRANSLATE_NOOP("Escalation::History", "closed the request"), nullptr},
    {u"reply", QT_TRANSLATE_NOOP("Escalation::History", "replied"), nullptr},
};

// The translated text the member picks for the code; an unknown code as it is.
QString textFor(QStringView code, const char *ActionTexts::*which)
{
    for (const ActionTexts &a : kActions) {
        if (a.code == code && a.*which)
            return QCoreApplication::translate("Escalation::History", a.*which);
    }
    return code.toString();
}

} // namespace

QString historyActionText(QStringView code)
{
    return textFor(code, &ActionTexts::done);
}

QString historyAttemptText(QStringView code)
{
    return textFor(code, &ActionTexts::attempt);
}

} // namespace Escalation

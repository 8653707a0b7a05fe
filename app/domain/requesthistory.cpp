#include "requesthistory.h"

#include <QCoreApplication>

namespace Escalation {

QString historyActionText(QStringView code)
{
    struct Known {
        QStringView code;
        const char *text;
    };
    static const Known known[] = {
        {u"raise", QT_TRANSLATE_NOOP("Escalation::History", "raised the escalation")},
        {u"take_ownership", QT_TRANSLATE_NOOP("Escalation::History", "took ownership")},
        {u"accept", QT_TRANSLATE_NOOP("Escalation::History", "accepted")},
        {u"decline", QT_TRANSLATE_NOOP("Escalation::History", "declined")},
        {u"note", QT_TRANSLATE_NOOP("Escalation::History", "added a note")},
        {u"analysis", QT_TRANSLATE_NOOP("Escalation::History", "recorded the level-3 analysis")},
        {u"acknowledge", QT_TRANSLATE_NOOP("Escalation::History", "acknowledged ownership")},
        {u"re_escalate", QT_TRANSLATE_NOOP("Escalation::History", "re-escalated")},
        {u"close", QT_TRANSLATE_NOOP("Escalation::History", "closed the request")},
        {u"reply", QT_TRANSLATE_NOOP("Escalation::History", "replied")},
    };
    for (const Known &k : known) {
        if (k.code == code)
            return QCoreApplication::translate("Escalation::History", k.text);
    }
    return code.toString();
}

QString historyAttemptText(QStringView code)
{
    struct Known {
        QStringView code;
        const char *text;
    };
    static const Known known[] = {
        {u"take_ownership", QT_TRANSLATE_NOOP("Escalation::History", "take ownership")},
        {u"accept", QT_TRANSLATE_NOOP("Escalation::History", "accept")},
        {u"decline", QT_TRANSLATE_NOOP("Escalation::History", "decline")},
        {u"note", QT_TRANSLATE_NOOP("Escalation::History", "add a note")},
        {u"analysis", QT_TRANSLATE_NOOP("Escalation::History", "record the level-3 analysis")},
        {u"acknowledge", QT_TRANSLATE_NOOP("Escalation::History", "acknowledge ownership")},
    };
    for (const Known &k : known) {
        if (k.code == code)
            return QCoreApplication::translate("Escalation::History", k.text);
    }
    return code.toString();
}

} // namespace Escalation

#include "rtsettings.h"

#include <QCoreApplication>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RtSettings", text);
}

void readString(QSettings &s, const QString &key, QString &value)
{
    if (s.contains(key))
        value = s.value(key).toString().trimmed();
}

} // namespace

RtSettings RtSettings::fromSettings(QSettings &s, QStringList *problems)
{
    RtSettings r;
    s.beginGroup(u"rt"_s);
    r.baseUrl = QUrl(s.value(u"url"_s).toString().trimmed());
    const QString auth = s.value(u"auth"_s, u"token"_s).toString().trimmed().toLower();
    if (auth == u"basic"_s) {
        r.auth = Auth::Basic;
    } else if (auth != u"token"_s && problems) {
        *problems
            << tr("rt/auth is \"%1\"; expected \"token\" or \"basic\". Using token.").arg(auth);
    }
    readString(s, u"user"_s, r.user);
    readString(s, u"queues/cases"_s, r.casesQueue);
    readString(s, u"queues/escalations"_s, r.escalationsQueue);
    readString(s, u"fields/severity"_s, r.cfSeverity);
    readString(s, u"fields/tier"_s, r.cfTier);
    readString(s, u"fields/priority"_s, r.cfPriority);
    readString(s, u"fields/account"_s, r.cfAccount);
    readString(s, u"fields/csm"_s, r.cfCsm);
    readString(s, u"fields/level"_s, r.cfLevel);
    readString(s, u"fields/reason"_s, r.cfReason);
    if (s.contains(u"statuses/pending"_s)) {
        QStringList pending;
        const QStringList raw =
            s.value(u"statuses/pending"_s).toString().split(u',', Qt::SkipEmptyParts);
        for (const QString &p : raw)
            pending << p.trimmed();
        if (!pending.isEmpty())
            r.pendingStatuses = pending;
    }
    readString(s, u"statuses/accept"_s, r.acceptStatus);
    readString(s, u"statuses/decline"_s, r.declineStatus);
    readString(s, u"statuses/waiting"_s, r.waitingStatus);
    readString(s, u"statuses/resume"_s, r.resumeStatus);
    readString(s, u"calendar"_s, r.calendarId);
    if (s.contains(u"timezone"_s)) {
        const QByteArray zone = s.value(u"timezone"_s).toString().trimmed().toUtf8();
        if (QTimeZone::isTimeZoneIdAvailable(zone))
            r.queryTimeZone = QTimeZone(zone);
        else if (problems)
            *problems << tr("rt/timezone \"%1\" is not a known IANA time zone. Using UTC.")
                             .arg(QString::fromUtf8(zone));
    }
    s.endGroup();
    return r;
}

void RtSettings::save(QSettings &s) const
{
    s.beginGroup(u"rt"_s);
    s.setValue(u"url"_s, baseUrl.toString());
    s.setValue(u"auth"_s, auth == Auth::Basic ? u"basic"_s : u"token"_s);
    s.setValue(u"user"_s, user);
    s.setValue(u"queues/cases"_s, casesQueue);
    s.setValue(u"queues/escalations"_s, escalationsQueue);
    s.setValue(u"fields/severity"_s, cfSeverity);
    s.setValue(u"fields/tier"_s, cfTier);
    s.setValue(u"fields/priority"_s, cfPriority);
    s.setValue(u"fields/account"_s, cfAccount);
    s.setValue(u"fields/csm"_s, cfCsm);
    s.setValue(u"fields/level"_s, cfLevel);
    s.setValue(u"fields/reason"_s, cfReason);
    s.setValue(u"statuses/pending"_s, pendingStatuses.join(u','));
    s.setValue(u"statuses/accept"_s, acceptStatus);
    s.setValue(u"statuses/decline"_s, declineStatus);
    s.setValue(u"statuses/waiting"_s, waitingStatus);
    s.setValue(u"statuses/resume"_s, resumeStatus);
    s.setValue(u"calendar"_s, calendarId);
    s.setValue(u"timezone"_s, QString::fromUtf8(queryTimeZone.id()));
    s.endGroup();
}

QStringList RtSettings::validate() const
{
    QStringList problems;
    if (!baseUrl.isValid() || baseUrl.host().isEmpty()
        || (baseUrl.scheme() != u"http"_s && baseUrl.scheme() != u"https"_s))
        problems
            << tr("The RT address \"%1\" is not an http or https URL.").arg(baseUrl.toString());
    if (auth == Auth::Basic && user.isEmpty())
        problems << tr("Basic authentication needs an RT user name (rt/user).");
    if (secret.isEmpty())
        problems << (auth == Auth::Token ? tr("No RT auth token was found.")
                                         : tr("No RT password was found."));
    if (casesQueue.isEmpty() || escalationsQueue.isEmpty() || casesQueue == escalationsQueue)
        problems << tr("The cases queue and the escalations queue must be named and differ.");
    if (cfLevel.isEmpty() || cfReason.isEmpty())
        problems << tr("The escalation level and reason custom fields must be named.");
    if (acceptStatus.isEmpty() || declineStatus.isEmpty())
        problems << tr("The accept and decline statuses must be named.");
    if (!pendingStatuses.contains(waitingStatus) || !pendingStatuses.contains(resumeStatus)
        || waitingStatus == resumeStatus)
        problems << tr("The waiting status (\"%1\") and the resume status (\"%2\") must be two "
                       "of the pending statuses (%3).")
                        .arg(waitingStatus, resumeStatus, pendingStatuses.join(u", "_s));
    return problems;
}

} // namespace Escalation

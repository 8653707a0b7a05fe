#pragma once

// How Escalation Desk reads a Request Tracker 5 (docs/request-tracker.md):
// the server, how to authenticate, which queues hold cases and escalation
// requests, which ticket custom fields carry the domain fields, and which
// statuses a decision sets. Kept under the "rt/" group of the app's settings;
// the secret (auth token or password) is never kept there but in the token
// store, like the native portal's token.

#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QUrl>

#include <chrono>

class QSettings;

namespace Escalation {

struct RtSettings {
    enum class Auth : quint8 { Token, Basic };

    QUrl baseUrl; // e.g. https://rt.example.com/rt; "/REST/2.0" is appended
    Auth auth = Auth::Token;
    QString user; // for basic auth
    QString secret; // the auth token or the password; never logged, never stored here

    QString casesQueue = QStringLiteral("Cases");
    QString escalationsQueue = QStringLiteral("Escalations");

    // Custom field names (ticket custom fields).
    QString cfSeverity = QStringLiteral("Severity");
    QString cfTier = QStringLiteral("Support Tier");
    QString cfPriority = QStringLiteral("Customer Priority");
    QString cfAccount = QStringLiteral("Account");
    QString cfCsm; // optional
    QString cfLevel = QStringLiteral("Escalation Level");
    QString cfReason = QStringLiteral("Escalation Reason");

    // Statuses: a pending request is in one of pendingStatuses; accepting
    // sets acceptStatus, declining sets declineStatus. Asking the requester
    // sets waitingStatus (one of the pending ones: RT's "stalled" is made
    // for waiting on the customer); resuming sets resumeStatus.
    QStringList pendingStatuses {QStringLiteral("new"), QStringLiteral("open"),
                                 QStringLiteral("stalled")};
    QString acceptStatus = QStringLiteral("resolved");
    QString declineStatus = QStringLiteral("rejected");
    QString waitingStatus = QStringLiteral("stalled");
    QString resumeStatus = QStringLiteral("open");

    QString calendarId; // the app calendar the requests' review clocks run on
    // The time zone RT reads the dates of a search in: the sync user's RT
    // time zone (or RT's $Timezone when the user has none).
    QTimeZone queryTimeZone = QTimeZone::utc();

    std::chrono::milliseconds transferTimeout {std::chrono::seconds(30)};
    int maxAttempts = 4;
    std::chrono::milliseconds backoffBase {500};
    std::chrono::milliseconds backoffCap {std::chrono::seconds(20)};
    qint64 maxResponseBytes = 32 * 1024 * 1024;

    // Reads the rt/ group; the secret stays empty (it comes from the token
    // store). Unknown values fall back to the defaults and are reported.
    static RtSettings fromSettings(QSettings &settings, QStringList *problems = nullptr);
    void save(QSettings &settings) const;

    // Problems that stop the connector from working, translated; empty if fine.
    QStringList validate() const;
};

} // namespace Escalation

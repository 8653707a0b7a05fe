#pragma once

// The portal's life between syncs: at a given rate it makes the changes a
// real portal sees — new escalation requests, customer and support updates
// on cases, re-escalations one level up, other managers' decisions and
// notes, new cases, now and then a closure or a merged duplicate case
// removed, and rarely a major issue: several customers opening cases on the
// same symptom, in their own words, and escalating them at once. Each change goes through
// PortalStore, so it bumps the sequence and wakes long-polling clients.

#include "rng.h"

#include <QObject>
#include <QString>
#include <QTimer>

namespace Escalation::Portal {

class PortalStore;

class LiveActivity final : public QObject {
    Q_OBJECT

public:
    LiveActivity(PortalStore *store, quint64 seed, QObject *parent = nullptr);

    // Starts making perMinute changes a minute (0 stops).
    void start(double perMinute);
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

    // Makes one change now; returns what it did ("new_request C-100012"),
    // or an empty string when no candidate was found.
    QString step();
    // A major issue now: 4 to 7 customers' new cases on one symptom, each
    // escalated ("major_issue 5 Payment gateway …"). The portal starts with
    // one when it has activity, so a new desk sees a proposal at once.
    QString majorIssue();

private:
    QString newRequest();
    QString updateCase();
    QString reEscalate();
    QString managerAction();
    QString newCase();
    QString closeCase();
    QString removeDuplicateCase();

    PortalStore *m_store;
    Rng m_rng;
    QTimer m_timer;
};

} // namespace Escalation::Portal

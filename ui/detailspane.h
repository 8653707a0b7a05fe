#pragma once

// The request under the cursor in full: its case, the requester's summary
// and reason, whether it was eligible when raised, the review deadline with
// the business intervals behind it (and the backend's own Due beside it,
// where the backend has one), who did what (the History), the notes, and
// the level ladder. It is
// told which request is current (by id) and reads the records itself.
// Every text from the portal is shown as plain text.

#include <escalation.h>
#include <escalationpolicy.h>

#include <QWidget>

#include <optional>

class QFormLayout;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace Escalation {

class HistorySection;
class LadderWidget;
class RequestLookup;
class ReviewClockService;

class DetailsPane final : public QWidget {
    Q_OBJECT
public:
    DetailsPane(const RequestLookup *lookup, ReviewClockService *clock, EscalationPolicy policy,
                QWidget *parent = nullptr);

    QString requestId() const { return m_requestId; }
    const std::optional<EscalationRequest> &request() const { return m_request; }
    const std::optional<Case> &caseRecord() const { return m_case; }
    LadderWidget *ladder() const { return m_ladder; }
    HistorySection *history() const { return m_history; }
    // The business intervals behind the deadline, as the Explain dialog shows them.
    QString deadlineExplanation() const;

public Q_SLOTS:
    void setRequestId(const QString &requestId);
    // Re-reads the current request (a change set touched it or its case).
    void reload();
    void showExplanation();
    // Whether a backend refreshes histories (HistorySection::setLive).
    void setHistoryLive(bool live);
    // The background refresh of a request's history ended: re-read the
    // cache, or say why there is nothing new. Ignored for other requests.
    void historyUpdated(const QString &requestId);
    void historyFailed(const QString &requestId, const QString &message);
    void historyUnavailable(const QString &requestId, const QString &message);

Q_SIGNALS:
    // A request is now shown: its history should be refreshed.
    void historyWanted(const QString &requestId);

protected:
    // A new palette (the user or the desktop switched light and dark):
    // the state colours are chosen anew for it.
    void changeEvent(QEvent *event) override;

private:
    QLabel *addField(QFormLayout *form, const QString &label, const QString &objectName);
    void fill();
    void updateCountdown();
    void updateExternalDue();

    const RequestLookup *m_lookup;
    ReviewClockService *m_clock;
    EscalationPolicy m_policy;
    QString m_requestId;
    std::optional<EscalationRequest> m_request;
    std::optional<Case> m_case;

    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_headline;
    QLabel *m_clockBadge;
    QLabel *m_deadline;
    QPushButton *m_explain;
    QLabel *m_externalDue; // the backend's own Due (RT), flagged when it disagrees
    QLabel *m_eligibility;
    QLabel *m_account, *m_severity, *m_tier, *m_priority, *m_status, *m_created, *m_firstResponse,
        *m_lastCustomer, *m_lastSupport, *m_assignee, *m_csm;
    QLabel *m_requestedBy, *m_requestedAt, *m_owner, *m_team, *m_reason, *m_decision, *m_waits;
    QLabel *m_summary;
    LadderWidget *m_ladder;
    HistorySection *m_history;
    QPlainTextEdit *m_notes;
};

} // namespace Escalation

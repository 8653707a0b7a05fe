#include "detailspane.h"

#include "clockpalette.h"
#include "historysection.h"
#include "ladderwidget.h"

#include <clockpauses.h>
#include <durationtext.h>
#include <externaldue.h>
#include <requestlookup.h>
#include <reviewclockservice.h>

#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Escalation {

namespace {

// Every label that can show portal text goes through here: plain text only.
QLabel *plainLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString when(const QDateTime &dt)
{
    return dt.isValid() ? QLocale().toString(dt.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

DetailsPane::DetailsPane(const RequestLookup *lookup, ReviewClockService *clock,
                         EscalationPolicy policy, QWidget *parent)
    : QWidget(parent)
    , m_lookup(lookup)
    , m_clock(clock)
    , m_policy(std::move(policy))
    , m_stack(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("detailsPane"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    m_placeholder =
        new QLabel(tr("Select a request in the queue to see its case, deadline and ladder."), this);
    m_placeholder->setObjectName(QStringLiteral("detailsPlaceholder"));
    m_placeholder->setTextFormat(Qt::PlainText);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_placeholder);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("detailsScroll"));
    scroll->setAccessibleName(tr("Request details"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    scroll->setWidget(content);
    m_stack->addWidget(scroll);

    m_title = plainLabel(content, QStringLiteral("subjectLabel"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_headline = plainLabel(content, QStringLiteral("headlineLabel"));
    layout->addWidget(m_headline);

    auto *deadlineRow = new QHBoxLayout;
    m_clockBadge = plainLabel(content, QStringLiteral("clockBadge"));
    m_clockBadge->setWordWrap(false);
    m_clockBadge->setAutoFillBackground(true);
    m_clockBadge->setMargin(3);
    m_deadline = plainLabel(content, QStringLiteral("deadlineLabel"));
    m_explain = new QPushButton(tr("Explain…"), content);
    m_explain->setObjectName(QStringLiteral("explainButton"));
    m_explain->setToolTip(tr("Show the business hours counted toward the review deadline"));
    connect(m_explain, &QPushButton::clicked, this, &DetailsPane::showExplanation);
    deadlineRow->addWidget(m_clockBadge);
    deadlineRow->addWidget(m_deadline, 1);
    deadlineRow->addWidget(m_explain);
    layout->addLayout(deadlineRow);
    m_externalDue = plainLabel(content, QStringLiteral("externalDueLabel"));
    m_externalDue->hide();
    layout->addWidget(m_externalDue);

    m_eligibility = plainLabel(content, QStringLiteral("eligibilityLabel"));
    layout->addWidget(m_eligibility);

    auto *requestBox = new QGroupBox(tr("Escalation request"), content);
    auto *requestForm = new QFormLayout(requestBox);
    requestForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_reason = addField(requestForm, tr("Reason"), QStringLiteral("reasonLabel"));
    m_requestedBy = addField(requestForm, tr("Requested by"), QStringLiteral("requestedByLabel"));
    m_requestedAt = addField(requestForm, tr("Requested"), QStringLiteral("requestedAtLabel"));
    m_owner = addField(requestForm, tr("Owner"), QStringLiteral("ownerLabel"));
    m_team = addField(requestForm, tr("Team"), QStringLiteral("teamLabel"));
    m_summary = addField(requestForm, tr("Summary"), QStringLiteral("summaryLabel"));
    m_waits = addField(requestForm, tr("Questions"), QStringLiteral("waitsLabel"));
    m_decision = addField(requestForm, tr("Decision"), QStringLiteral("decisionLabel"));
    layout->addWidget(requestBox);

    m_history = new HistorySection(content);
    layout->addWidget(m_history);

    auto *ladderBox = new QGroupBox(tr("Escalation ladder"), content);
    auto *ladderLayout = new QVBoxLayout(ladderBox);
    m_ladder = new LadderWidget(ladderBox);
    ladderLayout->addWidget(m_ladder);
    layout->addWidget(ladderBox);

    auto *caseBox = new QGroupBox(tr("Case"), content);
    auto *caseForm = new QFormLayout(caseBox);
    caseForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_account = addField(caseForm, tr("Account"), QStringLiteral("accountLabel"));
    m_severity = addField(caseForm, tr("Severity"), QStringLiteral("severityLabel"));
    m_tier = addField(caseForm, tr("Tier"), QStringLiteral("tierLabel"));
    m_priority = addField(caseForm, tr("Priority"), QStringLiteral("priorityLabel"));
    m_status = addField(caseForm, tr("Status"), QStringLiteral("statusLabel"));
    m_created = addField(caseForm, tr("Opened"), QStringLiteral("createdLabel"));
    m_firstResponse =
        addField(caseForm, tr("First response"), QStringLiteral("firstResponseLabel"));
    m_lastCustomer =
        addField(caseForm, tr("Last customer update"), QStringLiteral("lastCustomerLabel"));
    m_lastSupport =
        addField(caseForm, tr("Last support update"), QStringLiteral("lastSupportLabel"));
    m_assignee = addField(caseForm, tr("Assignee"), QStringLiteral("assigneeLabel"));
    m_csm = addField(caseForm, tr("CSM"), QStringLiteral("csmLabel"));
    layout->addWidget(caseBox);

    auto *notesBox = new QGroupBox(tr("Notes"), content);
    auto *notesLayout = new QVBoxLayout(notesBox);
    m_notes = new QPlainTextEdit(notesBox);
    m_notes->setObjectName(QStringLiteral("notesView"));
    m_notes->setReadOnly(true);
    m_notes->setMinimumHeight(fontMetrics().lineSpacing() * 4);
    m_notes->setMaximumHeight(fontMetrics().lineSpacing() * 12);
    notesLayout->addWidget(m_notes);
    layout->addWidget(notesBox);
    layout->addStretch(1);

    connect(m_clock, &ReviewClockService::countdownTick, this, &DetailsPane::updateCountdown);
    connect(m_clock, &ReviewClockService::clockStatesChanged, this, [this](const QStringList &ids) {
        if (ids.contains(m_requestId))
            updateCountdown();
    });
    m_stack->setCurrentIndex(0);
}

QLabel *DetailsPane::addField(QFormLayout *form, const QString &label, const QString &objectName)
{
    QLabel *field = plainLabel(form->parentWidget(), objectName);
    form->addRow(label, field);
    return field;
}

void DetailsPane::setRequestId(const QString &requestId)
{
    if (requestId == m_requestId && m_request)
        return;
    const bool another = requestId != m_requestId;
    m_requestId = requestId;
    reload();
    if (another && m_request) {
        // From the cache at once; the backend's answer replaces it in place.
        m_history->showRequest(requestId, m_lookup->history(requestId));
        Q_EMIT historyWanted(requestId);
    }
}

void DetailsPane::setHistoryLive(bool live)
{
    m_history->setLive(live);
}

void DetailsPane::historyUpdated(const QString &requestId)
{
    if (requestId != m_requestId)
        return;
    if (const std::optional<RequestHistory> history = m_lookup->history(requestId))
        m_history->updated(*history);
}

void DetailsPane::historyFailed(const QString &requestId, const QString &message)
{
    if (requestId == m_requestId)
        m_history->failed(message);
}

void DetailsPane::historyUnavailable(const QString &requestId, const QString &message)
{
    if (requestId == m_requestId)
        m_history->unavailable(message);
}

void DetailsPane::reload()
{
    m_request = m_requestId.isEmpty() ? std::nullopt : m_lookup->request(m_requestId);
    m_case = m_request ? m_lookup->caseRecord(m_request->caseId) : std::nullopt;
    fill();
}

void DetailsPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_request)
        fill();
}

void DetailsPane::fill()
{
    if (!m_request) {
        m_stack->setCurrentIndex(0);
        m_ladder->clear();
        return;
    }
    m_stack->setCurrentIndex(1);
    const EscalationRequest &r = *m_request;
    const Case c = m_case.value_or(Case {});

    m_title->setText(m_case ? tr("%1 · %2").arg(c.number, c.subject)
                            : tr("Case %1 (not synced yet)").arg(r.caseId));
    m_headline->setText(tr("%1 · Level %2 · %3").arg(r.id).arg(r.level).arg(displayName(r.state)));

    m_reason->setText(displayName(r.reason));
    m_requestedBy->setText(r.requestedBy);
    m_requestedAt->setText(when(r.requestedAt));
    m_owner->setText(r.owner.isEmpty() ? tr("Nobody has taken it yet") : r.owner);
    // A hand-off says where the request came from and what the team was told.
    m_team->setText(!r.handOff ? r.team
                               : (r.handOff->text.isEmpty()
                                      ? tr("%1 (handed over from %2 by %3, %4)")
                                            .arg(r.team, r.handOff->fromTeam, r.handOff->by,
                                                 when(r.handOff->at))
                                      : tr("%1 (handed over from %2 by %3, %4: %5)")
                                            .arg(r.team, r.handOff->fromTeam, r.handOff->by,
                                                 when(r.handOff->at), r.handOff->text)));
    m_summary->setText(r.summary);
    // What was asked of the requester, and what came back.
    QStringList waits;
    for (const WaitingPeriod &w : r.waits) {
        waits << (w.isOpen() ? tr("Waiting since %1 (asked by %2): %3")
                                   .arg(when(w.from), w.askedBy, w.question)
                      : w.answer.isEmpty()
                      ? tr("Asked %1 by %2: %3\nResumed %4")
                            .arg(when(w.from), w.askedBy, w.question, when(w.until))
                      : tr("Asked %1 by %2: %3\nAnswered %4: %5")
                            .arg(when(w.from), w.askedBy, w.question, when(w.until), w.answer));
    }
    m_waits->setText(waits.isEmpty() ? tr("None asked of the requester")
                                     : waits.join(QStringLiteral("\n\n")));
    if (r.decision) {
        QString decision =
            (r.decision->kind == DecisionKind::Accept ? tr("Accepted by %1, %2:\n%3")
                                                      : tr("Declined by %1, %2:\n%3"))
                .arg(r.decision->by, when(r.decision->at), r.decision->text);
        if (!r.decision->justification.isEmpty())
            decision += u'\n'
                + tr("Accepted before the minimum case age because: %1")
                      .arg(r.decision->justification);
        m_decision->setText(decision);
    } else {
        m_decision->setText(tr("Awaiting review"));
    }

    m_account->setText(c.account);
    m_severity->setText(c.isOutage() ? tr("S1 — outage") : tr("S%1").arg(int(c.severity)));
    m_tier->setText(displayName(c.tier));
    m_priority->setText(displayName(c.priority));
    m_status->setText(c.status);
    m_created->setText(when(c.createdAt));
    m_firstResponse->setText(c.firstResponseAt.isValid() ? when(c.firstResponseAt)
                                                         : tr("None yet"));
    m_lastCustomer->setText(c.lastCustomerUpdateAt.isValid() ? when(c.lastCustomerUpdateAt)
                                                             : tr("None"));
    m_lastSupport->setText(c.lastSupportUpdateAt.isValid() ? when(c.lastSupportUpdateAt)
                                                           : tr("None yet"));
    m_assignee->setText(c.assignee);
    m_csm->setText(c.csm);

    // Eligibility at the moment the request was raised.
    QPalette eligibilityPalette = palette();
    if (m_case) {
        const Eligibility e = m_policy.checkEligibility(c, r);
        switch (e.verdict) {
        case Eligibility::Verdict::Eligible:
            m_eligibility->setText(
                tr("Eligible when raised: the case was older than the minimum age."));
            break;
        case Eligibility::Verdict::TooEarly:
            m_eligibility->setText(
                tr("Raised too early: %1 cases on %2 support can be escalated after %3 h; "
                   "this one would have been eligible from %4. Push it back to standard triage.")
                    .arg(tr("S%1").arg(int(c.severity)), displayName(c.tier))
                    .arg(e.minimumAgeHours)
                    .arg(when(e.eligibleAt)));
            eligibilityPalette.setColor(
                QPalette::WindowText,
                ClockPalette::foreground(ClockState::Approaching, eligibilityPalette));
            break;
        case Eligibility::Verdict::RefusedOutage:
            m_eligibility->setText(
                tr("Severity 1 outage: handled by the outage process (on-call team, 24/7), "
                   "never escalated."));
            eligibilityPalette.setColor(
                QPalette::WindowText,
                ClockPalette::foreground(ClockState::Breached, eligibilityPalette));
            break;
        }
    } else {
        m_eligibility->clear();
    }
    m_eligibility->setPalette(eligibilityPalette);

    QStringList notes;
    for (const Note &n : r.notes)
        notes << tr("%1 · %2\n%3").arg(n.author, when(n.at), n.text);
    m_notes->setPlainText(notes.isEmpty() ? tr("No notes yet.")
                                          : notes.join(QStringLiteral("\n\n")));

    const QList<EscalationRequest> chain = m_lookup->requestsForCase(r.caseId);
    m_ladder->setLadder(LadderState::build(r, chain, c.isOutage()));
    updateCountdown();
    updateExternalDue();
}

void DetailsPane::updateExternalDue()
{
    const auto times = m_request ? m_clock->times(m_request->id) : std::nullopt;
    if (!m_request || !m_request->externalDueAt.isValid() || !times) {
        m_externalDue->hide();
        return;
    }
    // The app's deadline drives the clock; RT's Due is shown beside it, and
    // when they disagree both are explained so the manager knows which
    // business hours, holidays or target made the difference.
    const CalendarRegistry::Lookup found = m_clock->calendar(m_request->calendarId);
    const DueComparison due =
        ExternalDue::compare(*m_request, found.calendar, times->dueAt,
                             m_clock->reviewClock().target().targetBusinessMinutes);
    QPalette palette = this->palette();
    if (due.disagrees()) {
        m_externalDue->setText(tr("⚠ RT's Due %1 differs from the review deadline %2:\n%3")
                                   .arg(when(m_request->externalDueAt),
                                        when(QDateTime::fromSecsSinceEpoch(times->dueAt, Qt::UTC)),
                                        due.explanation));
        palette.setColor(QPalette::WindowText,
                         ClockPalette::foreground(ClockState::Approaching, palette));
        m_externalDue->setProperty("disagrees", true);
    } else {
        m_externalDue->setText(
            tr("RT's Due %1 agrees with the review deadline.").arg(when(m_request->externalDueAt)));
        m_externalDue->setProperty("disagrees", false);
    }
    m_externalDue->setPalette(palette);
    m_externalDue->show();
}

void DetailsPane::updateCountdown()
{
    if (!m_request)
        return;
    const auto times = m_clock->times(m_request->id);
    const ReviewClockService::Entry entry = m_clock->entry(m_request->id);
    m_clockBadge->setText(QStringLiteral(" %1 ").arg(displayName(entry.state)));
    QPalette badge = m_clockBadge->palette();
    badge.setColor(QPalette::Window, ClockPalette::accent(entry.state));
    badge.setColor(QPalette::WindowText, ClockPalette::onAccent(entry.state));
    m_clockBadge->setPalette(badge);
    if (!times) {
        m_deadline->setText(tr("Not in the review queue"));
        m_explain->setEnabled(false);
        return;
    }
    const QDateTime due = QDateTime::fromSecsSinceEpoch(times->dueAt, Qt::UTC);
    QString text;
    if (entry.state == ClockState::Answered && times->answeredAt != NoInstant) {
        const QDateTime answered = QDateTime::fromSecsSinceEpoch(times->answeredAt, Qt::UTC);
        text = times->answeredInTime()
            ? tr("Answered %1, within the review target (due %2)").arg(when(answered), when(due))
            : tr("Answered %1, after the review target (due %2)").arg(when(answered), when(due));
    } else if (entry.state == ClockState::Waiting) {
        text = tr("Waiting on the requester since %1: the review clock stands still with %2 of "
                  "business time left")
                   .arg(when(QDateTime::fromSecsSinceEpoch(times->waitingSince, Qt::UTC)),
                        DurationText::compact(m_clock->remainingSeconds(m_request->id)));
    } else {
        const QString countdown =
            DurationText::countdown(entry.state, m_clock->remainingSeconds(m_request->id));
        text = tr("Review due %1 (%2)").arg(when(due), countdown);
    }
    if (times->calendarFallback)
        text += QLatin1Char('\n')
            + tr("Calendar “%1” is unknown here; the default calendar is used.")
                  .arg(m_request->calendarId);
    m_deadline->setText(text);
    m_explain->setEnabled(true);
}

QString DetailsPane::deadlineExplanation() const
{
    if (!m_request)
        return {};
    const CalendarRegistry::Lookup found = m_clock->calendar(m_request->calendarId);
    // Waits on the requester are cut out of the counted time.
    const qint64 stopped = ReviewClock::answeredAtOf(*m_request);
    const DeadlineExplanation explanation =
        explainWithPauses(found.calendar, m_request->requestedAt.toSecsSinceEpoch(),
                          m_clock->reviewClock().target().targetBusinessMinutes,
                          pausesOf(*m_request, stopped), m_clock->nowSecs());
    return explanation.toText();
}

void DetailsPane::showExplanation()
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("explainDialog"));
    dialog.setWindowTitle(tr("How the review deadline was computed"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *intro =
        new QLabel(tr("Business intervals counted from the request to the %1-minute review target, "
                      "with holidays skipped and daylight-saving shifts:")
                       .arg(m_clock->reviewClock().target().targetBusinessMinutes),
                   &dialog);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *text = new QPlainTextEdit(&dialog);
    text->setReadOnly(true);
    text->setPlainText(deadlineExplanation());
    text->setMinimumSize(fontMetrics().averageCharWidth() * 70, fontMetrics().lineSpacing() * 14);
    layout->addWidget(text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.exec();
}

} // namespace Escalation

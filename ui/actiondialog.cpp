#include "actiondialog.h"

#include "shortcuttext.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace Escalation {

ActionDialog::ActionDialog(OutboxAction action, const QString &subject, const QString &initialText,
                           QWidget *parent)
    : QDialog(parent)
    , m_action(action)
    , m_initialText(initialText)
    , m_editor(new QPlainTextEdit(this))
    , m_warning(new QLabel(this))
    , m_justificationLabel(new QLabel(this))
    , m_justification(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("actionDialog"));
    QString title;
    QString prompt;
    QString send;
    switch (action) {
    case OutboxAction::Accept:
        title = tr("Accept escalation");
        prompt = tr("Your decision or plan of action, posted in the case:");
        send = tr("Accept and send");
        break;
    case OutboxAction::Decline:
        title = tr("Decline escalation");
        prompt = tr("The automated reply to the requester. Edit it before sending if needed:");
        send = tr("Decline and send");
        break;
    case OutboxAction::AddNote:
        title = tr("Add note");
        prompt = tr("Internal note on this escalation:");
        send = tr("Add note");
        break;
    case OutboxAction::RecordAnalysis:
        title = tr("Record level-3 analysis");
        prompt = tr("The full analysis of why this case needed level 3:");
        send = tr("Record analysis");
        break;
    case OutboxAction::AcknowledgeOwnership:
        title = tr("Acknowledge ownership");
        prompt = tr("Optional comment with the level-4 owner's acknowledgement:");
        send = tr("Acknowledge");
        break;
    case OutboxAction::AskRequester:
        title = tr("Ask the requester");
        prompt = tr("Your question, sent to the requester. The review clock stands still until "
                    "they answer:");
        send = tr("Ask and pause the clock");
        break;
    case OutboxAction::ResumeReview:
        title = tr("Resume the review");
        prompt = tr("What came back, if it did not come through the portal (optional):");
        send = tr("Resume the clock");
        break;
    case OutboxAction::TakeOwnership:
    case OutboxAction::HandOff: // handoffdialog.h asks for a team
        title = displayName(action);
        prompt = tr("Optional comment:");
        send = displayName(action);
        break;
    }
    setWindowTitle(title);

    auto *layout = new QVBoxLayout(this);
    auto *subjectLabel = new QLabel(subject, this);
    subjectLabel->setObjectName(QStringLiteral("actionSubject"));
    subjectLabel->setTextFormat(Qt::PlainText);
    subjectLabel->setWordWrap(true);
    QFont bold = subjectLabel->font();
    bold.setBold(true);
    subjectLabel->setFont(bold);
    layout->addWidget(subjectLabel);
    auto *promptLabel = new QLabel(prompt, this);
    promptLabel->setTextFormat(Qt::PlainText);
    promptLabel->setWordWrap(true);
    layout->addWidget(promptLabel);

    m_editor->setObjectName(QStringLiteral("actionText"));
    m_editor->setPlainText(initialText);
    m_editor->setTabChangesFocus(true);
    m_editor->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_editor->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_editor->setMinimumSize(fontMetrics().averageCharWidth() * 72,
                             fontMetrics().lineSpacing() * 10);
    layout->addWidget(m_editor, 1);
    promptLabel->setBuddy(m_editor);

    m_warning->setObjectName(QStringLiteral("actionWarning"));
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    m_warning->setVisible(false);
    layout->addWidget(m_warning);

    m_justificationLabel->setObjectName(QStringLiteral("justificationPrompt"));
    m_justificationLabel->setTextFormat(Qt::PlainText);
    m_justificationLabel->setWordWrap(true);
    m_justificationLabel->setBuddy(m_justification);
    m_justification->setObjectName(QStringLiteral("justificationText"));
    m_justification->setTabChangesFocus(true);
    m_justification->setAccessibleName(tr("Why it cannot wait"));
    m_justification->setMaximumHeight(fontMetrics().lineSpacing() * 5);
    m_justificationLabel->setVisible(false);
    m_justification->setVisible(false);
    layout->addWidget(m_justificationLabel);
    layout->addWidget(m_justification);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_send = buttons->addButton(send, QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);
    // Enter is a new line in the text, so sending has a key of its own.
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    auto *sendShortcutKeypad = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    for (QShortcut *shortcut : {sendShortcut, sendShortcutKeypad})
        connect(shortcut, &QShortcut::activated, m_send, [this] {
            if (m_send->isEnabled())
                m_send->click();
        });
    m_send->setToolTip(ShortcutText::withShortcut(send, {sendShortcut->key()}));
    if (action == OutboxAction::Decline) {
        QPushButton *reset =
            buttons->addButton(tr("Reset to template"), QDialogButtonBox::ResetRole);
        connect(reset, &QPushButton::clicked, this,
                [this] { m_editor->setPlainText(m_initialText); });
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &ActionDialog::updateSendEnabled);
    connect(m_justification, &QPlainTextEdit::textChanged, this, &ActionDialog::updateSendEnabled);
    updateSendEnabled();
    m_editor->setFocus();
    resize(fontMetrics().averageCharWidth() * 90, fontMetrics().lineSpacing() * 24);
}

QString ActionDialog::text() const
{
    return m_editor->toPlainText().trimmed();
}

void ActionDialog::requireJustification(const QString &prompt)
{
    m_justificationLabel->setText(prompt);
    m_justificationRequired = true;
    m_justificationLabel->setVisible(true);
    m_justification->setVisible(true);
    updateSendEnabled();
}

QString ActionDialog::justification() const
{
    return m_justificationRequired ? m_justification->toPlainText().trimmed() : QString();
}

void ActionDialog::setWarning(const QString &warning)
{
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
}

void ActionDialog::updateSendEnabled()
{
    const bool optional = m_action == OutboxAction::TakeOwnership
        || m_action == OutboxAction::AcknowledgeOwnership || m_action == OutboxAction::ResumeReview;
    const bool justified = !m_justificationRequired || !justification().isEmpty();
    m_send->setEnabled((optional || !text().isEmpty()) && justified);
}

} // namespace Escalation

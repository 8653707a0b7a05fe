#pragma once

// Asks for the text of one manager action before it goes to the outbox: the
// plan of action of an accept, the reply of a decline (pre-filled from the
// policy's template and editable), a note, or the level-3 analysis. Empty
// text cannot be sent. Accepting a request raised before the case's
// minimum age also asks why it cannot wait, and cannot be sent without it.

#include <outboxentry.h>

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Escalation {

class ActionDialog final : public QDialog {
    Q_OBJECT
public:
    // subject: what the action is about ("00100023 · Nightly export…"),
    // shown as plain text. initialText: the template, if any.
    ActionDialog(OutboxAction action, const QString &subject, const QString &initialText,
                 QWidget *parent = nullptr);

    OutboxAction action() const { return m_action; }
    QString text() const;
    QPlainTextEdit *editor() const { return m_editor; }
    // Asks for a justification too, with prompt above its field.
    void requireJustification(const QString &prompt);
    QString justification() const;
    QPlainTextEdit *justificationEditor() const { return m_justification; }
    QPushButton *sendButton() const { return m_send; }
    // Shown under the editor, e.g. placeholders the template left unfilled.
    void setWarning(const QString &warning);

private:
    void updateSendEnabled();

    OutboxAction m_action;
    QString m_initialText;
    QPlainTextEdit *m_editor;
    QLabel *m_warning;
    QLabel *m_justificationLabel;
    QPlainTextEdit *m_justification;
    bool m_justificationRequired = false;
    QPushButton *m_send;
};

} // namespace Escalation

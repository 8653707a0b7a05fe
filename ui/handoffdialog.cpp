#include "handoffdialog.h"

#include "shortcuttext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace Escalation {

HandOffDialog::HandOffDialog(const QString &subject, const QString &fromTeam,
                             const QList<HandOffTarget> &targets, qint64 nowSecs, QWidget *parent)
    : QDialog(parent)
    , m_team(new QComboBox(this))
    , m_note(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("handOffDialog"));
    setWindowTitle(tr("Hand off to another region"));
    auto *layout = new QVBoxLayout(this);

    auto *subjectLabel = new QLabel(subject, this);
    subjectLabel->setObjectName(QStringLiteral("handOffSubject"));
    subjectLabel->setTextFormat(Qt::PlainText);
    subjectLabel->setWordWrap(true);
    QFont bold = subjectLabel->font();
    bold.setBold(true);
    subjectLabel->setFont(bold);
    layout->addWidget(subjectLabel);

    auto *explanation = new QLabel(
        fromTeam.isEmpty()
            ? tr("The team you choose reviews it in its business hours; the deadline stays.")
            : tr("Now with %1. The team you choose reviews it in its business hours; the "
                 "deadline stays.")
                  .arg(fromTeam),
        this);
    explanation->setTextFormat(Qt::PlainText);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);

    m_team->setObjectName(QStringLiteral("handOffTeam"));
    for (const HandOffTarget &t : targets)
        m_team->addItem(tr("%1 — %2").arg(t.team, RegionHours::describe(t.region, nowSecs)),
                        t.team);
    m_note->setObjectName(QStringLiteral("handOffNote"));
    m_note->setTabChangesFocus(true);
    m_note->setPlaceholderText(tr("What the next team should know (optional)"));
    m_note->setMinimumSize(fontMetrics().averageCharWidth() * 64, fontMetrics().lineSpacing() * 6);

    auto *form = new QFormLayout;
    form->addRow(tr("&Team:"), m_team);
    form->addRow(tr("N&ote:"), m_note);
    layout->addLayout(form, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_send = buttons->addButton(tr("Hand off"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);
    m_send->setEnabled(!targets.isEmpty());
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(sendShortcut, &QShortcut::activated, m_send, [this] {
        if (m_send->isEnabled())
            m_send->click();
    });
    m_send->setToolTip(ShortcutText::withShortcut(tr("Hand off"), {sendShortcut->key()}));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_team->setFocus();
}

QString HandOffDialog::team() const
{
    return m_team->currentData().toString();
}

QString HandOffDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

} // namespace Escalation

#pragma once

// Follow-the-sun in one step: hands a request to another region's team.
// The teams are listed best first (handofftargets.h), each with whether
// its region is open now and for how long; a note tells the receiving team
// what it needs to know. The review clock keeps its calendar.

#include <handofftargets.h>

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Escalation {

class HandOffDialog final : public QDialog {
    Q_OBJECT
public:
    // targets: best first; the first is chosen. nowSecs: what "closes in"
    // is measured from.
    HandOffDialog(const QString &subject, const QString &fromTeam,
                  const QList<HandOffTarget> &targets, qint64 nowSecs, QWidget *parent = nullptr);

    QString team() const;
    QString note() const;
    QComboBox *teamBox() const { return m_team; }
    QPlainTextEdit *noteEditor() const { return m_note; }
    QPushButton *sendButton() const { return m_send; }

private:
    QComboBox *m_team;
    QPlainTextEdit *m_note;
    QPushButton *m_send;
};

} // namespace Escalation

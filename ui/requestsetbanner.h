#pragma once

// The line above the queue while it shows only the requests behind an
// analytics figure: what they are, how many of them the queue holds (closed
// and superseded requests are not in it), and the ways out: back to the
// view they came from, or every request again.

#include <QFrame>

class QLabel;
class QPushButton;

namespace Escalation {

class RequestSetBanner final : public QFrame {
    Q_OBJECT
public:
    explicit RequestSetBanner(QWidget *parent = nullptr);

    // shown: how many of total the queue holds.
    void showSet(const QString &title, int shown, int total, const QString &backTitle);
    QString text() const;
    QPushButton *showAllButton() const { return m_showAll; }
    QPushButton *backButton() const { return m_back; }

Q_SIGNALS:
    void showAllRequested();
    void backRequested();

private:
    QLabel *m_text;
    QPushButton *m_back;
    QPushButton *m_showAll;
};

} // namespace Escalation

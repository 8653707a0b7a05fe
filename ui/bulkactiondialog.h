#pragma once

// One action on several marked requests: take them all, add the same note,
// accept them with one plan of action (a confirmed major-issue cluster), or
// decline them with the same reason. A decline's reply is rendered for
// each request from the template that fits it (too early, outage or the
// default), with that request's case, requester and dates, and can be read
// request by request before anything is sent. Each request becomes its own
// outbox entry; the dialog stays open and shows, row by row, what became of
// each (saved, applied, conflict, refused, rejected), with a summary line.
// Requests the action does not fit (already decided, already yours) are
// listed as skipped and never sent.

#include <escalation.h>
#include <outboxentry.h>

#include <QDialog>
#include <QHash>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace Escalation {

struct BulkItem {
    EscalationRequest request;
    Case caseRecord;
    QString skipReason; // translated; empty when the action fits the request
};

enum class BulkResult : quint8 {
    Skipped,
    Ready,
    Saving,
    Saved,
    Applied,
    Conflict,
    Refused,
    Rejected
};

class BulkActionDialog final : public QDialog {
    Q_OBJECT
public:
    // The reply of a decline for one request, from the reason typed once;
    // placeholders the template left unfilled go to *unknown.
    using ReplyRenderer =
        std::function<QString(const BulkItem &item, const QString &reason, QStringList *unknown)>;

    BulkActionDialog(OutboxAction action, const QList<BulkItem> &items, ReplyRenderer renderer,
                     const QString &initialText, QWidget *parent = nullptr);

    OutboxAction action() const { return m_action; }
    // The reason (decline), plan (accept) or note typed once; null for
    // taking ownership.
    QPlainTextEdit *editor() const { return m_editor; }
    // The reply or note of the current row, as it would be sent.
    QPlainTextEdit *preview() const { return m_preview; }
    QTableView *table() const { return m_table; }
    QPushButton *sendButton() const { return m_send; }
    QLabel *summaryLabel() const { return m_summary; }

    // What would be sent for items[row] (empty for a skipped one).
    QString textFor(int row) const;
    int sendableCount() const;
    // Emits submitted for every request the action fits, once.
    void send();

    // What became of the entry, when it is one of this dialog's.
    bool tracks(const OutboxEntry &entry) const;
    void setResult(const OutboxEntry &entry, BulkResult result);
    BulkResult result(const QString &requestId) const;
    QString summary() const;

Q_SIGNALS:
    void submitted(const QString &requestId, Escalation::OutboxAction action, const QString &text,
                   qint64 baseVersion);
    // Enter or double-click on a row: show that request in the queue.
    void requestActivated(const QString &requestId);

private:
    void updatePreview();
    void updateSummary();
    void showResult(int row);
    static QString resultText(BulkResult result, const QString &detail);

    OutboxAction m_action;
    QList<BulkItem> m_items;
    ReplyRenderer m_renderer;
    QList<BulkResult> m_results;
    QStringList m_details; // per row: the portal's message, when any
    QHash<QString, int> m_rowOf; // request id -> row
    bool m_sent = false;

    QLabel *m_summary;
    QPlainTextEdit *m_editor = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLabel *m_warning;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QPushButton *m_send;
};

} // namespace Escalation

#include "bulkactiondialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Escalation {

namespace {
enum Column { CaseColumn, SubjectColumn, ResultColumn, ColumnCount };
} // namespace

BulkActionDialog::BulkActionDialog(OutboxAction action, const QList<BulkItem> &items,
                                   ReplyRenderer renderer, const QString &initialText,
                                   QWidget *parent)
    : QDialog(parent)
    , m_action(action)
    , m_items(items)
    , m_renderer(std::move(renderer))
    , m_summary(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_send(new QPushButton(this))
{
    setObjectName(QStringLiteral("bulkActionDialog"));
    setWindowTitle(tr("%1 — marked requests: %2").arg(displayName(action)).arg(items.size()));
    auto *layout = new QVBoxLayout(this);
    m_summary->setObjectName(QStringLiteral("bulkSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    if (action != OutboxAction::TakeOwnership) {
        auto *top = new QWidget(splitter);
        auto *topLayout = new QVBoxLayout(top);
        topLayout->setContentsMargins(0, 0, 0, 0);
        auto *label = new QLabel(action == OutboxAction::Decline
                                     ? tr("Why they are declined (each reply is written from the "
                                          "template that fits its request):")
                                     : action == OutboxAction::Accept
                                     ? tr("The plan of action, posted in every case:")
                                     : tr("The note added to every request:"),
                                 top);
        m_editor = new QPlainTextEdit(initialText, top);
        m_editor->setObjectName(QStringLiteral("bulkEditor"));
        m_editor->setAccessibleName(label->text());
        m_editor->setTabChangesFocus(true);
        label->setBuddy(m_editor);
        topLayout->addWidget(label);
        topLayout->addWidget(m_editor, 1);
        splitter->addWidget(top);
    }

    m_table->setObjectName(QStringLiteral("bulkTable"));
    m_table->setAccessibleName(tr("The marked requests and what became of each"));
    m_model->setHorizontalHeaderLabels({tr("Case"), tr("Subject"), tr("Result")});
    for (int row = 0; row < m_items.size(); ++row) {
        const BulkItem &item = m_items.at(row);
        m_rowOf.insert(item.request.id, row);
        m_results.append(item.skipReason.isEmpty() ? BulkResult::Ready : BulkResult::Skipped);
        m_details.append(item.skipReason);
        QList<QStandardItem *> cells {new QStandardItem(item.caseRecord.number),
                                      new QStandardItem(item.caseRecord.subject),
                                      new QStandardItem()};
        for (QStandardItem *cell : cells)
            cell->setEditable(false);
        m_model->appendRow(cells);
        showResult(row);
    }
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeColumnsToContents();
    splitter->addWidget(m_table);

    if (action != OutboxAction::TakeOwnership) {
        m_preview = new QPlainTextEdit(splitter);
        m_preview->setObjectName(QStringLiteral("bulkPreview"));
        m_preview->setReadOnly(true);
        m_preview->setAccessibleName(tr("What is sent for the selected request"));
        m_preview->setTabChangesFocus(true);
        splitter->addWidget(m_preview);
        connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
            updatePreview();
            updateSummary();
        });
        connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                &BulkActionDialog::updatePreview);
    }
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // A reason is a line or two; the list and the replies need the room.
    const int line = fontMetrics().height();
    splitter->setSizes(m_editor ? QList<int> {line * 5, line * 14, line * 12} : QList<int> {});
    layout->addWidget(splitter, 1);
    m_warning->setObjectName(QStringLiteral("bulkWarning"));
    m_warning->setWordWrap(true);
    m_warning->hide();
    layout->addWidget(m_warning);

    auto *buttons = new QDialogButtonBox(this);
    m_send->setObjectName(QStringLiteral("bulkSend"));
    m_send->setDefault(true);
    buttons->addButton(m_send, QDialogButtonBox::AcceptRole);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("bulkClose"));
    layout->addWidget(buttons);
    connect(m_send, &QPushButton::clicked, this, &BulkActionDialog::send);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &BulkActionDialog::send);
    const auto activate = [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT requestActivated(m_items.at(index.row()).request.id);
    };
    connect(m_table, &QTableView::activated, this, activate);

    const int first = int(std::distance(
        m_results.cbegin(), std::find(m_results.cbegin(), m_results.cend(), BulkResult::Ready)));
    m_table->setCurrentIndex(m_model->index(first < m_items.size() ? first : 0, 0));
    updatePreview();
    updateSummary();
    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 40);
    (m_editor ? static_cast<QWidget *>(m_editor) : m_send)->setFocus();
}

QString BulkActionDialog::textFor(int row) const
{
    if (row < 0 || row >= m_items.size() || m_results.at(row) == BulkResult::Skipped)
        return {};
    const QString typed = m_editor ? m_editor->toPlainText().trimmed() : QString();
    if (m_action == OutboxAction::Decline && m_renderer)
        return m_renderer(m_items.at(row), typed, nullptr);
    return typed;
}

int BulkActionDialog::sendableCount() const
{
    return int(std::count(m_results.cbegin(), m_results.cend(), BulkResult::Ready));
}

void BulkActionDialog::send()
{
    const bool needsText = m_editor != nullptr;
    if (m_sent || sendableCount() == 0
        || (needsText && m_editor->toPlainText().trimmed().isEmpty()))
        return;
    m_sent = true;
    if (m_editor)
        m_editor->setReadOnly(true);
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_results.at(row) != BulkResult::Ready)
            continue;
        const EscalationRequest &r = m_items.at(row).request;
        const QString text = textFor(row);
        m_results[row] = BulkResult::Saving;
        showResult(row);
        Q_EMIT submitted(r.id, m_action, text, r.version);
    }
    updateSummary();
    m_table->setFocus();
}

bool BulkActionDialog::tracks(const OutboxEntry &entry) const
{
    const int row = m_rowOf.value(entry.requestId, -1);
    return m_sent && entry.action == m_action && row >= 0
        && m_results.at(row) != BulkResult::Skipped;
}

void BulkActionDialog::setResult(const OutboxEntry &entry, BulkResult result)
{
    if (!tracks(entry))
        return;
    const int row = m_rowOf.value(entry.requestId);
    m_results[row] = result;
    m_details[row] = entry.lastError;
    showResult(row);
    updateSummary();
    if (row == m_table->currentIndex().row())
        updatePreview();
}

BulkResult BulkActionDialog::result(const QString &requestId) const
{
    const int row = m_rowOf.value(requestId, -1);
    return row >= 0 ? m_results.at(row) : BulkResult::Skipped;
}

QString BulkActionDialog::resultText(BulkResult result, const QString &detail)
{
    switch (result) {
    case BulkResult::Skipped:
        return tr("Skipped: %1").arg(detail);
    case BulkResult::Ready:
        return tr("Ready to send");
    case BulkResult::Saving:
        return tr("Saving…");
    case BulkResult::Saved:
        return tr("Saved, waiting for the portal");
    case BulkResult::Applied:
        return tr("Applied");
    case BulkResult::Conflict:
        return tr("Conflict: changed at the portal meanwhile; review it and decide again");
    case BulkResult::Refused:
        return tr("Refused: your role may not do this");
    case BulkResult::Rejected:
        return detail.isEmpty() ? tr("Rejected by the portal")
                                : tr("Rejected by the portal: %1").arg(detail);
    }
    return {};
}

void BulkActionDialog::showResult(int row)
{
    QStandardItem *cell = m_model->item(row, ResultColumn);
    cell->setText(resultText(m_results.at(row), m_details.at(row)));
    // Words carry the result; the weight only draws the eye to what needs it.
    QFont font = cell->font();
    font.setBold(m_results.at(row) == BulkResult::Conflict
                 || m_results.at(row) == BulkResult::Refused
                 || m_results.at(row) == BulkResult::Rejected);
    cell->setFont(font);
}

QString BulkActionDialog::summary() const
{
    const auto count = [this](BulkResult r) {
        return int(std::count(m_results.cbegin(), m_results.cend(), r));
    };
    if (!m_sent)
        return tr("%1 for %2 of %3 marked requests; %4 skipped. Ctrl+Enter sends.")
            .arg(displayName(m_action))
            .arg(sendableCount())
            .arg(m_items.size())
            .arg(count(BulkResult::Skipped));
    QStringList parts;
    const std::pair<BulkResult, QString> labels[] = {
        {BulkResult::Applied, tr("%1 applied")},
        {BulkResult::Saved, tr("%1 waiting for the portal")},
        {BulkResult::Saving, tr("%1 being saved")},
        {BulkResult::Conflict, tr("%1 in conflict")},
        {BulkResult::Refused, tr("%1 refused")},
        {BulkResult::Rejected, tr("%1 rejected")},
        {BulkResult::Skipped, tr("%1 skipped")},
    };
    for (const auto &[result, label] : labels)
        if (const int n = count(result))
            parts << label.arg(n);
    return parts.join(QStringLiteral(", "));
}

void BulkActionDialog::updateSummary()
{
    m_summary->setText(summary());
    const bool needsText = m_editor != nullptr;
    m_send->setText(m_sent ? tr("Sent") : tr("Send (%1)").arg(sendableCount()));
    m_send->setEnabled(!m_sent && sendableCount() > 0
                       && (!needsText || !m_editor->toPlainText().trimmed().isEmpty()));
}

void BulkActionDialog::updatePreview()
{
    if (!m_preview)
        return;
    const int row = m_table->currentIndex().row();
    if (row < 0 || row >= m_items.size())
        return;
    if (m_results.at(row) == BulkResult::Skipped) {
        m_preview->setPlainText(resultText(BulkResult::Skipped, m_details.at(row)));
        m_warning->hide();
        return;
    }
    QStringList unknown;
    const QString typed = m_editor->toPlainText().trimmed();
    m_preview->setPlainText(m_action == OutboxAction::Decline && m_renderer
                                ? m_renderer(m_items.at(row), typed, &unknown)
                                : typed);
    m_warning->setVisible(!unknown.isEmpty());
    m_warning->setText(tr("The template names placeholders this desk does not know: %1")
                           .arg(unknown.join(QStringLiteral(", "))));
}

} // namespace Escalation

#include "historysection.h"

#include <historymodel.h>

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeView>
#include <QVBoxLayout>

namespace Escalation {

namespace {
QString when(const QDateTime &dt)
{
    return QLocale().toString(dt.toLocalTime(), QLocale::ShortFormat);
}
} // namespace

HistorySection::HistorySection(QWidget *parent)
    : QGroupBox(tr("History"), parent)
    , m_model(new HistoryModel(this))
    , m_status(new QLabel(this))
    , m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("historySection"));
    auto *layout = new QVBoxLayout(this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_status);

    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setAccessibleName(tr("Request history"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    // One line per entry; the whole text is the row's tooltip, and the
    // decision and notes stand in full above and below.
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(HistoryModel::When, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(HistoryModel::Who, QHeaderView::Interactive);
    // No sideways scrolling: a horizontal bar would cover the last row of a
    // box sized to its rows. Long texts are elided; the tooltips have them whole.
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    layout->addWidget(m_view);
    // As tall as its rows, up to a limit: no empty box under a short story.
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &HistorySection::fitToRows);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistorySection::fitToRows);
    fitToRows();
}

void HistorySection::fitToRows()
{
    // Who: as wide as the longest name, but never more than a long name's
    // width (a requester's e-mail address must not squeeze out What).
    m_view->resizeColumnToContents(HistoryModel::Who);
    const int widestWho = m_view->fontMetrics().averageCharWidth() * 18;
    if (m_view->columnWidth(HistoryModel::Who) > widestWho)
        m_view->setColumnWidth(HistoryModel::Who, widestWho);

    const int line = m_view->fontMetrics().lineSpacing();
    const int rowHeight = m_model->rowCount() > 0
        ? std::max(m_view->sizeHintForIndex(m_model->index(0, HistoryModel::What)).height(), line)
        : line;
    const int rows = rowHeight * m_model->rowCount();
    const int chrome = m_view->header()->sizeHint().height() + 2 * m_view->frameWidth() + 4;
    m_view->setFixedHeight(std::clamp(rows + chrome, chrome + 2 * line, chrome + 16 * line));
}

void HistorySection::setLive(bool live)
{
    m_live = live;
}

void HistorySection::showRequest(const QString &requestId,
                                 const std::optional<RequestHistory> &cached)
{
    if (cached) {
        m_model->setHistory(*cached);
        m_fetchedAt = cached->fetchedAt;
    } else {
        RequestHistory none;
        none.requestId = requestId;
        m_model->setHistory(none);
        m_fetchedAt.reset();
    }
    if (m_fetchedAt)
        setStatus(m_live ? tr("As of %1 · refreshing…").arg(when(*m_fetchedAt))
                         : tr("As of %1, from the cache").arg(when(*m_fetchedAt)));
    else
        setStatus(m_live ? tr("Loading the history…")
                         : tr("No history in the cache for this request yet."));
}

void HistorySection::updated(const RequestHistory &history)
{
    m_model->setHistory(history);
    m_fetchedAt = history.fetchedAt;
    setStatus(history.entries.isEmpty() ? tr("No entries yet.")
                                        : tr("As of %1").arg(when(history.fetchedAt)));
}

void HistorySection::failed(const QString &message)
{
    setStatus(m_fetchedAt ? tr("As of %1; could not refresh: %2").arg(when(*m_fetchedAt), message)
                          : tr("The history could not be fetched: %1").arg(message));
}

void HistorySection::unavailable(const QString &message)
{
    setStatus(message);
}

QString HistorySection::statusText() const
{
    return m_status->text();
}

void HistorySection::setStatus(const QString &text)
{
    m_status->setText(text);
}

} // namespace Escalation

#include "requestsetbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Escalation {

RequestSetBanner::RequestSetBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_back(new QPushButton(this))
    , m_showAll(new QPushButton(tr("Show every request"), this))
{
    setObjectName(QStringLiteral("requestSetBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_text->setObjectName(QStringLiteral("requestSetText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_back->setObjectName(QStringLiteral("requestSetBack"));
    m_showAll->setObjectName(QStringLiteral("requestSetShowAll"));
    m_showAll->setToolTip(
        tr("Leave the drill-down and show the queue as the filters say (%1)")
            .arg(
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F).toString(QKeySequence::NativeText)));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_back);
    layout->addWidget(m_showAll);
    connect(m_showAll, &QPushButton::clicked, this, &RequestSetBanner::showAllRequested);
    connect(m_back, &QPushButton::clicked, this, &RequestSetBanner::backRequested);
    hide();
}

void RequestSetBanner::showSet(const QString &title, int shown, int total, const QString &backTitle)
{
    QString text = tr("Showing the requests behind “%1”: %2 of %3 are in the queue.")
                       .arg(title)
                       .arg(shown)
                       .arg(total);
    if (shown < total)
        text += QLatin1Char(' ')
            + tr("The others are closed or superseded; the list in %1 has them all.")
                  .arg(backTitle);
    m_text->setText(text);
    m_back->setText(tr("Back to %1").arg(backTitle));
    setAccessibleName(text);
    show();
}

QString RequestSetBanner::text() const
{
    return m_text->text();
}

} // namespace Escalation

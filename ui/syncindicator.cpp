#include "syncindicator.h"

#include <durationtext.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

namespace Escalation {

SyncIndicator::SyncIndicator(QWidget *parent)
    : QWidget(parent)
    , m_state(new QLabel(this))
    , m_last(new QLabel(this))
    , m_pending(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    setObjectName(QStringLiteral("syncIndicator"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QLabel *label : {m_state, m_last, m_pending}) {
        label->setTextFormat(Qt::PlainText);
        // Never squeezed: a cut-off "Last sync 2…" is worse than no text.
        label->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
        label->setContentsMargins(6, 0, 6, 0);
    }
    m_state->setObjectName(QStringLiteral("syncState"));
    m_last->setObjectName(QStringLiteral("lastSync"));
    m_pending->setObjectName(QStringLiteral("pendingOutbox"));
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setRange(0, 0); // the feed does not say how much is left
    m_progress->setMaximumWidth(fontMetrics().averageCharWidth() * 24);
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    layout->addWidget(m_state);
    layout->addWidget(m_last);
    layout->addWidget(m_pending);
    // "synced 12 s ago" must keep counting between syncs.
    m_ageTimer.setInterval(5000);
    connect(&m_ageTimer, &QTimer::timeout, this, &SyncIndicator::refreshAges);
    m_ageTimer.start();
    setPendingOutbox(0);
    m_state->setText(tr("Not connected"));
}

void SyncIndicator::setCacheOnly(const QString &reason)
{
    m_cacheOnly = reason;
    m_state->setText(reason);
    m_state->setToolTip(reason.toHtmlEscaped());
}

void SyncIndicator::setStatus(const SyncStatus &status)
{
    m_status = status;
    m_cacheOnly.clear();
    switch (status.state) {
    case SyncStatus::State::Idle:
        m_state->setText(tr("Not syncing"));
        break;
    case SyncStatus::State::Syncing:
        m_state->setText(status.firstSync ? tr("First sync: %L1 records").arg(status.recordsDone)
                                          : tr("Syncing…"));
        break;
    case SyncStatus::State::UpToDate:
        m_state->setText(status.push ? tr("Live") : tr("Up to date (polling)"));
        break;
    case SyncStatus::State::Offline:
        m_state->setText(tr("Offline since %1")
                             .arg(QLocale().toString(status.offlineSince.toLocalTime().time(),
                                                     QLocale::ShortFormat)));
        break;
    case SyncStatus::State::Error:
        m_state->setText(tr("Sync error"));
        break;
    }
    // The message comes from the portal client; plain text in the tooltip.
    m_state->setToolTip(status.message.toHtmlEscaped());
    const bool firstSync = status.state == SyncStatus::State::Syncing && status.firstSync;
    m_progress->setVisible(firstSync);
    if (firstSync)
        m_progress->setFormat(tr("%L1 records").arg(status.recordsDone));
    QPalette pal = m_state->palette();
    pal.setColor(QPalette::WindowText,
                 status.state == SyncStatus::State::Offline
                         || status.state == SyncStatus::State::Error
                     ? QColor(0xc6, 0x28, 0x28)
                     : palette().color(QPalette::WindowText));
    m_state->setPalette(pal);
    setPendingOutbox(status.pendingOutbox);
    refreshAges();
}

void SyncIndicator::setPendingOutbox(int count)
{
    m_pending->setText(count > 0 ? tr("%n action(s) waiting for the portal", nullptr, count)
                                 : tr("Outbox empty"));
    QFont f = m_pending->font();
    f.setBold(count > 0);
    m_pending->setFont(f);
}

void SyncIndicator::refreshAges()
{
    if (!m_status.lastSuccessAt.isValid()) {
        m_last->setText(m_cacheOnly.isEmpty() ? tr("Never synced") : QString());
        return;
    }
    const qint64 age = m_status.lastSuccessAt.secsTo(QDateTime::currentDateTimeUtc());
    m_last->setText(age < 10 ? tr("Last sync just now")
                             : tr("Last sync %1 ago").arg(DurationText::compact(age)));
    m_last->setToolTip(
        QLocale().toString(m_status.lastSuccessAt.toLocalTime(), QLocale::LongFormat));
}

QString SyncIndicator::stateText() const
{
    return m_state->text();
}
QString SyncIndicator::pendingText() const
{
    return m_pending->text();
}

} // namespace Escalation

#include "burstpaintthrottle.h"

#include <QAbstractItemModel>
#include <QEvent>
#include <QWidget>

namespace Escalation {

BurstPaintThrottle::BurstPaintThrottle(QWidget *viewport, QAbstractItemModel *model,
                                       QObject *parent)
    : QObject(parent)
    , m_viewport(viewport)
{
    m_deferred.setSingleShot(true);
    connect(&m_deferred, &QTimer::timeout, m_viewport, qOverload<>(&QWidget::update));
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { noteInserted(last - first + 1); });
    m_viewport->installEventFilter(this);
}

void BurstPaintThrottle::noteInserted(int rows)
{
    if (!m_window.isValid() || m_window.elapsed() >= Interval) {
        // A window with no insert in between counts as empty.
        m_rowsInLastWindow =
            m_window.isValid() && m_window.elapsed() < 2 * Interval ? m_rowsInWindow : 0;
        m_rowsInWindow = 0;
        m_window.start();
    }
    m_rowsInWindow += rows;
}

bool BurstPaintThrottle::inBurst() const
{
    if (!m_window.isValid() || m_window.elapsed() >= 2 * Interval)
        return false;
    return m_rowsInWindow >= BurstRows
        || (m_window.elapsed() < Interval && m_rowsInLastWindow >= BurstRows);
}

bool BurstPaintThrottle::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_viewport || event->type() != QEvent::Paint)
        return false;
    if (inBurst() && m_lastPaint.isValid() && m_lastPaint.elapsed() < Interval) {
        if (!m_deferred.isActive())
            m_deferred.start(int(Interval - m_lastPaint.elapsed()));
        return true; // the region is painted whole when the interval ends
    }
    m_deferred.stop();
    m_lastPaint.start();
    return false;
}

} // namespace Escalation

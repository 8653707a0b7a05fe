#pragma once

// Caps how often a view repaints while rows pour in. A first sync inserts
// 100 000 rows in pages every few tens of milliseconds; repainting the table
// after each page costs as much as merging it. While more than `burstRows`
// rows arrive within `interval`, the viewport paints at most once per
// interval: a paint that comes sooner is swallowed and made up for when the
// interval ends. Outside bursts (a single change, a user's click) nothing is
// delayed.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QAbstractItemModel;
class QWidget;

namespace Escalation {

class BurstPaintThrottle final : public QObject {
    Q_OBJECT
public:
    BurstPaintThrottle(QWidget *viewport, QAbstractItemModel *model, QObject *parent = nullptr);

    // Whether a paint is waiting for the end of the current interval.
    bool hasDeferredPaint() const { return m_deferred.isActive(); }

    static constexpr int Interval = 250; // ms: four paints a second
    static constexpr int BurstRows = 200;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void noteInserted(int rows);
    bool inBurst() const;

    QWidget *m_viewport;
    QElapsedTimer m_window; // the current counting window
    int m_rowsInWindow = 0;
    int m_rowsInLastWindow = 0;
    QElapsedTimer m_lastPaint;
    QTimer m_deferred;
};

} // namespace Escalation

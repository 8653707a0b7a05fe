// BurstPaintThrottle: a view paints at once outside bursts, at most once per
// interval while rows pour in, and never drops the last state.

#include <burstpaintthrottle.h>

#include <QStandardItemModel>
#include <QTest>
#include <QWidget>

using namespace Escalation;

namespace {

class PaintCounter final : public QWidget {
public:
    int paints = 0;

protected:
    void paintEvent(QPaintEvent *) override { ++paints; }
};

void insertRows(QStandardItemModel &model, int count)
{
    model.insertRows(model.rowCount(), count);
}

} // namespace

class BurstPaintThrottleTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_widget = std::make_unique<PaintCounter>();
        m_model = std::make_unique<QStandardItemModel>(0, 1);
        m_throttle = std::make_unique<BurstPaintThrottle>(m_widget.get(), m_model.get());
        m_widget->resize(200, 100);
        m_widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
    }

    void cleanup()
    {
        m_throttle.reset();
        m_model.reset();
        m_widget.reset();
    }

    void fewRows_paintAtOnce()
    {
        insertRows(*m_model, BurstPaintThrottle::BurstRows - 1);
        const int before = m_widget->paints;
        m_widget->repaint();
        m_widget->repaint();
        QCOMPARE(m_widget->paints, before + 2);
        QVERIFY(!m_throttle->hasDeferredPaint());
    }

    void aBurst_paintsOncePerIntervalAndThenTheLastState()
    {
        insertRows(*m_model, BurstPaintThrottle::BurstRows);
        m_widget->repaint(); // the first paint of the burst goes through
        const int afterFirst = m_widget->paints;
        for (int i = 0; i < 5; ++i) {
            insertRows(*m_model, 10);
            m_widget->repaint();
        }
        QCOMPARE(m_widget->paints, afterFirst);
        QVERIFY(m_throttle->hasDeferredPaint());
        // Made up for when the interval ends.
        QTRY_VERIFY_WITH_TIMEOUT(m_widget->paints > afterFirst, 4 * BurstPaintThrottle::Interval);
        QVERIFY(!m_throttle->hasDeferredPaint());
    }

    void afterTheBurst_paintsAtOnceAgain()
    {
        insertRows(*m_model, BurstPaintThrottle::BurstRows * 2);
        m_widget->repaint();
        QTest::qWait(2 * BurstPaintThrottle::Interval + 50);
        const int before = m_widget->paints;
        m_widget->repaint();
        m_widget->repaint();
        QCOMPARE(m_widget->paints, before + 2);
    }

private:
    std::unique_ptr<PaintCounter> m_widget;
    std::unique_ptr<QStandardItemModel> m_model;
    std::unique_ptr<BurstPaintThrottle> m_throttle;
};

QTEST_MAIN(BurstPaintThrottleTest)
#include "tst_burstpaintthrottle.moc"

#include "deskharness.h"

#include "fixture.h"

#include <cachelookup.h>
#include <calendarregistry.h>
#include <mainwindow.h>
#include <policyconfig.h>
#include <queuefilterproxy.h>
#include <queuemodel.h>
#include <queueview.h>
#include <requestlookup.h>
#include <reviewclockservice.h>
#include <storeworker.h>

#include <QWindow>

using namespace Qt::StringLiterals;
using namespace Escalation;

namespace Bench {

DeskHarness::DeskHarness(QString cachePath, std::function<qint64()> now,
                         const std::function<void(ReviewClockService *)> &clockCreated)
    : m_path(std::move(cachePath))
{
    registerStoreMetaTypes();
    const PolicyConfig policy = PolicyConfig::defaults();
    m_clock = std::make_unique<ReviewClockService>(CalendarRegistry::withBuiltIns(),
                                                   ReviewClock(policy.review));
    if (now)
        m_clock->setNowFunction(std::move(now));
    if (clockCreated)
        clockCreated(m_clock.get());
    m_model = std::make_unique<QueueModel>(m_clock.get());
    m_lookup = std::make_unique<CacheLookup>();

    DeskContext context;
    context.model = m_model.get();
    context.clock = m_clock.get();
    context.lookup = m_lookup.get();
    context.policy = EscalationPolicy(policy);
    context.userName = u"Bench Manager"_s;
    m_window = std::make_unique<MainWindow>(std::move(context));

    m_worker = new StoreWorker(m_path);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // As the app connects them (model, then window), timed as one merge.
    QObject::connect(m_worker, &StoreWorker::changeSetCommitted, m_model.get(),
                     [this](const ChangeSet &changes) {
                         const double start = nowMs();
                         m_model->applyChangeSet(changes);
                         m_window->onChangeSetCommitted(changes);
                         const double ms = nowMs() - start;
                         ++m_merged;
                         if (onMerged)
                             onMerged(changes, ms);
                     });
}

DeskHarness::~DeskHarness()
{
    m_window.reset();
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(m_worker, &StoreWorker::closeStore, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

QueueFilterProxy *DeskHarness::proxy() const
{
    return m_window->queueProxy();
}

QueueView *DeskHarness::view() const
{
    return m_window->queueView();
}

bool DeskHarness::open(QString *error)
{
    bool answered = false;
    m_thread.start();
    whenAnswered(m_worker->open(), m_model.get(), [&](const StoreResult<StoreWorker::Opened> &r) {
        answered = true;
        if (r) {
            m_state = r->state;
            m_opened = true;
        } else {
            *error = r.error().message;
        }
    });
    const bool done = waitUntil([&] { return answered; }, 120000);
    if (!done)
        *error = u"the cache did not open in time"_s;
    return done && m_opened && m_lookup->open(m_path, error);
}

bool DeskHarness::loadQueue(QString *error)
{
    bool answered = false;
    bool loaded = false;
    whenAnswered(m_worker->loadActiveQueue(), m_model.get(),
                 [&](const StoreResult<QueueSnapshot> &snapshot) {
                     answered = true;
                     if (!snapshot) {
                         *error = snapshot.error().message;
                         return;
                     }
                     queueReceivedAt = nowMs();
                     m_model->loadSnapshot(snapshot->requests, snapshot->cases);
                     modelLoadedAt = nowMs();
                     loaded = true;
                 });
    const bool done = waitUntil([&] { return answered; }, 120000);
    if (!done)
        *error = u"the queue did not load in time"_s;
    return loaded;
}

bool DeskHarness::show(QString *error)
{
    m_window->show();
    const bool exposed = waitUntil(
        [this] { return m_window->windowHandle() && m_window->windowHandle()->isExposed(); },
        20000);
    if (!exposed)
        *error = u"the main window was not exposed"_s;
    return exposed;
}

void DeskHarness::paintQueue()
{
    view()->viewport()->repaint();
}

} // namespace Bench

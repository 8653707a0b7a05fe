// The desk end to end: the composition root against a real escalation-portal
// on loopback, as the run command starts it. A new user must see a live
// queue within seconds, and the portal's activity must reach it unasked.

#include "democredentials.h"

#include <actiondialog.h>
#include <appcontroller.h>
#include <bulkactiondialog.h>
#include <clusterbar.h>
#include <detailspane.h>
#include <handoffdialog.h>
#include <mainwindow.h>
#include <queuecolumns.h>
#include <queuemodel.h>
#include <queueview.h>
#include <requestlookup.h>
#include <syncindicator.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace Escalation;

class TestDeskApp final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_portal.setProgram(QStringLiteral(ESCALATION_PORTAL_BINARY));
        m_portal.setArguments(
            {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--seed"),
             QStringLiteral("7"), QStringLiteral("--requests"), QStringLiteral("400"),
             QStringLiteral("--activity"), QStringLiteral("600"), QStringLiteral("--db"),
             m_dir.filePath(QStringLiteral("portal.sqlite")), QStringLiteral("--demo-credentials"),
             DemoCredentials::sharedFile()});
        m_portal.setProcessChannelMode(QProcess::SeparateChannels);
        m_portal.start();
        QVERIFY2(m_portal.waitForStarted(60000), qPrintable(m_portal.errorString()));
        QElapsedTimer timer;
        timer.start();
        while (m_url.isEmpty() && timer.elapsed() < 60000) { // only bounds a hang
            m_portal.waitForReadyRead(500);
            m_output += m_portal.readAllStandardOutput();
            for (const QByteArray &line : m_output.split('\n')) {
                if (line.startsWith("listening on "))
                    m_url = QUrl(QString::fromUtf8(line.mid(13).trimmed().split(' ').first()));
            }
        }
        QVERIFY2(m_url.isValid() && !m_url.isEmpty(), m_output.constData());
        // The app signs in as the seeded escalation manager, as .ci/start does.
        const QString token = DemoCredentials::token(DemoCredentials::sharedFile(),
                                                     QStringLiteral("escalation_manager"));
        QVERIFY(!token.isEmpty());
        qputenv("ESCALATION_DESK_TOKEN", token.toUtf8());
    }

    void cleanupTestCase()
    {
        if (m_portal.state() != QProcess::NotRunning) {
            m_portal.terminate();
            if (!m_portal.waitForFinished(5000))
                m_portal.kill();
        }
    }

    void liveQueue_showsPortalRequestsAndFollowsActivity()
    {
        DeskOptions options;
        options.portal = m_url;
        options.database = m_dir.filePath(QStringLiteral("cache.sqlite"));
        options.userName = QStringLiteral("Maya Fischer");
        AppController controller(options);
        QSignalSpy fatal(&controller, &AppController::fatalError);
        controller.start();
        MainWindow *window = controller.window();
        QueueModel *model = window->context().model;

        // The first sync fills the queue (within seconds; the minute only
        // bounds a hang).
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 200, 60000);
        QCOMPARE(fatal.size(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(window->syncIndicator()->stateText() == QStringLiteral("Live"),
                                 60000);

        // Live activity arrives without anyone asking for it.
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        QTRY_VERIFY_WITH_TIMEOUT(inserted.size() + changed.size() > 0, 60000);
        QCOMPARE(reset.size(), 0);

        // The portal started with a major issue: the desk proposes it, read
        // from its cache (the proposals follow the queue a moment later).
        QTRY_VERIFY_WITH_TIMEOUT(!window->clusterBar()->proposals().isEmpty(), 60000);
        QVERIFY(window->clusterBar()->proposals().constFirst().requestIds.size() >= 4);

        // Reviewed and declined as one: each request its own outbox entry,
        // each answered by the portal (applied, or a conflict when the live
        // activity decided it first).
        window->clusterBar()->review();
        const int members = window->queueView()->markedCount();
        QVERIFY(members >= 4);
        window->action(MainWindow::Action::Decline)->trigger();
        BulkActionDialog *dialog = window->bulkDialog();
        QVERIFY(dialog);
        dialog->editor()->setPlainText(QStringLiteral("engineering handles it as one incident"));
        dialog->send();
        QCOMPARE(dialog->sendableCount(), 0);
        QTRY_VERIFY2_WITH_TIMEOUT(!dialog->summary().contains(QStringLiteral("waiting"))
                                      && !dialog->summary().contains(QStringLiteral("being saved")),
                                  qPrintable(dialog->summary()), 60000);
        qInfo("bulk decline of a proposed major issue: %s", qPrintable(dialog->summary()));
        QVERIFY2(dialog->summary().contains(QStringLiteral("applied")),
                 qPrintable(dialog->summary()));
        dialog->close();
        window->clearRequestSet();

        // Selecting a row shows the full record, read from the cache.
        QVERIFY(window->queueView()->selectRequest(model->requestIdAt(0)));
        QVERIFY(window->detailsPane()->request().has_value());

        window->resize(1680, 940);
        // Laid out for the picture: the status bar's texts get their width
        // through layout requests that post further ones.
        QTRY_VERIFY_WITH_TIMEOUT(
            window->syncIndicator()->width() >= window->syncIndicator()->sizeHint().width(), 30000);
        const QPixmap shot = window->grab();
        QVERIFY(!shot.isNull());
        const QString dir = QStringLiteral(ESCALATION_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        QVERIFY(shot.save(dir + QStringLiteral("/live-queue.png")));
    }

    // Against the same live portal: an early acceptance with its
    // justification, and a follow-the-sun hand-off, each from its dialog
    // to the portal and back into the cache. The live activity may decide
    // a request first; then the next candidate is tried.
    void earlyAcceptanceHandOffAndWaiting_reachThePortal()
    {
        DeskOptions options;
        options.portal = m_url;
        options.database = m_dir.filePath(QStringLiteral("cache-2.sqlite"));
        options.userName = QStringLiteral("Maya Fischer");
        AppController controller(options);
        controller.start();
        MainWindow *window = controller.window();
        QueueModel *model = window->context().model;
        const RequestLookup *lookup = window->context().lookup;
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 200, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(window->signedInUser().source == SignedInUser::Source::Portal,
                                 60000);
        const QString me = window->signedInUser().identity.name;

        // Pending requests, too early or not, by their cached records.
        const auto candidates = [&](bool tooEarly) {
            QStringList ids;
            for (int row = 0; row < model->rowCount(); ++row) {
                const auto r = lookup->request(model->requestIdAt(row));
                const auto c = r ? lookup->caseRecord(r->caseId) : std::nullopt;
                if (!r || !c || r->state != RequestState::Pending || c->isOutage())
                    continue;
                const bool early = window->context().policy.checkEligibility(*c, *r).verdict
                    == Eligibility::Verdict::TooEarly;
                if (early == tooEarly)
                    ids << r->id;
            }
            return ids;
        };
        // Runs `act` on up to five candidates until `done` holds for one.
        const auto tryOn = [&](const QStringList &ids, const std::function<void()> &act,
                               const std::function<bool(const EscalationRequest &)> &done) {
            for (const QString &id : ids.mid(0, 5)) {
                if (!window->queueView()->selectRequest(id))
                    continue;
                act();
                // The minute only bounds a hang: the outbox's answer ends the wait.
                const bool answered = QTest::qWaitFor(
                    [&] {
                        const auto r = lookup->request(id);
                        return r && (done(*r) || r->state != RequestState::Pending);
                    },
                    60000);
                if (answered && done(*lookup->request(id)))
                    return id;
            }
            return QString();
        };

        const QString early = tryOn(
            candidates(true),
            [&] {
                QTimer::singleShot(0, qApp, [] {
                    auto *d = qobject_cast<ActionDialog *>(QApplication::activeModalWidget());
                    QVERIFY(d && d->justificationEditor()->isVisible());
                    d->editor()->setPlainText(QStringLiteral("Engineer joins today."));
                    d->justificationEditor()->setPlainText(QStringLiteral("Go-live on Monday."));
                    d->sendButton()->click();
                });
                window->acceptCurrent();
            },
            [&](const EscalationRequest &r) {
                return r.decision && r.decision->by == me
                    && r.decision->justification == QStringLiteral("Go-live on Monday.");
            });
        QVERIFY2(!early.isEmpty(), "no early acceptance reached the portal");
        qInfo("accepted early at the portal: %s", qPrintable(early));

        QString to;
        const QString handed = tryOn(
            candidates(false),
            [&] {
                QTimer::singleShot(0, qApp, [&] {
                    auto *d = qobject_cast<HandOffDialog *>(QApplication::activeModalWidget());
                    QVERIFY(d && d->teamBox()->count() > 0);
                    to = d->team();
                    d->noteEditor()->setPlainText(QStringLiteral("Customer is in Sydney."));
                    d->sendButton()->click();
                });
                window->handOffCurrent();
            },
            [&](const EscalationRequest &r) {
                return r.handOff && r.handOff->by == me && r.handOff->toTeam == to
                    && r.handOff->text == QStringLiteral("Customer is in Sydney.");
            });
        QVERIFY2(!handed.isEmpty(), "no hand-off reached the portal");
        qInfo("handed off at the portal: %s to %s", qPrintable(handed), qPrintable(to));

        // Waiting on the requester: the desk asks, the clock pauses; the
        // requester answers through the portal, and the clock runs again.
        QStringList notWaiting;
        for (const QString &id : candidates(false))
            if (!lookup->request(id)->isWaitingOnRequester() && id != handed)
                notWaiting << id;
        const QString asked = tryOn(
            notWaiting,
            [&] {
                QTimer::singleShot(0, qApp, [] {
                    auto *d = qobject_cast<ActionDialog *>(QApplication::activeModalWidget());
                    QVERIFY(d);
                    d->editor()->setPlainText(QStringLiteral("Which nodes fail?"));
                    d->sendButton()->click();
                });
                window->askRequesterCurrent();
            },
            [&](const EscalationRequest &r) {
                return r.isWaitingOnRequester()
                    && r.waits.constLast().question == QStringLiteral("Which nodes fail?");
            });
        QVERIFY2(!asked.isEmpty(), "no question reached the portal");
        QTRY_COMPARE_WITH_TIMEOUT(
            model->index(model->rowOf(asked), 0).data(QueueRole::ClockStateRole).toInt(),
            int(ClockState::Waiting), 60000);

        QNetworkAccessManager network;
        QNetworkRequest post(
            m_url.resolved(QUrl(QStringLiteral("/api/v1/requests/%1/reply").arg(asked))));
        post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        post.setRawHeader("Authorization", "Bearer " + qgetenv("ESCALATION_DESK_TOKEN"));
        post.setRawHeader("Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
        QNetworkReply *reply =
            network.post(post, QByteArrayLiteral("{\"text\":\"Nodes 3 and 7.\"}"));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 60000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // 422: the live activity answered first; the wait ended either way.
        QVERIFY2(status == 200 || status == 422, reply->readAll().constData());
        reply->deleteLater();
        QTRY_VERIFY_WITH_TIMEOUT(!lookup->request(asked)->isWaitingOnRequester(), 60000);
        QVERIFY(!lookup->request(asked)->waits.constLast().answer.isEmpty());
        qInfo("asked the requester and got the answer through the portal: %s", qPrintable(asked));
    }

private:
    QTemporaryDir m_dir;
    QProcess m_portal;
    QByteArray m_output;
    QUrl m_url;
};

QTEST_MAIN(TestDeskApp)
#include "tst_deskapp.moc"

#pragma once

// A whole desk for widget tests: clock at a fixed "now", the queue model,
// an in-memory lookup holding every record, settings in a temporary file,
// the main window of a role and the features plugged into it.

#include "../models/queuefixtures.h"

#include <deskfeatures.h>
#include <desksettings.h>
#include <mainwindow.h>
#include <queuemodel.h>
#include <requestlookup.h>
#include <reviewclockservice.h>

#include <QTemporaryDir>

#include <memory>

struct DeskFixture {
    qint64 nowMs = Fixtures::fixedNow().toMSecsSinceEpoch();
    QTemporaryDir dir;
    Escalation::ReviewClockService clock {Escalation::CalendarRegistry::withBuiltIns(),
                                          Escalation::ReviewClock()};
    Escalation::QueueModel model {&clock};
    Escalation::InMemoryRequestLookup lookup;
    Escalation::DeskSettings settings {dir.filePath(QStringLiteral("desk.ini")), nullptr};
    Fixtures::Queue data;
    std::unique_ptr<Escalation::MainWindow> window;
    Escalation::DeskFeatures *features = nullptr;

    explicit DeskFixture(Escalation::DeskRole role, int requests = 120)
    {
        using namespace Escalation;
        clock.setNowFunction([this] { return nowMs; });
        data = Fixtures::makeQueue(requests);
        // Some level-3/4 requests have delivered what their level owes.
        for (int i = 0; i < data.requests.size(); ++i) {
            EscalationRequest &r = data.requests[i];
            if (r.level >= 3 && i % 3 == 0)
                r.analysis = Analysis {
                    QStringLiteral("Root cause: connection pool exhausted after the 4.2 upgrade."),
                    QStringLiteral("Ines Duarte"), Fixtures::fixedNow().addSecs(-3600)};
            if (r.level == 4 && i % 8 == 3)
                r.ownerAcknowledgement = OwnerAcknowledgement {QStringLiteral("Victor Hale"),
                                                               Fixtures::fixedNow().addSecs(-1800)};
        }
        for (const EscalationRequest &r : std::as_const(data.requests))
            lookup.insert(r);
        for (const Case &c : std::as_const(data.cases))
            lookup.insert(c);
        settings.setRole(role);
        model.loadSnapshot(data.requests, data.cases);

        DeskContext context;
        context.model = &model;
        context.clock = &clock;
        context.lookup = &lookup;
        context.role = role;
        context.userName = QStringLiteral("Maya Fischer");
        window = std::make_unique<MainWindow>(std::move(context));
        features = new DeskFeatures(window.get(), &model, &clock, &lookup, &settings);
        features->loadSnapshot(data.requests, data.cases);
        features->showViewForRole(role);
    }
};

#pragma once

// The details pane's view of the cache: a read-only CacheStore on the GUI
// thread (its own connection; SQLite's WAL lets it read while the worker
// writes). Reads one request, one case, one case's history at a time; the
// histories a model asks for (requestsForCases) are read in the background,
// on a thread of its own at idle priority with a connection of that thread.

#include <requestlookup.h>

#include <QThreadPool>

#include <memory>

namespace Escalation {

class CacheStore;

class CacheLookup final : public RequestLookup {
public:
    CacheLookup();
    ~CacheLookup() override;
    // Opens the cache read-only, without a second integrity check: call it
    // once the store worker has opened (and checked) the same file. False
    // (and *error) if that fails.
    bool open(const QString &path, QString *error);

    std::optional<EscalationRequest> request(const QString &id) const override;
    std::optional<Case> caseRecord(const QString &id) const override;
    QList<EscalationRequest> requestsForCase(const QString &caseId) const override;
    void requestsForCases(const QStringList &caseIds, QObject *context,
                          const RequestsReceiver &done) const override;
    std::optional<RequestHistory> history(const QString &requestId) const override;
    QHash<QString, QString> teamCalendars() const override;

private:
    std::unique_ptr<CacheStore> m_store;
    QString m_path;
    mutable QThreadPool m_readers;
};

} // namespace Escalation

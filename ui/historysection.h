#pragma once

// The details pane's History: the request's timeline (who raised, took,
// decided, noted, analysed, acknowledged it, and when), shown from the
// cache at once and replaced in place when the background refresh has
// stored the backend's answer. The line above the list says how fresh it
// is, or why there is none.

#include <requesthistory.h>

#include <QGroupBox>

#include <optional>

class QLabel;
class QTreeView;

namespace Escalation {

class HistoryModel;

class HistorySection final : public QGroupBox {
    Q_OBJECT
public:
    explicit HistorySection(QWidget *parent = nullptr);

    // Whether a backend refreshes histories; without one the cache is all.
    void setLive(bool live);
    // The request now shown and its cached timeline (nullopt: none cached).
    // With a live backend it is marked as being refreshed.
    void showRequest(const QString &requestId, const std::optional<RequestHistory> &cached);
    // The refresh stored a new timeline (read back from the cache).
    void updated(const RequestHistory &history);
    void failed(const QString &message);
    void unavailable(const QString &message);

    HistoryModel *model() const { return m_model; }
    QString statusText() const;

private:
    void setStatus(const QString &text);
    void fitToRows();

    HistoryModel *m_model;
    QLabel *m_status;
    QTreeView *m_view;
    bool m_live = false;
    std::optional<QDateTime> m_fetchedAt;
};

} // namespace Escalation

#pragma once

// The cases a team lead must look at besides the review clocks: a first
// response later than its target (or still missing past it), and support
// silent for longer than allowed (slaflags.h with the PolicyConfig targets).
// One row per flagged case. Fed like the queue — a snapshot, then change
// sets — and woken by one timer exactly when the next case crosses a
// target, so flags appear on time without rescanning every case.

#include <changeset.h>
#include <escalation.h>
#include <policyconfig.h>
#include <slaflags.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

#include <functional>
#include <vector>

namespace Escalation {

class RequestLookup;

class SlaFlagsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column : int {
        CaseNumber,
        Account,
        Subject,
        Severity,
        Tier,
        Assignee,
        FirstResponse,
        SupportSilence,
        ColumnCount // sentinel
    };
    enum Role : int {
        RawValueRole = Qt::UserRole + 1, // qint64 sort key (seconds for the flag columns)
        CaseIdRole,
        FirstResponseMissedRole, // bool
        SupportUpdateOverdueRole, // bool
    };
    // Milliseconds since the epoch; tests inject a fixed clock.
    using NowFunction = std::function<qint64()>;

    // lookup (may be null, must outlive the model) supplies the case's texts
    // when a case becomes flagged by time passing; the model does not keep
    // the texts of the many unflagged cases.
    explicit SlaFlagsModel(const PolicyConfig &config, const RequestLookup *lookup = nullptr,
                           QObject *parent = nullptr);

    void setNowFunction(NowFunction now);
    void setPolicy(const PolicyConfig &config);
    const PolicyConfig &policy() const { return m_config; }

    void loadSnapshot(const QHash<QString, Case> &cases);
    void applyChangeSet(const ChangeSet &changes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    int rowOfCase(const QString &caseId) const;
    int firstResponseMissedCount() const { return m_firstResponseMissed; }
    int supportOverdueCount() const { return m_supportOverdue; }

public Q_SLOTS:
    // Re-evaluates the cases whose targets passed by now (the timer calls it).
    void updateNow();

Q_SIGNALS:
    void countsChanged();

private:
    // Per known case: just enough to re-evaluate its flags, also under a
    // changed policy, without keeping its texts.
    struct Tracked {
        qint64 createdAt = 0; // epoch seconds
        qint64 respondedAt = 0; // 0: no first response yet
        qint64 lastSupportAt = 0; // 0: support never wrote
        qint64 firstResponseDue = 0; // derived from the policy
        qint64 supportDue = 0;
        Escalation::Severity severity = Escalation::Severity::S3;
        SupportTier tier = SupportTier::Standard;
        bool missed = false;
        bool overdue = false;
        bool flagged() const { return missed || overdue; }
    };
    struct FlagRow {
        QString caseId;
        QString number;
        QString account;
        QString subject;
        QString assignee;
        Escalation::Severity severity = Escalation::Severity::S3;
        SupportTier tier = SupportTier::Standard;
        Tracked t;
    };
    struct Wake {
        qint64 at;
        QString caseId;
        bool operator>(const Wake &o) const { return at > o.at; }
    };

    qint64 nowSecs() const { return m_now() / 1000; }
    static Tracked trackedFrom(const Case &c);
    void computeDues(Tracked &t) const;
    static void evaluate(Tracked &t, qint64 now);
    void upsert(const Case &c, qint64 now);
    void remove(const QString &caseId);
    // Brings the case's row in line with its flags: inserted, changed or removed.
    void syncRow(const QString &caseId, const Tracked &t, const Case *c);
    void pushWake(const QString &caseId, const Tracked &t, qint64 now);
    void scheduleWake();
    QVariant display(const FlagRow &row, int column) const;
    qint64 sortKey(const FlagRow &row, int column) const;

    PolicyConfig m_config;
    const RequestLookup *m_lookup;
    NowFunction m_now;
    QHash<QString, Tracked> m_tracked;
    std::vector<FlagRow> m_rows;
    QHash<QString, int> m_rowOf;
    std::vector<Wake>
        m_heap; // min-heap; entries for changed cases are re-checked, so staleness is harmless
    QTimer m_wakeTimer;
    int m_firstResponseMissed = 0;
    int m_supportOverdue = 0;
};

} // namespace Escalation

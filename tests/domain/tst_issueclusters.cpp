// Major-issue clusters on a labelled set: six bursts of customers reporting
// the same symptom in their own words, two of them at the same time, among
// background requests on unrelated (and some deliberately similar-sounding)
// problems over five days. Pairwise precision and recall must both reach
// 0.9; unrelated requests raised together form no cluster; a re-escalation
// of the same case and outages are not clusters.

#include <issueclusters.h>

#include <QTest>

#include <random>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

struct Labelled {
    QList<EscalationRequest> requests;
    QHash<QString, Case> cases;
    QHash<QString, int> burstOf; // request id -> burst, absent: background
};

struct Burst {
    QStringList subjects; // the same symptom in different words
    QStringList summaries;
    int size;
    int startMinute; // from the start of the set
};

const QDateTime Start(QDate(2026, 3, 23), QTime(6, 0), Qt::UTC);

Labelled labelledSet()
{
    const QList<Burst> bursts {
        {{u"Payment gateway rejects valid cards"_s, u"Card payments rejected by payment gateway"_s,
          u"Payment gateway declining valid credit cards"_s,
          u"Valid cards rejected at checkout (payment gateway)"_s},
         {u"Checkout fails for every shopper since this morning."_s,
          u"Our web shop cannot take card payments."_s},
         11,
         180},
        {{u"SSO login loops back to the portal"_s, u"Single sign-on login loop after upgrade"_s,
          u"Login redirect loop with SSO"_s, u"SSO login keeps looping to portal page"_s},
         {u"Nobody in the team can sign in."_s, u"Users stuck in a redirect loop at login."_s},
         8,
         180 + 20},
        {{u"Replication lag above 20 minutes on EU cluster"_s,
          u"EU cluster replication lag growing"_s, u"Database replication lag in EU cluster"_s},
         {u"Reports show data from half an hour ago."_s},
         6,
         24 * 60 + 600},
        {{u"Webhook deliveries delayed by several hours"_s, u"Webhooks delivered hours late"_s,
          u"Delayed webhook deliveries to our endpoint"_s},
         {u"Our integration receives events hours late."_s},
         7,
         2 * 24 * 60 + 120},
        {{u"Invoices generated twice after migration"_s, u"Duplicate invoices generated"_s,
          u"Invoice run generated duplicate invoices after migration"_s},
         {u"Customers were billed twice this month."_s},
         5,
         3 * 24 * 60 + 900},
        {{u"Mobile app crashes on launch on Android 14"_s,
          u"Android 14: mobile app crash at launch"_s,
          u"App crashes at launch on Android 14 devices"_s},
         {u"Field staff cannot open the app."_s},
         9,
         4 * 24 * 60 + 60},
    };
    const QStringList background {
        u"Audit log missing entries for admin actions"_s,
        u"Certificate renewal blocked by API error"_s,
        u"Report builder times out on quarterly dashboards"_s,
        u"LDAP sync removes nested group members"_s,
        u"Payment report export is slow"_s,
        u"Search index stuck after reindex"_s,
        u"Nightly export fails with timeout"_s,
        u"Wrong VAT rate on Swiss invoices"_s,
        u"Password reset email not received"_s,
        u"Calendar sync drops recurring meetings"_s,
        u"Dashboard widgets show stale numbers"_s,
        u"Bulk user import rejects CSV with BOM"_s,
        u"API rate limit too strict for batch jobs"_s,
        u"Custom field values lost on save"_s,
        u"Attachment upload fails over 20 MB"_s,
        u"Time zone wrong in PDF exports"_s,
        u"Slack notifications arrive twice"_s,
        u"SAML metadata refresh fails"_s,
        u"Data retention job deletes too early"_s,
        u"Printing labels misaligned on Zebra printers"_s,
        u"Gateway timeout when saving large forms"_s,
        u"Android widget shows wrong balance"_s,
        u"Role permissions reset after upgrade"_s,
        u"Email parser ignores reply-to header"_s,
        u"Scheduled reports sent to removed users"_s,
        u"Inventory counts off after stocktake"_s,
        u"Single invoice shows wrong currency"_s,
        u"Chart colours unreadable in dark mode"_s,
        u"Webhook secret rotation not applied"_s,
        u"Geo-fencing alerts fire indoors"_s,
    };
    const QStringList accounts {
        u"Contoso"_s,       u"Fabrikam"_s, u"Northwind"_s,   u"Litware"_s,
        u"Proseware"_s,     u"Tailspin"_s, u"Woodgrove"_s,   u"Adatum"_s,
        u"Alpine Ski"_s,    u"Bellows"_s,  u"Coho Winery"_s, u"Wingtip"_s,
        u"Fourth Coffee"_s, u"Lucerne"_s,  u"Margie's"_s,    u"Relecloud"_s};
    std::mt19937 rng(20261206);
    Labelled set;
    int n = 0;
    const auto add = [&](const QString &subject, const QString &summary, qint64 minute, int burst) {
        ++n;
        Case c;
        c.id = u"C-%1"_s.arg(n);
        c.number = u"%1"_s.arg(100000 + n, 8, 10, QChar(u'0'));
        c.subject = subject;
        c.account = accounts.at(int(rng() % accounts.size()));
        c.severity = Severity::S2;
        EscalationRequest r;
        r.id = u"E-%1"_s.arg(n);
        r.caseId = c.id;
        r.summary = summary;
        r.requestedAt = Start.addSecs(minute * 60);
        r.state = RequestState::Pending;
        set.cases.insert(c.id, c);
        set.requests.append(r);
        if (burst >= 0)
            set.burstOf.insert(r.id, burst);
    };
    for (int b = 0; b < bursts.size(); ++b) {
        const Burst &burst = bursts.at(b);
        for (int i = 0; i < burst.size; ++i)
            add(burst.subjects.at(int(rng() % burst.subjects.size())),
                burst.summaries.at(int(rng() % burst.summaries.size())),
                burst.startMinute + int(rng() % 45), b);
    }
    // 120 background requests over five days.
    for (int i = 0; i < 120; ++i)
        add(background.at(int(rng() % background.size())),
            u"Customer reports production impact and wants a plan."_s, int(rng() % (5 * 24 * 60)),
            -1);
    return set;
}

} // namespace

class TestIssueClusters final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void words_areNormalised()
    {
        QCOMPARE(IssueClusters::words(u"Payment gateway REJECTS valid cards (48)"_s),
                 (QSet<QString> {u"payment"_s, u"gateway"_s, u"reject"_s, u"valid"_s, u"card"_s}));
        QCOMPARE(IssueClusters::similarity(IssueClusters::words(u"Cards rejected"_s),
                                           IssueClusters::words(u"rejecting card"_s)),
                 1.0);
        QCOMPARE(IssueClusters::similarity({}, {u"x"_s}), 0.0);
    }

    void labelledSet_precisionAndRecall()
    {
        const Labelled set = labelledSet();
        const QList<IssueCluster> clusters = IssueClusters::find(set.requests, set.cases);
        QHash<QString, int> predicted;
        for (int c = 0; c < clusters.size(); ++c)
            for (const QString &id : clusters.at(c).requestIds)
                predicted.insert(id, c);
        // Over every pair of requests: together in a burst, together in a cluster.
        qint64 truePositive = 0, falsePositive = 0, falseNegative = 0;
        for (int i = 0; i < set.requests.size(); ++i)
            for (int j = i + 1; j < set.requests.size(); ++j) {
                const QString a = set.requests.at(i).id;
                const QString b = set.requests.at(j).id;
                const bool same =
                    set.burstOf.contains(a) && set.burstOf.value(a, -1) == set.burstOf.value(b, -2);
                const bool found =
                    predicted.contains(a) && predicted.value(a, -1) == predicted.value(b, -2);
                truePositive += same && found;
                falsePositive += !same && found;
                falseNegative += same && !found;
            }
        const double precision = double(truePositive) / double(truePositive + falsePositive);
        const double recall = double(truePositive) / double(truePositive + falseNegative);
        qInfo("clusters: %lld, pairs: precision %.3f, recall %.3f", qlonglong(clusters.size()),
              precision, recall);
        QVERIFY2(precision >= 0.9, qPrintable(QString::number(precision)));
        QVERIFY2(recall >= 0.9, qPrintable(QString::number(recall)));
        // Each burst is one cluster, named after its most common subject.
        QSet<int> burstsFound;
        for (const IssueCluster &cluster : clusters) {
            QSet<int> bursts;
            for (const QString &id : cluster.requestIds)
                bursts.insert(set.burstOf.value(id, -1));
            if (bursts.size() == 1 && !bursts.contains(-1))
                burstsFound.unite(bursts);
            QVERIFY(cluster.firstRaised <= cluster.lastRaised);
            QVERIFY(cluster.accounts >= 1);
            QVERIFY(!cluster.title.isEmpty());
        }
        QCOMPARE(burstsFound.size(), 6);
    }

    void unrelatedRequests_raisedTogether_formNoCluster()
    {
        Labelled set = labelledSet();
        QList<EscalationRequest> background;
        for (EscalationRequest r : std::as_const(set.requests))
            if (!set.burstOf.contains(r.id)) {
                r.requestedAt = Start; // all at once: only the words can tell
                background.append(r);
            }
        // Thirty different problems; the repeats of one subject are the
        // same problem, so remove them to keep the subjects distinct.
        QSet<QString> seen;
        QList<EscalationRequest> distinct;
        for (const EscalationRequest &r : std::as_const(background))
            if (!seen.contains(set.cases.value(r.caseId).subject)) {
                seen.insert(set.cases.value(r.caseId).subject);
                distinct.append(r);
            }
        QVERIFY(distinct.size() >= 25);
        const QList<IssueCluster> found = IssueClusters::find(distinct, set.cases);
        for (const IssueCluster &c : found)
            for (const QString &id : c.requestIds)
                for (const EscalationRequest &r : distinct)
                    if (r.id == id)
                        qInfo("%s: %s", qPrintable(c.title),
                              qPrintable(set.cases.value(r.caseId).subject));
        QVERIFY(found.isEmpty());
    }

    void sameCase_andOutages_areNoCluster()
    {
        QHash<QString, Case> cases;
        QList<EscalationRequest> requests;
        for (int i = 0; i < 4; ++i) {
            Case c;
            c.id = u"C-%1"_s.arg(i);
            c.subject = u"Payment gateway rejects valid cards"_s;
            c.severity = i < 2 ? Severity::S2 : Severity::S1;
            cases.insert(c.id, c);
            for (int level = 1; level <= 2; ++level) {
                EscalationRequest r;
                r.id = u"E-%1-%2"_s.arg(i).arg(level);
                r.caseId = c.id;
                r.level = level;
                r.requestedAt = Start.addSecs(i * 60 + level * 600);
                requests.append(r);
            }
        }
        // Two cases (four requests) are S2, two are outages: no three cases.
        QVERIFY(IssueClusters::find(requests, cases).isEmpty());
        // A third S2 case makes a cluster of its requests.
        cases[u"C-2"_s].severity = Severity::S2;
        const QList<IssueCluster> clusters = IssueClusters::find(requests, cases);
        QCOMPARE(clusters.size(), 1);
        QCOMPARE(clusters.at(0).requestIds.size(), 6);
        // Beyond the window: apart.
        IssueClusterOptions narrow;
        narrow.windowSecs = 30;
        QVERIFY(IssueClusters::find(requests, cases, narrow).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIssueClusters)
#include "tst_issueclusters.moc"

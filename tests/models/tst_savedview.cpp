// Saved views as values and as the file a team shares: the built-in views
// filter what their names say, every field survives the file, and a file
// that is not understood is refused whole with a message naming the field.

#include <savedview.h>

#include <QTest>

using namespace Escalation;
using namespace Qt::StringLiterals;

namespace {

QueueFilterSubject row(ClockState clock, int level, quint8 owed = 0)
{
    QueueFilterSubject s;
    s.clock = clock;
    s.level = level;
    s.owed = owed;
    return s;
}

QByteArray fileWith(const QByteArray &view)
{
    return "{\"format\": \"escalation-desk-views\", \"version\": 1, \"views\": [" + view + "]}";
}

} // namespace

class TestSavedView final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void builtIns_filterWhatTheirNamesSay()
    {
        const QList<SavedView> views = SavedViews::builtIns();
        QCOMPARE(views.size(), 3);
        QCOMPARE(views[0].name, u"My requests"_s);
        QVERIFY(views[0].ownerIsMe);
        QVERIFY(views[0].filter.isEmpty());

        const QueueFilter &breaching = views[1].filter;
        QVERIFY(breaching.accepts(row(ClockState::Approaching, 1)));
        QVERIFY(!breaching.accepts(row(ClockState::Breached, 1)));
        QVERIFY(!breaching.accepts(row(ClockState::OnTrack, 1)));

        const QueueFilter &owed = views[2].filter;
        const quint8 analysis = 1u << int(Obligation::FullAnalysis);
        const quint8 acknowledgement = 1u << int(Obligation::OwnerAcknowledgement);
        QVERIFY(owed.accepts(row(ClockState::OnTrack, 3, analysis)));
        QVERIFY(owed.accepts(row(ClockState::Breached, 4, analysis | acknowledgement)));
        QVERIFY(!owed.accepts(row(ClockState::OnTrack, 4, acknowledgement)));
        QVERIFY(!owed.accepts(row(ClockState::OnTrack, 3)));
        QVERIFY(!owed.accepts(row(ClockState::OnTrack, 2, analysis)));
        for (const SavedView &v : views)
            QVERIFY(v.builtIn);
    }

    void everyField_survivesTheFile()
    {
        SavedView full;
        full.name = u"EMEA breaches, premium"_s;
        full.filter.setText(u"gateway"_s);
        full.filter.setClockStates({ClockState::Breached, ClockState::Approaching});
        full.filter.setStates({RequestState::Pending});
        full.filter.setLevels({2, 4});
        full.filter.setSeverities({Severity::S1, Severity::S3});
        full.filter.setTiers({SupportTier::Premium});
        full.filter.setReasons({Reason::LackOfUpdates, Reason::Other});
        full.filter.setObligations({Obligation::OwnerAcknowledgement});
        full.filter.setTeam(u"EMEA Platform"_s);
        full.filter.setOwner(u"Grace Kim"_s);
        full.sortColumn = QueueColumn::Subject;
        full.sortOrder = Qt::DescendingOrder;
        full.columns = {QueueColumn::Subject, QueueColumn::Countdown, QueueColumn::Team};
        full.viewId = u"director"_s;

        SavedView unowned;
        unowned.name = u"Nobody's"_s;
        unowned.filter.setOwner(QueueFilter::unownedToken());
        unowned.sortColumn = -1;

        SavedView mine = SavedViews::builtIns().at(0);
        mine.builtIn = false;

        QString error;
        const std::optional<QList<SavedView>> read =
            SavedViews::fromFile(SavedViews::toFile({full, unowned, mine}), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->size(), 3);
        QCOMPARE(read->at(0), full);
        QCOMPARE(read->at(1), unowned);
        QCOMPARE(read->at(2), mine);
    }

    void file_isReadableCodes()
    {
        // Codes, not positions or translated names: a file reads the same
        // in every language and after columns are added.
        SavedView view;
        view.name = u"x"_s;
        view.filter.setClockStates({ClockState::Breached});
        view.columns = {QueueColumn::CaseNumber};
        const QByteArray file = SavedViews::toFile({view});
        for (const char *expected : {"\"escalation-desk-views\"", "\"breached\"", "\"case\"",
                                     "\"review_due\"", "\"ascending\""})
            QVERIFY2(file.contains(expected), expected);
        for (int c = 0; c < QueueColumn::Count; ++c)
            QCOMPARE(SavedViews::columnFromCode(SavedViews::columnCode(c)), c);
    }

    void badFile_isRefusedWhole_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{\"format\": ") << u"not valid JSON"_s;
        QTest::newRow("an array") << QByteArray("[]") << u"not a file of saved views"_s;
        QTest::newRow("another format")
            << QByteArray("{\"format\": \"other\", \"version\": 1, \"views\": []}")
            << u"not a file of saved views"_s;
        QTest::newRow("a newer version")
            << QByteArray("{\"format\": \"escalation-desk-views\", \"version\": 2, \"views\": []}")
            << u"version 2"_s;
        QTest::newRow("views not a list")
            << QByteArray("{\"format\": \"escalation-desk-views\", \"version\": 1, \"views\": {}}")
            << u"\"views\" must be a list"_s;
        QTest::newRow("a view not an object") << fileWith("3") << u"view 1 is not an object"_s;
        QTest::newRow("no name") << fileWith("{\"view\": \"queue\"}") << u"needs a name"_s;
        QTest::newRow("name not text") << fileWith("{\"name\": 5}") << u"\"name\""_s;
        QTest::newRow("long name")
            << fileWith("{\"name\": \"" + QByteArray(101, 'x') + "\"}") << u"at most 100"_s;
        QTest::newRow("unknown page")
            << fileWith("{\"name\": \"a\", \"view\": \"admin\"}") << u"\"view\" is \"admin\""_s;
        QTest::newRow("unknown clock state")
            << fileWith("{\"name\": \"a\", \"filter\": {\"clock\": [\"late\"]}}")
            << u"\"clock\" holds \"late\""_s;
        QTest::newRow("level 5") << fileWith("{\"name\": \"a\", \"filter\": {\"levels\": [5]}}")
                                 << u"\"levels\" holds \"5\""_s;
        QTest::newRow("codes not a list")
            << fileWith("{\"name\": \"a\", \"filter\": {\"reasons\": \"other\"}}")
            << u"\"reasons\" must be a list"_s;
        QTest::newRow("filter not an object")
            << fileWith("{\"name\": \"a\", \"filter\": []}") << u"\"filter\" must be an object"_s;
        QTest::newRow("ownerIsMe not a flag")
            << fileWith("{\"name\": \"a\", \"filter\": {\"ownerIsMe\": \"yes\"}}")
            << u"\"ownerIsMe\" must be true or false"_s;
        QTest::newRow("unknown sort column") << fileWith(
            "{\"name\": \"a\", \"sort\": {\"column\": \"colour\", \"order\": \"ascending\"}}")
                                             << u"known \"column\""_s;
        QTest::newRow("bad sort order")
            << fileWith("{\"name\": \"a\", \"sort\": {\"column\": \"level\", \"order\": \"up\"}}")
            << u"\"order\""_s;
        QTest::newRow("unknown column")
            << fileWith("{\"name\": \"a\", \"columns\": [\"level\", \"mood\"]}") << u"\"mood\""_s;
        QTest::newRow("the second view bad") << fileWith(
            "{\"name\": \"good\"}, {\"name\": \"bad\", \"filter\": {\"tiers\": [\"gold\"]}}")
                                             << u"view 2: view \"bad\": \"tiers\" holds \"gold\""_s;
        QByteArray many;
        for (int i = 0; i < 201; ++i)
            many += (i ? ", " : "") + QByteArray("{\"name\": \"v") + QByteArray::number(i) + "\"}";
        QTest::newRow("too many views") << fileWith(many) << u"at most 200 views"_s;
        QTest::newRow("too large")
            << fileWith("{\"name\": \"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}")
            << u"more than the"_s;
    }

    void badFile_isRefusedWhole()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!SavedViews::fromFile(file, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void minimalView_takesDefaults()
    {
        QString error;
        const auto read = SavedViews::fromFile(fileWith("{\"name\": \"  Plain   view \"}"), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->at(0).name, u"Plain view"_s);
        QCOMPARE(read->at(0).viewId, u"queue"_s);
        QVERIFY(read->at(0).filter.isEmpty());
        QVERIFY(read->at(0).columns.isEmpty());
        QCOMPARE(read->at(0).sortColumn, -1);
    }

    void uniqueName_countsOn()
    {
        SavedView a;
        a.name = u"Mine"_s;
        SavedView b;
        b.name = u"mine (2)"_s;
        QCOMPARE(SavedViews::uniqueName(u"Other"_s, {a, b}), u"Other"_s);
        QCOMPARE(SavedViews::uniqueName(u"Mine"_s, {a, b}), u"Mine (3)"_s);
    }
};

QTEST_GUILESS_MAIN(TestSavedView)
#include "tst_savedview.moc"

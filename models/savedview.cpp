#include "savedview.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace Escalation::SavedViews {

namespace {

constexpr auto Format = "escalation-desk-views";
constexpr int Version = 1;
// Bounds on what a shared file may hold: a hostile one is refused, not
// read into memory without end.
constexpr qsizetype MaxFileBytes = 1024 * 1024;
constexpr int MaxViews = 200;
constexpr int MaxNameLength = 100;
constexpr int MaxTextLength = 500;

QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::SavedViews", text);
}

QString obligationCode(Obligation o)
{
    return o == Obligation::FullAnalysis ? QStringLiteral("analysis")
                                         : QStringLiteral("acknowledgement");
}

template<typename T> QJsonArray codes(const QList<T> &values, QString (*code)(T))
{
    QJsonArray array;
    for (const T &v : values)
        array.append(code(v));
    return array;
}

QString tierCode(SupportTier t)
{
    return toCode(t);
}
QString reasonCode(Reason r)
{
    return toCode(r);
}
QString stateCode(RequestState s)
{
    return toCode(s);
}
QString clockCode(ClockState c)
{
    return toCode(c);
}

// Reads an array of codes (or numbers, for levels and severities) into
// values; false with *error naming the field and the bad element.
template<typename T>
bool readCodes(const QJsonObject &object, const QString &key, const QList<T> &known,
               QString (*code)(T), QList<T> *values, QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isArray() || value.toArray().size() > 32) {
        *error = tr("\"%1\" must be a list of codes").arg(key);
        return false;
    }
    for (const QJsonValue &element : value.toArray()) {
        const QString text =
            element.isDouble() ? QString::number(element.toInt()) : element.toString();
        bool found = false;
        for (const T &k : known)
            if (code(k) == text) {
                if (!values->contains(k))
                    values->append(k);
                found = true;
            }
        if (!found) {
            QStringList allowed;
            for (const T &k : known)
                allowed << code(k);
            *error = tr("\"%1\" holds \"%2\"; expected one of %3")
                         .arg(key, text.left(40), allowed.join(QStringLiteral(", ")));
            return false;
        }
    }
    return true;
}

bool readString(const QJsonObject &object, const QString &key, int maxLength, QString *out,
                QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString() || value.toString().size() > maxLength) {
        *error = tr("\"%1\" must be text of at most %2 characters").arg(key).arg(maxLength);
        return false;
    }
    *out = value.toString();
    return true;
}

QString levelCode(int level)
{
    return QString::number(level);
}

} // namespace

QList<SavedView> builtIns()
{
    SavedView mine;
    mine.name = tr("My requests");
    mine.ownerIsMe = true;
    mine.builtIn = true;

    SavedView breaching;
    breaching.name = tr("Breaching in the next hour");
    breaching.filter.setClockStates({ClockState::Approaching});
    breaching.builtIn = true;

    SavedView owed;
    owed.name = tr("Level 3–4 without analysis");
    owed.filter.setLevels({3, 4});
    owed.filter.setObligations({Obligation::FullAnalysis});
    owed.sortColumn = QueueColumn::RequestedAt;
    owed.builtIn = true;
    return {mine, breaching, owed};
}

QStringList viewIds()
{
    return {QStringLiteral("queue"), QStringLiteral("teamlead"), QStringLiteral("director")};
}

QString columnCode(int column)
{
    static const char *const codes[QueueColumn::Count] = {
        "review_due", "clock",    "level", "severity", "case", "subject",   "account", "reason",
        "tier",       "priority", "age",   "owner",    "team", "requested", "state",   "outbox"};
    return column >= 0 && column < QueueColumn::Count ? QString::fromLatin1(codes[column])
                                                      : QString();
}

int columnFromCode(QStringView code)
{
    for (int c = 0; c < QueueColumn::Count; ++c)
        if (columnCode(c) == code)
            return c;
    return -1;
}

QJsonObject toJson(const SavedView &view)
{
    const QueueFilter &f = view.filter;
    QJsonArray levels;
    for (int l : f.levels())
        levels.append(l);
    QJsonArray severities;
    for (Severity s : f.severities())
        severities.append(int(s));
    const QJsonObject filter {
        {QStringLiteral("text"), f.text()},
        {QStringLiteral("clock"), codes(f.clockStates(), clockCode)},
        {QStringLiteral("states"), codes(f.states(), stateCode)},
        {QStringLiteral("levels"), levels},
        {QStringLiteral("severities"), severities},
        {QStringLiteral("tiers"), codes(f.tiers(), tierCode)},
        {QStringLiteral("reasons"), codes(f.reasons(), reasonCode)},
        {QStringLiteral("owes"), codes(f.obligations(), obligationCode)},
        {QStringLiteral("owner"),
         view.ownerIsMe || f.owner() == QueueFilter::unownedToken() ? QString() : f.owner()},
        {QStringLiteral("ownerIsMe"), view.ownerIsMe},
        {QStringLiteral("unowned"), f.owner() == QueueFilter::unownedToken()},
        {QStringLiteral("team"), f.team()},
    };
    QJsonArray columns;
    for (int c : view.columns)
        columns.append(columnCode(c));
    QJsonObject object {{QStringLiteral("name"), view.name},
                        {QStringLiteral("view"), view.viewId},
                        {QStringLiteral("filter"), filter},
                        {QStringLiteral("columns"), columns}};
    if (view.sortColumn >= 0)
        object.insert(
            QStringLiteral("sort"),
            QJsonObject {{QStringLiteral("column"), columnCode(view.sortColumn)},
                         {QStringLiteral("order"),
                          view.sortOrder == Qt::AscendingOrder ? QStringLiteral("ascending")
                                                               : QStringLiteral("descending")}});
    return object;
}

std::optional<SavedView> fromJson(const QJsonObject &object, QString *error)
{
    SavedView view;
    if (!readString(object, QStringLiteral("name"), MaxNameLength, &view.name, error))
        return std::nullopt;
    view.name = view.name.simplified();
    if (view.name.isEmpty()) {
        *error = tr("a view needs a name");
        return std::nullopt;
    }
    const auto fail = [&](const QString &why) {
        *error = tr("view \"%1\": %2").arg(view.name, why);
        return std::nullopt;
    };
    QString why;
    if (!readString(object, QStringLiteral("view"), 20, &view.viewId, &why))
        return fail(why);
    if (!viewIds().contains(view.viewId))
        return fail(tr("\"view\" is \"%1\"; expected one of %2")
                        .arg(view.viewId.left(40), viewIds().join(QStringLiteral(", "))));

    const QJsonValue filterValue = object.value(QStringLiteral("filter"));
    if (!filterValue.isUndefined() && !filterValue.isObject())
        return fail(tr("\"filter\" must be an object"));
    const QJsonObject f = filterValue.toObject();
    QString text, owner, team;
    QList<ClockState> clock;
    QList<RequestState> states;
    QList<int> levels;
    QList<Severity> severities;
    QList<SupportTier> tiers;
    QList<Reason> reasons;
    QList<Obligation> owed;
    const QList<int> allLevels {1, 2, 3, 4};
    const QList<Severity> allSeverities {Severity::S1, Severity::S2, Severity::S3, Severity::S4};
    if (!readString(f, QStringLiteral("text"), MaxTextLength, &text, &why)
        || !readString(f, QStringLiteral("owner"), MaxNameLength, &owner, &why)
        || !readString(f, QStringLiteral("team"), MaxNameLength, &team, &why)
        || !readCodes(f, QStringLiteral("clock"),
                      {ClockState::OnTrack, ClockState::Approaching, ClockState::Breached,
                       ClockState::Answered, ClockState::Waiting},
                      clockCode, &clock, &why)
        || !readCodes(f, QStringLiteral("states"),
                      {RequestState::Pending, RequestState::Accepted, RequestState::Declined},
                      stateCode, &states, &why)
        || !readCodes(f, QStringLiteral("levels"), allLevels, levelCode, &levels, &why)
        || !readCodes(
            f, QStringLiteral("severities"), allSeverities,
            +[](Severity s) { return QString::number(int(s)); }, &severities, &why)
        || !readCodes(f, QStringLiteral("tiers"), {SupportTier::Premium, SupportTier::Standard},
                      tierCode, &tiers, &why)
        || !readCodes(f, QStringLiteral("reasons"),
                      {Reason::TimeConstraint, Reason::ImpairedFunction,
                       Reason::FirstResponseMissed, Reason::LackOfUpdates, Reason::Other},
                      reasonCode, &reasons, &why)
        || !readCodes(f, QStringLiteral("owes"),
                      {Obligation::FullAnalysis, Obligation::OwnerAcknowledgement}, obligationCode,
                      &owed, &why))
        return fail(why);
    for (const char *flag : {"ownerIsMe", "unowned"}) {
        const QJsonValue v = f.value(QLatin1String(flag));
        if (!v.isUndefined() && !v.isBool())
            return fail(tr("\"%1\" must be true or false").arg(QLatin1String(flag)));
    }
    view.ownerIsMe = f.value(QStringLiteral("ownerIsMe")).toBool();
    if (f.value(QStringLiteral("unowned")).toBool())
        owner = QueueFilter::unownedToken();
    view.filter.setText(text);
    view.filter.setClockStates(clock);
    view.filter.setStates(states);
    view.filter.setLevels(levels);
    view.filter.setSeverities(severities);
    view.filter.setTiers(tiers);
    view.filter.setReasons(reasons);
    view.filter.setObligations(owed);
    view.filter.setOwner(view.ownerIsMe ? QString() : owner);
    view.filter.setTeam(team);

    const QJsonValue sort = object.value(QStringLiteral("sort"));
    if (sort.isUndefined() || sort.isNull()) {
        view.sortColumn = -1;
    } else {
        const QString column = sort.toObject().value(QStringLiteral("column")).toString();
        const QString order = sort.toObject().value(QStringLiteral("order")).toString();
        view.sortColumn = columnFromCode(column);
        if (!sort.isObject() || view.sortColumn < 0)
            return fail(tr("\"sort\" needs a known \"column\""));
        if (order != QLatin1String("ascending") && order != QLatin1String("descending"))
            return fail(tr("\"sort\" needs an \"order\" of ascending or descending"));
        view.sortOrder =
            order == QLatin1String("ascending") ? Qt::AscendingOrder : Qt::DescendingOrder;
    }

    const QJsonValue columns = object.value(QStringLiteral("columns"));
    if (!columns.isUndefined() && !columns.isNull()) {
        if (!columns.isArray() || columns.toArray().size() > QueueColumn::Count)
            return fail(tr("\"columns\" must be a list of column codes"));
        for (const QJsonValue &c : columns.toArray()) {
            const int column = columnFromCode(c.toString());
            if (column < 0)
                return fail(
                    tr("\"columns\" holds the unknown column \"%1\"").arg(c.toString().left(40)));
            if (!view.columns.contains(column))
                view.columns.append(column);
        }
    }
    return view;
}

QByteArray toFile(const QList<SavedView> &views)
{
    QJsonArray array;
    for (const SavedView &v : views)
        array.append(toJson(v));
    return QJsonDocument(QJsonObject {{QStringLiteral("format"), QLatin1String(Format)},
                                      {QStringLiteral("version"), Version},
                                      {QStringLiteral("views"), array}})
        .toJson(QJsonDocument::Indented);
}

std::optional<QList<SavedView>> fromFile(const QByteArray &data, QString *error)
{
    if (data.size() > MaxFileBytes) {
        *error = tr("the file is %1 bytes, more than the %2 a file of views may hold")
                     .arg(data.size())
                     .arg(MaxFileBytes);
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = tr("not valid JSON (%1 at byte %2)").arg(parse.errorString()).arg(parse.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (!document.isObject()
        || root.value(QStringLiteral("format")).toString() != QLatin1String(Format)) {
        *error = tr("not a file of saved views (its \"format\" is not \"%1\")")
                     .arg(QLatin1String(Format));
        return std::nullopt;
    }
    const int version = root.value(QStringLiteral("version")).toInt(-1);
    if (version != Version) {
        *error =
            tr("version %1 of the format; this desk reads version %2").arg(version).arg(Version);
        return std::nullopt;
    }
    const QJsonValue viewsValue = root.value(QStringLiteral("views"));
    if (!viewsValue.isArray() || viewsValue.toArray().size() > MaxViews) {
        *error = tr("\"views\" must be a list of at most %1 views").arg(MaxViews);
        return std::nullopt;
    }
    QList<SavedView> views;
    int index = 0;
    for (const QJsonValue &value : viewsValue.toArray()) {
        ++index;
        if (!value.isObject()) {
            *error = tr("view %1 is not an object").arg(index);
            return std::nullopt;
        }
        QString why;
        std::optional<SavedView> view = fromJson(value.toObject(), &why);
        if (!view) {
            *error = tr("view %1: %2").arg(index).arg(why);
            return std::nullopt;
        }
        views.append(*view);
    }
    return views;
}

QString uniqueName(const QString &name, const QList<SavedView> &views)
{
    const auto taken = [&](const QString &candidate) {
        for (const SavedView &v : views)
            if (v.name.compare(candidate, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    };
    QString candidate = name;
    for (int n = 2; taken(candidate); ++n)
        candidate = QStringLiteral("%1 (%2)").arg(name).arg(n);
    return candidate;
}

} // namespace Escalation::SavedViews

#include "recordparser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::RecordParser", text);
}

// Reads fields of one JSON object and remembers the first problem, so a
// record is judged with one pass and the reason names the offending field.
class FieldReader final {
public:
    FieldReader(const QJsonObject &o, const ParseLimits &limits, QString prefix = {})
        : m_o(o)
        , m_limits(limits)
        , m_prefix(std::move(prefix))
    {
    }

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    void fail(QLatin1StringView field, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = tr("field \"%1\": %2").arg(m_prefix + field, what);
    }

    // Required, non-empty string of at most maxLen characters.
    QString id(QLatin1StringView field)
    {
        return string(field, m_limits.maxIdLength, Required, NonEmpty);
    }

    enum Presence { Required, Optional };
    enum Emptiness { MayBeEmpty, NonEmpty };

    QString string(QLatin1StringView field, int maxLen, Presence presence,
                   Emptiness emptiness = MayBeEmpty)
    {
        const QJsonValue v = m_o.value(field);
        if (v.isUndefined() || v.isNull()) {
            if (presence == Required)
                fail(field, tr("missing (expected a string)"));
            return {};
        }
        if (!v.isString()) {
            fail(field, tr("expected a string, got %1").arg(typeName(v)));
            return {};
        }
        QString s = v.toString();
        if (s.size() > maxLen) {
            fail(field, tr("%1 characters, at most %2 allowed").arg(s.size()).arg(maxLen));
            return {};
        }
        if (emptiness == NonEmpty && s.isEmpty()) {
            fail(field, tr("must not be empty"));
            return {};
        }
        return s;
    }

    qint64 integer(QLatin1StringView field, qint64 min, qint64 max)
    {
        const QJsonValue v = m_o.value(field);
        if (v.isUndefined() || v.isNull()) {
            fail(field, tr("missing (expected an integer)"));
            return min;
        }
        if (!v.isDouble()) {
            fail(field, tr("expected an integer, got %1").arg(typeName(v)));
            return min;
        }
        const double d = v.toDouble();
        if (!std::isfinite(d) || d != std::floor(d) || d < double(min) || d > double(max)) {
            fail(field,
                 tr("expected an integer from %1 to %2, got %3")
                     .arg(min)
                     .arg(max)
                     .arg(d, 0, 'g', 17));
            return min;
        }
        return static_cast<qint64>(d);
    }

    QDateTime instant(QLatin1StringView field, Presence presence)
    {
        const QJsonValue v = m_o.value(field);
        if (v.isUndefined() || v.isNull()) {
            if (presence == Required)
                fail(field, tr("missing (expected an ISO 8601 instant)"));
            return {};
        }
        if (!v.isString()) {
            fail(field, tr("expected an ISO 8601 instant, got %1").arg(typeName(v)));
            return {};
        }
        const QString s = v.toString();
        QDateTime t = parseInstant(s);
        if (!t.isValid())
            fail(field, tr("\"%1\" is not an ISO 8601 instant with an offset").arg(s.left(40)));
        return t;
    }

    template<typename Enum, typename FromCode>
    Enum code(QLatin1StringView field, FromCode fromCode, Enum fallback)
    {
        const QString s = string(field, 64, Required);
        if (!ok())
            return fallback;
        const std::optional<Enum> e = fromCode(s);
        if (!e) {
            fail(field, tr("unknown code \"%1\"").arg(s));
            return fallback;
        }
        return *e;
    }

    // Optional nested object; nullopt when null or absent, fails on other types.
    std::optional<QJsonObject> object(QLatin1StringView field)
    {
        const QJsonValue v = m_o.value(field);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isObject()) {
            fail(field, tr("expected an object or null, got %1").arg(typeName(v)));
            return std::nullopt;
        }
        return v.toObject();
    }

    static QString typeName(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Null:
            return u"null"_s;
        case QJsonValue::Bool:
            return u"a boolean"_s;
        case QJsonValue::Double:
            return u"a number"_s;
        case QJsonValue::String:
            return u"a string"_s;
        case QJsonValue::Array:
            return u"an array"_s;
        case QJsonValue::Object:
            return u"an object"_s;
        case QJsonValue::Undefined:
            break;
        }
        return u"nothing"_s;
    }

private:
    const QJsonObject &m_o;
    const ParseLimits &m_limits;
    QString m_prefix;
    QString m_error;
};

constexpr qint64 maxJsonInteger = 9007199254740992LL; // 2^53: exact in a double
// Fewer records than this on either side and a page is read on one thread.
constexpr qsizetype MinRecordsPerThread = 64;

bool readDigits(QStringView s, qsizetype pos, int count, int *out)
{
    if (pos + count > s.size())
        return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = s[pos + i].unicode();
        if (c < u'0' || c > u'9')
            return false;
        v = v * 10 + (c - u'0');
    }
    *out = v;
    return true;
}

std::optional<QJsonDocument> parseBody(const QByteArray &body, const ParseLimits &limits,
                                       QString *error)
{
    if (body.size() > limits.maxBodyBytes) {
        *error = tr("the answer is %1 bytes, more than the %2 bytes accepted")
                     .arg(body.size())
                     .arg(limits.maxBodyBytes);
        return std::nullopt;
    }
    QJsonParseError pe;
    QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error =
            tr("the answer is not valid JSON (%1 at byte %2)").arg(pe.errorString()).arg(pe.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = tr("the answer is not a JSON object");
        return std::nullopt;
    }
    return doc;
}

QString recordId(const QJsonValue &v)
{
    const QJsonValue id = v.toObject().value("id"_L1);
    return id.isString() ? id.toString().left(200) : QString();
}

} // namespace

QDateTime parseInstant(QStringView s)
{
    // Hand-written: QDateTime::fromString costs microseconds per call, and a
    // first sync reads about a million instants.
    int y, mo, d, h, mi, sec;
    if (s.size() < 20 || !readDigits(s, 0, 4, &y) || s[4] != u'-' || !readDigits(s, 5, 2, &mo)
        || s[7] != u'-' || !readDigits(s, 8, 2, &d) || s[10] != u'T' || !readDigits(s, 11, 2, &h)
        || s[13] != u':' || !readDigits(s, 14, 2, &mi) || s[16] != u':'
        || !readDigits(s, 17, 2, &sec))
        return {};
    if (!QDate::isValid(y, mo, d) || h > 23 || mi > 59 || sec > 59)
        return {};
    qsizetype pos = 19;
    int ms = 0;
    if (pos < s.size() && s[pos] == u'.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
            if (digits < 3)
                ms = ms * 10 + (s[pos].unicode() - u'0');
            ++digits;
            ++pos;
        }
        if (digits == 0 || digits > 9)
            return {};
        for (int i = digits; i < 3; ++i)
            ms *= 10;
    }
    if (pos >= s.size())
        return {}; // no offset: a local time would be ambiguous
    int offsetSeconds = 0;
    if (s[pos] == u'Z') {
        ++pos;
    } else if (s[pos] == u'+' || s[pos] == u'-') {
        const int sign = s[pos] == u'-' ? -1 : 1;
        ++pos;
        int oh = 0, om = 0;
        if (!readDigits(s, pos, 2, &oh))
            return {};
        pos += 2;
        if (pos < s.size() && s[pos] == u':')
            ++pos;
        if (pos < s.size()) {
            if (!readDigits(s, pos, 2, &om))
                return {};
            pos += 2;
        }
        if (oh > 23 || om > 59)
            return {};
        offsetSeconds = sign * (oh * 3600 + om * 60);
    } else {
        return {};
    }
    if (pos != s.size())
        return {};
    const qint64 days = QDate(y, mo, d).toJulianDay() - 2440588; // 1970-01-01
    const qint64 msecs = ((days * 86400 + h * 3600 + mi * 60 + sec) - offsetSeconds) * 1000 + ms;
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

QString instantToString(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    const QDateTime u = t.toUTC();
    return u.time().msec() ? u.toString(Qt::ISODateWithMs) : u.toString(Qt::ISODate);
}

std::optional<Case> parseCase(const QJsonObject &o, const ParseLimits &limits, QString *why)
{
    FieldReader r(o, limits);
    Case c;
    c.id = r.id("id"_L1);
    c.number =
        r.string("number"_L1, limits.maxNameLength, FieldReader::Required, FieldReader::NonEmpty);
    c.subject = r.string("subject"_L1, limits.maxSubjectLength, FieldReader::Required);
    c.account = r.string("account"_L1, limits.maxNameLength, FieldReader::Required);
    c.tier = r.code("tier"_L1, supportTierFromCode, SupportTier::Standard);
    c.severity = severityFromInt(int(r.integer("severity"_L1, 1, 4))).value_or(Severity::S3);
    c.priority = r.code("priority"_L1, priorityFromCode, CustomerPriority::Normal);
    c.status = r.string("status"_L1, limits.maxNameLength, FieldReader::Required);
    c.createdAt = r.instant("createdAt"_L1, FieldReader::Required);
    c.firstResponseAt = r.instant("firstResponseAt"_L1, FieldReader::Optional);
    c.lastCustomerUpdateAt = r.instant("lastCustomerUpdateAt"_L1, FieldReader::Optional);
    c.lastSupportUpdateAt = r.instant("lastSupportUpdateAt"_L1, FieldReader::Optional);
    c.assignee = r.string("assignee"_L1, limits.maxNameLength, FieldReader::Optional);
    c.csm = r.string("csm"_L1, limits.maxNameLength, FieldReader::Optional);
    c.updatedAt = r.instant("updatedAt"_L1, FieldReader::Required);
    c.version = r.integer("version"_L1, 0, maxJsonInteger);
    if (!r.ok()) {
        if (why)
            *why = r.error();
        return std::nullopt;
    }
    return c;
}

std::optional<EscalationRequest> parseRequest(const QJsonObject &o, const ParseLimits &limits,
                                              QString *why)
{
    FieldReader r(o, limits);
    EscalationRequest e;
    e.id = r.id("id"_L1);
    e.caseId = r.id("caseId"_L1);
    e.level = int(r.integer("level"_L1, 1, 4));
    e.reason = r.code("reason"_L1, reasonFromCode, Reason::Other);
    e.summary = r.string("summary"_L1, limits.maxTextLength, FieldReader::Required);
    e.requestedBy = r.string("requestedBy"_L1, limits.maxNameLength, FieldReader::Required);
    e.requestedAt = r.instant("requestedAt"_L1, FieldReader::Required);
    e.state = r.code("state"_L1, requestStateFromCode, RequestState::Pending);
    e.previousRequestId =
        r.string("previousRequestId"_L1, limits.maxIdLength, FieldReader::Optional);
    e.owner = r.string("owner"_L1, limits.maxNameLength, FieldReader::Optional);
    e.team = r.string("team"_L1, limits.maxNameLength, FieldReader::Optional);
    e.calendarId = r.string("calendar"_L1, limits.maxIdLength, FieldReader::Optional);
    e.updatedAt = r.instant("updatedAt"_L1, FieldReader::Required);
    e.version = r.integer("version"_L1, 0, maxJsonInteger);

    if (const auto d = r.object("decision"_L1); d && r.ok()) {
        FieldReader dr(*d, limits, u"decision."_s);
        Decision dec;
        dec.kind = dr.code("kind"_L1, decisionKindFromCode, DecisionKind::Accept);
        dec.text = dr.string("text"_L1, limits.maxTextLength, FieldReader::Optional);
        dec.by = dr.string("by"_L1, limits.maxNameLength, FieldReader::Optional);
        dec.at = dr.instant("at"_L1, FieldReader::Required);
        dec.justification =
            dr.string("justification"_L1, limits.maxTextLength, FieldReader::Optional);
        if (!dr.ok())
            r.fail("decision"_L1, dr.error());
        e.decision = dec;
    }
    if (const auto h = r.object("handOff"_L1); h && r.ok()) {
        FieldReader hr(*h, limits, u"handOff."_s);
        HandOff handOff;
        handOff.fromTeam = hr.string("fromTeam"_L1, limits.maxNameLength, FieldReader::Optional);
        handOff.toTeam = hr.string("toTeam"_L1, limits.maxNameLength, FieldReader::Required);
        handOff.text = hr.string("text"_L1, limits.maxTextLength, FieldReader::Optional);
        handOff.by = hr.string("by"_L1, limits.maxNameLength, FieldReader::Optional);
        handOff.at = hr.instant("at"_L1, FieldReader::Required);
        if (!hr.ok())
            r.fail("handOff"_L1, hr.error());
        e.handOff = handOff;
    }
    if (const auto a = r.object("analysis"_L1); a && r.ok()) {
        FieldReader ar(*a, limits, u"analysis."_s);
        Analysis an;
        an.text = ar.string("text"_L1, limits.maxTextLength, FieldReader::Required);
        an.by = ar.string("by"_L1, limits.maxNameLength, FieldReader::Optional);
        an.at = ar.instant("at"_L1, FieldReader::Required);
        if (!ar.ok())
            r.fail("analysis"_L1, ar.error());
        e.analysis = an;
    }
    if (const auto k = r.object("ownerAcknowledgement"_L1); k && r.ok()) {
        FieldReader kr(*k, limits, u"ownerAcknowledgement."_s);
        OwnerAcknowledgement ack;
        ack.by = kr.string("by"_L1, limits.maxNameLength, FieldReader::Required);
        ack.at = kr.instant("at"_L1, FieldReader::Required);
        if (!kr.ok())
            r.fail("ownerAcknowledgement"_L1, kr.error());
        e.ownerAcknowledgement = ack;
    }

    const QJsonValue notes = o.value("notes"_L1);
    if (r.ok() && !notes.isUndefined() && !notes.isNull()) {
        if (!notes.isArray()) {
            r.fail("notes"_L1, tr("expected an array, got %1").arg(FieldReader::typeName(notes)));
        } else {
            const QJsonArray arr = notes.toArray();
            if (arr.size() > limits.maxNotes) {
                r.fail("notes"_L1,
                       tr("%1 notes, at most %2 allowed").arg(arr.size()).arg(limits.maxNotes));
            } else {
                e.notes.reserve(arr.size());
                for (qsizetype i = 0; i < arr.size() && r.ok(); ++i) {
                    if (!arr.at(i).isObject()) {
                        r.fail("notes"_L1, tr("note %1 is not an object").arg(i));
                        break;
                    }
                    const QJsonObject no = arr.at(i).toObject();
                    FieldReader nr(no, limits, u"notes[%1]."_s.arg(i));
                    Note n;
                    n.id = nr.id("id"_L1);
                    n.author = nr.string("author"_L1, limits.maxNameLength, FieldReader::Optional);
                    n.text = nr.string("text"_L1, limits.maxTextLength, FieldReader::Required);
                    n.at = nr.instant("at"_L1, FieldReader::Required);
                    if (!nr.ok())
                        r.fail("notes"_L1, nr.error());
                    e.notes.append(std::move(n));
                }
            }
        }
    }
    const QJsonValue waits = o.value("waits"_L1);
    if (r.ok() && !waits.isUndefined() && !waits.isNull()) {
        constexpr qsizetype maxWaits = 100;
        const QJsonArray arr = waits.toArray();
        if (!waits.isArray())
            r.fail("waits"_L1, tr("expected an array, got %1").arg(FieldReader::typeName(waits)));
        else if (arr.size() > maxWaits)
            r.fail("waits"_L1, tr("%1 waits, at most %2 allowed").arg(arr.size()).arg(maxWaits));
        for (qsizetype i = 0; r.ok() && i < arr.size(); ++i) {
            if (!arr.at(i).isObject()) {
                r.fail("waits"_L1, tr("wait %1 is not an object").arg(i));
                break;
            }
            FieldReader wr(arr.at(i).toObject(), limits, u"waits[%1]."_s.arg(i));
            WaitingPeriod w;
            w.question = wr.string("question"_L1, limits.maxTextLength, FieldReader::Optional);
            w.askedBy = wr.string("askedBy"_L1, limits.maxNameLength, FieldReader::Optional);
            w.from = wr.instant("from"_L1, FieldReader::Required);
            w.until = wr.instant("until"_L1, FieldReader::Optional);
            w.answer = wr.string("answer"_L1, limits.maxTextLength, FieldReader::Optional);
            if (!wr.ok())
                r.fail("waits"_L1, wr.error());
            else if (w.until.isValid() && w.until < w.from)
                r.fail("waits"_L1, tr("wait %1 ends before it begins").arg(i));
            else if (!e.waits.isEmpty() && e.waits.constLast().isOpen())
                r.fail("waits"_L1, tr("wait %1 follows a wait that has not ended").arg(i));
            e.waits.append(std::move(w));
        }
    }
    if (r.ok() && !e.previousRequestId.isEmpty() && e.previousRequestId == e.id)
        r.fail("previousRequestId"_L1, tr("a request cannot re-escalate itself"));

    if (!r.ok()) {
        if (why)
            *why = r.error();
        return std::nullopt;
    }
    return e;
}

namespace {

// Reads an array of records with parse(); the ones it refuses (and any
// that is not an object) are listed in skipped, under kind.
template<typename Record, typename Parse>
void readRecords(const QJsonArray &array, const QString &kind, Parse parse,
                 const ParseLimits &limits, QList<Record> *records,
                 QList<RecordDiagnostic> *skipped)
{
    records->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        QString why;
        std::optional<Record> record;
        if (!v.isObject())
            why = tr("expected an object, got %1").arg(FieldReader::typeName(v));
        else
            record = parse(v.toObject(), limits, &why);
        if (record)
            records->append(std::move(*record));
        else
            skipped->append({kind, int(i), recordId(v), why});
    }
}

} // namespace

PageParseResult parseChangesPage(const QByteArray &body, const ParseLimits &limits)
{
    PageParseResult result;
    const std::optional<QJsonDocument> doc = parseBody(body, limits, &result.error);
    if (!doc)
        return result;
    const QJsonObject root = doc->object();

    const QJsonValue cursor = root.value("cursor"_L1);
    if (!cursor.isString() || cursor.toString().isEmpty()
        || cursor.toString().size() > limits.maxIdLength) {
        result.error = tr("the page has no usable \"cursor\" (expected a non-empty string)");
        return result;
    }
    const QJsonValue hasMore = root.value("hasMore"_L1);
    if (!hasMore.isBool()) {
        result.error = tr("the page has no usable \"hasMore\" (expected true or false)");
        return result;
    }
    result.page.cursor = cursor.toString();
    result.page.hasMore = hasMore.toBool();

    auto arrayOf = [&](const QJsonObject &parent, QLatin1StringView name, const QString &where,
                       QJsonArray *out) {
        const QJsonValue v = parent.value(name);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isArray()) {
            result.error =
                tr("\"%1\" is %2, expected an array").arg(where, FieldReader::typeName(v));
            return false;
        }
        *out = v.toArray();
        return true;
    };

    QJsonArray cases, requests, removedCases, removedRequests;
    QJsonObject removed;
    const QJsonValue removedValue = root.value("removed"_L1);
    if (removedValue.isObject()) {
        removed = removedValue.toObject();
    } else if (!removedValue.isUndefined() && !removedValue.isNull()) {
        result.error =
            tr("\"removed\" is %1, expected an object").arg(FieldReader::typeName(removedValue));
        return result;
    }
    if (!arrayOf(root, "cases"_L1, u"cases"_s, &cases)
        || !arrayOf(root, "requests"_L1, u"requests"_s, &requests)
        || !arrayOf(removed, "cases"_L1, u"removed.cases"_s, &removedCases)
        || !arrayOf(removed, "requests"_L1, u"removed.requests"_s, &removedRequests))
        return result;

    // A page larger than the contract's own limit is refused rather than
    // trusted: it points at a broken or hostile portal.
    const qsizetype total =
        cases.size() + requests.size() + removedCases.size() + removedRequests.size();
    if (total > limits.maxPageRecords) {
        result.error = tr("the page holds %1 records, more than the %2 the contract allows")
                           .arg(total)
                           .arg(limits.maxPageRecords);
        return result;
    }

    // Cases on a second pool thread while this one reads the requests: the
    // next page is requested only once this one is read (its cursor is in
    // it), so reading it is on the first sync's critical path.
    QList<RecordDiagnostic> skippedCases;
    QList<RecordDiagnostic> skippedRequests;
    const auto readCases = [&] {
        readRecords(cases, u"case"_s, parseCase, limits, &result.page.cases, &skippedCases);
    };
    QFuture<void> casesRead;
    if (cases.size() >= MinRecordsPerThread && requests.size() >= MinRecordsPerThread)
        casesRead = QtConcurrent::run(readCases); // run here if no pool thread takes it first
    else
        readCases();
    readRecords(requests, u"request"_s, parseRequest, limits, &result.page.requests,
                &skippedRequests);
    casesRead.waitForFinished();
    result.skipped = skippedCases + skippedRequests;
    auto readIds = [&](const QJsonArray &arr, const QString &kind, QStringList *out) {
        for (qsizetype i = 0; i < arr.size(); ++i) {
            const QJsonValue v = arr.at(i);
            if (v.isString() && !v.toString().isEmpty()
                && v.toString().size() <= limits.maxIdLength)
                out->append(v.toString());
            else
                result.skipped.append({kind, int(i), QString(),
                                       tr("expected a non-empty id of at most %1 characters")
                                           .arg(limits.maxIdLength)});
        }
    };
    readIds(removedCases, u"removed case"_s, &result.page.removedCaseIds);
    readIds(removedRequests, u"removed request"_s, &result.page.removedRequestIds);
    result.ok = true;
    return result;
}

RequestParseResult parseRequestAnswer(const QByteArray &body, bool wrapped,
                                      const ParseLimits &limits)
{
    RequestParseResult result;
    const std::optional<QJsonDocument> doc = parseBody(body, limits, &result.error);
    if (!doc)
        return result;
    QJsonObject o = doc->object();
    if (wrapped) {
        const QJsonValue v = o.value("request"_L1);
        if (!v.isObject()) {
            result.error = tr("the answer has no \"request\" object");
            return result;
        }
        o = v.toObject();
    }
    QString why;
    result.request = parseRequest(o, limits, &why);
    if (!result.request)
        result.error = tr("the request in the answer is invalid: %1").arg(why);
    return result;
}

QString parseWaitCursor(const QByteArray &body, const ParseLimits &limits)
{
    QString error;
    const std::optional<QJsonDocument> doc = parseBody(body, limits, &error);
    if (!doc)
        return {};
    const QJsonValue v = doc->object().value("cursor"_L1);
    if (!v.isString() || v.toString().size() > limits.maxIdLength)
        return {};
    return v.toString();
}

std::optional<PortalErrorBody> parseErrorBody(const QByteArray &body, const ParseLimits &limits)
{
    QString error;
    const std::optional<QJsonDocument> doc = parseBody(body, limits, &error);
    if (!doc)
        return std::nullopt;
    const QJsonValue ev = doc->object().value("error"_L1);
    // Two shapes: {"error": {"code", "message", "details"}} (docs/portal-api.md)
    // and the flat {"error": "forbidden", "message", "details"} of the
    // accounts contract; both mean the same.
    QJsonObject e;
    if (ev.isObject()) {
        e = ev.toObject();
    } else if (ev.isString() && doc->object().value("message"_L1).isString()) {
        e = doc->object();
        e.insert("code"_L1, ev);
    } else {
        return std::nullopt;
    }
    PortalErrorBody out;
    const QJsonValue code = e.value("code"_L1);
    const QJsonValue message = e.value("message"_L1);
    if (!code.isString())
        return std::nullopt;
    out.code = code.toString().left(64);
    // A portal message is shown to people; keep it to a readable size.
    out.message = message.isString() ? message.toString().left(2000) : QString();
    out.details = e.value("details"_L1).toObject();
    return out;
}

QJsonObject caseToJson(const Case &c)
{
    auto nullable = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    auto instant = [](const QDateTime &t) {
        return t.isValid() ? QJsonValue(instantToString(t)) : QJsonValue();
    };
    return QJsonObject {
        {u"id"_s, c.id},
        {u"number"_s, c.number},
        {u"subject"_s, c.subject},
        {u"account"_s, c.account},
        {u"tier"_s, toCode(c.tier)},
        {u"severity"_s, static_cast<int>(c.severity)},
        {u"priority"_s, toCode(c.priority)},
        {u"status"_s, c.status},
        {u"createdAt"_s, instant(c.createdAt)},
        {u"firstResponseAt"_s, instant(c.firstResponseAt)},
        {u"lastCustomerUpdateAt"_s, instant(c.lastCustomerUpdateAt)},
        {u"lastSupportUpdateAt"_s, instant(c.lastSupportUpdateAt)},
        {u"assignee"_s, nullable(c.assignee)},
        {u"csm"_s, nullable(c.csm)},
        {u"updatedAt"_s, instant(c.updatedAt)},
        {u"version"_s, c.version},
    };
}

QJsonObject requestToJson(const EscalationRequest &r)
{
    auto nullable = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    auto instant = [](const QDateTime &t) {
        return t.isValid() ? QJsonValue(instantToString(t)) : QJsonValue();
    };
    QJsonArray notes;
    for (const Note &n : r.notes)
        notes.append(QJsonObject {{u"id"_s, n.id},
                                  {u"author"_s, n.author},
                                  {u"text"_s, n.text},
                                  {u"at"_s, instant(n.at)}});
    QJsonValue decision, analysis, ack, handOff;
    if (r.decision)
        decision = QJsonObject {{u"kind"_s, toCode(r.decision->kind)},
                                {u"text"_s, r.decision->text},
                                {u"by"_s, r.decision->by},
                                {u"at"_s, instant(r.decision->at)},
                                {u"justification"_s, nullable(r.decision->justification)}};
    QJsonArray waits;
    for (const WaitingPeriod &w : r.waits)
        waits.append(QJsonObject {{u"question"_s, w.question},
                                  {u"askedBy"_s, w.askedBy},
                                  {u"from"_s, instant(w.from)},
                                  {u"until"_s, instant(w.until)},
                                  {u"answer"_s, nullable(w.answer)}});
    if (r.handOff)
        handOff = QJsonObject {{u"fromTeam"_s, r.handOff->fromTeam},
                               {u"toTeam"_s, r.handOff->toTeam},
                               {u"text"_s, r.handOff->text},
                               {u"by"_s, r.handOff->by},
                               {u"at"_s, instant(r.handOff->at)}};
    if (r.analysis)
        analysis = QJsonObject {{u"text"_s, r.analysis->text},
                                {u"by"_s, r.analysis->by},
                                {u"at"_s, instant(r.analysis->at)}};
    if (r.ownerAcknowledgement)
        ack = QJsonObject {{u"by"_s, r.ownerAcknowledgement->by},
                           {u"at"_s, instant(r.ownerAcknowledgement->at)}};
    return QJsonObject {
        {u"id"_s, r.id},
        {u"caseId"_s, r.caseId},
        {u"level"_s, r.level},
        {u"reason"_s, toCode(r.reason)},
        {u"summary"_s, r.summary},
        {u"requestedBy"_s, r.requestedBy},
        {u"requestedAt"_s, instant(r.requestedAt)},
        {u"state"_s, toCode(r.state)},
        {u"previousRequestId"_s, nullable(r.previousRequestId)},
        {u"owner"_s, nullable(r.owner)},
        {u"team"_s, nullable(r.team)},
        {u"calendar"_s, nullable(r.calendarId)},
        {u"decision"_s, decision},
        {u"analysis"_s, analysis},
        {u"ownerAcknowledgement"_s, ack},
        {u"handOff"_s, handOff},
        {u"waits"_s, waits},
        {u"notes"_s, notes},
        {u"updatedAt"_s, instant(r.updatedAt)},
        {u"version"_s, r.version},
    };
}

} // namespace Escalation

#include "portaljson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <array>

using namespace Qt::StringLiterals;

namespace Escalation::Portal::Json {

namespace {

void appendDigits(char *&p, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = char('0' + value % 10);
        value /= 10;
    }
    p += width;
}

// Howard Hinnant's civil_from_days: Qt's own ISO formatting costs a time zone
// lookup and a QString per call, which shows at a hundred thousand records.
void civilFromDays(qint64 days, int &year, int &month, int &day)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    day = int(doy - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = int(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

void appendRawInstant(QByteArray &out, const QDateTime &at)
{
    const qint64 ms = at.toMSecsSinceEpoch();
    qint64 secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    const int millis = int(ms - secs * 1000);
    qint64 days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    int secOfDay = int(secs - days * 86400);
    int year = 0, month = 0, day = 0;
    civilFromDays(days, year, month, day);
    char buffer[32];
    char *p = buffer;
    appendDigits(p, year, 4);
    *p++ = '-';
    appendDigits(p, month, 2);
    *p++ = '-';
    appendDigits(p, day, 2);
    *p++ = 'T';
    appendDigits(p, secOfDay / 3600, 2);
    *p++ = ':';
    appendDigits(p, (secOfDay / 60) % 60, 2);
    *p++ = ':';
    appendDigits(p, secOfDay % 60, 2);
    if (millis != 0) {
        *p++ = '.';
        appendDigits(p, millis, 3);
    }
    *p++ = 'Z';
    out.append(buffer, p - buffer);
}

template<std::size_t N> void key(QByteArray &out, const char (&name)[N])
{
    out.append('"');
    out.append(name, qsizetype(N - 1));
    out.append("\":", 2);
}

void appendInt(QByteArray &out, qint64 v)
{
    char buffer[24];
    char *end = buffer + sizeof buffer;
    char *p = end;
    const bool negative = v < 0;
    quint64 u = negative ? quint64(0) - quint64(v) : quint64(v);
    do {
        *--p = char('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (negative)
        *--p = '-';
    out.append(p, end - p);
}

// The domain's wire codes, quoted, computed once from toCode(): records are
// written a hundred thousand at a time.
template<typename Enum, int N> const QByteArray &quotedCode(Enum value)
{
    static const std::array<QByteArray, N> codes = [] {
        std::array<QByteArray, N> out;
        for (int i = 0; i < N; ++i)
            out[std::size_t(i)] = '"' + toCode(static_cast<Enum>(i)).toLatin1() + '"';
        return out;
    }();
    return codes[std::size_t(value)];
}

const QByteArray &code(SupportTier v)
{
    return quotedCode<SupportTier, 2>(v);
}
const QByteArray &code(CustomerPriority v)
{
    return quotedCode<CustomerPriority, 3>(v);
}
const QByteArray &code(Reason v)
{
    return quotedCode<Reason, 5>(v);
}
const QByteArray &code(RequestState v)
{
    return quotedCode<RequestState, 5>(v);
}
const QByteArray &code(DecisionKind v)
{
    return quotedCode<DecisionKind, 2>(v);
}

QString stringField(const QJsonObject &o, QLatin1StringView name)
{
    return o.value(name).toString();
}

QDateTime instantField(const QJsonObject &o, QLatin1StringView name)
{
    const QJsonValue v = o.value(name);
    return v.isString() ? parseInstant(v.toString()) : QDateTime();
}

} // namespace

QByteArray instant(const QDateTime &at)
{
    QByteArray out;
    if (at.isValid())
        appendRawInstant(out, at);
    return out;
}

QDateTime parseInstant(const QString &text)
{
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid() || at.timeSpec() == Qt::LocalTime)
        return {}; // an instant without an offset is ambiguous
    return at.toUTC();
}

void appendString(QByteArray &out, QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    // Written in place: no temporary UTF-8 copy per string. Six bytes per
    // UTF-16 unit covers the worst case (a control character as \u00XX).
    const qsizetype start = out.size();
    out.resize(start + text.size() * 6 + 2);
    char *p = out.data() + start;
    *p++ = '"';
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80) {
            switch (c) {
            case u'"':
                *p++ = '\\';
                *p++ = '"';
                break;
            case u'\\':
                *p++ = '\\';
                *p++ = '\\';
                break;
            case u'\n':
                *p++ = '\\';
                *p++ = 'n';
                break;
            case u'\r':
                *p++ = '\\';
                *p++ = 'r';
                break;
            case u'\t':
                *p++ = '\\';
                *p++ = 't';
                break;
            default:
                if (c < 0x20) {
                    *p++ = '\\';
                    *p++ = 'u';
                    *p++ = '0';
                    *p++ = '0';
                    *p++ = hex[c >> 4];
                    *p++ = hex[c & 0xF];
                } else {
                    *p++ = char(c);
                }
            }
        } else if (c < 0x800) {
            *p++ = char(0xC0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3F));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n
                   && QChar::isLowSurrogate(text[i + 1].unicode())) {
            const char32_t u = QChar::surrogateToUcs4(c, text[i + 1].unicode());
            ++i;
            *p++ = char(0xF0 | (u >> 18));
            *p++ = char(0x80 | ((u >> 12) & 0x3F));
            *p++ = char(0x80 | ((u >> 6) & 0x3F));
            *p++ = char(0x80 | (u & 0x3F));
        } else {
            // A lone surrogate is not valid UTF-8: write U+FFFD instead.
            const char16_t v = QChar::isSurrogate(c) ? char16_t(0xFFFD) : c;
            *p++ = char(0xE0 | (v >> 12));
            *p++ = char(0x80 | ((v >> 6) & 0x3F));
            *p++ = char(0x80 | (v & 0x3F));
        }
    }
    *p++ = '"';
    out.resize(p - out.constData());
}

void appendInstantOrNull(QByteArray &out, const QDateTime &at)
{
    if (!at.isValid()) {
        out.append("null");
        return;
    }
    out.append('"');
    appendRawInstant(out, at);
    out.append('"');
}

void appendStringOrNull(QByteArray &out, QStringView text)
{
    if (text.isEmpty())
        out.append("null");
    else
        appendString(out, text);
}

QByteArray caseRecord(const Case &c)
{
    QByteArray out;
    out.reserve(512);
    out.append('{');
    key(out, "id");
    appendString(out, c.id);
    out.append(',');
    key(out, "number");
    appendString(out, c.number);
    out.append(',');
    key(out, "subject");
    appendString(out, c.subject);
    out.append(',');
    key(out, "account");
    appendString(out, c.account);
    out.append(',');
    key(out, "tier");
    out.append(code(c.tier));
    out.append(',');
    key(out, "severity");
    appendInt(out, int(c.severity));
    out.append(',');
    key(out, "priority");
    out.append(code(c.priority));
    out.append(',');
    key(out, "status");
    appendString(out, c.status);
    out.append(',');
    key(out, "createdAt");
    appendInstantOrNull(out, c.createdAt);
    out.append(',');
    key(out, "firstResponseAt");
    appendInstantOrNull(out, c.firstResponseAt);
    out.append(',');
    key(out, "lastCustomerUpdateAt");
    appendInstantOrNull(out, c.lastCustomerUpdateAt);
    out.append(',');
    key(out, "lastSupportUpdateAt");
    appendInstantOrNull(out, c.lastSupportUpdateAt);
    out.append(',');
    key(out, "assignee");
    appendStringOrNull(out, c.assignee);
    out.append(',');
    key(out, "csm");
    appendStringOrNull(out, c.csm);
    out.append(',');
    key(out, "updatedAt");
    appendInstantOrNull(out, c.updatedAt);
    out.append(',');
    key(out, "version");
    appendInt(out, c.version);
    out.append('}');
    return out;
}

QByteArray requestRecord(const EscalationRequest &r)
{
    QByteArray out;
    out.reserve(640 + 160 * r.notes.size());
    out.append('{');
    key(out, "id");
    appendString(out, r.id);
    out.append(',');
    key(out, "caseId");
    appendString(out, r.caseId);
    out.append(',');
    key(out, "level");
    appendInt(out, r.level);
    out.append(',');
    key(out, "reason");
    out.append(code(r.reason));
    out.append(',');
    key(out, "summary");
    appendString(out, r.summary);
    out.append(',');
    key(out, "requestedBy");
    appendString(out, r.requestedBy);
    out.append(',');
    key(out, "requestedAt");
    appendInstantOrNull(out, r.requestedAt);
    out.append(',');
    key(out, "state");
    out.append(code(r.state));
    out.append(',');
    key(out, "previousRequestId");
    appendStringOrNull(out, r.previousRequestId);
    out.append(',');
    key(out, "owner");
    appendStringOrNull(out, r.owner);
    out.append(',');
    key(out, "team");
    appendStringOrNull(out, r.team);
    out.append(',');
    key(out, "calendar");
    appendStringOrNull(out, r.calendarId);
    out.append(',');
    key(out, "decision");
    if (r.decision) {
        out.append('{');
        key(out, "kind");
        out.append(code(r.decision->kind));
        out.append(',');
        key(out, "text");
        appendString(out, r.decision->text);
        out.append(',');
        key(out, "by");
        appendString(out, r.decision->by);
        out.append(',');
        key(out, "at");
        appendInstantOrNull(out, r.decision->at);
        out.append(',');
        key(out, "justification");
        appendStringOrNull(out, r.decision->justification);
        out.append('}');
    } else {
        out.append("null");
    }
    out.append(',');
    key(out, "analysis");
    if (r.analysis) {
        out.append('{');
        key(out, "text");
        appendString(out, r.analysis->text);
        out.append(',');
        key(out, "by");
        appendString(out, r.analysis->by);
        out.append(',');
        key(out, "at");
        appendInstantOrNull(out, r.analysis->at);
        out.append('}');
    } else {
        out.append("null");
    }
    out.append(',');
    key(out, "ownerAcknowledgement");
    if (r.ownerAcknowledgement) {
        out.append('{');
        key(out, "by");
        appendString(out, r.ownerAcknowledgement->by);
        out.append(',');
        key(out, "at");
        appendInstantOrNull(out, r.ownerAcknowledgement->at);
        out.append('}');
    } else {
        out.append("null");
    }
    out.append(',');
    key(out, "waits");
    out.append('[');
    for (qsizetype i = 0; i < r.waits.size(); ++i) {
        const WaitingPeriod &w = r.waits.at(i);
        if (i > 0)
            out.append(',');
        out.append('{');
        key(out, "question");
        appendString(out, w.question);
        out.append(',');
        key(out, "askedBy");
        appendString(out, w.askedBy);
        out.append(',');
        key(out, "from");
        appendInstantOrNull(out, w.from);
        out.append(',');
        key(out, "until");
        appendInstantOrNull(out, w.until);
        out.append(',');
        key(out, "answer");
        appendStringOrNull(out, w.answer);
        out.append('}');
    }
    out.append("],");
    key(out, "handOff");
    if (r.handOff) {
        out.append('{');
        key(out, "fromTeam");
        appendString(out, r.handOff->fromTeam);
        out.append(',');
        key(out, "toTeam");
        appendString(out, r.handOff->toTeam);
        out.append(',');
        key(out, "text");
        appendString(out, r.handOff->text);
        out.append(',');
        key(out, "by");
        appendString(out, r.handOff->by);
        out.append(',');
        key(out, "at");
        appendInstantOrNull(out, r.handOff->at);
        out.append('}');
    } else {
        out.append("null");
    }
    out.append(',');
    key(out, "notes");
    out.append('[');
    for (qsizetype i = 0; i < r.notes.size(); ++i) {
        const Note &n = r.notes.at(i);
        if (i > 0)
            out.append(',');
        out.append('{');
        key(out, "id");
        appendString(out, n.id);
        out.append(',');
        key(out, "author");
        appendString(out, n.author);
        out.append(',');
        key(out, "text");
        appendString(out, n.text);
        out.append(',');
        key(out, "at");
        appendInstantOrNull(out, n.at);
        out.append('}');
    }
    out.append(']');
    out.append(',');
    key(out, "updatedAt");
    appendInstantOrNull(out, r.updatedAt);
    out.append(',');
    key(out, "version");
    appendInt(out, r.version);
    out.append('}');
    return out;
}

std::optional<Case> caseFromJson(const QJsonObject &o)
{
    Case c;
    c.id = stringField(o, "id"_L1);
    c.number = stringField(o, "number"_L1);
    c.subject = stringField(o, "subject"_L1);
    c.account = stringField(o, "account"_L1);
    const auto tier = supportTierFromCode(stringField(o, "tier"_L1));
    const auto severity = severityFromInt(o.value("severity"_L1).toInt(0));
    const auto priority = priorityFromCode(stringField(o, "priority"_L1));
    if (c.id.isEmpty() || !tier || !severity || !priority)
        return std::nullopt;
    c.tier = *tier;
    c.severity = *severity;
    c.priority = *priority;
    c.status = stringField(o, "status"_L1);
    c.createdAt = instantField(o, "createdAt"_L1);
    c.firstResponseAt = instantField(o, "firstResponseAt"_L1);
    c.lastCustomerUpdateAt = instantField(o, "lastCustomerUpdateAt"_L1);
    c.lastSupportUpdateAt = instantField(o, "lastSupportUpdateAt"_L1);
    c.assignee = stringField(o, "assignee"_L1);
    c.csm = stringField(o, "csm"_L1);
    c.updatedAt = instantField(o, "updatedAt"_L1);
    c.version = o.value("version"_L1).toInteger();
    return c;
}

std::optional<EscalationRequest> requestFromJson(const QJsonObject &o)
{
    EscalationRequest r;
    r.id = stringField(o, "id"_L1);
    r.caseId = stringField(o, "caseId"_L1);
    r.level = o.value("level"_L1).toInt(0);
    const auto reason = reasonFromCode(stringField(o, "reason"_L1));
    const auto state = requestStateFromCode(stringField(o, "state"_L1));
    if (r.id.isEmpty() || r.caseId.isEmpty() || r.level < 1 || r.level > 4 || !reason || !state)
        return std::nullopt;
    r.reason = *reason;
    r.state = *state;
    r.summary = stringField(o, "summary"_L1);
    r.requestedBy = stringField(o, "requestedBy"_L1);
    r.requestedAt = instantField(o, "requestedAt"_L1);
    r.previousRequestId = stringField(o, "previousRequestId"_L1);
    r.owner = stringField(o, "owner"_L1);
    r.team = stringField(o, "team"_L1);
    r.calendarId = stringField(o, "calendar"_L1);
    const QJsonObject decision = o.value("decision"_L1).toObject();
    if (!decision.isEmpty()) {
        const auto kind = decisionKindFromCode(stringField(decision, "kind"_L1));
        if (!kind)
            return std::nullopt;
        r.decision =
            Decision {*kind, stringField(decision, "text"_L1), stringField(decision, "by"_L1),
                      instantField(decision, "at"_L1), stringField(decision, "justification"_L1)};
    }
    const QJsonObject analysis = o.value("analysis"_L1).toObject();
    if (!analysis.isEmpty()) {
        r.analysis = Analysis {stringField(analysis, "text"_L1), stringField(analysis, "by"_L1),
                               instantField(analysis, "at"_L1)};
    }
    const QJsonObject ack = o.value("ownerAcknowledgement"_L1).toObject();
    if (!ack.isEmpty())
        r.ownerAcknowledgement =
            OwnerAcknowledgement {stringField(ack, "by"_L1), instantField(ack, "at"_L1)};
    const QJsonObject handOff = o.value("handOff"_L1).toObject();
    if (!handOff.isEmpty())
        r.handOff = HandOff {stringField(handOff, "fromTeam"_L1), stringField(handOff, "toTeam"_L1),
                             stringField(handOff, "text"_L1), stringField(handOff, "by"_L1),
                             instantField(handOff, "at"_L1)};
    const QJsonArray waits = o.value("waits"_L1).toArray();
    for (const QJsonValue &v : waits) {
        const QJsonObject w = v.toObject();
        r.waits.append(WaitingPeriod {stringField(w, "question"_L1), stringField(w, "askedBy"_L1),
                                      instantField(w, "from"_L1), instantField(w, "until"_L1),
                                      stringField(w, "answer"_L1)});
    }
    const QJsonArray notes = o.value("notes"_L1).toArray();
    r.notes.reserve(notes.size());
    for (const QJsonValue &v : notes) {
        const QJsonObject n = v.toObject();
        r.notes.append(Note {stringField(n, "id"_L1), stringField(n, "author"_L1),
                             stringField(n, "text"_L1), instantField(n, "at"_L1)});
    }
    r.updatedAt = instantField(o, "updatedAt"_L1);
    r.version = o.value("version"_L1).toInteger();
    return r;
}

QByteArray errorBody(QStringView code, QStringView message, const QJsonObject &details)
{
    return errorBody(code, message, QJsonDocument(details).toJson(QJsonDocument::Compact));
}

QByteArray errorBody(QStringView code, QStringView message, const QByteArray &detailsJson)
{
    QByteArray out;
    out.append("{\"error\":{\"code\":");
    appendString(out, code);
    out.append(",\"message\":");
    appendString(out, message);
    out.append(",\"details\":");
    out.append(detailsJson.isEmpty() ? QByteArray("{}") : detailsJson);
    out.append("}}");
    return out;
}

} // namespace Escalation::Portal::Json

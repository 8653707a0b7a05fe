#include "reportcommand.h"

#include "analyticsexport.h"
#include "analyticspdf.h"
#include "clicommon.h"
#include "desksettings.h"
#include "escalationanalytics.h"
#include "exitcodes.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Escalation::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ReportCommand", text);
}

std::optional<QDate> dateOption(const QCommandLineParser &parser, const QString &name,
                                QString *error)
{
    const QDate date = QDate::fromString(parser.value(name), Qt::ISODate);
    if (!date.isValid()) {
        *error = tr("--%1: \"%2\" is not a date like 2026-03-30").arg(name, parser.value(name));
        return std::nullopt;
    }
    return date;
}

// Comma-separated codes, each read by fromCode; the first unknown one is an error.
template<typename T, typename FromCode>
std::optional<QList<T>> codeList(const QCommandLineParser &parser, const QString &name,
                                 FromCode fromCode, const QString &expected, QString *error)
{
    QList<T> values;
    const QStringList parts = parser.value(name).split(u',', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const std::optional<T> value = fromCode(part.trimmed());
        if (!value) {
            *error = tr("--%1: unknown value \"%2\" (expected %3)").arg(name, part, expected);
            return std::nullopt;
        }
        values.append(*value);
    }
    return values;
}

} // namespace

int runReport(const QStringList &arguments)
{
    const QString command = u"report"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("How the escalation process performed over a period, from the local cache: "
           "review-target achievement and business time to decision per week, escalations by "
           "level and reason, the accounts behind level 3 and 4, accept and decline rates, "
           "declines re-escalated within 7 days, the ladder funnel and refusals. "
           "Definitions: docs/analytics.md."));
    parser.addOption({u"db"_s, tr("Cache file (default: the desktop app's cache)."), tr("FILE")});
    parser.addOption(
        {u"from"_s, tr("First day (UTC) of the period, e.g. 2026-01-05."), tr("DATE")});
    parser.addOption({u"to"_s, tr("Last day (UTC) of the period, inclusive."), tr("DATE")});
    parser.addOption({u"weeks"_s,
                      tr("Without --from: the last N ISO weeks up to this one (default 13)."),
                      tr("N"), u"13"_s});
    parser.addOption(
        {u"format"_s,
         tr("json (every figure), csv (one table) or pdf (the whole report, with --output)."),
         tr("FORMAT"), u"json"_s});
    parser.addOption(
        {u"output"_s, tr("Write to FILE instead of standard output (pdf: required)."), tr("FILE")});
    parser.addOption({u"table"_s,
                      tr("With --format csv: %1 (default weeks).")
                          .arg(AnalyticsExport::tableNames().join(u", "_s)),
                      tr("TABLE"), u"weeks"_s});
    parser.addOption({u"team"_s, tr("Only this team's requests."), tr("TEAM")});
    parser.addOption({u"account"_s, tr("Only this account's requests."), tr("ACCOUNT")});
    parser.addOption({u"person"_s,
                      tr("Only requests this person owns or decided (a manager's own numbers)."),
                      tr("NAME")});
    parser.addOption({u"level"_s, tr("Only these levels, e.g. 3,4."), tr("LEVELS")});
    parser.addOption(
        {u"reason"_s, tr("Only these reasons (codes, comma-separated)."), tr("REASONS")});
    parser.addOption({u"severity"_s, tr("Only these severities, e.g. 1,2."), tr("SEVERITIES")});
    parser.addOption({u"tier"_s, tr("Only these tiers: premium, standard."), tr("TIERS")});
    parser.addOption({u"as-of"_s,
                      tr("Compute as of this instant (ISO 8601, default now): what counts as "
                         "overdue, and which weeks --weeks means."),
                      tr("DATETIME")});
    if (const auto exit = parseOrExit(parser, arguments, command))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return fail(command, ExitBadInput,
                    tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    QString error;
    QDateTime asOf = QDateTime::currentDateTimeUtc();
    if (parser.isSet(u"as-of"_s)) {
        asOf = QDateTime::fromString(parser.value(u"as-of"_s), Qt::ISODate);
        if (!asOf.isValid())
            return fail(command, ExitBadInput,
                        tr("--as-of: \"%1\" is not an ISO 8601 date and time")
                            .arg(parser.value(u"as-of"_s)));
    }
    bool weeksOk = false;
    const int weeks = parser.value(u"weeks"_s).toInt(&weeksOk);
    if (!weeksOk || weeks < 1 || weeks > 520)
        return fail(command, ExitBadInput, tr("--weeks: expected a number of weeks from 1 to 520"));
    AnalyticsFilter filter = AnalyticsFilter::lastWeeks(weeks, asOf.toUTC().date());
    if (parser.isSet(u"from"_s)) {
        const auto from = dateOption(parser, u"from"_s, &error);
        if (!from)
            return fail(command, ExitBadInput, error);
        filter.from = *from;
        filter.to = asOf.toUTC().date();
    }
    if (parser.isSet(u"to"_s)) {
        const auto to = dateOption(parser, u"to"_s, &error);
        if (!to)
            return fail(command, ExitBadInput, error);
        filter.to = *to;
    }
    if (filter.to < filter.from)
        return fail(command, ExitBadInput, tr("--to is before --from"));
    filter.team = parser.value(u"team"_s);
    filter.account = parser.value(u"account"_s);
    filter.person = parser.value(u"person"_s);
    const auto levels = codeList<int>(
        parser, u"level"_s,
        [](const QString &s) -> std::optional<int> {
            bool ok = false;
            const int level = s.toInt(&ok);
            return ok && level >= 1 && level <= 4 ? std::optional(level) : std::nullopt;
        },
        u"1 to 4"_s, &error);
    const auto reasons = codeList<Reason>(
        parser, u"reason"_s, [](const QString &s) { return reasonFromCode(s); },
        u"time_constraint, impaired_function, first_response_missed, lack_of_updates, other"_s,
        &error);
    const auto severities = codeList<Severity>(
        parser, u"severity"_s, [](const QString &s) { return severityFromInt(s.toInt()); },
        u"1 to 4"_s, &error);
    const auto tiers = codeList<SupportTier>(
        parser, u"tier"_s, [](const QString &s) { return supportTierFromCode(s); },
        u"premium, standard"_s, &error);
    if (!levels || !reasons || !severities || !tiers)
        return fail(command, ExitBadInput, error);
    filter.levels = *levels;
    filter.reasons = *reasons;
    filter.severities = *severities;
    filter.tiers = *tiers;

    const QString format = parser.value(u"format"_s);
    const QString table = parser.value(u"table"_s);
    if (format != u"json"_s && format != u"csv"_s && format != u"pdf"_s)
        return fail(command, ExitBadInput,
                    tr("--format: \"%1\" is not json, csv or pdf").arg(format));
    const QString output = parser.value(u"output"_s);
    if (format == u"pdf"_s && output.isEmpty())
        return fail(command, ExitBadInput, tr("--format pdf needs --output FILE"));
    if (format == u"csv"_s && !AnalyticsExport::tableNames().contains(table))
        return fail(command, ExitBadInput,
                    tr("--table: \"%1\" is not one of %2")
                        .arg(table, AnalyticsExport::tableNames().join(u", "_s)));

    int exitCode = ExitOk;
    std::unique_ptr<CacheStore> store = openForReading(dbPath(parser), command, &exitCode);
    if (!store)
        return exitCode;
    // From the period's start: re-escalations after it are read too, and
    // tell on declines within it.
    StoreResult<QueueSnapshot> loaded = store->loadRaisedSince(filter.from.startOfDay(Qt::UTC));
    if (!loaded)
        return fail(command, ExitStorageFailed, loaded.error().message);

    // The review clocks as the desk runs them (calendars folder, policy).
    const DeskSettings settings;
    QStringList problems;
    const PolicyConfig policy = settings.effectivePolicy(&problems);
    const EscalationAnalytics analytics(settings.calendars(&problems), ReviewClock(policy.review),
                                        EscalationPolicy(policy));
    problems.removeDuplicates();
    for (const QString &p : std::as_const(problems))
        errStream() << tr("note: %1\n").arg(p);
    errStream().flush();

    const AnalyticsReport report = analytics.compute(loaded->requests, loaded->cases, filter, asOf);
    if (format == u"pdf"_s) {
        if (!AnalyticsPdf::write(report, output, &error))
            return fail(command, ExitStorageFailed, tr("cannot write %1: %2").arg(output, error));
        return ExitOk;
    }
    const QByteArray text = format == u"json"_s
        ? QJsonDocument(AnalyticsExport::toJson(report)).toJson(QJsonDocument::Indented)
        : AnalyticsExport::toCsv(report, table).toUtf8();
    if (output.isEmpty()) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(text) != text.size())
            return fail(command, ExitStorageFailed, tr("cannot write to standard output"));
        return ExitOk;
    }
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return fail(command, ExitStorageFailed,
                    tr("cannot write %1: %2").arg(output, file.errorString()));
    return ExitOk;
}

} // namespace Escalation::Cli

#include "deadlinecommand.h"

#include "businesscalendar.h"
#include "exitcodes.h"
#include "subcommandhelp.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace Escalation::Cli {

namespace {

// Beyond a century of business minutes an input is a typo, not a deadline.
constexpr qint64 kMaxMinutes = 100LL * 366 * 1440;

QString tr(const char *text)
{
    return QCoreApplication::translate("DeadlineCommand", text);
}

// An ISO 8601 instant with "Z" or an explicit offset. A bare local time is
// refused: it would depend on the machine the script happens to run on.
std::optional<qint64> parseInstant(const QString &text)
{
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid() || dt.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return dt.toSecsSinceEpoch();
}

std::optional<qint64> parseMinutes(const QString &text)
{
    bool ok = false;
    const qint64 minutes = text.toLongLong(&ok);
    if (!ok || minutes < 0 || minutes > kMaxMinutes)
        return std::nullopt;
    return minutes;
}

QString instantError(const QString &text)
{
    return tr("expected an ISO 8601 instant with Z or an offset (e.g. 2026-03-30T15:00:00Z), got "
              "\"%1\"")
        .arg(text);
}

QString minutesError(const QString &text)
{
    return tr("expected a whole number of minutes from 0 to %1, got \"%2\"")
        .arg(kMaxMinutes)
        .arg(text);
}

QString isoUtc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

int fail(QTextStream &err, const QString &message)
{
    err << u"escalation-desk-cli deadline: "_s << message << u'\n';
    return ExitBadInput;
}

int runSingle(const BusinessCalendar &calendar, const QString &startText,
              const QString &minutesText, bool explain, QTextStream &out, QTextStream &err)
{
    const auto start = parseInstant(startText);
    if (!start)
        return fail(err, u"--start: "_s + instantError(startText));
    const auto minutes = parseMinutes(minutesText);
    if (!minutes)
        return fail(err, u"--minutes: "_s + minutesError(minutesText));
    const qint64 deadline = calendar.addBusinessMinutes(*start, *minutes);
    if (deadline == NoInstant)
        return fail(err,
                    tr("the calendar has no business time after the start; no deadline exists"));
    out << isoUtc(deadline) << u'\n';
    if (explain)
        out << calendar.explain(*start, *minutes).toText();
    return ExitOk;
}

// Streams: one deadline per input line as soon as it is computed, so large
// batches need no memory. The first bad line stops the batch with exit 2;
// the lines before it have been answered.
int runBatch(const BusinessCalendar &calendar, QTextStream &out, QTextStream &err)
{
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return fail(err, tr("cannot read standard input"));
    QTextStream in(&input);
    QString line;
    for (qint64 number = 1; in.readLineInto(&line); ++number) {
        const QStringList fields = line.split(u' ', Qt::SkipEmptyParts);
        if (fields.size() != 2) {
            return fail(
                err, tr("line %1: expected \"ISO8601 MINUTES\", got \"%2\"").arg(number).arg(line));
        }
        const auto start = parseInstant(fields[0]);
        if (!start)
            return fail(err, tr("line %1: %2").arg(number).arg(instantError(fields[0])));
        const auto minutes = parseMinutes(fields[1]);
        if (!minutes)
            return fail(err, tr("line %1: %2").arg(number).arg(minutesError(fields[1])));
        const qint64 deadline = calendar.addBusinessMinutes(*start, *minutes);
        if (deadline == NoInstant)
            return fail(
                err, tr("line %1: the calendar has no business time after the start").arg(number));
        out << isoUtc(deadline) << u'\n';
    }
    return ExitOk;
}

} // namespace

int runDeadline(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Computes the instant at which N business minutes after a start have elapsed on a "
           "business calendar.\n"
           "Instants are accepted with any offset and printed in UTC."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption calendarOption(u"calendar"_s, tr("The business calendar file (JSON)."),
                                            tr("FILE"));
    const QCommandLineOption startOption(
        u"start"_s, tr("The start instant, ISO 8601 with Z or an offset."), tr("ISO8601"));
    const QCommandLineOption minutesOption(u"minutes"_s, tr("Business minutes to add."), tr("N"));
    const QCommandLineOption explainOption(
        u"explain"_s, tr("Also list the intervals counted, holidays skipped and DST shifts."));
    const QCommandLineOption batchOption(
        u"batch"_s, tr("Read \"ISO8601 N\" lines from stdin; print one deadline per line."));
    parser.addOptions({calendarOption, startOption, minutesOption, explainOption, batchOption});

    if (!parser.parse(arguments))
        return fail(err, parser.errorText());
    if (parser.isSet(helpOption)) {
        out << subcommandHelp(parser, arguments);
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(
            err, tr("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));
    if (!parser.isSet(calendarOption))
        return fail(err, tr("--calendar FILE is required"));
    const bool batch = parser.isSet(batchOption);
    if (batch
        && (parser.isSet(startOption) || parser.isSet(minutesOption)
            || parser.isSet(explainOption)))
        return fail(err,
                    tr("--batch reads its inputs from stdin; it cannot be combined with --start, "
                       "--minutes or --explain"));
    if (!batch && (!parser.isSet(startOption) || !parser.isSet(minutesOption)))
        return fail(err, tr("--start ISO8601 and --minutes N are required (or --batch)"));

    QStringList errors;
    const auto calendar = BusinessCalendar::load(parser.value(calendarOption), &errors);
    if (!calendar) {
        for (const QString &error : std::as_const(errors))
            err << u"escalation-desk-cli deadline: "_s << error << u'\n';
        return ExitBadInput;
    }
    if (batch)
        return runBatch(*calendar, out, err);
    return runSingle(*calendar, parser.value(startOption), parser.value(minutesOption),
                     parser.isSet(explainOption), out, err);
}

} // namespace Escalation::Cli

// escalation-bench: measures the targets of PERFORMANCE.md and reports each
// next to its limit and its same-run reference. Not a timed test (machines
// are noisy); run it on an idle machine:
//   escalation-bench [--only P8[,P1...]] [--scale 0.1] [--repetitions 7] [--json FILE]
//                    [--growth]
// It starts the reference portal (escalation-portal, next to it in the build
// tree unless --portal says where) and runs P3 and P7 in child processes of
// itself. Widgets run on the offscreen platform unless QT_QPA_PLATFORM says
// otherwise.

#include "benchmark.h"
#include "fixture.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>

using namespace Qt::StringLiterals;

namespace {

// Register measurements here, one line each, implemented in their own files.
constexpr Bench::Measurement kMeasurements[] = {
    {"P1", "full first sync from the portal until the queue shows every row", &Bench::measureP1},
    {"P2", "incremental sync of 1 000 changed requests, answer received to rows updated",
     &Bench::measureP2},
    {"P3", "cold start with the cache full until the queue is painted and interactive",
     &Bench::measureP3},
    {"P4", "review-clock tick: compute (UI work and dataChanged exactness below)",
     &Bench::measureP4},
    {"P5", "sort the queue by a column (slowest column)", &Bench::measureP5},
    {"P6", "filter the queue per keystroke (slowest keystroke of a search)", &Bench::measureP6},
    {"P7", "memory of the whole process with the queue loaded (RSS)", &Bench::measureP7},
    {"P8", "business-time deadline (start + N business minutes)", &Bench::measureP8},
    {"P9", "live latency, portal change to the app's model, p95 with push", &Bench::measureP9},
    {"P10", "outbox: decision durable before the UI confirms it, p99", &Bench::measureP10},
    {"P11", "first sync: first page requested to the first screenful painted and usable",
     &Bench::measureP11},
    {"P12", "portal: two instances on PostgreSQL, 1 000 desks long-polling, push p95",
     &Bench::measureP12},
    {"P13", "analytics: a 52-week report over the whole cache, read and computed",
     &Bench::measureP13},
};

QJsonObject toJson(const Bench::Result &r)
{
    QJsonObject o {{u"value"_s, r.value},
                   {u"unit"_s, r.unit},
                   {u"target"_s, r.target},
                   {u"met"_s, r.met},
                   {u"failed"_s, r.failed},
                   {u"repetitions"_s, r.repetitions},
                   {u"spread"_s, QJsonObject {{u"min"_s, r.spreadMin}, {u"max"_s, r.spreadMax}}},
                   {u"notes"_s, QJsonValue::fromVariant(r.notes)}};
    if (r.hasReference) {
        o.insert(u"reference"_s, r.reference);
        o.insert(u"referenceUnit"_s, r.referenceUnit);
        o.insert(u"ratio"_s, r.ratio());
    }
    QJsonObject parts;
    for (const Bench::Part &p : r.parts) {
        parts.insert(
            p.name,
            QJsonObject {
                {u"value"_s, p.value},
                {u"unit"_s, p.unit},
                {u"target"_s, p.target},
                {u"met"_s, p.met},
                {u"spread"_s, QJsonObject {{u"min"_s, p.spreadMin}, {u"max"_s, p.spreadMax}}}});
    }
    if (!parts.isEmpty())
        o.insert(u"parts"_s, parts);
    return o;
}

QString cpuModel()
{
    QFile cpuinfo(u"/proc/cpuinfo"_s);
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return QSysInfo::currentCpuArchitecture();
}

double memoryGb()
{
    QFile meminfo(u"/proc/meminfo"_s);
    if (meminfo.open(QIODevice::ReadOnly)) {
        const QByteArray first = meminfo.readLine();
        return first.mid(9).trimmed().split(' ').first().toDouble() / 1024.0 / 1024.0;
    }
    return 0;
}

// --growth: P1, P3 and P7 at 10 000, 100 000 and 300 000 requests, each next
// to its same-run reference, printed as one Markdown table. The targets: P1
// within 1.5× its raw limit and P3 within 2.5× its bare SELECT at every
// scale, RSS within 40 MB + 1 kB per request. False when a measurement
// failed (a wrong result, not a missed target).
bool runGrowth(Bench::Options options, QTextStream &out, QJsonArray *rows)
{
    constexpr double Scales[] = {0.1, 1.0, 3.0};
    out << u"\ngrowth (P1, P3, P7 at three scales; %1 repetitions, P1 and P7 at most 3)\n"_s.arg(
        options.repetitions);
    out << u"| requests | in queue | P1 | raw limit | P1 / raw (≤ 1.5) | P3 | bare SELECT | "
           "P3 / SELECT (≤ 2.5) | RSS | RSS limit | met |\n"
           "|---|---|---|---|---|---|---|---|---|---|---|\n"_s;
    out.flush();
    bool noneFailed = true;
    for (double scale : Scales) {
        options.scale = scale;
        Bench::Fixture::instance().reset();
        const Bench::Result p1 = Bench::measureP1(options);
        const Bench::Result p3 = Bench::measureP3(options);
        const Bench::Result p7 = Bench::measureP7(options);
        // The memory limit is set for the largest scale only.
        const bool largest = scale == Scales[std::size(Scales) - 1];
        const double rssLimit = Bench::rssLimitMb(options);
        const bool failed = p1.failed || p3.failed || p7.failed;
        const bool met =
            !failed && p1.ratio() <= 1.5 && p3.ratio() <= 2.5 && (!largest || p7.value <= rssLimit);
        noneFailed = noneFailed && !failed;
        const int active = Bench::Fixture::instance().activeRequests(options);
        out << u"| %L1 | %L2 | %3 s | %4 s | %5 | %6 ms | %7 ms | %8 | %9 MB | %10 | %11 |\n"_s
                   .arg(options.requests())
                   .arg(active)
                   .arg(p1.value, 0, 'f', 2)
                   .arg(p1.reference, 0, 'f', 2)
                   .arg(p1.ratio(), 0, 'f', 2)
                   .arg(p3.value, 0, 'f', 0)
                   .arg(p3.reference, 0, 'f', 0)
                   .arg(p3.ratio(), 0, 'f', 2)
                   .arg(p7.value, 0, 'f', 0)
                   .arg(largest ? u"%1 MB"_s.arg(rssLimit, 0, 'f', 0) : u"—"_s)
                   .arg(failed    ? u"FAILED"_s
                            : met ? u"yes"_s
                                  : u"no"_s);
        out.flush();
        for (const Bench::Result *r : {&p1, &p3, &p7}) {
            if (r->failed)
                out << u"       "_s << r->notes.join(u"; "_s) << u'\n';
        }
        rows->append(QJsonObject {{u"requests"_s, options.requests()},
                                  {u"active"_s, active},
                                  {u"P1"_s, toJson(p1)},
                                  {u"P3"_s, toJson(p3)},
                                  {u"P7"_s, toJson(p7)},
                                  {u"rssLimit"_s, largest ? QJsonValue(rssLimit) : QJsonValue()},
                                  {u"met"_s, met}});
    }
    return noneFailed;
}

} // namespace

double Bench::processStartedAt = 0;

int main(int argc, char *argv[])
{
    Bench::processStartedAt = Bench::nowMs();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The libraries' debug output would cost time in the measured paths.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        qputenv("QT_LOGGING_RULES", "escalation.*.debug=false;escalation.*.info=false");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"escalation-bench"_s);
    // Settings, caches and keychain entries of the bench stay apart from a
    // real desk's.
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures the PERFORMANCE.md targets."_s);
    parser.addHelpOption();
    const QCommandLineOption jsonOption(
        u"json"_s, u"Also write the results as one JSON object to FILE."_s, u"FILE"_s);
    const QCommandLineOption onlyOption(
        u"only"_s, u"Run only these measurements (comma-separated ids)."_s, u"IDS"_s);
    const QCommandLineOption scaleOption(u"scale"_s, u"Scale the input sizes (default 1)."_s,
                                         u"FACTOR"_s, u"1"_s);
    const QCommandLineOption repetitionsOption(
        u"repetitions"_s, u"Timed repetitions, at least 5 (default 7)."_s, u"N"_s, u"7"_s);
    const QCommandLineOption portalOption(u"portal"_s, u"The escalation-portal executable."_s,
                                          u"FILE"_s);
    QCommandLineOption childOption(u"child"_s, u"Internal: run a child-process measurement."_s,
                                   u"MODE"_s);
    const QCommandLineOption rssOption(u"measure-rss"_s,
                                       u"Internal: the P7 child process on CACHE."_s);
    const QCommandLineOption growthOption(
        u"growth"_s,
        u"Then measure P1, P3 and P7 at 10 000, 100 000 and 300 000 requests and print how "
        "they grow (with --only none: the growth table alone)."_s);
    childOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({jsonOption, onlyOption, scaleOption, repetitionsOption, portalOption,
                       growthOption, childOption, rssOption});
    parser.addPositionalArgument(u"CACHE"_s, u"Internal: the cache a child process opens."_s);
    parser.process(app);

    if (parser.isSet(childOption) || parser.isSet(rssOption)) {
        const QString cache = parser.positionalArguments().value(0);
        if (parser.isSet(rssOption))
            return Bench::runRssChild(cache);
        if (parser.value(childOption) == u"cold-start"_s)
            return Bench::runColdStartChild(cache);
        QTextStream(stderr) << "escalation-bench: unknown child mode " << parser.value(childOption)
                            << '\n';
        return 2;
    }

    QTextStream out(stdout);
    Bench::Options options;
    bool ok = false;
    options.scale = parser.value(scaleOption).toDouble(&ok);
    if (!ok || options.scale <= 0) {
        QTextStream(stderr) << "escalation-bench: --scale: expected a positive number\n";
        return 2;
    }
    options.repetitions = std::max(5, parser.value(repetitionsOption).toInt());
    const QStringList only = parser.value(onlyOption).split(u',', Qt::SkipEmptyParts);
    options.benchExecutable = QCoreApplication::applicationFilePath();
    options.portalExecutable = parser.isSet(portalOption) ? parser.value(portalOption)
                                                          : QStringLiteral(ESCALATION_PORTAL_EXE);
    if (!QFileInfo(options.portalExecutable).isExecutable()) {
        QTextStream(stderr) << "escalation-bench: no escalation-portal at "
                            << options.portalExecutable << " (use --portal FILE)\n";
        return 2;
    }
    out << u"escalation-bench: %1 requests on as many cases; %2 repetitions; %3 cores, %4, %5 GB RAM; Qt %6\n"_s
               .arg(options.requests())
               .arg(options.repetitions)
               .arg(QThread::idealThreadCount())
               .arg(cpuModel())
               .arg(memoryGb(), 0, 'f', 1)
               .arg(QString::fromLatin1(qVersion()));
    const double runStart = Bench::nowMs();

    QJsonObject json;
    bool allPassed = true;
    out << u"%1 %2 %3 %4 %5 %6  %7\n"_s.arg(u"id"_s, -4)
               .arg(u"median"_s, 12)
               .arg(u"spread"_s, 21)
               .arg(u"target"_s, 8)
               .arg(u"reference"_s, 12)
               .arg(u"ratio"_s, 10)
               .arg(u"result"_s);
    for (const Bench::Measurement &m : kMeasurements) {
        const QString id = QString::fromLatin1(m.id);
        if (!only.isEmpty() && !only.contains(id))
            continue;
        const Bench::Result r = m.run(options);
        allPassed = allPassed && !r.failed;
        out << u"%1 %2 %3 %4 %5 %6  %7   %8 [%9]\n"_s.arg(id, -4)
                   .arg(r.value, 12, 'g', 4)
                   .arg(u"%1..%2"_s.arg(r.spreadMin, 0, 'g', 4).arg(r.spreadMax, 0, 'g', 4), 21)
                   .arg(r.target, 8, 'g', 4)
                   .arg(r.hasReference ? QString::number(r.reference, 'g', 4) : u"-"_s, 12)
                   .arg(r.hasReference ? QString::number(r.ratio(), 'g', 3) : u"-"_s, 10)
                   .arg(r.failed    ? u"FAILED"_s
                            : r.met ? u"met"_s
                                    : u"missed"_s)
                   .arg(QString::fromLatin1(m.title), r.unit);
        for (const Bench::Part &p : r.parts) {
            out << u"%1 %2 %3 %4 %5 %6  %7   %8\n"_s.arg(u"  +"_s, -4)
                       .arg(p.value, 12, 'g', 4)
                       .arg(p.spreadMin == p.spreadMax ? QString()
                                                       : u"%1..%2"_s.arg(p.spreadMin, 0, 'g', 4)
                                                             .arg(p.spreadMax, 0, 'g', 4),
                            21)
                       .arg(p.target, 8, 'g', 4)
                       .arg(u"-"_s, 12)
                       .arg(u"-"_s, 10)
                       .arg(p.met ? u"met"_s : u"missed"_s)
                       .arg(p.name + u" ["_s + p.unit + u']');
        }
        for (const QString &note : r.notes)
            out << u"       "_s << note << u'\n';
        out.flush();
        json.insert(id, toJson(r));
    }
    if (parser.isSet(growthOption)) {
        QJsonArray growth;
        allPassed = runGrowth(options, out, &growth) && allPassed;
        json.insert(u"growth"_s, growth);
    }
    const double runSeconds = (Bench::nowMs() - runStart) / 1000.0;
    out << u"total %1 s\n"_s.arg(runSeconds, 0, 'f', 1);
    json.insert(u"machine"_s,
                QJsonObject {{u"cores"_s, QThread::idealThreadCount()},
                             {u"cpu"_s, cpuModel()},
                             {u"memoryGb"_s, memoryGb()},
                             {u"qt"_s, QString::fromLatin1(qVersion())},
                             {u"requests"_s, options.requests()},
                             {u"repetitions"_s, options.repetitions},
                             {u"seconds"_s, runSeconds}});

    if (parser.isSet(jsonOption)) {
        QFile file(parser.value(jsonOption));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(QJsonDocument(json).toJson()) < 0 || !file.flush()) {
            QTextStream(stderr) << "escalation-bench: cannot write " << file.fileName() << ": "
                                << file.errorString() << '\n';
            return 4;
        }
    }
    return allPassed ? 0 : 1;
}

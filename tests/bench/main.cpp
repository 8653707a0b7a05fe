// escalation-bench: measures the targets of PERFORMANCE.md and reports each
// next to its limit and its same-run reference. Not a timed test (machines
// are noisy); run it on an idle machine:
//   escalation-bench [--only P8[,P1...]] [--scale 0.1] [--repetitions 7] [--json FILE]

#include "benchmark.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

// Register measurements here, one line each, implemented in their own files.
constexpr Bench::Measurement kMeasurements[] = {
    {"P8", "business-time deadline (start + N business minutes)", &Bench::measureP8},
};

QJsonObject toJson(const Bench::Result &r)
{
    QJsonObject o{{u"value"_s, r.value},
                  {u"unit"_s, r.unit},
                  {u"target"_s, r.target},
                  {u"met"_s, r.met},
                  {u"failed"_s, r.failed},
                  {u"repetitions"_s, r.repetitions},
                  {u"spread"_s, QJsonObject{{u"min"_s, r.spreadMin}, {u"max"_s, r.spreadMax}}},
                  {u"notes"_s, QJsonValue::fromVariant(r.notes)}};
    if (r.hasReference) {
        o.insert(u"reference"_s, r.reference);
        o.insert(u"referenceUnit"_s, r.referenceUnit);
        o.insert(u"ratio"_s, r.ratio());
    }
    return o;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"escalation-bench"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures the PERFORMANCE.md targets."_s);
    parser.addHelpOption();
    const QCommandLineOption jsonOption(u"json"_s, u"Also write the results as one JSON object to FILE."_s, u"FILE"_s);
    const QCommandLineOption onlyOption(u"only"_s, u"Run only these measurements (comma-separated ids)."_s, u"IDS"_s);
    const QCommandLineOption scaleOption(u"scale"_s, u"Scale the input sizes (default 1)."_s, u"FACTOR"_s, u"1"_s);
    const QCommandLineOption repetitionsOption(u"repetitions"_s, u"Timed repetitions, at least 5 (default 7)."_s, u"N"_s, u"7"_s);
    parser.addOptions({jsonOption, onlyOption, scaleOption, repetitionsOption});
    parser.process(app);

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

    QJsonObject json;
    bool allPassed = true;
    out << u"%1 %2 %3 %4 %5 %6  %7\n"_s.arg(u"id"_s, -4).arg(u"median"_s, 12).arg(u"spread"_s, 21).arg(u"target"_s, 8)
               .arg(u"reference"_s, 12).arg(u"ratio"_s, 10).arg(u"result"_s);
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
                   .arg(r.failed ? u"FAILED"_s : r.met ? u"met"_s : u"missed"_s)
                   .arg(QString::fromLatin1(m.title), r.unit);
        for (const QString &note : r.notes)
            out << u"       "_s << note << u'\n';
        out.flush();
        json.insert(id, toJson(r));
    }

    if (parser.isSet(jsonOption)) {
        QFile file(parser.value(jsonOption));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(QJsonDocument(json).toJson()) < 0 || !file.flush()) {
            QTextStream(stderr) << "escalation-bench: cannot write " << file.fileName() << ": " << file.errorString() << '\n';
            return 4;
        }
    }
    return allPassed ? 0 : 1;
}

// The README's command line section is the help of escalation-desk-cli,
// word for word: every ```console block there that starts with
// "$ escalation-desk-cli … --help" must be exactly what that command
// prints, and every command the top-level help lists must have one.

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestReadmeCli final : public QObject {
    Q_OBJECT

    struct Block {
        QStringList arguments; // after the program name
        QString text; // the lines after the command line
    };

    static QList<Block> readmeBlocks()
    {
        QFile file(QStringLiteral(README_FILE));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QString readme = QString::fromUtf8(file.readAll());
        const qsizetype start = readme.indexOf(u"\n## Command line\n"_s);
        const qsizetype end = readme.indexOf(u"\n## "_s, start + 1);
        const QString section = readme.mid(start, end - start);
        QList<Block> blocks;
        static const QRegularExpression fence(
            u"```console\n\\$ escalation-desk-cli ([^\n]*)\n(.*?)```"_s,
            QRegularExpression::DotMatchesEverythingOption);
        for (auto it = fence.globalMatch(section); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            blocks.append({m.captured(1).split(u' ', Qt::SkipEmptyParts), m.captured(2)});
        }
        return blocks;
    }

    static QString help(const QStringList &arguments)
    {
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // The README is English.
        env.insert(u"LANGUAGE"_s, u"C"_s);
        env.insert(u"LC_ALL"_s, u"C"_s);
        env.insert(u"LANG"_s, u"C"_s);
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(ESCALATION_CLI_EXE), arguments);
        if (!cli.waitForFinished(60000))
            return u"(did not finish)"_s;
        return QString::fromUtf8(cli.readAllStandardOutput());
    }

private Q_SLOTS:
    void readmeHelpBlocks_matchTheProgramsHelp_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("text");
        const QList<Block> blocks = readmeBlocks();
        QVERIFY2(!blocks.isEmpty(), "no help blocks in the README's command line section");
        for (const Block &b : blocks)
            QTest::newRow(qPrintable(b.arguments.join(u' '))) << b.arguments << b.text;
    }

    void readmeHelpBlocks_matchTheProgramsHelp()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, text);
        QVERIFY(arguments.endsWith(u"--help"_s));
        QCOMPARE(help(arguments), text);
    }

    void everyCommand_hasItsHelpInTheReadme()
    {
        QStringList documented;
        for (const Block &b : readmeBlocks())
            documented << b.arguments.join(u' ');
        QVERIFY(documented.contains(u"--help"_s));
        const QString usage = help({u"--help"_s});
        static const QRegularExpression command(u"^  (\\w+) "_s,
                                                QRegularExpression::MultilineOption);
        int commands = 0;
        for (auto it = command.globalMatch(usage); it.hasNext(); ++commands) {
            const QString name = it.next().captured(1);
            QVERIFY2(documented.contains(name + u" --help"_s), qPrintable(name));
        }
        QVERIFY(commands >= 6);
    }
};

QTEST_GUILESS_MAIN(TestReadmeCli)
#include "tst_readmecli.moc"

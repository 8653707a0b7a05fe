#include "analyticspdf.h"

#include "achievementchartpainter.h"
#include "analyticscharts.h"
#include "barchartpainter.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTemporaryFile>
#include <QTextDocument>
#include <QUrl>

#include <tuple>

namespace Escalation::AnalyticsPdf {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::AnalyticsPdf", text);
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString percent(const std::optional<double> &share)
{
    return share ? QLocale().toString(*share * 100.0, 'f', 1) + QStringLiteral(" %")
                 : QStringLiteral("—");
}

QString minutes(const std::optional<qint64> &m)
{
    if (!m)
        return QStringLiteral("—");
    const qint64 h = *m / 60;
    return h == 0 ? tr("%1 min").arg(*m) : tr("%1 h %2 min").arg(h).arg(*m % 60);
}

QString date(const QDate &d)
{
    return QLocale().toString(d, QLocale::ShortFormat);
}

// One table: a header row and data rows, numbers right-aligned.
class Table {
public:
    explicit Table(const QStringList &headers)
    {
        m_html +=
            QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" "
                           "border=\"1\" style=\"border-color:#999; border-style:solid\"><tr>");
        for (const QString &h : headers)
            m_html += QStringLiteral("<th bgcolor=\"#e8e8e8\" align=\"left\">%1</th>").arg(esc(h));
        m_html += QStringLiteral("</tr>");
    }
    void row(const QStringList &cells)
    {
        m_html += QStringLiteral("<tr>");
        for (qsizetype i = 0; i < cells.size(); ++i)
            m_html += QStringLiteral("<td align=\"%1\">%2</td>")
                          .arg(i == 0 ? QStringLiteral("left") : QStringLiteral("right"),
                               esc(cells.at(i)));
        m_html += QStringLiteral("</tr>");
    }
    QString html() const { return m_html + QStringLiteral("</table>"); }

private:
    QString m_html;
};

QImage chartImage(const AnalyticsReport &report)
{
    // Drawn at twice the size it is shown at, so that it stays sharp when
    // printed or zoomed.
    QImage image(1600, 500, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(22);
    const AchievementChartPainter chart(report.weeks, image.rect().adjusted(10, 10, -10, -10),
                                        font);
    AchievementChartStyle style;
    style.font = font;
    style.grid = QColor(0x99, 0x99, 0x99);
    // Green at or above the 90 % aim, amber from half, red below: the
    // bar's height says the same.
    style.barColour = [](double share) {
        return share >= 0.9 ? QColor(0x2e, 0x7d, 0x32)
            : share >= 0.5  ? QColor(0xb2, 0x6a, 0x00)
                            : QColor(0xc6, 0x28, 0x28);
    };
    chart.paint(&p, style);
    return image;
}

// A stacked chart at twice the size it is shown at, like the one above.
QImage barChartImage(const BarChartData &data, int height)
{
    QImage image(1600, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(22);
    const BarChartPainter chart(data, image.rect().adjusted(10, 10, -10, -10), font);
    BarChartStyle style;
    style.font = font;
    style.grid = QColor(0xcc, 0xcc, 0xcc);
    chart.paint(&p, style);
    return image;
}

QString image(const QString &name, int height)
{
    return QStringLiteral("<p><img src=\"%1\" width=\"640\" height=\"%2\"></p>")
        .arg(name)
        .arg(height / 2);
}

constexpr int WeekChartHeight = 440;
constexpr int FunnelChartHeight = 280;

} // namespace

QString html(const AnalyticsReport &r)
{
    QString out;
    out += QStringLiteral("<html><body style=\"font-family:'DejaVu Sans'; font-size:9pt\">");
    out += QStringLiteral("<h1 style=\"font-size:16pt\">%1</h1>")
               .arg(esc(
                   tr("Escalation review: %1 to %2").arg(date(r.filter.from), date(r.filter.to))));
    QStringList scope;
    if (!r.filter.team.isEmpty())
        scope << tr("team %1").arg(r.filter.team);
    if (!r.filter.account.isEmpty())
        scope << tr("account %1").arg(r.filter.account);
    if (!r.filter.levels.isEmpty()) {
        QStringList levels;
        for (int l : r.filter.levels)
            levels << QString::number(l);
        scope << tr("levels %1").arg(levels.join(QStringLiteral(", ")));
    }
    out += QStringLiteral("<p>%1</p>")
               .arg(esc(
                   tr("Scope: %1. Computed %2 (UTC).")
                       .arg(scope.isEmpty() ? tr("all requests") : scope.join(QStringLiteral("; ")),
                            QLocale().toString(r.computedAt.toUTC(), QLocale::ShortFormat))));
    int due = 0;
    for (const AnalyticsWeek &w : r.weeks)
        due += w.reviewsDue.count;
    out += QStringLiteral("<p style=\"font-size:11pt\"><b>%1</b></p>")
               .arg(esc(tr("%1 requests; %2 reviews due, %3 within the 4-business-hour target. "
                           "%4 of %5 declines came back within 7 days. Refused: %6 too early "
                           "(%8 of them accepted early with a justification), %7 as S1 outages. "
                           "%9 handed to another region.")
                            .arg(r.requests)
                            .arg(due)
                            .arg(percent(r.achievement()))
                            .arg(r.reEscalatedAfterDecline.size())
                            .arg(r.declines.count)
                            .arg(r.refusedTooEarly.count)
                            .arg(r.refusedOutage.count)
                            .arg(r.acceptedEarly.count)
                            .arg(r.handedOff.count)
                        + u' '
                        + tr("%1 requests waited on their requester (%2 questions); median "
                             "wait %3 business minutes.")
                              .arg(r.waitedOnRequester.count)
                              .arg(r.waits)
                              .arg(r.medianWaitMinutes ? QString::number(*r.medianWaitMinutes)
                                                       : tr("n/a"))));

    out += QStringLiteral("<h2 style=\"font-size:12pt\">%1</h2>")
               .arg(esc(tr("Review target by week")));
    out += QStringLiteral("<p><img src=\"chart.png\" width=\"640\" height=\"200\"></p>");
    Table weeks({tr("Week of"), tr("Raised"), tr("L1"), tr("L2"), tr("L3"), tr("L4"), tr("Due"),
                 tr("On time"), tr("Achieved"), tr("Median"), tr("90th pct.")});
    for (const AnalyticsWeek &w : r.weeks) {
        QStringList cells {date(w.monday), QString::number(w.raised.count)};
        for (const AnalyticsCount &c : w.byLevel)
            cells << QString::number(c.count);
        cells << QString::number(w.reviewsDue.count) << QString::number(w.onTime.count)
              << percent(w.achievement()) << minutes(w.medianMinutesToDecision)
              << minutes(w.p90MinutesToDecision);
        weeks.row(cells);
    }
    out += weeks.html();
    out += QStringLiteral("<h2 style=\"font-size:12pt\">%1</h2>")
               .arg(esc(tr("Escalations raised by week and level")));
    out += image(QStringLiteral("levels.png"), WeekChartHeight);
    out += QStringLiteral("<h2 style=\"font-size:12pt\">%1</h2>")
               .arg(esc(tr("Escalations raised by week and reason")));
    out += image(QStringLiteral("reasons.png"), WeekChartHeight);
    Table reasons(QStringList {tr("Week of")} + [] {
        QStringList names;
        for (Reason reason : AnalyticsCharts::reasonOrder())
            names << displayName(reason);
        return names;
    }());
    for (const AnalyticsWeek &w : r.weeks) {
        QStringList cells {date(w.monday)};
        for (Reason reason : AnalyticsCharts::reasonOrder())
            cells << QString::number(w.byReason.value(reason).count);
        reasons.row(cells);
    }
    out += reasons.html();

    for (const auto &[title, list] : {std::pair {tr("Decisions by manager"), &r.managers},
                                      std::pair {tr("Decisions by team"), &r.teams}}) {
        out += QStringLiteral("<h2 style=\"font-size:12pt\">%1</h2>").arg(esc(title));
        Table table({tr("Name"), tr("Accepted"), tr("Declined"), tr("Decline rate")});
        for (const AnalyticsOutcome &o : *list)
            table.row({o.name.isEmpty() ? tr("(unknown)") : o.name,
                       QString::number(o.accepted.count), QString::number(o.declined.count),
                       percent(o.declineRate())});
        out += table.html();
    }

    out += QStringLiteral("<h2 style=\"font-size:12pt\">%1</h2>").arg(esc(tr("The ladder")));
    out += image(QStringLiteral("funnel.png"), FunnelChartHeight);
    Table funnel({tr("Level"), tr("Reached"), tr("Moved on"), tr("Median time at the level")});
    for (const AnalyticsLevel &l : r.funnel)
        funnel.row({tr("Level %1").arg(l.level), QString::number(l.reached.count),
                    QString::number(l.movedOn), minutes(l.medianMinutesAtLevel)});
    out += funnel.html();

    out += QStringLiteral("<h2 style=\"font-size:12pt\">%1</h2>")
               .arg(esc(tr("Accounts with the most level-3 and level-4 escalations")));
    Table accounts({tr("Account"), tr("Level 3"), tr("Level 4")});
    for (const AnalyticsAccount &a : r.topAccounts)
        accounts.row({a.account, QString::number(a.level3.count), QString::number(a.level4.count)});
    out += accounts.html();

    out += QStringLiteral("<h2 style=\"font-size:12pt\">%1</h2>")
               .arg(esc(tr("Declines that came back within 7 days")));
    Table back(
        {tr("Case"), tr("Declined"), tr("Declined at"), tr("Re-escalation"), tr("Raised at")});
    for (const AnalyticsReEscalation &e : r.reEscalatedAfterDecline)
        back.row({e.caseNumber, e.declinedId,
                  QLocale().toString(e.declinedAt.toUTC(), QLocale::ShortFormat), e.reEscalationId,
                  QLocale().toString(e.reEscalatedAt.toUTC(), QLocale::ShortFormat)});
    out += back.html();
    out += QStringLiteral("<p style=\"font-size:8pt\">%1</p>")
               .arg(esc(tr("Business time on each request's calendar. Definitions: "
                           "docs/analytics.md of Escalation Desk.")));
    out += QStringLiteral("</body></html>");
    return out;
}

bool write(const AnalyticsReport &report, const QString &fileName, QString *error)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        // The document is laid out in screen pixels (96 per inch), which
        // its point sizes and the chart's width assume; the PDF keeps the
        // text as vectors whatever this number.
        writer.setResolution(96);
        writer.setTitle(tr("Escalation review %1 to %2")
                            .arg(report.filter.from.toString(Qt::ISODate),
                                 report.filter.to.toString(Qt::ISODate)));
        writer.setCreator(QStringLiteral("Escalation Desk"));
        QTextDocument document;
        document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart.png")),
                             chartImage(report));
        for (const auto &[name, chart, height] :
             {std::tuple {QStringLiteral("levels.png"), AnalyticsCharts::levelsByWeek(report),
                          WeekChartHeight},
              std::tuple {QStringLiteral("reasons.png"), AnalyticsCharts::reasonsByWeek(report),
                          WeekChartHeight},
              std::tuple {QStringLiteral("funnel.png"), AnalyticsCharts::funnel(report),
                          FunnelChartHeight}})
            document.addResource(QTextDocument::ImageResource, QUrl(name),
                                 barChartImage(chart, height));
        document.setHtml(html(report));
        document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size());
        document.print(&writer);
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace Escalation::AnalyticsPdf

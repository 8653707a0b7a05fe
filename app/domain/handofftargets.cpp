#include "handofftargets.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <limits>
#include <tuple>

namespace Escalation {

namespace {

QSet<QString> wordsOf(const QString &team)
{
    static const QRegularExpression separators(QStringLiteral("[^\\w]+"));
    const QStringList words = team.toCaseFolded().split(separators, Qt::SkipEmptyParts);
    return {words.cbegin(), words.cend()};
}

// Smaller is better: the most business time ahead; then open before
// closed, open longest, opening soonest; then the most words shared with
// the current team.
auto rankKey(const HandOffTarget &t, const QSet<QString> &fromWords, qint64 nowSecs)
{
    const qint64 horizon = t.region.changesAt == NoInstant ? std::numeric_limits<qint64>::max() / 2
                                                           : t.region.changesAt - nowSecs;
    const qint64 timing = t.region.open ? -horizon : horizon;
    const auto shared = qsizetype(wordsOf(t.team).intersect(fromWords).size());
    return std::make_tuple(-t.businessSecondsAhead, t.region.open ? 0 : 1, timing, -shared);
}

} // namespace

QList<HandOffTarget> HandOffTargets::rank(const QString &fromTeam,
                                          const QHash<QString, QString> &teamCalendars,
                                          const CalendarRegistry &calendars, qint64 nowSecs)
{
    QHash<QString, HandOffTarget> regions; // worked out once per calendar
    QList<HandOffTarget> targets;
    for (auto it = teamCalendars.cbegin(); it != teamCalendars.cend(); ++it) {
        if (it.key() == fromTeam || it.key().trimmed().isEmpty())
            continue;
        if (!regions.contains(it.value())) {
            const BusinessCalendar calendar = calendars.find(it.value()).calendar;
            regions.insert(it.value(),
                           HandOffTarget {{},
                                          RegionHours::status(calendar, nowSecs),
                                          calendar.businessSecondsBetween(
                                              nowSecs, nowSecs + LookAheadSeconds)});
        }
        HandOffTarget target = regions.value(it.value());
        target.team = it.key();
        targets.append(target);
    }
    const QSet<QString> fromWords = wordsOf(fromTeam);
    std::sort(targets.begin(), targets.end(), [&](const HandOffTarget &a, const HandOffTarget &b) {
        const auto ka = rankKey(a, fromWords, nowSecs);
        const auto kb = rankKey(b, fromWords, nowSecs);
        return ka != kb ? ka < kb : a.team.localeAwareCompare(b.team) < 0;
    });
    return targets;
}

} // namespace Escalation

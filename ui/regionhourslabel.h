#pragma once

// Follow-the-sun in the status bar: which regions' business hours are on now
// and when that changes ("EMEA open, closes in 40 min · Americas closed,
// opens in 2 h"), from the desk's business calendars, refreshed each minute.

#include <QLabel>

namespace Escalation {

class ReviewClockService;

class RegionHoursLabel final : public QLabel {
    Q_OBJECT
public:
    explicit RegionHoursLabel(const ReviewClockService *clock, QWidget *parent = nullptr);

    // Reads the calendars and the clock's now again.
    void refresh();

private:
    const ReviewClockService *m_clock;
    qint64 m_shownMinute = -1;
};

} // namespace Escalation

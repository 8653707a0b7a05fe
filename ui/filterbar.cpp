#include "filterbar.h"

#include <reviewclock.h>

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

namespace Escalation {

namespace {
constexpr int DebounceMs = 150;
const char *const NameProperty = "choiceName";
} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_owner(new QComboBox(this))
    , m_team(new QComboBox(this))
    , m_clear(new QToolButton(this))
{
    setObjectName(QStringLiteral("filterBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setAccessibleName(tr("Search the queue"));
    m_search->setPlaceholderText(tr("Search case, subject, account, person… (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(fontMetrics().averageCharWidth() * 32);
    layout->addWidget(m_search, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(m_search, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(&m_debounce, &QTimer::timeout, this, &FilterBar::rebuild);
    // Enter applies at once, without waiting for the pause.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        rebuild();
        Q_EMIT searchSubmitted();
    });

    m_clock = addChoice(tr("Clock"), QStringLiteral("clockFilter"),
                        {{displayName(ClockState::Breached), int(ClockState::Breached)},
                         {displayName(ClockState::Approaching), int(ClockState::Approaching)},
                         {displayName(ClockState::OnTrack), int(ClockState::OnTrack)},
                         {displayName(ClockState::Waiting), int(ClockState::Waiting)},
                         {displayName(ClockState::Answered), int(ClockState::Answered)}});
    m_states = addChoice(tr("State"), QStringLiteral("stateFilter"),
                         {{displayName(RequestState::Pending), int(RequestState::Pending)},
                          {displayName(RequestState::Accepted), int(RequestState::Accepted)},
                          {displayName(RequestState::Declined), int(RequestState::Declined)}});
    m_levels =
        addChoice(tr("Level"), QStringLiteral("levelFilter"),
                  {{tr("Level 1"), 1}, {tr("Level 2"), 2}, {tr("Level 3"), 3}, {tr("Level 4"), 4}});
    m_severities = addChoice(tr("Severity"), QStringLiteral("severityFilter"),
                             {{tr("S1 outage"), 1}, {tr("S2"), 2}, {tr("S3"), 3}, {tr("S4"), 4}});
    m_tiers = addChoice(tr("Tier"), QStringLiteral("tierFilter"),
                        {{displayName(SupportTier::Premium), int(SupportTier::Premium)},
                         {displayName(SupportTier::Standard), int(SupportTier::Standard)}});
    QList<QPair<QString, int>> reasons;
    for (Reason r : {Reason::TimeConstraint, Reason::ImpairedFunction, Reason::FirstResponseMissed,
                     Reason::LackOfUpdates, Reason::Other})
        reasons.append({displayName(r), int(r)});
    m_reasons = addChoice(tr("Reason"), QStringLiteral("reasonFilter"), reasons);
    m_owed = addChoice(tr("Owes"), QStringLiteral("owedFilter"),
                       {{tr("Level-3 analysis"), int(Obligation::FullAnalysis)},
                        {tr("Level-4 acknowledgement"), int(Obligation::OwnerAcknowledgement)}});
    m_owed->setToolTip(tr("Level-3 and level-4 requests that still owe what their level requires"));

    m_owner->setObjectName(QStringLiteral("ownerFilter"));
    m_owner->setToolTip(tr("Owner"));
    m_owner->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fillCombo(m_owner, tr("Any owner"), {}, true);
    layout->addWidget(m_owner);
    m_team->setObjectName(QStringLiteral("teamFilter"));
    m_team->setToolTip(tr("Team"));
    m_team->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fillCombo(m_team, tr("Any team"), {}, false);
    layout->addWidget(m_team);
    connect(m_owner, &QComboBox::currentIndexChanged, this, &FilterBar::rebuild);
    connect(m_team, &QComboBox::currentIndexChanged, this, &FilterBar::rebuild);

    m_clear->setObjectName(QStringLiteral("clearFilters"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Show every request again"));
    m_clear->setAutoRaise(true);
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    layout->addWidget(m_clear);

    // Tab goes left to right, as the bar reads, not in order of creation.
    QWidget *previous = nullptr;
    for (int i = 0; i < layout->count(); ++i) {
        QWidget *widget = layout->itemAt(i)->widget();
        if (previous && widget)
            setTabOrder(previous, widget);
        previous = widget ? widget : previous;
    }
}

QToolButton *FilterBar::addChoice(const QString &name, const QString &objectName,
                                  const QList<QPair<QString, int>> &values)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setProperty(NameProperty, name);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(button);
    for (const auto &[text, value] : values) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setData(value);
        connect(action, &QAction::toggled, this, [this, button, name] {
            updateChoiceLabel(button, name);
            rebuild();
        });
    }
    button->setMenu(menu);
    updateChoiceLabel(button, name);
    layout()->addWidget(button);
    return button;
}

QList<int> FilterBar::checked(QToolButton *button) const
{
    QList<int> values;
    for (const QAction *action : button->menu()->actions()) {
        if (action->isChecked())
            values.append(action->data().toInt());
    }
    return values;
}

void FilterBar::updateChoiceLabel(QToolButton *button, const QString &name)
{
    QStringList texts;
    for (const QAction *action : button->menu()->actions()) {
        if (action->isChecked())
            texts.append(action->text());
    }
    button->setText(
        texts.isEmpty() ? name : name + QStringLiteral(": ") + texts.join(QStringLiteral(", ")));
}

void FilterBar::fillCombo(QComboBox *combo, const QString &anyText, const QStringList &values,
                          bool withUnowned)
{
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(anyText, QString());
    if (withUnowned)
        combo->addItem(tr("Unowned"), QueueFilter::unownedToken());
    for (const QString &value : values)
        combo->addItem(value, value);
    const int index = combo->findData(current);
    combo->setCurrentIndex(index >= 0 ? index : 0);
}

void FilterBar::setOwners(const QStringList &owners)
{
    fillCombo(m_owner, tr("Any owner"), owners, true);
}
void FilterBar::setTeams(const QStringList &teams)
{
    fillCombo(m_team, tr("Any team"), teams, false);
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void FilterBar::clear()
{
    {
        const QSignalBlocker blocker(this);
        m_search->clear();
        for (QToolButton *button :
             {m_clock, m_states, m_levels, m_severities, m_tiers, m_reasons, m_owed})
            checkOnly(button, {});
        const QSignalBlocker ownerBlocker(m_owner);
        const QSignalBlocker teamBlocker(m_team);
        m_owner->setCurrentIndex(0);
        m_team->setCurrentIndex(0);
    }
    m_debounce.stop();
    rebuild();
}

void FilterBar::checkOnly(QToolButton *button, const QList<int> &values)
{
    for (QAction *action : button->menu()->actions()) {
        const QSignalBlocker actionBlocker(action);
        action->setChecked(values.contains(action->data().toInt()));
    }
    updateChoiceLabel(button, button->property(NameProperty).toString());
}

void FilterBar::selectData(QComboBox *combo, const QString &value, const QString &text)
{
    const QSignalBlocker blocker(combo);
    int index = combo->findData(value);
    if (index < 0) {
        combo->addItem(text, value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

void FilterBar::setFilter(const QueueFilter &filter)
{
    const auto ints = [](const auto &values) {
        QList<int> result;
        for (const auto &v : values)
            result.append(int(v));
        return result;
    };
    {
        const QSignalBlocker blocker(this);
        const QSignalBlocker searchBlocker(m_search);
        m_search->setText(filter.text());
        checkOnly(m_clock, ints(filter.clockStates()));
        checkOnly(m_states, ints(filter.states()));
        checkOnly(m_levels, filter.levels());
        checkOnly(m_severities, ints(filter.severities()));
        checkOnly(m_tiers, ints(filter.tiers()));
        checkOnly(m_reasons, ints(filter.reasons()));
        checkOnly(m_owed, ints(filter.obligations()));
        selectData(m_owner, filter.owner(), filter.owner());
        selectData(m_team, filter.team(), filter.team());
    }
    m_debounce.stop();
    rebuild();
}

void FilterBar::rebuild()
{
    QueueFilter filter;
    filter.setText(m_search->text());
    QList<ClockState> clock;
    for (int v : checked(m_clock))
        clock.append(ClockState(v));
    filter.setClockStates(clock);
    QList<RequestState> states;
    for (int v : checked(m_states))
        states.append(RequestState(v));
    filter.setStates(states);
    filter.setLevels(checked(m_levels));
    QList<Severity> severities;
    for (int v : checked(m_severities))
        severities.append(Severity(v));
    filter.setSeverities(severities);
    QList<SupportTier> tiers;
    for (int v : checked(m_tiers))
        tiers.append(SupportTier(v));
    filter.setTiers(tiers);
    QList<Reason> reasons;
    for (int v : checked(m_reasons))
        reasons.append(Reason(v));
    filter.setReasons(reasons);
    QList<Obligation> owed;
    for (int v : checked(m_owed))
        owed.append(Obligation(v));
    filter.setObligations(owed);
    filter.setOwner(m_owner->currentData().toString());
    filter.setTeam(m_team->currentData().toString());
    m_clear->setEnabled(!filter.isEmpty());
    if (filter == m_filter)
        return;
    m_filter = filter;
    Q_EMIT filterChanged(m_filter);
}

} // namespace Escalation

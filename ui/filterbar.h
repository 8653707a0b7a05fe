#pragma once

// The bar above the queue: a search field (debounced, so a fast typist
// filters once, not per key) and one drop-down per criterion. It edits a
// QueueFilter and hands it on; it knows nothing about the model.

#include <queuefilter.h>

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QMenu;
class QToolButton;

namespace Escalation {

class FilterBar final : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    QueueFilter filter() const { return m_filter; }
    // People and teams offered in the owner and team drop-downs.
    void setOwners(const QStringList &owners);
    void setTeams(const QStringList &teams);
    void focusSearch();
    QLineEdit *searchField() const { return m_search; }

public Q_SLOTS:
    void clear();
    // Shows this filter in the bar (a saved view): the search text, each
    // choice's checks, the owner and the team (added to their lists when
    // the queue has none of theirs yet), and hands it on.
    void setFilter(const Escalation::QueueFilter &filter);

Q_SIGNALS:
    void filterChanged(const Escalation::QueueFilter &filter);
    // Enter in the search field: the filter is applied and the user wants
    // the results.
    void searchSubmitted();

private:
    // A drop-down of checkable values; none checked means "any".
    QToolButton *addChoice(const QString &name, const QString &objectName,
                           const QList<QPair<QString, int>> &values);
    QList<int> checked(QToolButton *button) const;
    void updateChoiceLabel(QToolButton *button, const QString &name);
    void checkOnly(QToolButton *button, const QList<int> &values);
    static void selectData(QComboBox *combo, const QString &value, const QString &text);
    void rebuild();
    static void fillCombo(QComboBox *combo, const QString &anyText, const QStringList &values,
                          bool withUnowned);

    QLineEdit *m_search;
    QTimer m_debounce;
    QToolButton *m_clock = nullptr;
    QToolButton *m_states = nullptr;
    QToolButton *m_levels = nullptr;
    QToolButton *m_severities = nullptr;
    QToolButton *m_tiers = nullptr;
    QToolButton *m_reasons = nullptr;
    QToolButton *m_owed = nullptr;
    QComboBox *m_owner;
    QComboBox *m_team;
    QToolButton *m_clear;
    QueueFilter m_filter;
};

} // namespace Escalation

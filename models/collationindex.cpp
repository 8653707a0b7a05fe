#include "collationindex.h"

#include <QCollatorSortKey>

#include <algorithm>

namespace Escalation {

QCollator CollationIndex::makeCollator(const QLocale &locale)
{
    QCollator collator(locale);
    collator.setNumericMode(true); // "00100023" < "00100123", "Case 9" < "Case 10"
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    return collator;
}

CollationIndex::CollationIndex(const QLocale &locale)
    : m_locale(locale)
    , m_collator(makeCollator(locale))
{
    m_values.append(QString());
    m_ids.insert(QString(), 0);
    m_sorted.push_back(0);
    m_ranks.push_back(0);
}

int CollationIndex::intern(const QString &value)
{
    if (value.isEmpty())
        return 0;
    const auto it = m_ids.constFind(value);
    if (it != m_ids.cend())
        return it.value();
    const int id = int(m_values.size());
    m_values.append(value);
    m_ids.insert(value, id);
    m_pending.push_back(id);
    return id;
}

const QString &CollationIndex::folded(int id) const
{
    while (m_folded.size() < m_values.size())
        m_folded.append(m_values.at(m_folded.size()).toCaseFolded());
    return m_folded.at(id);
}

void CollationIndex::updateRanks() const
{
    // A few new values are placed by binary search; a flood of them (the
    // first load) is cheaper to sort from scratch on sort keys.
    if (m_pending.size() * 8 > m_sorted.size())
        rebuildRanks();
    else
        mergePending();
    m_pending.clear();
    m_ranked = true;
}

std::vector<int> CollationIndex::computeOrder(const QList<QString> &values, const QLocale &locale)
{
    QCollator collator = makeCollator(locale);
    struct Keyed {
        QCollatorSortKey key;
        int id;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(std::size_t(values.size()));
    for (int id = 0; id < int(values.size()); ++id)
        keyed.push_back({collator.sortKey(values.at(id).toCaseFolded()), id});
    std::sort(keyed.begin(), keyed.end(), [](const Keyed &a, const Keyed &b) {
        const int c = a.key.compare(b.key);
        return c != 0 ? c < 0 : a.id < b.id;
    });
    std::vector<int> sorted(keyed.size());
    for (std::size_t i = 0; i < keyed.size(); ++i)
        sorted[i] = keyed[i].id;
    return sorted;
}

bool CollationIndex::adoptOrder(std::vector<int> sortedIds, int n)
{
    if (m_ranked || n > int(m_values.size()) || int(sortedIds.size()) != n)
        return false;
    m_sorted = std::move(sortedIds);
    std::vector<int> stillPending;
    for (int id : m_pending) {
        if (id >= n)
            stillPending.push_back(id);
    }
    m_pending = std::move(stillPending);
    renumber();
    m_ranked = true;
    return true;
}

void CollationIndex::rebuildRanks() const
{
    // Keys are made from the case-folded text: not every QCollator backend
    // honours the case setting in sortKey(), and compare() must agree.
    m_sorted = computeOrder(m_values, m_locale);
    renumber();
}

void CollationIndex::mergePending() const
{
    // k new values cost k·log(n) collator comparisons plus one linear pass.
    const auto less = [this](int a, int b) {
        const int c = m_collator.compare(folded(a), folded(b));
        return c != 0 ? c < 0 : a < b;
    };
    std::vector<int> fresh = m_pending;
    std::sort(fresh.begin(), fresh.end(), less);
    std::vector<int> merged;
    merged.reserve(m_sorted.size() + fresh.size());
    auto from = m_sorted.cbegin();
    for (int id : fresh) {
        const auto at = std::upper_bound(from, m_sorted.cend(), id, less);
        merged.insert(merged.end(), from, at);
        merged.push_back(id);
        from = at;
    }
    merged.insert(merged.end(), from, m_sorted.cend());
    m_sorted = std::move(merged);
    renumber();
}

void CollationIndex::renumber() const
{
    m_ranks.resize(std::size_t(m_values.size()));
    for (std::size_t i = 0; i < m_sorted.size(); ++i)
        m_ranks[std::size_t(m_sorted[i])] = int(i);
}

} // namespace Escalation

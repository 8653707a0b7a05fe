#pragma once

// Interns the strings of one text column and ranks them in the user's
// collation order, so that sorting 100 000 rows compares two integers
// instead of two strings (QCollator::compare is far too slow for that).
// Ranks are computed lazily, merged incrementally when a few new values
// arrive and rebuilt from collation sort keys when many do.

#include <QCollator>
#include <QHash>
#include <QList>
#include <QLocale>
#include <QString>

#include <vector>

namespace Escalation {

class CollationIndex final {
public:
    explicit CollationIndex(const QLocale &locale = QLocale());

    // Returns the id of the value, adding it if it is new. Id 0 is the
    // empty string.
    int intern(const QString &value);
    // Room for n distinct values, so that a bulk load does not rehash.
    void reserve(int n)
    {
        m_values.reserve(n);
        m_ids.reserve(n);
    }
    const QString &value(int id) const { return m_values.at(id); }
    int size() const { return int(m_values.size()); }

    // Position of the value in collation order (ties broken by id).
    int rank(int id) const
    {
        if (!m_pending.empty())
            updateRanks();
        return m_ranks[std::size_t(id)];
    }
    // The value case-folded, for fast case-insensitive substring search.
    // Built on first use, then kept up to date.
    const QString &folded(int id) const;

    // Collation order computed elsewhere (a worker thread) for the first n
    // values: sortedIds is a permutation of 0..n-1. Taken only while no
    // ranks exist yet; values added since stay pending and are merged.
    // Returns whether the order was taken.
    bool adoptOrder(std::vector<int> sortedIds, int n);
    // The collation order of values, computed from scratch: what a worker
    // thread runs for adoptOrder(). Pure; safe on any thread (it makes its
    // own collator: QCollator initialises lazily and is not to be shared).
    static std::vector<int> computeOrder(const QList<QString> &values, const QLocale &locale);
    const QList<QString> &values() const { return m_values; }
    QLocale locale() const { return m_locale; }
    bool hasRanks() const { return m_ranked; }

private:
    static QCollator makeCollator(const QLocale &locale);
    void updateRanks() const;
    void rebuildRanks() const;
    void mergePending() const;
    void renumber() const;

    QLocale m_locale;
    QCollator m_collator;
    QList<QString> m_values;
    QHash<QString, int> m_ids;
    // Lazily maintained: ids in collation order, and each id's rank.
    mutable std::vector<int> m_sorted;
    mutable std::vector<int> m_ranks;
    mutable std::vector<int> m_pending;
    mutable QList<QString> m_folded;
    mutable bool m_ranked = false; // ranks were computed at least once beyond the empty string
};

} // namespace Escalation

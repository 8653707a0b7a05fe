#pragma once

// What a cache operation answers: a value, "absent" (a lookup found nothing:
// a valid answer), or a StoreError. Absent and failed are never the same:
// "no such request" is not "the disk failed". Writes never answer absent: a
// StoreResult<ChangeSet> holds what was committed or why nothing was;
// StoreResult<void> holds success or the error. (std::expected is C++23.)

#include "storetypes.h"

#include <optional>
#include <utility>

namespace Escalation {

template<typename T> class [[nodiscard]] StoreResult {
public:
    StoreResult() = default; // absent
    StoreResult(T value)
        : m_value(std::move(value))
    {
    }
    StoreResult(StoreError error)
        : m_error(std::move(error))
    {
        Q_ASSERT(m_error);
    }
    static StoreResult absent() { return {}; }

    bool hasValue() const { return m_value.has_value(); }
    bool isAbsent() const { return !m_value && !m_error; }
    bool failed() const { return bool(m_error); }
    // True with a value: `if (!result)` is absent or failed, failed() tells them apart.
    explicit operator bool() const { return hasValue(); }
    const StoreError &error() const { return m_error; }

    // Only with a value.
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T &operator*() const & { return *m_value; }
    T &operator*() & { return *m_value; }
    T &&operator*() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }

    T valueOr(T fallback) const & { return m_value ? *m_value : std::move(fallback); }
    T valueOr(T fallback) && { return m_value ? std::move(*m_value) : std::move(fallback); }
    // For callers to whom absent and failed both mean "nothing to show".
    std::optional<T> toOptional() const & { return m_value; }
    std::optional<T> toOptional() && { return std::move(m_value); }

private:
    std::optional<T> m_value;
    StoreError m_error;
};

template<> class [[nodiscard]] StoreResult<void> {
public:
    StoreResult() = default; // success
    StoreResult(StoreError error)
        : m_error(std::move(error))
    {
        Q_ASSERT(m_error);
    }

    bool failed() const { return bool(m_error); }
    explicit operator bool() const { return !failed(); }
    const StoreError &error() const { return m_error; }

private:
    StoreError m_error;
};

} // namespace Escalation

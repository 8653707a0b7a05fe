#pragma once

// A small, fast, seedable random generator (xoshiro256** seeded through
// splitmix64) whose bounded draws are defined here, not by the standard
// library, so the same seed yields the same portal data on every platform.

#include <QtGlobal>

#include <array>

namespace Escalation::Portal {

class Rng final {
public:
    explicit Rng(quint64 seed) { reseed(seed); }

    void reseed(quint64 seed)
    {
        quint64 x = seed;
        for (auto &word : m_state) {
            x += 0x9E3779B97F4A7C15ULL;
            quint64 z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            word = z ^ (z >> 31);
        }
    }

    quint64 next()
    {
        const quint64 result = rotl(m_state[1] * 5, 7) * 9;
        const quint64 t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, bound); bound must be > 0. Lemire's multiply-shift: the
    // tiny bias is irrelevant for generated data and it keeps draws cheap.
    quint32 bounded(quint32 bound)
    {
        return quint32((quint64(quint32(next() >> 32)) * bound) >> 32);
    }

    // Uniform in [low, high], inclusive.
    qint64 between(qint64 low, qint64 high)
    {
        if (high <= low)
            return low;
        const quint64 span = quint64(high - low) + 1;
        return low + qint64(next() % span);
    }

    // Uniform in [0, 1).
    double real() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

    bool chance(double probability) { return real() < probability; }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }

    std::array<quint64, 4> m_state {};
};

} // namespace Escalation::Portal

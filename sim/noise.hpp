#pragma once
// Seeded noise that is a pure function of (seed, stream, time): any simulated instant can
// be recomputed without replaying history, which is what lets the truth endpoint answer
// for past instants and keeps results independent of how often anyone asks.
#include <cstdint>

namespace jemhead::sim {

// SplitMix64 finaliser: a cheap, well-mixed 64-bit hash.
std::uint64_t mix64(std::uint64_t x);

// Uniform in [-1, 1), fixed for (seed, stream, index).
double hash_unit(std::uint64_t seed, std::uint32_t stream, std::int64_t index);

// Uniform in [0, 1), fixed for (seed, stream): per-meter constants (peak hour, PV size...).
double seeded_fraction(std::uint64_t seed, std::uint32_t stream);

// The per-(seed, stream) half of the hash, so hot loops can compute it once.
std::uint64_t stream_key(std::uint64_t seed, std::uint32_t stream);
double hash_unit_keyed(std::uint64_t key, std::int64_t index);
double smooth_noise_keyed(std::uint64_t key, double t_seconds, double period_s);

// Value noise in [-1, 1]: knots every `period_s` seconds hold hash_unit values, joined by
// a smoothstep so the signal (and therefore power) has no jumps at the knots.
double smooth_noise(std::uint64_t seed, std::uint32_t stream, double t_seconds, double period_s);

}  // namespace jemhead::sim

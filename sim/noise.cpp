#include "sim/noise.hpp"

#include <cmath>

namespace jemhead::sim {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t stream_key(std::uint64_t seed, std::uint32_t stream) {
  return mix64(seed ^ (std::uint64_t{stream} << 32));
}

double hash_unit_keyed(std::uint64_t key, std::int64_t index) {
  const std::uint64_t h = mix64(key ^ static_cast<std::uint64_t>(index));
  // Top 53 bits -> [0, 1), then to [-1, 1).
  return static_cast<double>(h >> 11) * 0x1.0p-52 - 1.0;
}

double hash_unit(std::uint64_t seed, std::uint32_t stream, std::int64_t index) {
  return hash_unit_keyed(stream_key(seed, stream), index);
}

double seeded_fraction(std::uint64_t seed, std::uint32_t stream) {
  return (hash_unit(seed, stream, -1) + 1.0) * 0.5;
}

double smooth_noise_keyed(std::uint64_t key, double t_seconds, double period_s) {
  const double x = t_seconds / period_s;
  const double knot = std::floor(x);
  const double f = x - knot;
  const auto i = static_cast<std::int64_t>(knot);
  const double a = hash_unit_keyed(key, i);
  const double b = hash_unit_keyed(key, i + 1);
  const double s = f * f * (3.0 - 2.0 * f);
  return a + (b - a) * s;
}

double smooth_noise(std::uint64_t seed, std::uint32_t stream, double t_seconds, double period_s) {
  return smooth_noise_keyed(stream_key(seed, stream), t_seconds, period_s);
}

}  // namespace jemhead::sim

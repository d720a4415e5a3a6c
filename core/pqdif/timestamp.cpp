#include "core/pqdif/timestamp.hpp"

#include <cmath>

namespace jemhead::pqdif {

namespace {
constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::int64_t kMicrosPerDay = kSecondsPerDay * 1'000'000;
// Seconds beyond a century are not a timestamp any instrument writes.
constexpr double kMaxSeconds = 100.0 * 366 * kSecondsPerDay;
}  // namespace

std::optional<UtcTime> to_utc(const Timestamp& t) {
  if (!std::isfinite(t.seconds) || std::fabs(t.seconds) > kMaxSeconds) return std::nullopt;
  const std::int64_t day_micros =
      (static_cast<std::int64_t>(t.days) - kPqdifEpochToUnixDays) * kMicrosPerDay;
  const auto second_micros = static_cast<std::int64_t>(std::llround(t.seconds * 1e6));
  return from_unix_micros(day_micros + second_micros);
}

Timestamp from_utc(UtcTime t) {
  const std::int64_t us = to_unix_micros(t);
  std::int64_t days = us / kMicrosPerDay;
  std::int64_t rest = us % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --days;
  }
  return {static_cast<std::uint32_t>(days + kPqdifEpochToUnixDays),
          static_cast<double>(rest) / 1e6};
}

}  // namespace jemhead::pqdif

#pragma once
// Time in jemhead: every stored instant is UTC with microsecond resolution. Meter-local
// rules (DST, the meter's date format, seconds since 1990) are applied at the driver
// boundary and never leak past it.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jemhead {

using Micros = std::chrono::microseconds;
using UtcTime = std::chrono::time_point<std::chrono::system_clock, Micros>;

UtcTime utc_now();

// "2026-11-23T21:08:10.123456Z": always six fractional digits and a Z, so stored text
// sorts in time order and round-trips exactly.
std::string format_iso8601(UtcTime t);

// Lenient reader for what meters and users send: date-only is refused, seconds optional
// fraction of 0..9 digits (extra digits beyond microseconds are truncated), and either
// 'Z', '+hh:mm', '-hh:mm', '+hhmm' or no zone (taken as UTC). 'T' or ' ' between date
// and time. Returns nullopt on anything else.
std::optional<UtcTime> parse_iso8601(std::string_view text);

// The meter counts seconds from 1990-01-01 00:00:00 (the JEMStar epoch).
inline constexpr std::int64_t kMeterEpochUnixSeconds = 631152000;
UtcTime from_meter_seconds(std::uint32_t seconds_since_1990);
std::uint32_t to_meter_seconds(UtcTime t);  // clamps to the representable range

inline std::int64_t to_unix_micros(UtcTime t) {
  return t.time_since_epoch().count();
}
inline UtcTime from_unix_micros(std::int64_t us) {
  return UtcTime{Micros{us}};
}

}  // namespace jemhead

#include "core/schedule/wall_clock.hpp"

#include <algorithm>
#include <string>

#include "core/schedule/schedule_error.hpp"

namespace jemhead::schedule {

using namespace std::chrono;

const date::time_zone& zone_named(std::string_view name, std::string_view field) {
  constexpr std::size_t kMaxZoneName = 64;  // the longest IANA name is about 30 characters
  if (name.empty() || name.size() > kMaxZoneName)
    throw ScheduleParseError(
        std::string(field), std::string(name),
        "time zone name must be 1.." + std::to_string(kMaxZoneName) + " characters");
  try {
    return *date::locate_zone(name);
  } catch (const std::exception&) {
    throw ScheduleParseError(std::string(field), std::string(name), "unknown IANA time zone");
  }
}

UtcTime resolve_local_time(const date::time_zone& zone, LocalSeconds local) {
  const date::local_info info = zone.get_info(local);
  switch (info.result) {
    case date::local_info::nonexistent:
      // first.end is the transition: the first instant whose wall clock is after the gap.
      return time_point_cast<Micros>(info.first.end);
    case date::local_info::ambiguous:  // the earlier offset gives the first occurrence
    case date::local_info::unique:
    default: return UtcTime{duration_cast<Micros>(local.time_since_epoch() - info.first.offset)};
  }
}

std::optional<UtcTime> next_wall_clock_fire(const date::time_zone& zone, UtcTime after,
                                            const NextLocalMatch& next_match) {
  // Wall-clock times after the local reading of `after` are the only candidates: the fire
  // instant is monotone in the local time, so nothing earlier can fire later. The one
  // exception to "later local time fires later" is the repeated hour: when `after` lies in
  // its second pass, matches in the hour already fired on the first pass and are skipped.
  const auto after_seconds = floor<seconds>(after);
  LocalSeconds from = zone.to_local(after_seconds) + seconds{1};
  constexpr int kMaxRejected = 100000;
  for (int rejected = 0; rejected < kMaxRejected; ++rejected) {
    const std::optional<LocalSeconds> match = next_match(from);
    if (!match) return std::nullopt;
    const UtcTime fire = resolve_local_time(zone, *match);
    if (fire > after) return fire;
    const date::local_info info = zone.get_info(*match);
    LocalSeconds next_from = *match + seconds{1};
    if (info.result == date::local_info::ambiguous) {
      // Jump to the end of the repeated hour instead of walking it second by second.
      const LocalSeconds repeat_end{info.first.end.time_since_epoch() + info.first.offset};
      next_from = std::max(next_from, repeat_end);
    }
    from = next_from;
  }
  return std::nullopt;
}

}  // namespace jemhead::schedule

#pragma once
// Turning a zone's wall-clock times into UTC instants, with one DST rule for every
// wall-clock schedule (cron, PQDIF daily/weekly/monthly):
//  - a local time that does not exist (spring forward gap) fires once, at the first valid
//    instant after the gap (the transition itself: 02:30 New York on the spring day fires
//    at 03:00 EDT); several matches inside one gap collapse into that single instant;
//  - a local time that occurs twice (fall back) fires once, at its first occurrence.
#include <date/tz.h>

#include <functional>
#include <optional>
#include <string_view>

#include "core/time.hpp"

namespace jemhead::schedule {

using LocalSeconds = date::local_seconds;

// Finds an IANA zone ("Europe/Berlin", "UTC"); throws ScheduleParseError naming
// `field` when the name is unknown or unreasonably long.
const date::time_zone& zone_named(std::string_view name, std::string_view field = "time_zone");

// The UTC instant a wall-clock time of `zone` fires at, under the DST rule above.
UtcTime resolve_local_time(const date::time_zone& zone, LocalSeconds local);

// Given the schedule's wall-clock matcher (the first matching local time at or after its
// argument, nullopt if none within its horizon), the first fire instant strictly after
// `after`.
using NextLocalMatch = std::function<std::optional<LocalSeconds>(LocalSeconds from_inclusive)>;
std::optional<UtcTime> next_wall_clock_fire(const date::time_zone& zone, UtcTime after,
                                            const NextLocalMatch& next_match);

}  // namespace jemhead::schedule

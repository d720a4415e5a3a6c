#pragma once
// A schedule as configured: what fires, in which zone, whether it is enabled, what happens
// after downtime and how much jitter spreads the fleet. Parsed from a small JSON object:
//
//   {"cron": "0 */15 * * * *", "time_zone": "Europe/Berlin"}
//   {"every_minutes": 15}
//   {"pqdif": "hourly"}
//   {"pqdif": "daily", "at": "02:00"}
//   {"pqdif": "weekly", "weekday": "SUN", "at": "03:30"}
//   {"pqdif": "monthly", "day": 31, "at": "23:00"}        (day clamped to the month length)
//   common keys: "time_zone" (IANA, default: the caller's default), "enabled" (bool, default
//   true), "misfire" ("run_once" | "skip", default run_once), "max_jitter_seconds"
//   (0..86400, default 0).
//
// Exactly one of "cron", "every_minutes", "pqdif"; unknown keys are refused. Text that does
// not start with '{' or '[' is read as a bare cron expression (it may carry a "TZ=Area/City "
// prefix).
#include <memory>
#include <string_view>

#include "core/schedule/misfire.hpp"
#include "core/schedule/schedule.hpp"

namespace jemhead::schedule {

inline constexpr std::size_t kMaxScheduleSpecLength = 4096;
inline constexpr std::int64_t kMaxJitterSeconds = 24 * 60 * 60;

struct ScheduleSpec {
  std::shared_ptr<const Schedule> schedule;  // shared: one instance can serve a whole group
  bool enabled = true;
  MisfirePolicy misfire = MisfirePolicy::run_once;
  // Keep it below the schedule's interval: a due time is nominal + jitter, so a larger
  // jitter lets one meter's runs overlap (they stay in order; the engine serializes them).
  Micros max_jitter{0};
};

// Throws ScheduleParseError naming the key (or cron field) and the bad token.
ScheduleSpec parse_schedule_spec(std::string_view text, std::string_view default_time_zone = "UTC");

}  // namespace jemhead::schedule

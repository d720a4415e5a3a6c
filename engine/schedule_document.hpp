#pragma once
// The schedules of a group or a meter, as stored (Group/Meter::schedules_json): a JSON
// object from job kind to schedule spec (core/schedule/schedule_spec.hpp):
//
//   {"registers": {"every_minutes": 15},
//    "status":    {"cron": "0 */5 * * * *"},
//    "pqdif":     {"pqdif": "daily", "at": "02:00"}}
//
// A meter's entry for a kind replaces its group's; `{"enabled": false}` alone switches the
// group's schedule of that kind off for this meter. Specs without a time zone take the
// meter's.
//
// The clock_sync spec also takes "tolerance_s" (0..3600): the clock is set only when the
// meter's offset exceeds it. It is resolved per key: the meter's clock_sync tolerance_s if
// it has one, else its group's, else kDefaultClockToleranceSeconds; so a group's tolerance
// holds for a meter that only changes when its sync runs.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/engine/job_kind.hpp"
#include "core/records.hpp"
#include "core/schedule/schedule_spec.hpp"
#include "core/validation.hpp"

namespace jemhead::engine {

inline constexpr std::size_t kMaxSchedulesJsonBytes = 16 * 1024;
inline constexpr std::int64_t kDefaultClockToleranceSeconds = 5;
inline constexpr std::int64_t kMaxClockToleranceSeconds = 3600;

// Every problem of a schedules document, each named `field/<kind>/...`. `overrides`
// allows the meter-only `{"enabled": false}` form.
Validation validate_schedules(std::string_view json_text, std::string_view field, bool overrides);

// The clock-sync tolerance of a meter from its own and its group's schedules documents
// (documents that do not parse count as having none).
std::chrono::seconds clock_sync_tolerance(std::string_view meter_schedules_json,
                                          std::string_view group_schedules_json);

struct ResolvedSchedule {
  JobKind kind = JobKind::registers;
  schedule::ScheduleSpec spec;
};

// Turns meters' schedule sources into specs. Parsed specs are cached by (text, zone), so
// 10,000 meters of one group share one schedule object. Thread-safe.
class ScheduleResolver {
 public:
  // The meter's effective schedules, in kind order. A spec that does not parse (stored
  // before a rule tightened) is left out and described in `problems`.
  std::vector<ResolvedSchedule> resolve(const ScheduleSource& source,
                                        std::vector<std::string>* problems = nullptr);

 private:
  schedule::ScheduleSpec parse_cached(const std::string& spec_text, const std::string& zone);

  std::mutex mutex_;
  std::unordered_map<std::string, schedule::ScheduleSpec> cache_;
};

}  // namespace jemhead::engine

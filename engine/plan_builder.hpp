#pragma once
// Builds the engine's schedule plan from storage: every enabled meter's effective
// schedules (group's, overridden by the meter's) become planner entries whose last fire
// time comes from the "schedule:<kind>" checkpoints (or from what the running engine
// dispatched since, whichever is later), so the misfire policy after a restart or a
// reload sees exactly what already ran.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/records.hpp"
#include "core/schedule/planner.hpp"
#include "engine/job.hpp"
#include "engine/schedule_document.hpp"

namespace jemhead::engine {

inline std::uint64_t fire_key(std::int64_t meter_id, JobKind kind) {
  return (static_cast<std::uint64_t>(meter_id) << 8) | static_cast<std::uint64_t>(kind);
}
using FireTimes = std::unordered_map<std::uint64_t, UtcTime>;

struct PlanInputs {
  std::vector<ScheduleSource> sources;
  std::vector<Checkpoint> checkpoints;  // "schedule:<kind>" of every meter
};

struct FleetPlan {
  schedule::Planner planner;
  std::vector<JobKind> entry_kinds;  // by planner handle
  FireTimes last_fires;              // (meter, kind) -> nominal time of the last run started
  std::size_t scheduled_meters = 0;
  std::vector<std::string> problems;  // "meter 12: registers: ..." left out of the plan

  JobKind kind_of(std::size_t entry) const { return entry_kinds.at(entry); }
};

// `dispatched`: fire times the engine started since the checkpoints were read (they win
// when later). Entries are added at `now` (misfire policy applied then).
FleetPlan build_plan(PlanInputs inputs, ScheduleResolver& resolver, const FireTimes& dispatched,
                     UtcTime now);

}  // namespace jemhead::engine

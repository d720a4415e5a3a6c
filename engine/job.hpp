#pragma once
// A job: one meter, the kinds of data to collect from it, and why it runs. One session per
// connection profile serves all of a job's kinds.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/job_kind.hpp"
#include "core/enum_text.hpp"
#include "core/time.hpp"

namespace jemhead::engine {

enum class JobTrigger { schedule, catch_up, manual };

struct Job {
  std::uint64_t id = 0;  // engine-local sequence, for logs
  std::int64_t meter_id = 0;
  std::vector<JobKind> kinds;  // empty with all_capable: whatever the meter's drivers read
  bool all_capable = false;
  JobTrigger trigger = JobTrigger::schedule;
  UtcTime due{};  // when it should start (nominal + jitter, or when asked)
  std::optional<UtcTime> nominal;
  // Scheduled kinds and the fire time each stands for: written as the "schedule:<kind>"
  // checkpoint with the job's data, which is how a restart knows what already ran.
  std::map<JobKind, UtcTime> fires;
};

// Adds `more` to `job` (same meter): kinds joined, earliest due, a manual trigger wins.
void merge_into(Job& job, const Job& more);

// The checkpoint that records a kind's last schedule fire time for a meter.
inline constexpr std::string_view kScheduleCheckpointPrefix = "schedule:";
inline std::string schedule_checkpoint_key(JobKind kind) {
  return std::string(kScheduleCheckpointPrefix) + std::string(to_text(kind));
}

}  // namespace jemhead::engine

template <>
struct jemhead::EnumText<jemhead::engine::JobTrigger> {
  using T = jemhead::engine::JobTrigger;
  static constexpr std::array<std::pair<T, std::string_view>, 3> names{{
      {T::schedule, "schedule"},
      {T::catch_up, "catch_up"},
      {T::manual, "manual"},
  }};
};

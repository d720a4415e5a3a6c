#pragma once
// The parts of jemhead's REST API the benchmarks drive (bench/fleet, bench/dlms): "run
// now" for the whole fleet, the engine's status and the job history.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "tests/integration/support/daemons.hpp"

namespace jemhead::bench {

struct EngineCounts {
  std::size_t waiting = 0;
  std::size_t running = 0;
  std::uint64_t jobs_finished = 0;
};

// GET /api/v1/engine.
EngineCounts engine_counts(const testing::HttpTarget& api);

// POST /api/v1/collect {"kinds": [...]}: every meter of the fleet, now. Returns the body.
std::string collect_now(const testing::HttpTarget& api, const std::vector<std::string>& kinds);

struct JobRunView {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  std::string kind;  // "registers", "status" or both, comma-separated
  std::string outcome;
  std::int64_t values = 0;  // stored by the run
  std::int64_t bytes = 0;   // on the link, both directions, framing included
  std::string error;        // empty when none
  std::string trigger;
  UtcTime started_at{};
  std::optional<UtcTime> nominal_at;
  std::optional<UtcTime> finished_at;
};

// Every run of GET /api/v1/jobs, page by page.
std::vector<JobRunView> job_runs(const testing::HttpTarget& api);

}  // namespace jemhead::bench

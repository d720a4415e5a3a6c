#pragma once
// Scheduler latency from the job history: how long after its due time each scheduled job
// started. A job's due time is its schedule's nominal fire time plus the meter's
// deterministic jitter for that kind (core/schedule/jitter.hpp, keyed by the kind's name as
// the engine's plan does); a job that carries several kinds was due at the earliest.
#include <optional>
#include <vector>

#include "bench/engine_client.hpp"

namespace jemhead::bench {

struct ScheduledCycle {
  std::optional<UtcTime> nominal;       // the earliest nominal_at among scheduled runs
  std::size_t jobs = 0;                 // scheduled runs with that nominal time
  std::size_t kinds = 0;                // (meter, kind) pairs those runs cover
  std::size_t ok = 0;                   // of those runs, how many ended "ok"
  std::vector<double> start_delays_ms;  // started_at - due, one per run
};

ScheduledCycle first_scheduled_cycle(const std::vector<JobRunView>& runs, Micros max_jitter);

// Nearest-rank percentile (p in (0, 100]) of a non-empty list.
double percentile(std::vector<double> values, double p);

}  // namespace jemhead::bench

#pragma once
// Retry across collection cycles and meter health (issue 4): a meter is marked unhealthy
// after a few consecutive failed jobs; from then on it is tried again after an
// exponentially growing delay with a cap, but never given up on.
#include <chrono>
#include <optional>
#include <string>

#include "core/time.hpp"

namespace jemhead::engine {

struct HealthPolicy {
  int unhealthy_after = 3;  // consecutive failed jobs
  Micros backoff_base = std::chrono::minutes(1);
  Micros backoff_cap = std::chrono::hours(1);
};

// 0 for no failures; base * 2^(n-1) for n consecutive failures, never above the cap (and
// without overflow for any n).
Micros backoff_delay(const HealthPolicy& policy, int consecutive_failures);

// One meter's health as the engine tracks it (mirrors MeterHealth in core/records.hpp
// without depending on it).
struct HealthState {
  int consecutive_failures = 0;
  bool healthy = true;
  std::optional<UtcTime> last_success;
  std::optional<UtcTime> last_failure;
  std::optional<UtcTime> next_attempt;  // scheduled runs before this are skipped
  std::string last_error;
};

// Failures reset, healthy, no backoff. last_failure and last_error are kept as history.
HealthState after_success(HealthState state, UtcTime at);
// Failures + 1; unhealthy from policy.unhealthy_after on; next_attempt = at + backoff.
HealthState after_failure(HealthState state, UtcTime at, std::string error,
                          const HealthPolicy& policy);

// Should a scheduled run at `now` be skipped because the meter is backing off? The engine
// does not ask for "run now" requests, which always run.
bool backing_off(const HealthState& state, UtcTime now);

}  // namespace jemhead::engine

#include "core/engine/backoff.hpp"

#include <algorithm>
#include <limits>

namespace jemhead::engine {

Micros backoff_delay(const HealthPolicy& policy, int consecutive_failures) {
  const Micros zero{0};
  if (consecutive_failures <= 0 || policy.backoff_base <= zero) return zero;
  const Micros cap = std::max(policy.backoff_cap, zero);
  // Doubling stops at the cap, so the loop runs at most ~63 times even for huge n.
  Micros delay = std::min(policy.backoff_base, cap);
  for (int n = 1; n < consecutive_failures && delay < cap; ++n)
    delay = delay > cap / 2 ? cap : delay * 2;
  return delay;
}

HealthState after_success(HealthState state, UtcTime at) {
  state.consecutive_failures = 0;
  state.healthy = true;
  state.last_success = at;
  state.next_attempt.reset();
  return state;
}

HealthState after_failure(HealthState state, UtcTime at, std::string error,
                          const HealthPolicy& policy) {
  if (state.consecutive_failures < std::numeric_limits<int>::max()) ++state.consecutive_failures;
  state.healthy = state.consecutive_failures < policy.unhealthy_after;
  state.last_failure = at;
  state.last_error = std::move(error);
  // A healthy meter is tried every cycle (a failure or two is weather, not a dead meter);
  // from the failure that makes it unhealthy, the pause grows: base, 2 base, 4 base... cap.
  if (state.healthy)
    state.next_attempt.reset();
  else
    state.next_attempt =
        at + backoff_delay(policy, state.consecutive_failures - policy.unhealthy_after + 1);
  return state;
}

bool backing_off(const HealthState& state, UtcTime now) {
  return state.next_attempt && now < *state.next_attempt;
}

}  // namespace jemhead::engine

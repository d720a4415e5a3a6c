#include "core/engine/retry.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace jemhead::engine {

RetryPlan retry_plan(const ConnectionProfile& profile) {
  // Validation allows 0..20 retries; the clamp only keeps an unvalidated profile from
  // overflowing the int.
  constexpr std::uint32_t kMaxRetries = 1'000'000;
  RetryPlan plan;
  plan.attempts = static_cast<int>(std::min(profile.retries, kMaxRetries)) + 1;
  plan.delay = std::chrono::seconds(profile.retry_delay_s);
  return plan;
}

}  // namespace jemhead::engine

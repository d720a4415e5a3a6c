#pragma once
// Retries within one job, from the connection profile (JEMWare's per-page retry count and
// delay): the first attempt plus `retries` more, `retry_delay_s` apart. Backoff across
// cycles is separate (backoff.hpp).
#include "core/connection_profile.hpp"
#include "core/time.hpp"

namespace jemhead::engine {

struct RetryPlan {
  int attempts = 1;  // >= 1
  Micros delay{0};   // between attempts
};

RetryPlan retry_plan(const ConnectionProfile& profile);

}  // namespace jemhead::engine

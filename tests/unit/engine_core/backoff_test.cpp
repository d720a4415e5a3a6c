// Backoff across cycles and meter health transitions.
#include "core/engine/backoff.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>

namespace jemhead::engine {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const UtcTime t0 = from_unix_micros(1'790'000'000'000'000);

TEST(EngineBackoff, DoublesFromBaseUpToTheCap) {
  const HealthPolicy policy;  // 1 min .. 1 h
  EXPECT_EQ(backoff_delay(policy, 0), Micros{0});
  EXPECT_EQ(backoff_delay(policy, -1), Micros{0});
  EXPECT_EQ(backoff_delay(policy, 1), minutes(1));
  EXPECT_EQ(backoff_delay(policy, 2), minutes(2));
  EXPECT_EQ(backoff_delay(policy, 3), minutes(4));
  EXPECT_EQ(backoff_delay(policy, 4), minutes(8));
  EXPECT_EQ(backoff_delay(policy, 5), minutes(16));
  EXPECT_EQ(backoff_delay(policy, 6), minutes(32));
  EXPECT_EQ(backoff_delay(policy, 7), hours(1));  // 64 min capped
  EXPECT_EQ(backoff_delay(policy, 8), hours(1));
}

TEST(EngineBackoff, HugeFailureCountsStayAtTheCap) {
  const HealthPolicy policy;
  EXPECT_EQ(backoff_delay(policy, 63), hours(1));
  EXPECT_EQ(backoff_delay(policy, 64), hours(1));
  EXPECT_EQ(backoff_delay(policy, 1000), hours(1));
  EXPECT_EQ(backoff_delay(policy, std::numeric_limits<int>::max()), hours(1));
  // A cap near the representable maximum must not overflow while doubling either.
  HealthPolicy wide{3, Micros{3}, Micros{std::numeric_limits<Micros::rep>::max()}};
  EXPECT_EQ(backoff_delay(wide, 3), Micros{12});
  EXPECT_EQ(backoff_delay(wide, std::numeric_limits<int>::max()), wide.backoff_cap);
  EXPECT_GT(backoff_delay(wide, 62), Micros{0});
}

TEST(EngineBackoff, BaseAboveCapIsTheCap) {
  const HealthPolicy policy{3, hours(2), hours(1)};
  EXPECT_EQ(backoff_delay(policy, 1), hours(1));
  EXPECT_EQ(backoff_delay(policy, 5), hours(1));
}

TEST(EngineMeterHealth, FailuresBackOffAndTurnUnhealthyAtTheThreshold) {
  const HealthPolicy policy;
  HealthState s;
  s = after_failure(s, t0, "timeout", policy);
  EXPECT_EQ(s.consecutive_failures, 1);
  EXPECT_TRUE(s.healthy);
  EXPECT_EQ(s.last_failure, t0);
  EXPECT_EQ(s.last_error, "timeout");
  EXPECT_FALSE(s.next_attempt);  // healthy: tried again next cycle
  EXPECT_FALSE(s.last_success);

  s = after_failure(s, t0 + minutes(1), "refused", policy);
  EXPECT_EQ(s.consecutive_failures, 2);
  EXPECT_TRUE(s.healthy);
  EXPECT_FALSE(s.next_attempt);
  EXPECT_EQ(s.last_error, "refused");

  s = after_failure(s, t0 + minutes(3), "timeout", policy);
  EXPECT_EQ(s.consecutive_failures, 3);
  EXPECT_FALSE(s.healthy);
  EXPECT_EQ(s.next_attempt, t0 + minutes(3) + minutes(1));  // unhealthy: backoff from the base
  EXPECT_EQ(s.last_failure, t0 + minutes(3));

  s = after_failure(s, t0 + minutes(4), "timeout", policy);
  EXPECT_EQ(s.next_attempt, t0 + minutes(4) + minutes(2));
}

TEST(EngineMeterHealth, SuccessResetsAndClearsBackoff) {
  const HealthPolicy policy{1, minutes(1), hours(1)};
  HealthState s = after_failure({}, t0, "crc error", policy);
  EXPECT_FALSE(s.healthy);  // threshold 1
  s = after_success(s, t0 + minutes(5));
  EXPECT_EQ(s.consecutive_failures, 0);
  EXPECT_TRUE(s.healthy);
  EXPECT_EQ(s.last_success, t0 + minutes(5));
  EXPECT_FALSE(s.next_attempt);
  EXPECT_EQ(s.last_failure, t0);  // history kept
  EXPECT_EQ(s.last_error, "crc error");
  EXPECT_FALSE(backing_off(s, t0 + minutes(5)));

  // The next failure starts the backoff sequence again from the base.
  s = after_failure(s, t0 + minutes(6), "timeout", policy);
  EXPECT_EQ(s.consecutive_failures, 1);
  EXPECT_EQ(s.next_attempt, t0 + minutes(7));
}

TEST(EngineMeterHealth, BackingOffUntilNextAttempt) {
  const HealthPolicy policy;
  EXPECT_FALSE(backing_off(HealthState{}, t0));
  HealthState s = after_failure({}, t0, "timeout", policy);
  s = after_failure(s, t0, "timeout", policy);
  s = after_failure(s, t0, "timeout", policy);
  s = after_failure(s, t0, "timeout", policy);  // 4th failure, unhealthy: next attempt t0 + 2 min
  EXPECT_TRUE(backing_off(s, t0));
  EXPECT_TRUE(backing_off(s, t0 + minutes(2) - Micros{1}));
  EXPECT_FALSE(backing_off(s, t0 + minutes(2)));  // due exactly at next_attempt
  EXPECT_FALSE(backing_off(s, t0 + minutes(3)));
}

TEST(EngineMeterHealth, UnhealthyMeterKeepsBeingTriedAtTheCap) {
  const HealthPolicy policy;
  HealthState s;
  UtcTime at = t0;
  for (int i = 0; i < 50; ++i) {
    s = after_failure(s, at, "timeout", policy);
    at = s.next_attempt.value_or(at + minutes(1));  // healthy meters: the next cycle
  }
  EXPECT_EQ(s.consecutive_failures, 50);
  EXPECT_FALSE(s.healthy);
  EXPECT_EQ(*s.next_attempt - *s.last_failure, hours(1));
}

TEST(EngineMeterHealth, FailureCountSaturates) {
  HealthState s;
  s.consecutive_failures = std::numeric_limits<int>::max();
  s = after_failure(s, t0, "timeout", HealthPolicy{});
  EXPECT_EQ(s.consecutive_failures, std::numeric_limits<int>::max());
  EXPECT_EQ(s.next_attempt, t0 + hours(1));
}

}  // namespace
}  // namespace jemhead::engine

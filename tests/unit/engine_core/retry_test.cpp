// Retries within a job come from the connection profile.
#include "core/engine/retry.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace jemhead::engine {
namespace {

TEST(EngineRetryPlan, DefaultProfileIsFourAttemptsFiveSecondsApart) {
  const RetryPlan plan = retry_plan(ConnectionProfile{});  // retries 3, delay 5 s
  EXPECT_EQ(plan.attempts, 4);
  EXPECT_EQ(plan.delay, std::chrono::seconds(5));
}

TEST(EngineRetryPlan, FollowsTheProfilesFields) {
  ConnectionProfile p;
  p.retries = 0;
  p.retry_delay_s = 0;
  RetryPlan plan = retry_plan(p);
  EXPECT_EQ(plan.attempts, 1);
  EXPECT_EQ(plan.delay, Micros{0});

  p.retries = 20;
  p.retry_delay_s = 3600;
  plan = retry_plan(p);
  EXPECT_EQ(plan.attempts, 21);
  EXPECT_EQ(plan.delay, std::chrono::hours(1));
}

TEST(EngineRetryPlan, UnvalidatedHugeRetriesDoNotOverflow) {
  ConnectionProfile p;
  p.retries = 4'000'000'000u;
  EXPECT_EQ(retry_plan(p).attempts, 1'000'001);
}

}  // namespace
}  // namespace jemhead::engine

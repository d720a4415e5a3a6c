// Misfire policies after downtime.
#include "core/schedule/misfire.hpp"

#include <gtest/gtest.h>

#include "core/schedule/every_minutes.hpp"
#include "core/schedule/wall_clock.hpp"
#include "schedule_test_support.hpp"

namespace jemhead::schedule {
namespace {

using testing::utc;

class Misfire : public ::testing::Test {
 protected:
  EveryMinutes quarter_hour_{15, zone_named("UTC")};
};

TEST_F(Misfire, RunOnceCatchesUpOnceNowThenContinuesOnSchedule) {
  const MisfireDecision d =
      decide_misfire(quarter_hour_, MisfirePolicy::run_once, utc("2026-11-23T10:00:00Z"),
                     utc("2026-11-23T11:07:00Z"));
  EXPECT_EQ(d.missed, 4u);  // 10:15, 10:30, 10:45, 11:00
  ASSERT_TRUE(d.catch_up);
  EXPECT_EQ(*d.catch_up, utc("2026-11-23T11:07:00Z"));
  EXPECT_EQ(d.next, utc("2026-11-23T11:15:00Z"));
}

TEST_F(Misfire, SkipGoesStraightToTheNextFutureTime) {
  const MisfireDecision d = decide_misfire(
      quarter_hour_, MisfirePolicy::skip, utc("2026-11-23T10:00:00Z"), utc("2026-11-23T11:07:00Z"));
  EXPECT_EQ(d.missed, 4u);
  EXPECT_FALSE(d.catch_up);
  EXPECT_EQ(d.next, utc("2026-11-23T11:15:00Z"));
}

TEST_F(Misfire, AFireTimeEqualToNowIsDueNotMissed) {
  // Nothing missed: 10:45 ran, 11:00 is now.
  MisfireDecision d = decide_misfire(quarter_hour_, MisfirePolicy::run_once,
                                     utc("2026-11-23T10:45:00Z"), utc("2026-11-23T11:00:00Z"));
  EXPECT_EQ(d.missed, 0u);
  EXPECT_FALSE(d.catch_up);
  EXPECT_EQ(d.next, utc("2026-11-23T11:00:00Z"));
  // 10:15..10:45 missed; skip still runs 11:00 because it is not in the past.
  d = decide_misfire(quarter_hour_, MisfirePolicy::skip, utc("2026-11-23T10:00:00Z"),
                     utc("2026-11-23T11:00:00Z"));
  EXPECT_EQ(d.missed, 3u);
  EXPECT_EQ(d.next, utc("2026-11-23T11:00:00Z"));
  // run_once: the catch-up at 11:00 covers 11:00; next is 11:15.
  d = decide_misfire(quarter_hour_, MisfirePolicy::run_once, utc("2026-11-23T10:00:00Z"),
                     utc("2026-11-23T11:00:00Z"));
  EXPECT_EQ(d.catch_up, utc("2026-11-23T11:00:00Z"));
  EXPECT_EQ(d.next, utc("2026-11-23T11:15:00Z"));
}

TEST_F(Misfire, NeverRanIsNotAMisfire) {
  const MisfireDecision d = decide_misfire(quarter_hour_, MisfirePolicy::run_once, std::nullopt,
                                           utc("2026-11-23T11:07:00Z"));
  EXPECT_EQ(d.missed, 0u);
  EXPECT_FALSE(d.catch_up);
  EXPECT_EQ(d.next, utc("2026-11-23T11:15:00Z"));
}

TEST_F(Misfire, LongDowntimeCountIsCapped) {
  const MisfireDecision d =
      decide_misfire(quarter_hour_, MisfirePolicy::run_once, utc("2025-11-23T10:00:00Z"),
                     utc("2026-11-23T11:07:00Z"));
  EXPECT_EQ(d.missed, kMaxCountedMisfires);
  EXPECT_EQ(d.catch_up, utc("2026-11-23T11:07:00Z"));
  EXPECT_EQ(d.next, utc("2026-11-23T11:15:00Z"));
}

}  // namespace
}  // namespace jemhead::schedule

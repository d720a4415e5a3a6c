// "Every N minutes aligned to the hour" (and to local midnight for N not dividing 60).
#include "core/schedule/every_minutes.hpp"

#include <gtest/gtest.h>

#include "core/schedule/schedule_error.hpp"
#include "core/schedule/wall_clock.hpp"
#include "schedule_test_support.hpp"

namespace jemhead::schedule {
namespace {

using testing::fires;
using Times = std::vector<std::string>;

TEST(EveryMinutes, AlignedToTheHourNotToTheStart) {
  const EveryMinutes every(15, zone_named("UTC"));
  EXPECT_EQ(fires(every, "2026-11-23T10:07:31.250000Z", 4),
            (Times{"2026-11-23T10:15:00.000000Z", "2026-11-23T10:30:00.000000Z",
                   "2026-11-23T10:45:00.000000Z", "2026-11-23T11:00:00.000000Z"}));
}

TEST(EveryMinutes, AlignedToTheZonesHourInAHalfHourZone) {
  // India is UTC+05:30: the top of the local hour is :30 UTC.
  const EveryMinutes hourly(60, zone_named("Asia/Kolkata"));
  EXPECT_EQ(fires(hourly, "2026-11-23T10:07:00Z", 2),
            (Times{"2026-11-23T10:30:00.000000Z", "2026-11-23T11:30:00.000000Z"}));
}

TEST(EveryMinutes, NotDividingSixtyRestartsAtLocalMidnight) {
  const EveryMinutes seven(7, zone_named("UTC"));
  // 1435 = 205 * 7 is the day's last multiple; the next fire is midnight, 5 minutes later.
  EXPECT_EQ(fires(seven, "2026-11-23T23:50:00Z", 3),
            (Times{"2026-11-23T23:55:00.000000Z", "2026-11-24T00:00:00.000000Z",
                   "2026-11-24T00:07:00.000000Z"}));
  const EveryMinutes ninety(90, zone_named("Europe/Berlin"));  // CET = UTC+1
  EXPECT_EQ(fires(ninety, "2026-11-23T21:00:00Z", 3),
            (Times{"2026-11-23T21:30:00.000000Z",  // 22:30 local
                   "2026-11-23T23:00:00.000000Z",  // 00:00 local
                   "2026-11-24T00:30:00.000000Z"}));
}

TEST(EveryMinutes, OncePerDayAtLocalMidnight) {
  const EveryMinutes daily(1440, zone_named("America/New_York"));
  EXPECT_EQ(fires(daily, "2026-11-23T12:00:00Z", 2),
            (Times{"2026-11-24T05:00:00.000000Z", "2026-11-25T05:00:00.000000Z"}));
}

TEST(EveryMinutes, RefusesOutOfRange) {
  EXPECT_THROW(EveryMinutes(0, zone_named("UTC")), ScheduleParseError);
  EXPECT_THROW(EveryMinutes(1441, zone_named("UTC")), ScheduleParseError);
}

}  // namespace
}  // namespace jemhead::schedule

// DST transitions for every schedule kind, asserting exact UTC instants.
// America/New_York 2026: spring 03-08 02:00 EST -> 03:00 EDT (07:00Z);
//                        fall   11-01 02:00 EDT -> 01:00 EST (06:00Z).
// Europe/Berlin 2026:    spring 03-29 02:00 CET -> 03:00 CEST (01:00Z);
//                        fall   10-25 03:00 CEST -> 02:00 CET (01:00Z).
#include <gtest/gtest.h>

#include "core/schedule/cron_expression.hpp"
#include "core/schedule/every_minutes.hpp"
#include "core/schedule/pqdif_schedule.hpp"
#include "core/schedule/wall_clock.hpp"
#include "schedule_test_support.hpp"

namespace jemhead::schedule {
namespace {

using testing::fires;
using testing::utc;
using Times = std::vector<std::string>;

TEST(DstNewYork, SpringGapTimeFiresOnceAtTheEndOfTheGap) {
  const CronExpression c = CronExpression::parse("TZ=America/New_York 0 30 2 * * *");
  EXPECT_EQ(fires(c, "2026-03-07T12:00:00Z", 3),
            (Times{"2026-03-08T07:00:00.000000Z",  // 02:30 does not exist: 03:00 EDT
                   "2026-03-09T06:30:00.000000Z",  // 02:30 EDT
                   "2026-03-10T06:30:00.000000Z"}));
  EXPECT_EQ(fires(c, "2026-03-06T12:00:00Z", 1), (Times{"2026-03-07T07:30:00.000000Z"}));  // EST
}

TEST(DstNewYork, SeveralMatchesInTheGapCollapseIntoOne) {
  const CronExpression c = CronExpression::parse("TZ=America/New_York 0 */15 * * * *");
  EXPECT_EQ(fires(c, "2026-03-08T06:40:00Z", 4),
            (Times{"2026-03-08T06:45:00.000000Z",  // 01:45 EST
                   "2026-03-08T07:00:00.000000Z",  // 02:00..02:45 and 03:00 EDT: once
                   "2026-03-08T07:15:00.000000Z",  // 03:15 EDT
                   "2026-03-08T07:30:00.000000Z"}));
}

TEST(DstNewYork, FallRepeatedTimeFiresOnceOnItsFirstOccurrence) {
  const CronExpression c = CronExpression::parse("TZ=America/New_York 0 30 1 * * *");
  EXPECT_EQ(fires(c, "2026-10-31T12:00:00Z", 2),
            (Times{"2026-11-01T05:30:00.000000Z",     // 01:30 EDT, not 01:30 EST (06:30Z)
                   "2026-11-02T06:30:00.000000Z"}));  // 01:30 EST
  // Asked during the second pass of the repeated hour: already fired, so tomorrow.
  EXPECT_EQ(fires(c, "2026-11-01T06:10:00Z", 1), (Times{"2026-11-02T06:30:00.000000Z"}));
}

TEST(DstNewYork, CronEveryQuarterHourDoesNotRepeatTheHour) {
  const CronExpression c = CronExpression::parse("TZ=America/New_York 0 */15 * * * *");
  EXPECT_EQ(fires(c, "2026-11-01T05:40:00Z", 3),
            (Times{"2026-11-01T05:45:00.000000Z",  // 01:45 EDT
                   "2026-11-01T07:00:00.000000Z",  // 02:00 EST: 01:xx EST were repeats
                   "2026-11-01T07:15:00.000000Z"}));
  // Asked from inside the second pass.
  EXPECT_EQ(fires(c, "2026-11-01T06:20:00Z", 1), (Times{"2026-11-01T07:00:00.000000Z"}));
}

TEST(DstNewYork, EverySecondCronSkipsTheWholeRepeatedHour) {
  const CronExpression c = CronExpression::parse("TZ=America/New_York * * * * * *");
  // 01:00:00 EST (second pass): every second of the repeated hour already fired.
  EXPECT_EQ(fires(c, "2026-11-01T06:00:00Z", 2),
            (Times{"2026-11-01T07:00:00.000000Z", "2026-11-01T07:00:01.000000Z"}));
  // 01:59:59 EDT (first pass): the next second is 01:00:00 EST, a repeat, so 02:00:00 EST.
  EXPECT_EQ(fires(c, "2026-11-01T05:59:59Z", 1), (Times{"2026-11-01T07:00:00.000000Z"}));
}

TEST(DstNewYork, EveryMinutesKeepsRealIntervalsAcrossBothTransitions) {
  const EveryMinutes every(15, zone_named("America/New_York"));
  EXPECT_EQ(fires(every, "2026-03-08T06:40:00Z", 3),
            (Times{"2026-03-08T06:45:00.000000Z", "2026-03-08T07:00:00.000000Z",
                   "2026-03-08T07:15:00.000000Z"}));
  EXPECT_EQ(fires(every, "2026-11-01T05:40:00Z", 6),
            (Times{"2026-11-01T05:45:00.000000Z", "2026-11-01T06:00:00.000000Z",  // 01:00 EST
                   "2026-11-01T06:15:00.000000Z", "2026-11-01T06:30:00.000000Z",
                   "2026-11-01T06:45:00.000000Z", "2026-11-01T07:00:00.000000Z"}));
}

TEST(DstNewYork, PqdifDailyInsideTheGap) {
  PqdifOptions options;
  options.frequency = PqdifFrequency::daily;
  options.at = std::chrono::hours{2} + std::chrono::minutes{15};
  const PqdifSchedule daily(options, zone_named("America/New_York"));
  EXPECT_EQ(fires(daily, "2026-03-07T12:00:00Z", 2),
            (Times{"2026-03-08T07:00:00.000000Z", "2026-03-09T06:15:00.000000Z"}));
}

TEST(DstBerlin, SpringGapTimeFiresOnceAtTheEndOfTheGap) {
  const CronExpression c = CronExpression::parse("0 30 2 * * *", "Europe/Berlin");
  EXPECT_EQ(fires(c, "2026-03-28T12:00:00Z", 2),
            (Times{"2026-03-29T01:00:00.000000Z",     // 02:30 missing: 03:00 CEST
                   "2026-03-30T00:30:00.000000Z"}));  // 02:30 CEST
}

TEST(DstBerlin, FallRepeatedTimeFiresOnceOnItsFirstOccurrence) {
  const CronExpression c = CronExpression::parse("0 30 2 * * *", "Europe/Berlin");
  EXPECT_EQ(fires(c, "2026-10-24T12:00:00Z", 2),
            (Times{"2026-10-25T00:30:00.000000Z",     // 02:30 CEST (first)
                   "2026-10-26T01:30:00.000000Z"}));  // 02:30 CET
  EXPECT_EQ(fires(c, "2026-10-25T01:10:00Z", 1), (Times{"2026-10-26T01:30:00.000000Z"}));
}

TEST(DstBerlin, PqdifHourlyFiresEveryRealHourThroughBothTransitions) {
  PqdifOptions options;
  options.frequency = PqdifFrequency::hourly;
  const PqdifSchedule hourly(options, zone_named("Europe/Berlin"));
  EXPECT_EQ(fires(hourly, "2026-03-28T23:30:00Z", 3),
            (Times{"2026-03-29T00:00:00.000000Z",  // 01:00 CET
                   "2026-03-29T01:00:00.000000Z",  // 03:00 CEST
                   "2026-03-29T02:00:00.000000Z"}));
  EXPECT_EQ(fires(hourly, "2026-10-24T23:30:00Z", 3),
            (Times{"2026-10-25T00:00:00.000000Z",  // 02:00 CEST
                   "2026-10-25T01:00:00.000000Z",  // 02:00 CET (the repeat)
                   "2026-10-25T02:00:00.000000Z"}));
}

TEST(DstBerlin, ResolveLocalTimeDirectly) {
  const date::time_zone& berlin = zone_named("Europe/Berlin");
  using date::local_days;
  using namespace std::chrono;
  const auto spring_day = local_days{date::year{2026} / 3 / 29};
  EXPECT_EQ(format_iso8601(resolve_local_time(berlin, spring_day + hours{2} + minutes{59})),
            "2026-03-29T01:00:00.000000Z");
  const auto fall_day = local_days{date::year{2026} / 10 / 25};
  EXPECT_EQ(format_iso8601(resolve_local_time(berlin, fall_day + hours{2} + minutes{59})),
            "2026-10-25T00:59:00.000000Z");
  EXPECT_EQ(format_iso8601(resolve_local_time(berlin, fall_day + hours{3})),
            "2026-10-25T02:00:00.000000Z");
}

}  // namespace
}  // namespace jemhead::schedule

// Cron fire times in UTC: calendar edge cases, the day-of-month/day-of-week rule, steps and
// seconds.
#include <gtest/gtest.h>

#include "core/schedule/cron_expression.hpp"
#include "schedule_test_support.hpp"

namespace jemhead::schedule {
namespace {

using testing::fires;
using testing::utc;
using Times = std::vector<std::string>;

TEST(CronNext, SecondsStepIsStrictlyAfter) {
  const CronExpression c = CronExpression::parse("*/15 * * * * *");
  EXPECT_EQ(fires(c, "2026-11-23T12:00:07.500000Z", 3),
            (Times{"2026-11-23T12:00:15.000000Z", "2026-11-23T12:00:30.000000Z",
                   "2026-11-23T12:00:45.000000Z"}));
  // Exactly on a fire time: the next one, not the same one.
  EXPECT_EQ(format_iso8601(*c.next_after(utc("2026-11-23T12:00:45Z"))),
            "2026-11-23T12:01:00.000000Z");
  // A microsecond before a fire time: that fire time.
  EXPECT_EQ(format_iso8601(*c.next_after(utc("2026-11-23T12:00:44.999999Z"))),
            "2026-11-23T12:00:45.000000Z");
}

TEST(CronNext, StepRangesAndStartSteps) {
  const CronExpression c = CronExpression::parse("5/20 10-50/20 * * * *");
  EXPECT_EQ(fires(c, "2026-11-23T12:00:00Z", 5),
            (Times{"2026-11-23T12:10:05.000000Z", "2026-11-23T12:10:25.000000Z",
                   "2026-11-23T12:10:45.000000Z", "2026-11-23T12:30:05.000000Z",
                   "2026-11-23T12:30:25.000000Z"}));
  EXPECT_EQ(format_iso8601(*c.next_after(utc("2026-11-23T12:50:45Z"))),
            "2026-11-23T13:10:05.000000Z");
}

TEST(CronNext, RollsOverHourDayMonthAndYear) {
  const CronExpression c = CronExpression::parse("59 59 23 31 DEC *");
  EXPECT_EQ(fires(c, "2026-06-01T00:00:00Z", 2),
            (Times{"2026-12-31T23:59:59.000000Z", "2027-12-31T23:59:59.000000Z"}));
}

TEST(CronNext, FebruaryTwentyNinthOnlyInLeapYears) {
  const CronExpression c = CronExpression::parse("0 12 29 2 *");  // five fields
  EXPECT_EQ(fires(c, "2026-01-01T00:00:00Z", 3),
            (Times{"2028-02-29T12:00:00.000000Z", "2032-02-29T12:00:00.000000Z",
                   "2036-02-29T12:00:00.000000Z"}));
  // 2100 is not a leap year: 2096 is followed by 2104.
  EXPECT_EQ(format_iso8601(*c.next_after(utc("2096-03-01T00:00:00Z"))),
            "2104-02-29T12:00:00.000000Z");
}

TEST(CronNext, LastDayLikeRangesSkipDaysTheMonthLacks) {
  const CronExpression range = CronExpression::parse("0 0 0 28-31 * *");
  EXPECT_EQ(fires(range, "2027-02-01T00:00:00Z", 3),
            (Times{"2027-02-28T00:00:00.000000Z", "2027-03-28T00:00:00.000000Z",
                   "2027-03-29T00:00:00.000000Z"}));
  const CronExpression thirty_first = CronExpression::parse("0 0 0 31 * *");
  EXPECT_EQ(fires(thirty_first, "2027-03-31T00:00:00Z", 2),
            (Times{"2027-05-31T00:00:00.000000Z", "2027-07-31T00:00:00.000000Z"}));
  const CronExpression last = CronExpression::parse("0 0 0 L * *");
  EXPECT_EQ(fires(last, "2028-01-31T00:00:00Z", 3),
            (Times{"2028-02-29T00:00:00.000000Z", "2028-03-31T00:00:00.000000Z",
                   "2028-04-30T00:00:00.000000Z"}));
}

TEST(CronNext, BothDayFieldsRestrictedMeansEither) {
  // The 10th (a Tuesday in November 2026) or any Friday.
  const CronExpression c = CronExpression::parse("0 0 0 10 * FRI");
  EXPECT_EQ(fires(c, "2026-11-01T00:00:00Z", 4),
            (Times{"2026-11-06T00:00:00.000000Z", "2026-11-10T00:00:00.000000Z",
                   "2026-11-13T00:00:00.000000Z", "2026-11-20T00:00:00.000000Z"}));
}

TEST(CronNext, StarStepDayOfMonthWithWeekdayMeansBoth) {
  // "*/10" starts with '*', so (as in Vixie cron) days must be 1/11/21/31 AND a Monday.
  const CronExpression c = CronExpression::parse("0 0 0 */10 * MON");
  EXPECT_EQ(fires(c, "2026-11-01T00:00:00Z", 3),
            (Times{"2026-12-21T00:00:00.000000Z", "2027-01-11T00:00:00.000000Z",
                   "2027-02-01T00:00:00.000000Z"}));
}

TEST(CronNext, QuestionMarkLeavesTheOtherDayFieldInCharge) {
  const CronExpression c = CronExpression::parse("0 30 6 ? * SAT,SUN");
  EXPECT_EQ(fires(c, "2026-11-23T00:00:00Z", 3),
            (Times{"2026-11-28T06:30:00.000000Z", "2026-11-29T06:30:00.000000Z",
                   "2026-12-05T06:30:00.000000Z"}));
}

TEST(CronNext, MonthNamesSkipWholeMonths) {
  const CronExpression c = CronExpression::parse("0 0 9 1 JAN,JUL *");
  EXPECT_EQ(fires(c, "2026-01-01T09:00:00Z", 2),
            (Times{"2026-07-01T09:00:00.000000Z", "2027-01-01T09:00:00.000000Z"}));
}

TEST(CronNext, ZoneShiftsTheUtcInstant) {
  // 09:00 in Tokyo (UTC+9, no DST) is 00:00 UTC.
  const CronExpression c = CronExpression::parse("TZ=Asia/Tokyo 0 0 9 * * *");
  EXPECT_EQ(fires(c, "2026-11-23T00:00:00Z", 2),
            (Times{"2026-11-24T00:00:00.000000Z", "2026-11-25T00:00:00.000000Z"}));
}

}  // namespace
}  // namespace jemhead::schedule

// The manual's PQDIF retrieval options: hourly at the top of the hour, daily, weekly,
// monthly (day clamped to the month's length).
#include "core/schedule/pqdif_schedule.hpp"

#include <gtest/gtest.h>

#include "core/schedule/schedule_error.hpp"
#include "core/schedule/wall_clock.hpp"
#include "schedule_test_support.hpp"

namespace jemhead::schedule {
namespace {

using namespace std::chrono;
using testing::fires;
using Times = std::vector<std::string>;

PqdifSchedule make(PqdifFrequency f, minutes at = minutes{0}, const char* zone = "UTC") {
  PqdifOptions o;
  o.frequency = f;
  o.at = at;
  return PqdifSchedule(o, zone_named(zone));
}

TEST(PqdifSchedule, HourlyStartsAtTheTopOfTheHour) {
  const PqdifSchedule hourly = make(PqdifFrequency::hourly);
  EXPECT_EQ(fires(hourly, "2026-11-23T10:59:59Z", 2),
            (Times{"2026-11-23T11:00:00.000000Z", "2026-11-23T12:00:00.000000Z"}));
  EXPECT_EQ(hourly.describe(), "pqdif hourly TZ=UTC");
}

TEST(PqdifSchedule, DailyAtTimeOfDay) {
  const PqdifSchedule daily = make(PqdifFrequency::daily, hours{2}, "America/New_York");
  EXPECT_EQ(fires(daily, "2026-11-23T06:00:00Z", 2),  // 01:00 EST
            (Times{"2026-11-23T07:00:00.000000Z", "2026-11-24T07:00:00.000000Z"}));
  EXPECT_EQ(daily.describe(), "pqdif daily at 02:00 TZ=America/New_York");
}

TEST(PqdifSchedule, WeeklyOnAWeekday) {
  PqdifOptions o;
  o.frequency = PqdifFrequency::weekly;
  o.weekday = date::Sunday;
  o.at = hours{3} + minutes{30};
  const PqdifSchedule weekly(o, zone_named("Europe/Berlin"));
  // Monday 2026-11-23 -> Sunday 2026-11-29 03:30 CET = 02:30Z.
  EXPECT_EQ(fires(weekly, "2026-11-23T12:00:00Z", 2),
            (Times{"2026-11-29T02:30:00.000000Z", "2026-12-06T02:30:00.000000Z"}));
  // On the Sunday itself, before and after the time.
  EXPECT_EQ(fires(weekly, "2026-11-29T02:29:59Z", 1), (Times{"2026-11-29T02:30:00.000000Z"}));
  EXPECT_EQ(fires(weekly, "2026-11-29T02:30:00Z", 1), (Times{"2026-12-06T02:30:00.000000Z"}));
  EXPECT_EQ(weekly.describe(), "pqdif weekly on Sun at 03:30 TZ=Europe/Berlin");
}

TEST(PqdifSchedule, MonthlyOnTheThirtyFirstClampsToTheMonthLength) {
  PqdifOptions o;
  o.frequency = PqdifFrequency::monthly;
  o.day_of_month = 31;
  o.at = hours{23};
  const PqdifSchedule monthly(o, zone_named("UTC"));
  EXPECT_EQ(fires(monthly, "2027-01-31T23:00:00Z", 4),
            (Times{"2027-02-28T23:00:00.000000Z", "2027-03-31T23:00:00.000000Z",
                   "2027-04-30T23:00:00.000000Z", "2027-05-31T23:00:00.000000Z"}));
  EXPECT_EQ(fires(monthly, "2028-02-01T00:00:00Z", 1), (Times{"2028-02-29T23:00:00.000000Z"}));
}

TEST(PqdifSchedule, MonthlyOnAnOrdinaryDay) {
  PqdifOptions o;
  o.frequency = PqdifFrequency::monthly;
  o.day_of_month = 15;
  o.at = hours{6};
  const PqdifSchedule monthly(o, zone_named("UTC"));
  EXPECT_EQ(fires(monthly, "2026-11-15T06:00:00Z", 2),
            (Times{"2026-12-15T06:00:00.000000Z", "2027-01-15T06:00:00.000000Z"}));
}

TEST(PqdifSchedule, RefusesOutOfRangeSettings) {
  PqdifOptions o;
  o.frequency = PqdifFrequency::monthly;
  o.day_of_month = 32;
  EXPECT_THROW(PqdifSchedule(o, zone_named("UTC")), ScheduleParseError);
  o.day_of_month = 1;
  o.at = hours{24};
  EXPECT_THROW(PqdifSchedule(o, zone_named("UTC")), ScheduleParseError);
}

TEST(PqdifSchedule, TimeOfDayAndWeekdayText) {
  EXPECT_EQ(parse_time_of_day("02:05", "at"), hours{2} + minutes{5});
  EXPECT_EQ(parse_time_of_day("23:59", "at"), hours{23} + minutes{59});
  EXPECT_THROW(parse_time_of_day("24:00", "at"), ScheduleParseError);
  EXPECT_THROW(parse_time_of_day("2:00", "at"), ScheduleParseError);
  EXPECT_THROW(parse_time_of_day("02-00", "at"), ScheduleParseError);
  EXPECT_EQ(parse_weekday("sun", "weekday"), date::Sunday);
  EXPECT_EQ(parse_weekday("Saturday", "weekday"), date::Saturday);
  EXPECT_THROW(parse_weekday("Sonntag", "weekday"), ScheduleParseError);
}

}  // namespace
}  // namespace jemhead::schedule

// The JSON/text schedule spec: each form, the common keys, and what is refused.
#include "core/schedule/schedule_spec.hpp"

#include <gtest/gtest.h>

#include "core/schedule/schedule_error.hpp"
#include "schedule_test_support.hpp"

namespace jemhead::schedule {
namespace {

using testing::fires;
using Times = std::vector<std::string>;

TEST(ScheduleSpec, CronWithZoneAndCommonKeys) {
  const ScheduleSpec s = parse_schedule_spec(
      R"({"cron": "0 */15 * * * *", "time_zone": "Europe/Berlin", "enabled": false,
          "misfire": "skip", "max_jitter_seconds": 30})");
  EXPECT_EQ(s.schedule->describe(), "cron 0 */15 * * * * TZ=Europe/Berlin");
  EXPECT_FALSE(s.enabled);
  EXPECT_EQ(s.misfire, MisfirePolicy::skip);
  EXPECT_EQ(s.max_jitter, std::chrono::seconds{30});
}

TEST(ScheduleSpec, DefaultsAndTheCallersZone) {
  const ScheduleSpec s = parse_schedule_spec(R"({"every_minutes": 15})", "America/New_York");
  EXPECT_EQ(s.schedule->describe(), "every 15 minutes TZ=America/New_York");
  EXPECT_TRUE(s.enabled);
  EXPECT_EQ(s.misfire, MisfirePolicy::run_once);
  EXPECT_EQ(s.max_jitter.count(), 0);
}

TEST(ScheduleSpec, PqdifForms) {
  EXPECT_EQ(parse_schedule_spec(R"({"pqdif": "hourly"})").schedule->describe(),
            "pqdif hourly TZ=UTC");
  EXPECT_EQ(parse_schedule_spec(R"({"pqdif": "daily", "at": "02:00"})").schedule->describe(),
            "pqdif daily at 02:00 TZ=UTC");
  EXPECT_EQ(parse_schedule_spec(R"({"pqdif": "weekly", "weekday": "SUN", "at": "03:30"})")
                .schedule->describe(),
            "pqdif weekly on Sun at 03:30 TZ=UTC");
  const ScheduleSpec monthly = parse_schedule_spec(R"({"pqdif": "monthly", "day": 31})");
  EXPECT_EQ(fires(*monthly.schedule, "2027-02-01T00:00:00Z", 1),
            (Times{"2027-02-28T00:00:00.000000Z"}));
}

TEST(ScheduleSpec, PlainTextIsACronExpression) {
  const ScheduleSpec s = parse_schedule_spec("TZ=Asia/Tokyo 0 9 * * MON-FRI");
  EXPECT_EQ(s.schedule->describe(), "cron 0 0 9 * * MON-FRI TZ=Asia/Tokyo");
}

TEST(ScheduleSpec, ErrorsNameTheKey) {
  struct Case {
    const char* text;
    const char* field;
  };
  const Case cases[] = {
      {R"({"cron": "0 * * * * *", "every_minutes": 5})", "schedule"},
      {R"({"time_zone": "UTC"})", "schedule"},
      {R"({"cron": "0 * * * * *", "colour": "red"})", "schedule"},
      {R"({"cron": "0 61 * * * *"})", "cron minute"},
      {R"({"cron": 5})", "cron"},
      {R"({"every_minutes": 0})", "every_minutes"},
      {R"({"every_minutes": "15"})", "every_minutes"},
      {R"({"every_minutes": 15, "at": "02:00"})", "at"},
      {R"({"pqdif": "yearly"})", "pqdif"},
      {R"({"pqdif": "hourly", "at": "00:30"})", "at"},
      {R"({"pqdif": "weekly", "at": "03:00"})", "weekday"},
      {R"({"pqdif": "daily", "day": 3})", "day"},
      {R"({"pqdif": "monthly", "day": 32})", "day"},
      {R"({"pqdif": "monthly"})", "day"},
      {R"({"pqdif": "daily", "at": "25:00"})", "at"},
      {R"({"every_minutes": 5, "time_zone": "Nowhere/City"})", "time_zone"},
      {R"({"every_minutes": 5, "misfire": "later"})", "misfire"},
      {R"({"every_minutes": 5, "enabled": "yes"})", "enabled"},
      {R"({"every_minutes": 5, "max_jitter_seconds": 86401})", "max_jitter_seconds"},
      {R"({"every_minutes": 5, "max_jitter_seconds": -1})", "max_jitter_seconds"},
      {R"({"every_minutes": 5)", "schedule"},
      {R"([1, 2])", "schedule"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    try {
      parse_schedule_spec(c.text);
      ADD_FAILURE() << "accepted";
    } catch (const ScheduleParseError& e) {
      EXPECT_EQ(e.field(), c.field) << e.what();
    }
  }
}

TEST(ScheduleSpec, BoundedInputLength) {
  const std::string huge = R"({"cron": ")" + std::string(5000, '*') + R"("})";
  try {
    parse_schedule_spec(huge);
    ADD_FAILURE() << "accepted";
  } catch (const ScheduleParseError& e) {
    EXPECT_NE(std::string(e.what()).find("longer than 4096"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace jemhead::schedule

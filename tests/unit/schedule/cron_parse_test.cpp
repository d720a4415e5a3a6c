// Cron parsing: accepted syntax and the errors for what is refused (field + token named).
#include <gtest/gtest.h>

#include <string>

#include "core/schedule/cron_expression.hpp"
#include "core/schedule/schedule_error.hpp"

namespace jemhead::schedule {
namespace {

// The error for `text`, or a failure if it parses.
ScheduleParseError parse_error(const std::string& text) {
  try {
    CronExpression::parse(text);
  } catch (const ScheduleParseError& e) {
    return e;
  }
  ADD_FAILURE() << "parsed: " << text;
  return ScheduleParseError("none", "", "");
}

TEST(CronParse, SixFieldsWithListsRangesAndSteps) {
  const CronFields f = parse_cron_fields("5/20 10-50/20 1,3,22 */10 * *");
  EXPECT_EQ(f.seconds.to_ullong(), (1ull << 5) | (1ull << 25) | (1ull << 45));
  EXPECT_EQ(f.minutes.to_ullong(), (1ull << 10) | (1ull << 30) | (1ull << 50));
  EXPECT_EQ(f.hours.to_ulong(), (1ul << 1) | (1ul << 3) | (1ul << 22));
  EXPECT_EQ(f.days_of_month.to_ulong(), (1ul << 1) | (1ul << 11) | (1ul << 21) | (1ul << 31));
  EXPECT_TRUE(f.day_of_month_star);
  EXPECT_EQ(f.months.count(), 12u);
  EXPECT_FALSE(f.months.test(0));
  EXPECT_EQ(f.days_of_week.count(), 7u);
}

TEST(CronParse, FiveFieldsMeanSecondZero) {
  const CronExpression c = CronExpression::parse("*/15 * * * *");
  EXPECT_EQ(c.fields().seconds.to_ullong(), 1ull);
  EXPECT_EQ(c.describe(), "cron 0 */15 * * * * TZ=UTC");
}

TEST(CronParse, NamesAreCaseInsensitiveAndSevenIsSunday) {
  const CronFields f = parse_cron_fields("0 0 9 ? jan-MAR Mon-fri,7");
  EXPECT_EQ(f.months.to_ulong(), (1ul << 1) | (1ul << 2) | (1ul << 3));
  EXPECT_EQ(f.days_of_week.to_ulong(), 0b0111111ul);  // Sunday (from 7) + Monday..Friday
  EXPECT_TRUE(f.day_of_month_star);
  EXPECT_FALSE(f.day_of_week_star);
}

TEST(CronParse, LastDayOfMonth) {
  const CronFields f = parse_cron_fields("0 0 0 L * *");
  EXPECT_TRUE(f.last_day_of_month);
  EXPECT_TRUE(f.days_of_month.none());
}

TEST(CronParse, TimeZonePrefixOrArgument) {
  EXPECT_EQ(CronExpression::parse("TZ=Europe/Berlin 0 0 2 * * *").zone().name(), "Europe/Berlin");
  EXPECT_EQ(CronExpression::parse("0 0 2 * * *", "America/New_York").zone().name(),
            "America/New_York");
  // The prefix wins over the argument: it is part of the expression the user wrote.
  EXPECT_EQ(CronExpression::parse("TZ=Asia/Tokyo 0 0 2 * * *", "America/New_York").zone().name(),
            "Asia/Tokyo");
}

TEST(CronParse, ErrorsNameTheFieldAndTheToken) {
  struct Case {
    const char* text;
    const char* field;
    const char* token;
  };
  const Case cases[] = {
      {"0 60 * * * *", "cron minute", "60"},
      {"0 0 24 * * *", "cron hour", "24"},
      {"0 0 0 0 * *", "cron day-of-month", "0"},
      {"0 0 0 * FOO *", "cron month", "FOO"},
      {"0 0 0 * * 8", "cron day-of-week", "8"},
      {"0 0 0 * * MON,,FRI", "cron day-of-week", ""},
      {"*/0 * * * * *", "cron second", "*/0"},
      {"0 0 0 5-1 * *", "cron day-of-month", "5-1"},
      {"? * * * * *", "cron second", "?"},
      {"0 L * * * *", "cron minute", "L"},
      {"0 0 0 30 FEB *", "cron day-of-month", "30"},
      {"0 0 0 31 4,6,9,11 ?", "cron day-of-month", "31"},
      {"0 1x * * * *", "cron minute", "1x"},
      {"0 0 0 * * * *", "cron", "0 0 0 * * * *"},
      {"1 2 3", "cron", "1 2 3"},
      {"TZ=Mars/Olympus 0 * * * * *", "cron time zone", "Mars/Olympus"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const ScheduleParseError e = parse_error(c.text);
    EXPECT_EQ(e.field(), c.field);
    EXPECT_EQ(e.token(), c.token);
    EXPECT_NE(std::string(e.what()).find(c.field), std::string::npos) << e.what();
  }
}

TEST(CronParse, BoundedInputLength) {
  const std::string long_list = "0 0 0 * * " + std::string(300, '1');
  const ScheduleParseError e = parse_error(long_list);
  EXPECT_EQ(e.field(), "cron");
  EXPECT_NE(std::string(e.what()).find("longer than 256"), std::string::npos);
}

TEST(CronParse, ThirtiethOfFebruaryIsFineWhenWeekdayCanMatch) {
  // Both day fields restricted: the OR rule fires on Mondays in February.
  EXPECT_NO_THROW(CronExpression::parse("0 0 0 30 FEB MON"));
}

}  // namespace
}  // namespace jemhead::schedule

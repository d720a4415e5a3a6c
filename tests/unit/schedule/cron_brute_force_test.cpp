// Cross-check: the cron search against a brute-force walk over every second, which tests
// each second's calendar fields directly against the parsed bit sets (UTC, so no DST).
#include <gtest/gtest.h>

#include "core/schedule/cron_expression.hpp"
#include "schedule_test_support.hpp"

namespace jemhead::schedule {
namespace {

using namespace std::chrono;

bool matches(const CronFields& f, date::sys_seconds t) {
  const date::sys_days day = floor<days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<seconds> tod{t - day};
  return f.seconds.test(static_cast<std::size_t>(tod.seconds().count())) &&
         f.minutes.test(static_cast<std::size_t>(tod.minutes().count())) &&
         f.hours.test(static_cast<std::size_t>(tod.hours().count())) &&
         f.months.test(static_cast<unsigned>(ymd.month())) && f.day_matches(ymd);
}

TEST(CronBruteForce, AgreesWithASecondBySecondWalk) {
  const char* expressions[] = {
      "*/7 * * * * *",     "0 */13 3-5,20 * * *", "30 59 23 L * *",        "0 0 12 1,15 * MON",
      "15,45 0 0 */3 * ?", "0 0 0 ? * SAT",       "10-20/5 1 1 28-31 * *",
  };
  // Three days across a month end, starting at an odd microsecond.
  const UtcTime start = testing::utc("2027-02-26T22:17:03.250000Z");
  const UtcTime end = testing::utc("2027-03-02T00:00:00Z");
  for (const char* text : expressions) {
    SCOPED_TRACE(text);
    const CronExpression cron = CronExpression::parse(text);
    std::vector<UtcTime> expected;
    for (auto s = ceil<seconds>(start); s < end; s += seconds{1})
      if (matches(cron.fields(), s)) expected.push_back(time_point_cast<Micros>(s));
    std::vector<UtcTime> actual;
    for (auto t = cron.next_after(start); t && *t < end; t = cron.next_after(*t))
      actual.push_back(*t);
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(actual, expected);
  }
}

}  // namespace
}  // namespace jemhead::schedule

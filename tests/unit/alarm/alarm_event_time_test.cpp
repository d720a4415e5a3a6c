// The meter's EventTime spellings (L8238–L8273 and the samples): fractions of 0 to 9
// digits, Z or an offset, 'T' or a space. Every instant is compared in UTC microseconds.
#include <gtest/gtest.h>

#include "core/alarm/alarm_json.hpp"

namespace jemhead {
namespace {

std::int64_t micros(std::string_view text) {
  const auto t = parse_alarm_event_time(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t ? to_unix_micros(*t) : -1;
}

constexpr std::int64_t k2019_08_23T21 = 1566594000000000;  // 2019-08-23T21:00:00Z

TEST(AlarmEventTime, FractionDigits) {
  EXPECT_EQ(micros("2019-08-23T21:00:00Z"), k2019_08_23T21);
  EXPECT_EQ(micros("2019-08-23T21:00:00.5Z"), k2019_08_23T21 + 500000);
  EXPECT_EQ(micros("2019-08-23T21:00:00.618369Z"), k2019_08_23T21 + 618369);
  EXPECT_EQ(micros("2019-08-23T21:00:00.7430093Z"), k2019_08_23T21 + 743009);
  EXPECT_EQ(micros("2019-08-23T21:00:00.123456789Z"), k2019_08_23T21 + 123456);
  EXPECT_FALSE(parse_alarm_event_time("2019-08-23T21:00:00.1234567890Z"));
}

TEST(AlarmEventTime, OffsetsAreConvertedToUtc) {
  EXPECT_EQ(micros("2019-08-23T21:00:00-04:00"), k2019_08_23T21 + 4 * 3600000000LL);
  EXPECT_EQ(micros("2019-08-23T21:00:00-0400"), k2019_08_23T21 + 4 * 3600000000LL);
  EXPECT_EQ(micros("2019-08-23T21:00:00-04"), k2019_08_23T21 + 4 * 3600000000LL);
  EXPECT_EQ(micros("2019-08-23T21:00:00+05:30"), k2019_08_23T21 - 330 * 60000000LL);
  EXPECT_EQ(micros("2019-08-23T21:00:00.25+01"), k2019_08_23T21 - 3600000000LL + 250000);
}

TEST(AlarmEventTime, SpaceSeparatorAndSurroundingBlanks) {
  EXPECT_EQ(micros("2019-08-23 21:00:00Z"), k2019_08_23T21);
  EXPECT_EQ(micros("  2019-08-23T21:00:00z \t"), k2019_08_23T21);
}

TEST(AlarmEventTime, RefusesTimesWithoutZoneAndNonsense) {
  EXPECT_FALSE(parse_alarm_event_time("2019-08-23T21:00:00"));  // local time of what zone?
  EXPECT_FALSE(parse_alarm_event_time("2019-08-23"));
  EXPECT_FALSE(parse_alarm_event_time("2019-02-30T21:00:00Z"));
  EXPECT_FALSE(parse_alarm_event_time("2019-08-23T25:00:00Z"));
  EXPECT_FALSE(parse_alarm_event_time("2019-08-23T21:00:00+24:00"));
  EXPECT_FALSE(parse_alarm_event_time("23/08/2019 21:00:00Z"));
  EXPECT_FALSE(parse_alarm_event_time(""));
}

}  // namespace
}  // namespace jemhead

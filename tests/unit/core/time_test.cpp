#include "core/time.hpp"

#include <gtest/gtest.h>

namespace jemhead {
namespace {

TEST(Time, FormatsSixFractionalDigitsAndZ) {
  EXPECT_EQ(format_iso8601(from_unix_micros(0)), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(format_iso8601(from_unix_micros(1'700'000'000'123'456)), "2023-11-14T22:13:20.123456Z");
}

TEST(Time, ParsesWhatMetersSend) {
  // The manual's alarm samples use 6 and 7 fractional digits, Z and offsets.
  EXPECT_EQ(to_unix_micros(*parse_iso8601("2023-11-14T22:13:20.123456Z")), 1'700'000'000'123'456);
  EXPECT_EQ(to_unix_micros(*parse_iso8601("2023-11-14T22:13:20.1234567Z")), 1'700'000'000'123'456);
  EXPECT_EQ(to_unix_micros(*parse_iso8601("2023-11-14T17:13:20.5-05:00")), 1'700'000'000'500'000);
  EXPECT_EQ(to_unix_micros(*parse_iso8601("2023-11-15T03:43:20+0530")), 1'700'000'000'000'000);
  EXPECT_EQ(to_unix_micros(*parse_iso8601("2023-11-14 22:13")), 1'699'999'980'000'000);
  EXPECT_EQ(to_unix_micros(*parse_iso8601("2023-11-14T22:13:20")), 1'700'000'000'000'000);
}

TEST(Time, RefusesMalformed) {
  for (const char* bad :
       {"", "2023-11-14", "2023-13-01T00:00:00Z", "2023-02-30T00:00:00Z", "2023-11-14T24:00:00Z",
        "2023-11-14T22:13:20.Z", "2023-11-14T22:13:20Q", "2023-11-14T22:13:20+25:00",
        "2023-11-14T22:13:20Z trailing", "2023-11-14T22:13:20.1234567890Z", "abcd-11-14T22:13:20Z"})
    EXPECT_FALSE(parse_iso8601(bad).has_value()) << bad;
}

TEST(Time, RoundTripsFormattedText) {
  for (std::int64_t us : {0LL, 1LL, 999'999LL, 1'700'000'000'123'456LL, 4'102'444'799'999'999LL}) {
    auto t = from_unix_micros(us);
    EXPECT_EQ(*parse_iso8601(format_iso8601(t)), t);
  }
}

TEST(Time, MeterEpochIs1990) {
  EXPECT_EQ(format_iso8601(from_meter_seconds(0)), "1990-01-01T00:00:00.000000Z");
  EXPECT_EQ(to_meter_seconds(*parse_iso8601("2026-11-23T21:08:10Z")), 1'164'316'090u);
  EXPECT_EQ(to_meter_seconds(from_unix_micros(0)), 0u);  // before the epoch clamps
}

}  // namespace
}  // namespace jemhead

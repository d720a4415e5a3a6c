#include "sim/meter_clock.hpp"

#include <gtest/gtest.h>

namespace jemhead::sim {
namespace {

using std::chrono::seconds;

const UtcTime kStart = *parse_iso8601("2026-01-01T00:00:00Z");

TEST(MeterClock, SimulatedTimeRunsAtTheTimeFactor) {
  const auto real0 = RealClock::time_point{} + seconds(1000);
  MeterClock c(kStart, real0, 60.0, 0.0);
  EXPECT_EQ(c.simulated(real0), kStart);
  EXPECT_EQ(format_iso8601(c.simulated(real0 + seconds(10))), "2026-01-01T00:10:00.000000Z");
  EXPECT_EQ(c.simulated(real0 + std::chrono::milliseconds(1500)), kStart + seconds(90));
  // Without drift or a set, the meter's clock reads simulated time.
  EXPECT_EQ(c.meter_time_at(kStart + seconds(600)), kStart + seconds(600));
}

TEST(MeterClock, DriftAccumulatesInPartsPerMillion) {
  const auto real0 = RealClock::time_point{};
  MeterClock c(kStart, real0, 1.0, 50.0);  // 50 ppm fast: 4.32 s a day
  const UtcTime day = kStart + seconds(86400);
  EXPECT_EQ(to_unix_micros(c.meter_time_at(day)) - to_unix_micros(day), 4'320'000);
  EXPECT_EQ(c.offset_micros(day), 4'320'000);
  EXPECT_EQ(c.simulated_at_meter_time(c.meter_time_at(day)), day);
  MeterClock slow(kStart, real0, 1.0, -5.787);  // the manual's 0.5 s/day crystal, slow
  EXPECT_NEAR(static_cast<double>(slow.offset_micros(day)), -500'000.0, 100.0);
}

TEST(MeterClock, SettingTheClockMovesOnlyTheMeterClock) {
  const auto real0 = RealClock::time_point{};
  MeterClock c(kStart, real0, 10.0, 0.0);
  const auto real1 = real0 + seconds(6);  // simulated 00:01:00
  const UtcTime wanted = *parse_iso8601("2026-03-01T12:00:00Z");
  c.set(wanted, real1);
  EXPECT_EQ(c.meter_time_at(c.simulated(real1)), wanted);
  EXPECT_EQ(c.simulated(real1), kStart + seconds(60));  // physics unchanged
  // The clock keeps running at the time factor from the set value.
  EXPECT_EQ(c.meter_time_at(c.simulated(real1 + seconds(3))), wanted + seconds(30));
}

TEST(MeterClock, ChangingTheTimeFactorKeepsSimulatedTimeContinuous) {
  const auto real0 = RealClock::time_point{};
  MeterClock c(kStart, real0, 1.0, 0.0);
  const auto real1 = real0 + seconds(100);
  c.set_time_factor(3600.0, real1);
  EXPECT_EQ(c.simulated(real1), kStart + seconds(100));
  EXPECT_EQ(c.simulated(real1 + seconds(2)), kStart + seconds(100 + 7200));
  EXPECT_EQ(c.time_factor(), 3600.0);
}

}  // namespace
}  // namespace jemhead::sim

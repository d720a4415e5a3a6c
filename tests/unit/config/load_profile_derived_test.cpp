// Load profile derived values: full-scale energy per interval, counts against the 16,383
// limit, minimum Km, and days from a meter's DLMS profile entries.
#include "core/config/load_profile_derived.hpp"

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

LpChannel channel(LpQuantity q, LpPhase phase = LpPhase::polyphase, double km = 1.0) {
  LpChannel ch;
  ch.quantity = q;
  ch.phase = phase;
  ch.km = km;
  return ch;
}

TEST(ConfigLoadProfileDerived, IntervalHours) {
  LpProfile lp;  // appendix C: 15 minutes (L13492)
  EXPECT_DOUBLE_EQ(*lp_interval_hours(lp), 0.25);
  lp.interval_kind = LpIntervalKind::daily;
  EXPECT_DOUBLE_EQ(*lp_interval_hours(lp), 24.0);
  lp.interval_kind = LpIntervalKind::weekly;
  EXPECT_DOUBLE_EQ(*lp_interval_hours(lp), 168.0);
  lp.interval_kind = LpIntervalKind::monthly;
  EXPECT_EQ(lp_interval_hours(lp), std::nullopt);
  // External Interval Sync overrides the Interval Length (L3330-L3332).
  lp.interval_kind = LpIntervalKind::minutes;
  lp.external_interval_sync = true;
  EXPECT_EQ(lp_interval_hours(lp), std::nullopt);
}

TEST(ConfigLoadProfileDerived, FullScaleEnergyPerIntervalFromTheWorkedExample) {
  auto p = manual_worked_example_primary();
  const LpProfile lp;
  // 2,700 kW x 0.25 h = 675,000 Wh in units.
  EXPECT_DOUBLE_EQ(*lp_full_scale_per_interval(p, lp, channel(LpQuantity::watt_hours)), 675'000.0);
  // Km is entered in the Measurement Units (L3460-L3464): 675 kWh with kilo.
  p.measurement_units.watts_va = UnitScale::kilo;
  EXPECT_DOUBLE_EQ(*lp_full_scale_per_interval(p, lp, channel(LpQuantity::watt_hours)), 675.0);
  EXPECT_DOUBLE_EQ(*lp_full_scale_per_interval(p, lp, channel(LpQuantity::va_hours)), 675.0);
  // VARs follow their own units setting (L13464), still units here.
  EXPECT_DOUBLE_EQ(*lp_full_scale_per_interval(p, lp, channel(LpQuantity::var_hours)), 675'000.0);
  // One phase of a four-wire service is one element: a third.
  EXPECT_DOUBLE_EQ(*lp_full_scale_per_interval(p, lp, channel(LpQuantity::watt_hours, LpPhase::b)),
                   225.0);
}

TEST(ConfigLoadProfileDerived, NoFullScaleWhereTheManualDefinesNone) {
  const auto p = manual_worked_example_primary();
  const LpProfile lp;
  EXPECT_EQ(lp_full_scale_per_interval(p, lp, channel(LpQuantity::amp_hours, LpPhase::a)),
            std::nullopt);
  auto inst = channel(LpQuantity::watts);
  inst.type = LpChannelType::instantaneous;
  EXPECT_EQ(lp_full_scale_per_interval(p, lp, inst), std::nullopt);
  // A single phase of a line-line service: the manual does not say how it counts.
  auto delta = p;
  delta.connection_type = ConnectionType::three_wire_delta;
  EXPECT_EQ(lp_full_scale_per_interval(delta, lp, channel(LpQuantity::watt_hours, LpPhase::a)),
            std::nullopt);
  EXPECT_TRUE(lp_full_scale_per_interval(delta, lp, channel(LpQuantity::watt_hours)));
}

TEST(ConfigLoadProfileDerived, CountsAgainstTheSixteenBitLimit) {
  auto p = manual_worked_example_primary();
  p.measurement_units.watts_va = UnitScale::kilo;
  const LpProfile lp;
  // 675 kWh / 0.05 = 13,500 counts, below 16,383 (L4780).
  EXPECT_DOUBLE_EQ(
      *lp_full_scale_counts(p, lp, channel(LpQuantity::watt_hours, LpPhase::polyphase, 0.05)),
      13'500.0);
  EXPECT_DOUBLE_EQ(
      *lp_full_scale_counts(p, lp, channel(LpQuantity::watt_hours, LpPhase::polyphase, 0.01)),
      67'500.0);
  const double km_min = *lp_km_minimum(p, lp, channel(LpQuantity::watt_hours));
  EXPECT_NEAR(km_min, 675.0 / 16'383.0, 1e-12);
  EXPECT_NEAR(
      *lp_full_scale_counts(p, lp, channel(LpQuantity::watt_hours, LpPhase::polyphase, km_min)),
      kLpMaxCounts, 1e-6);
}

TEST(ConfigLoadProfileDerived, StorageDaysFromProfileEntries) {
  // 96 fifteen-minute intervals are one day; 35,040 are a year.
  EXPECT_DOUBLE_EQ(*lp_storage_days_from_profile_entries(96, 900), 1.0);
  EXPECT_DOUBLE_EQ(*lp_storage_days_from_profile_entries(35'040, 900), 365.0);
  EXPECT_EQ(lp_storage_days_from_profile_entries(96, 0), std::nullopt);
}

}  // namespace
}  // namespace jemhead::config::test

// Derived primary values against the manual's worked numbers.
#include "core/config/primary_derived.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "config_test_support.hpp"
#include "core/config/meter_configuration.hpp"

namespace jemhead::config::test {
namespace {

TEST(ConfigPrimaryDerived, AppendixCDefaultsGiveFactorOneAndZeroWatts) {
  // Appendix C: Transformer Factor 1 (L13452), Full Scale Watts 0 (L13458).
  const PrimaryConfiguration p;
  EXPECT_DOUBLE_EQ(transformer_factor(p), 1.0);
  EXPECT_DOUBLE_EQ(full_scale_watts_secondary(p), 0.0);
  EXPECT_DOUBLE_EQ(full_scale_watts_primary(p), 0.0);
}

TEST(ConfigPrimaryDerived, TransformerFactorIsVtRatioTimesCtRatio) {
  PrimaryConfiguration p;
  p.vt_primary = 14'400;
  p.vt_secondary = 120;
  p.ct_primary = 1'000;
  p.ct_secondary = 5;
  EXPECT_DOUBLE_EQ(vt_ratio(p), 120.0);
  EXPECT_DOUBLE_EQ(ct_ratio(p), 200.0);
  EXPECT_DOUBLE_EQ(transformer_factor(p), 24'000.0);
}

TEST(ConfigPrimaryDerived, ManualWorkedExampleFullScaleWatts) {
  // "3Ph4W meter with 5A @120V inputs 1,800 watts full scale" (L4379) and "2,700 kilowatt
  // primary and 1,800 watt secondary" (L4405-L4407): transformer factor 1,500.
  const auto p = manual_worked_example_primary();
  EXPECT_DOUBLE_EQ(transformer_factor(p), 1'500.0);
  EXPECT_DOUBLE_EQ(full_scale_watts_secondary(p), 1'800.0);
  EXPECT_DOUBLE_EQ(full_scale_watts_primary(p), 2'700'000.0);
}

TEST(ConfigPrimaryDerived, ThreeWireConnectionsCountTheirElements) {
  PrimaryConfiguration p;
  p.nominal_voltage_secondary = 120;
  p.nominal_current_secondary = 5;
  p.form = MeterForm::f5;
  p.connection_type = ConnectionType::three_wire_network;
  EXPECT_DOUBLE_EQ(full_scale_watts_secondary(p), 1'200.0);
  p.connection_type = ConnectionType::three_wire_delta;
  p.nominal_voltage_secondary = 240;
  EXPECT_NEAR(full_scale_watts_secondary(p), std::sqrt(3.0) * 240 * 5, 1e-9);
  EXPECT_NEAR(full_scale_watts_secondary(p), 2'078.46, 0.01);
}

TEST(ConfigPrimaryDerived, DerivedValuesJson) {
  MeterConfiguration c;
  c.primary.nominal_current_secondary = 5;
  c.primary.ct_primary = 600;
  c.primary.ct_secondary = 5;
  const auto d = derived_values(c);
  const auto& p = d.at("primary").as_object();
  EXPECT_DOUBLE_EQ(p.at("ct_ratio").as_double(), 120.0);
  EXPECT_DOUBLE_EQ(p.at("transformer_factor").as_double(), 120.0);
  EXPECT_DOUBLE_EQ(p.at("full_scale_watts_secondary").as_double(), 1'800.0);
  EXPECT_DOUBLE_EQ(p.at("full_scale_watts_primary").as_double(), 216'000.0);
  // Derived values never appear in the document itself.
  EXPECT_FALSE(to_json(c).at("primary").as_object().contains("transformer_factor"));
}

}  // namespace
}  // namespace jemhead::config::test

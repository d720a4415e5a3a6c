// Trigger tool: threshold % of the nominal secondary voltage in the PQ voltage basis.
#include "core/config/triggers_derived.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace jemhead::config::test {
namespace {

TEST(ConfigTriggersDerived, ThresholdPercentOfNominalVoltage) {
  const PrimaryConfiguration p;  // appendix C: 4-wire wye, 120 V nominal, L-N (L13432, L13454)
  EXPECT_DOUBLE_EQ(trigger_voltage_base(p), 120.0);
  EXPECT_DOUBLE_EQ(voltage_threshold_from_pct(p, 90), 108.0);
  EXPECT_DOUBLE_EQ(voltage_threshold_from_pct(p, 110), 132.0);
  // Appendix C's voltage triggers ">100" (L13565-L13569) are 83.3 % of 120 V.
  EXPECT_NEAR(*voltage_threshold_pct(p, 100), 83.333, 0.001);
  EXPECT_DOUBLE_EQ(*voltage_threshold_pct(p, voltage_threshold_from_pct(p, 87.5)), 87.5);
}

TEST(ConfigTriggersDerived, PqVoltageBasisChangesTheBase) {
  PrimaryConfiguration p;
  p.pq_voltage_measurement = VoltageBasis::line_line;  // L-N changed to L-L (L2563-L2569)
  EXPECT_NEAR(trigger_voltage_base(p), 120.0 * std::sqrt(3.0), 1e-9);
  p.connection_type = ConnectionType::three_wire_delta;  // L-L by default (L2635-L2649)
  p.nominal_voltage_secondary = 240;
  EXPECT_DOUBLE_EQ(trigger_voltage_base(p), 240.0);
  EXPECT_DOUBLE_EQ(voltage_threshold_from_pct(p, 90), 216.0);
}

TEST(ConfigTriggersDerived, OnlyInstantaneousVoltsAreVoltageTriggers) {
  Trigger t;
  EXPECT_TRUE(is_voltage_trigger(t));
  t.measurement = TriggerMeasurement::amps;
  EXPECT_FALSE(is_voltage_trigger(t));
  t.measurement = TriggerMeasurement::volts;
  t.category = TriggerCategory::power_quality;
  EXPECT_FALSE(is_voltage_trigger(t));
}

}  // namespace
}  // namespace jemhead::config::test

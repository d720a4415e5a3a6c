// Energy pulse tool (Ke/pKe <-> full-scale pulse frequency) and analog output table against
// the manual's worked numbers.
#include "core/config/input_output_derived.hpp"

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

// The manual's worked example (L4379, L4405-L4407) with kilo Measurement Units.
PrimaryConfiguration worked_example() {
  auto p = manual_worked_example_primary();
  p.measurement_units.watts_va = UnitScale::kilo;
  return p;
}

EnergyPulseSettings pulse(PulseWeightBasis basis, double weight) {
  EnergyPulseSettings e;
  e.weight_basis = basis;
  e.pulse_weight = weight;
  return e;
}

TEST(ConfigInputOutputDerived, KeWorkedExampleGivesOnePulsePerSecond) {
  const auto p = worked_example();
  const auto e = pulse(PulseWeightBasis::ke, 0.5);
  // Ke = 0.5: "At full scale, 1,800 watts, there would be 3,600 pulses per hour or 1 per
  // second" (L4379-L4383).
  EXPECT_DOUBLE_EQ(*energy_pulse_full_scale_per_hour(p, e), 1'800.0);
  EXPECT_DOUBLE_EQ(*energy_pulse_full_scale_frequency(p, e), 1.0);
  // The suggest button inverts it (L4419-L4423).
  EXPECT_DOUBLE_EQ(*suggest_pulse_weight(p, e, 1.0), 0.5);
  EXPECT_DOUBLE_EQ(*suggest_pulse_weight(p, e, 2.0), 0.25);
  EXPECT_EQ(suggest_pulse_weight(p, e, 0.0), std::nullopt);
}

TEST(ConfigInputOutputDerived, PkeUsesPrimaryInMeasurementUnits) {
  const auto p = worked_example();
  const auto e = pulse(PulseWeightBasis::pke, 0.75);
  EXPECT_DOUBLE_EQ(*energy_pulse_full_scale_per_hour(p, e), 2'700.0);  // kWh per hour
  EXPECT_DOUBLE_EQ(*energy_pulse_full_scale_frequency(p, e), 1.0);
  EXPECT_DOUBLE_EQ(*suggest_pulse_weight(p, e, 1.0), 0.75);
}

TEST(ConfigInputOutputDerived, QuantitiesAndPhasesWithoutFullScale) {
  const auto p = worked_example();
  auto e = pulse(PulseWeightBasis::ke, 0.5);
  e.quantity = EnergyPulseQuantity::amp_hours;
  EXPECT_EQ(energy_pulse_full_scale_frequency(p, e), std::nullopt);
  e.quantity = EnergyPulseQuantity::var_hours;
  EXPECT_DOUBLE_EQ(*energy_pulse_full_scale_frequency(p, e), 1.0);
  e.phase = EnergyPulsePhase::a;  // one element of three
  EXPECT_DOUBLE_EQ(*energy_pulse_full_scale_per_hour(p, e), 600.0);
  e.phase = EnergyPulsePhase::system;
  EXPECT_EQ(energy_pulse_full_scale_per_hour(p, e), std::nullopt);
}

TEST(ConfigInputOutputDerived, AnalogOutputTableWorkedExample) {
  AnalogOutput ao;
  ao.minimum = -500;
  ao.maximum = 1'000;
  // +1000 W -> 20 mA, 0 W -> 9.33 mA, -500 W -> 4 mA (L4497-L4510).
  EXPECT_DOUBLE_EQ(*analog_output_ma(AnalogOutputType::ma_4_20, ao, 1'000), 20.0);
  EXPECT_NEAR(*analog_output_ma(AnalogOutputType::ma_4_20, ao, 0), 9.33, 0.005);
  EXPECT_DOUBLE_EQ(*analog_output_ma(AnalogOutputType::ma_4_20, ao, -500), 4.0);
  EXPECT_EQ(analog_output_ma(AnalogOutputType::ma_4_20, ao, 1'001), std::nullopt);
  // The 0-1 mA mapping is not in the manual.
  EXPECT_EQ(analog_output_ma(AnalogOutputType::ma_0_1, ao, 0), std::nullopt);
  ao.maximum = ao.minimum;
  EXPECT_EQ(analog_output_ma(AnalogOutputType::ma_4_20, ao, ao.minimum), std::nullopt);
}

}  // namespace
}  // namespace jemhead::config::test

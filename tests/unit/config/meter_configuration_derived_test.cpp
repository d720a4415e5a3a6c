// derived_values(): every section's derived values in one JSON object, against the manual's
// worked numbers.
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "core/config/meter_configuration.hpp"

namespace jemhead::config::test {
namespace {

double number(const boost::json::value& v) {
  return v.to_number<double>();
}

// The manual's worked example (L4379, L4405-L4407) with kilo units, one LP channel, an energy
// pulse output, a 4-20 mA analog output, a sag trigger, a measurement log group.
MeterConfiguration worked_example() {
  MeterConfiguration c;
  c.primary = manual_worked_example_primary();
  c.primary.measurement_units.watts_va = UnitScale::kilo;
  LpChannel lp;
  lp.km = 0.05;
  c.load_profile.profiles[0].channels.push_back(lp);
  DioChannel out;
  out.number = 3;
  out.input_output = DioMode::output;
  out.selection = DioSelection::energy_pulse;
  out.energy_pulse.pulse_weight = 0.5;
  c.input_output.digital_io.push_back(out);
  c.input_output.analog_output_type = AnalogOutputType::ma_4_20;
  AnalogOutput ao;
  ao.minimum = -500;
  ao.maximum = 1'000;
  c.input_output.analog_outputs.push_back(ao);
  c.triggers.triggers[0].alarm_when = TriggerWhen::below;
  c.triggers.triggers[0].alarm_threshold = 108;
  c.triggers.triggers[0].reset_threshold = 110.4;
  c.measurement_log.recording_interval_1 = MlRecordingInterval::minutes_10;
  MlGroup g;
  g.channels.resize(50);
  c.measurement_log.groups.push_back(g);
  c.loss_compensation.delivered.status = true;
  return c;
}

TEST(ConfigDerivedValues, EverySectionFromTheWorkedExample) {
  const auto d = derived_values(worked_example());
  EXPECT_DOUBLE_EQ(number(d.at("primary").at("full_scale_watts_primary")), 2'700'000.0);

  const auto& profile = d.at("load_profile").at("profiles").at(0);
  EXPECT_DOUBLE_EQ(number(profile.at("interval_hours")), 0.25);
  EXPECT_TRUE(profile.at("estimated_days_of_storage").is_null());
  const auto& ch = profile.at("channels").at(0);
  EXPECT_DOUBLE_EQ(number(ch.at("full_scale_per_interval")), 675.0);
  EXPECT_DOUBLE_EQ(number(ch.at("full_scale_counts")), 13'500.0);
  EXPECT_NEAR(number(ch.at("km_minimum")), 675.0 / 16'383.0, 1e-12);
  EXPECT_FALSE(ch.at("exceeds_max_counts").as_bool());

  // 50 channels every 10 minutes: about 203 days (L3638-L3644).
  const auto& group = d.at("measurement_log").at("groups").at(0);
  EXPECT_EQ(group.at("number").as_int64(), 1);
  EXPECT_NEAR(number(group.at("storage_days")), 202.78, 0.01);

  const auto& pulse = d.at("input_output").at("energy_pulses").at(0);
  EXPECT_EQ(pulse.at("channel").as_int64(), 3);
  EXPECT_DOUBLE_EQ(number(pulse.at("full_scale_per_hour")), 1'800.0);
  EXPECT_DOUBLE_EQ(number(pulse.at("full_scale_pulse_frequency_hz")), 1.0);
  EXPECT_FALSE(pulse.at("exceeds_max_pulse_rate").as_bool());
  const auto& table = d.at("input_output").at("analog_outputs").at(0).at("output_table").as_array();
  ASSERT_EQ(table.size(), 3u);
  EXPECT_DOUBLE_EQ(number(table[0].at("ma")), 20.0);
  EXPECT_DOUBLE_EQ(number(table[1].at("input")), 0.0);
  EXPECT_NEAR(number(table[1].at("ma")), 9.33, 0.005);
  EXPECT_DOUBLE_EQ(number(table[2].at("ma")), 4.0);

  const auto& triggers = d.at("triggers");
  EXPECT_DOUBLE_EQ(number(triggers.at("voltage_base")), 120.0);
  const auto& sag = triggers.at("voltage_triggers").at(0);
  EXPECT_EQ(sag.at("number").as_int64(), 1);
  EXPECT_DOUBLE_EQ(number(sag.at("alarm_threshold_pct")), 90.0);
  EXPECT_DOUBLE_EQ(number(sag.at("reset_threshold_pct")), 92.0);
  EXPECT_EQ(triggers.at("voltage_triggers").as_array().size(), 3u);

  // 32,767 / 1,800 W = 18.2 (L12377-L12383).
  EXPECT_EQ(
      d.at("protocols").at("dnp_16_bit_straight_max_scale_factor_at_full_scale_watts").as_int64(),
      18);
  EXPECT_EQ(d.at("loss_compensation").at("tlc_mode").as_string(), "tlc_only");
}

TEST(ConfigDerivedValues, OverLimitsAndUndefinedValues) {
  auto c = worked_example();
  c.load_profile.profiles[0].channels[0].km = 0.01;               // 67,500 counts
  c.input_output.digital_io[0].energy_pulse.pulse_weight = 0.04;  // 12.5 pulses/s
  c.input_output.analog_output_type = AnalogOutputType::ma_0_1;
  c.load_profile.profiles[0].interval_kind = LpIntervalKind::monthly;
  c.load_profile.profiles[0].channels.push_back(c.load_profile.profiles[0].channels[0]);
  c.measurement_log.groups[0].channels.clear();
  auto d = derived_values(c);
  const auto& ch = d.at("load_profile").at("profiles").at(0).at("channels").at(0);
  EXPECT_TRUE(ch.at("full_scale_counts").is_null());
  EXPECT_TRUE(ch.at("exceeds_max_counts").is_null());
  EXPECT_TRUE(d.at("measurement_log").at("groups").at(0).at("storage_days").is_null());
  EXPECT_TRUE(d.at("input_output").at("analog_outputs").at(0).at("output_table").is_null());
  const auto& pulse = d.at("input_output").at("energy_pulses").at(0);
  EXPECT_DOUBLE_EQ(number(pulse.at("full_scale_pulse_frequency_hz")), 12.5);
  EXPECT_TRUE(pulse.at("exceeds_max_pulse_rate").as_bool());  // System Bit 5 (L4790)

  c.load_profile.profiles[0].interval_kind = LpIntervalKind::minutes;
  d = derived_values(c);
  const auto& over = d.at("load_profile").at("profiles").at(0).at("channels").at(1);
  EXPECT_DOUBLE_EQ(number(over.at("full_scale_counts")), 67'500.0);
  EXPECT_TRUE(over.at("exceeds_max_counts").as_bool());  // System Bit 4 (L4780)
}

TEST(ConfigDerivedValues, FactoryDefaults) {
  const auto d = derived_values(MeterConfiguration{});
  // Appendix C: no LP channels, no measurement log, no I/O, TLC disabled (L13488-L13506,
  // L13878-L13880); three voltage triggers at >100 V of 120 V.
  EXPECT_TRUE(d.at("load_profile").at("profiles").at(0).at("channels").as_array().empty());
  EXPECT_TRUE(d.at("measurement_log").at("groups").as_array().empty());
  EXPECT_TRUE(d.at("input_output").at("energy_pulses").as_array().empty());
  EXPECT_NEAR(number(d.at("triggers").at("voltage_triggers").at(2).at("alarm_threshold_pct")),
              83.333, 0.001);
  EXPECT_EQ(d.at("loss_compensation").at("tlc_mode").as_string(), "no_system_loss_and_no_tlc");
}

}  // namespace
}  // namespace jemhead::config::test

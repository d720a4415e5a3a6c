// INPUT / OUTPUT: digital I/O channels per standard (L4221-L4229), input and output
// functions, energy pulse directions (L4426-L4434), analog outputs (L4467-L4514), and the
// load profile / demand settings that need the DIO option or a configured input.
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

using M = DioMode;
using S = DioSelection;

DioChannel dio(int number, DioMode mode, DioSelection selection) {
  DioChannel ch;
  ch.number = number;
  ch.input_output = mode;
  ch.selection = selection;
  return ch;
}

// A DIO meter of the given standard with these channels.
std::function<void(MeterConfiguration&)> with_dio(MeterStandard standard,
                                                  std::vector<DioChannel> channels) {
  return [=](MeterConfiguration& c) {
    c.hardware.standard = standard;
    c.hardware.options.digital_io = true;
    c.input_output.digital_io = channels;
  };
}

// Channel 3 as an energy pulse output with this quantity and direction.
std::function<void(MeterConfiguration&)> energy_pulse(EnergyPulseQuantity q,
                                                      EnergyPulseDirection d) {
  auto ch = dio(3, M::output, S::energy_pulse);
  ch.energy_pulse.quantity = q;
  ch.energy_pulse.direction = d;
  return with_dio(MeterStandard::ansi, {ch});
}

AnalogOutput analog(int number, LpQuantity q, LpPhase p, double min, double max) {
  AnalogOutput ao;
  ao.number = number;
  ao.quantity = q;
  ao.phase = p;
  ao.minimum = min;
  ao.maximum = max;
  return ao;
}

// An ANSI meter with the analog output option and these outputs.
std::function<void(MeterConfiguration&)> with_analog(std::vector<AnalogOutput> outputs) {
  return [=](MeterConfiguration& c) {
    c.hardware.options.analog_outputs = true;
    c.input_output.analog_outputs = outputs;
  };
}

TEST(ConfigInputOutput, FactoryDefaultsAreValid) {
  const MeterConfiguration c;
  EXPECT_EQ(summary(validate(c)), std::vector<Expected>{});
  EXPECT_TRUE(c.input_output.digital_io.empty());
  EXPECT_TRUE(c.input_output.analog_outputs.empty());
}

TEST(ConfigInputOutput, AppendixCChannelsForADioMeter) {
  MeterHardware hw;
  EXPECT_TRUE(factory_input_output(hw).digital_io.empty());
  hw.options.digital_io = true;
  const auto io = factory_input_output(hw);
  ASSERT_EQ(io.digital_io.size(), 6u);
  EXPECT_TRUE(has_digital_input(io, 1, S::interval_sync));
  EXPECT_TRUE(has_digital_input(io, 2, S::status_input));
  EXPECT_TRUE(has_digital_output(io, 3, S::energy_pulse));
  EXPECT_EQ(io.digital_io[2].energy_pulse.quantity, EnergyPulseQuantity::watt_hours);
  EXPECT_EQ(io.digital_io[2].energy_pulse.weight_basis, PulseWeightBasis::ke);
  EXPECT_EQ(io.digital_io[2].energy_pulse.mode, EnergyPulseMode::one_shot);
  EXPECT_EQ(io.digital_io[3].energy_pulse.quantity, EnergyPulseQuantity::var_hours);
  EXPECT_EQ(io.digital_io[3].energy_pulse.weight_basis, PulseWeightBasis::pke);
  EXPECT_DOUBLE_EQ(io.digital_io[3].energy_pulse.pulse_weight, 1.0);
  EXPECT_TRUE(has_digital_output(io, 5, S::end_of_demand_interval));
  EXPECT_TRUE(has_digital_output(io, 6, S::triggered_alarm));
  // The accessors tell inputs from outputs and missing channels.
  EXPECT_FALSE(has_digital_output(io, 1, S::interval_sync));
  EXPECT_FALSE(has_digital_input(io, 7, S::status_input));
  EXPECT_TRUE(any_digital_input(io, S::interval_sync));
  EXPECT_FALSE(any_digital_input(io, S::record_load_profile));
  EXPECT_TRUE(any_digital_output(io, S::triggered_alarm));
  EXPECT_FALSE(any_digital_output(io, S::clock_pulse));
  ASSERT_NE(find_digital_io(io, 4), nullptr);
  EXPECT_EQ(find_digital_io(io, 4)->number, 4);
}

TEST(ConfigInputOutput, ValidationTableDigitalIo) {
  const std::string ch0 = "input_output.digital_io[0]";
  const std::string std_seed = "L4221-L4229";
  const std::string dir_rule = "energy_pulse_direction_for_quantity";
  const std::string dir_seed = "L4426-L4434";
  run_cases({
      {"appendix C I/O on a DIO meter",
       [](MeterConfiguration& c) {
         c.hardware.options.digital_io = true;
         c.input_output = factory_input_output(c.hardware);
       },
       {}},
      {"channels without the DIO option",
       [](MeterConfiguration& c) {
         c.input_output.digital_io = {dio(2, M::input, S::status_input)};
       },
       {{"input_output.digital_io", "digital_io_option", "L3332-L3334, L4651"}}},
      {"IEC channel 8 input",
       with_dio(MeterStandard::iec, {dio(8, M::input, S::pulse_counter)}),
       {}},
      {"IEC channel 7 output",
       with_dio(MeterStandard::iec, {dio(7, M::output, S::clock_pulse)}),
       {}},
      {"IEC channel 8 output",
       with_dio(MeterStandard::iec, {dio(8, M::output, S::triggered_alarm)}),
       {{ch0 + ".input_output", "dio_channel_for_standard", std_seed}}},
      {"ANSI channel 6", with_dio(MeterStandard::ansi, {dio(6, M::output, S::energy_pulse)}), {}},
      {"ANSI channel 7",
       with_dio(MeterStandard::ansi, {dio(7, M::input, S::status_input)}),
       {{ch0 + ".number", "dio_channel_for_standard", std_seed}}},
      {"channel 9",
       with_dio(MeterStandard::iec, {dio(9, M::input, S::status_input)}),
       {{ch0 + ".number", "range", std_seed}}},
      {"channel 0",
       with_dio(MeterStandard::iec, {dio(0, M::input, S::status_input)}),
       {{ch0 + ".number", "range", std_seed}}},
      {"nine channels",
       with_dio(MeterStandard::iec,
                {dio(1, M::input, S::status_input), dio(2, M::input, S::status_input),
                 dio(3, M::input, S::status_input), dio(4, M::input, S::status_input),
                 dio(5, M::input, S::status_input), dio(6, M::input, S::status_input),
                 dio(7, M::input, S::status_input), dio(8, M::input, S::status_input),
                 dio(8, M::input, S::pulse_counter)}),
       {{"input_output.digital_io", "count", "L4219-L4235, L13540-L13551"},
        {"input_output.digital_io[8].number", "io_numbers_unique", "L4221-L4229, L4469"}}},
      {"channel used twice",
       with_dio(MeterStandard::ansi,
                {dio(2, M::input, S::status_input), dio(2, M::output, S::clock_pulse)}),
       {{"input_output.digital_io[1].number", "io_numbers_unique", "L4221-L4229, L4469"}}},
      {"every input function on an input",
       with_dio(MeterStandard::ansi,
                {dio(1, M::input, S::interval_sync), dio(2, M::input, S::status_input),
                 dio(3, M::input, S::alarm_trigger), dio(4, M::input, S::pulse_counter),
                 dio(5, M::input, S::tou_rate_override), dio(6, M::input, S::record_load_profile)}),
       {}},
      {"every output function on an output",
       with_dio(MeterStandard::ansi,
                {dio(1, M::output, S::energy_pulse), dio(2, M::output, S::end_of_demand_interval),
                 dio(3, M::output, S::triggered_alarm), dio(4, M::output, S::clock_pulse)}),
       {}},
      {"energy pulse on an input",
       with_dio(MeterStandard::ansi, {dio(1, M::input, S::energy_pulse)}),
       {{ch0 + ".selection", "dio_selection_for_mode", "L4239, L4345"}}},
      {"interval sync on an output",
       with_dio(MeterStandard::ansi, {dio(1, M::output, S::interval_sync)}),
       {{ch0 + ".selection", "dio_selection_for_mode", "L4239, L4345"}}},
      {"VARh pulses in Q3",
       energy_pulse(EnergyPulseQuantity::var_hours, EnergyPulseDirection::q3),
       {}},
      {"Wh pulses received",
       energy_pulse(EnergyPulseQuantity::watt_hours, EnergyPulseDirection::received),
       {}},
      {"Ah pulses without direction",
       energy_pulse(EnergyPulseQuantity::amp_hours, EnergyPulseDirection::none),
       {}},
      {"Wh pulses in Q1",
       energy_pulse(EnergyPulseQuantity::watt_hours, EnergyPulseDirection::q1),
       {{ch0 + ".energy_pulse.direction", dir_rule, dir_seed}}},
      {"VAh pulses in Q4",
       energy_pulse(EnergyPulseQuantity::va_hours_vectorial, EnergyPulseDirection::q4),
       {{ch0 + ".energy_pulse.direction", dir_rule, dir_seed}}},
      {"Ah pulses delivered",
       energy_pulse(EnergyPulseQuantity::amp_hours, EnergyPulseDirection::delivered),
       {{ch0 + ".energy_pulse.direction", dir_rule, dir_seed}}},
      {"A2h pulses received",
       energy_pulse(EnergyPulseQuantity::amps_squared_hours, EnergyPulseDirection::received),
       {{ch0 + ".energy_pulse.direction", dir_rule, dir_seed}}},
      {"energy pulse settings of a status input are not checked",
       [](MeterConfiguration& c) {
         auto ch = dio(2, M::input, S::status_input);
         ch.energy_pulse.direction = EnergyPulseDirection::q1;
         with_dio(MeterStandard::ansi, {ch})(c);
       },
       {}},
      {"pulse weight 0",
       [](MeterConfiguration& c) {
         auto ch = dio(3, M::output, S::energy_pulse);
         ch.energy_pulse.pulse_weight = 0;
         with_dio(MeterStandard::ansi, {ch})(c);
       },
       {{ch0 + ".energy_pulse.pulse_weight", "range", "L4367-L4425"}}},
  });
}

TEST(ConfigInputOutput, ValidationTableAnalogOutputs) {
  const std::string ao0 = "input_output.analog_outputs[0]";
  const std::string ao_list = "input_output.analog_outputs";
  run_cases({
      {"four outputs",
       with_analog({analog(1, LpQuantity::watts, LpPhase::polyphase, -500, 1000),
                    analog(2, LpQuantity::vars, LpPhase::a, 0, 1),
                    analog(3, LpQuantity::amps, LpPhase::n, 0, 5),
                    analog(4, LpQuantity::hz, LpPhase::none, 45, 65)}),
       {}},
      {"without the option",
       [](MeterConfiguration& c) {
         c.input_output.analog_outputs = {analog(1, LpQuantity::watts, LpPhase::a, 0, 1)};
       },
       {{ao_list, "analog_outputs_option", "L4467-L4471"}}},
      {"on an IEC meter",
       [](MeterConfiguration& c) {
         with_analog({analog(1, LpQuantity::watts, LpPhase::a, 0, 1)})(c);
         c.hardware.standard = MeterStandard::iec;
       },
       {{"hardware.options.analog_outputs", "ansi_only_option", "L4467, L5597"},
        {ao_list, "analog_outputs_option", "L4467-L4471"}}},
      {"five outputs",
       with_analog({analog(1, LpQuantity::watts, LpPhase::a, 0, 1),
                    analog(2, LpQuantity::watts, LpPhase::a, 0, 1),
                    analog(3, LpQuantity::watts, LpPhase::a, 0, 1),
                    analog(4, LpQuantity::watts, LpPhase::a, 0, 1),
                    analog(4, LpQuantity::watts, LpPhase::b, 0, 1)}),
       {{ao_list, "count", "L4467-L4514"},
        {"input_output.analog_outputs[4].number", "io_numbers_unique", "L4221-L4229, L4469"}}},
      {"output 5",
       with_analog({analog(5, LpQuantity::watts, LpPhase::a, 0, 1)}),
       {{ao0 + ".number", "range", "L4469"}}},
      {"energy quantity",
       with_analog({analog(1, LpQuantity::watt_hours, LpPhase::a, 0, 1)}),
       {{ao0 + ".quantity", "analog_output_quantity", "L4475"}}},
      {"volts on neutral",
       with_analog({analog(1, LpQuantity::volts, LpPhase::n, 0, 150)}),
       {{ao0 + ".phase", "analog_output_phase_for_quantity", "L4479-L4481"}}},
      {"appendix C's unconfigured 0-0",
       with_analog({analog(1, LpQuantity::watts, LpPhase::a, 0, 0)}),
       {{ao0 + ".maximum", "analog_output_range", "L4491-L4510"}}},
      {"maximum below minimum",
       with_analog({analog(1, LpQuantity::watts, LpPhase::a, 10, -10)}),
       {{ao0 + ".maximum", "analog_output_range", "L4491-L4510"}}},
  });
}

TEST(ConfigInputOutput, ValidationTableSectionsThatNeedTheIo) {
  const std::string p0 = "load_profile.profiles[0]";
  const auto sync_input = with_dio(MeterStandard::ansi, {dio(4, M::input, S::interval_sync)});
  auto lp_channel = [](LpChannelType type, LpQuantity q, LpRecords records) {
    return [=](MeterConfiguration& c) {
      LpChannel ch;
      ch.type = type;
      ch.quantity = q;
      const bool energy = type == LpChannelType::consumption;
      ch.phase = energy ? LpPhase::polyphase : LpPhase::none;
      ch.direction = energy ? LpDirection::delivered : LpDirection::none;
      ch.records = records;
      c.load_profile.profiles[0].channels = {ch};
    };
  };
  auto both = [](std::function<void(MeterConfiguration&)> a,
                 std::function<void(MeterConfiguration&)> b) {
    return [=](MeterConfiguration& c) {
      a(c);
      b(c);
    };
  };
  const auto status_di2 =
      lp_channel(LpChannelType::status_input, LpQuantity::digital_input_2, LpRecords::always);
  run_cases({
      {"profile 2 with the Dual LP option",
       [](MeterConfiguration& c) {
         c.hardware.options.dual_load_profile = true;
         c.load_profile.profiles.resize(2);
       },
       {}},
      {"profile 2 without the option",
       [](MeterConfiguration& c) { c.load_profile.profiles.resize(2); },
       {{"load_profile.profiles[1]", "lp_profile_2_option", "L3310-L3316"}}},
      {"external interval sync with an interval sync input",
       both(
           sync_input,
           [](MeterConfiguration& c) { c.load_profile.profiles[0].external_interval_sync = true; }),
       {}},
      {"external interval sync without an input",
       [](MeterConfiguration& c) { c.load_profile.profiles[0].external_interval_sync = true; },
       {{p0 + ".external_interval_sync", "lp_external_sync_input", "L3334-L3338, L4253-L4255"}}},
      {"external interval sync with an interval sync output",
       [](MeterConfiguration& c) {
         with_dio(MeterStandard::ansi, {dio(4, M::output, S::interval_sync)})(c);
         c.load_profile.profiles[0].external_interval_sync = true;
       },
       {{"input_output.digital_io[0].selection", "dio_selection_for_mode", "L4239, L4345"},
        {p0 + ".external_interval_sync", "lp_external_sync_input", "L3334-L3338, L4253-L4255"}}},
      {"demand sync with an interval sync input",
       both(sync_input, [](MeterConfiguration& c) { c.demands.demand_sync = true; }),
       {}},
      {"demand sync without an input",
       [](MeterConfiguration& c) { c.demands.demand_sync = true; },
       {{"demands.demand_sync", "demand_sync_input", "L3530-L3534, L4255-L4256"}}},
      {"records digital input with a record LP input",
       both(with_dio(MeterStandard::ansi, {dio(1, M::input, S::record_load_profile)}),
            lp_channel(LpChannelType::consumption, LpQuantity::watt_hours,
                       LpRecords::digital_input)),
       {}},
      {"records digital input without one",
       lp_channel(LpChannelType::consumption, LpQuantity::watt_hours, LpRecords::digital_input),
       {{p0 + ".channels[0].records", "lp_records_digital_input", "L3452-L3454, L4335-L4341"}}},
      {"status input channel on DI 2",
       both(with_dio(MeterStandard::ansi, {dio(2, M::input, S::status_input)}), status_di2),
       {}},
      {"status input channel without DI 2",
       status_di2,
       {{p0 + ".channels[0].quantity", "lp_input_channel_configured", "L3409-L3413"}}},
      {"status input channel on a pulse counter input",
       both(with_dio(MeterStandard::ansi, {dio(2, M::input, S::pulse_counter)}), status_di2),
       {{p0 + ".channels[0].quantity", "lp_input_channel_configured", "L3409-L3413"}}},
      {"pulse counter channel on IEC DI 8",
       both(with_dio(MeterStandard::iec, {dio(8, M::input, S::pulse_counter)}),
            lp_channel(LpChannelType::pulse_counter, LpQuantity::digital_input_8,
                       LpRecords::always)),
       {}},
      {"pulse counter channel on a status input",
       both(with_dio(MeterStandard::iec, {dio(8, M::input, S::status_input)}),
            lp_channel(LpChannelType::pulse_counter, LpQuantity::digital_input_8,
                       LpRecords::always)),
       {{p0 + ".channels[0].quantity", "lp_input_channel_configured", "L3409-L3413"}}},
  });
}

TEST(ConfigInputOutput, SchemaCoversEveryField) {
  MeterConfiguration c;
  c.input_output.digital_io.resize(1);
  c.input_output.analog_outputs.resize(1);
  // Channel: number, input_output, selection, 6 energy pulse settings, override_rate; the
  // analog output type; output: number, quantity, phase, minimum, maximum.
  EXPECT_EQ(section_leaves(c, "input_output"), 10 + 1 + 5);
}

}  // namespace
}  // namespace jemhead::config::test

// TRIGGER SETUP: up to 64 triggers (L4563-L4567), measurement per category
// (L4571-L4604), thresholds and hysteresis (L4622-L4636), actions and their options
// (L4647-L4667) and one sag / one swell trigger per threshold (L4710).
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "core/config/triggers_rules.hpp"

namespace jemhead::config::test {
namespace {

using C = TriggerCategory;
using Me = TriggerMeasurement;

Trigger trigger(int number, TriggerCategory c, TriggerMeasurement m) {
  Trigger t;
  t.number = number;
  t.enabled = true;
  t.category = c;
  t.measurement = m;
  return t;
}

std::function<void(MeterConfiguration&)> with_triggers(std::vector<Trigger> triggers) {
  return [=](MeterConfiguration& c) { c.triggers.triggers = triggers; };
}

// Trigger 1 (volts) with one change.
std::function<void(MeterConfiguration&)> first(std::function<void(Trigger&)> change) {
  return [=](MeterConfiguration& c) {
    auto t = trigger(1, C::instantaneous, Me::volts);
    change(t);
    c.triggers.triggers = {t};
  };
}

Trigger sag_swell(int number, TriggerWhen when, double threshold) {
  auto t = trigger(number, C::instantaneous, Me::volts);
  t.sag_swell = true;
  t.alarm_when = when;
  t.alarm_threshold = threshold;
  t.reset_threshold = threshold;
  return t;
}

DioChannel dio(int number, DioMode mode, DioSelection selection) {
  DioChannel ch;
  ch.number = number;
  ch.input_output = mode;
  ch.selection = selection;
  return ch;
}

TEST(ConfigTriggers, FactoryDefaultsFromAppendixC) {
  const MeterConfiguration c;
  EXPECT_EQ(summary(validate(c)), std::vector<Expected>{});
  const auto& t = c.triggers.triggers;
  ASSERT_EQ(t.size(), 3u);
  const std::array phases{LpPhase::a, LpPhase::b, LpPhase::c};
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(t[i].number, static_cast<int>(i) + 1);
    EXPECT_FALSE(t[i].enabled);
    EXPECT_EQ(t[i].measurement, Me::volts);
    EXPECT_EQ(t[i].phase, phases[i]);
    EXPECT_EQ(t[i].alarm_when, TriggerWhen::above);
    EXPECT_DOUBLE_EQ(t[i].alarm_threshold, 100);
  }
  EXPECT_EQ(find_trigger(c.triggers, 2), &t[1]);
  EXPECT_EQ(find_trigger(c.triggers, 4), nullptr);
}

TEST(ConfigTriggers, MeasurementCategories) {
  EXPECT_TRUE(trigger_measurement_in_category(Me::volts_thd, C::instantaneous));
  EXPECT_TRUE(trigger_measurement_in_category(Me::volts_thd, C::power_quality));
  EXPECT_FALSE(trigger_measurement_in_category(Me::volts_thd, C::fault));
  EXPECT_TRUE(trigger_measurement_in_category(Me::crest_factor, C::power_quality));
  EXPECT_FALSE(trigger_measurement_in_category(Me::crest_factor, C::instantaneous));
  EXPECT_TRUE(trigger_measurement_in_category(Me::zero_sequence, C::fault));
  EXPECT_TRUE(trigger_measurement_in_category(Me::rapid_voltage_change, C::rvc));
  EXPECT_FALSE(trigger_measurement_in_category(Me::phase_loss, C::phase_rotation));
}

TEST(ConfigTriggers, ValidationTable) {
  const std::string t0 = "triggers.triggers[0]";
  const std::string t1 = "triggers.triggers[1]";
  const std::string dio_list_seed = "L4279-L4289";
  run_cases({
      {"no triggers", with_triggers({}), {}},
      {"64 triggers",
       [](MeterConfiguration& c) {
         c.triggers.triggers.clear();
         for (int n = 1; n <= 64; ++n)
           c.triggers.triggers.push_back(trigger(n, C::instantaneous, Me::amps));
       },
       {}},
      {"65 triggers",
       [](MeterConfiguration& c) {
         c.triggers.triggers.clear();
         for (int n = 1; n <= 65; ++n)
           c.triggers.triggers.push_back(trigger(n == 65 ? 64 : n, C::instantaneous, Me::amps));
       },
       {{"triggers.triggers", "count", "L4563-L4567, L13563-L13569"},
        {"triggers.triggers[64].number", "trigger_numbers_unique", "L4563-L4567"}}},
      {"trigger 65",
       first([](Trigger& t) { t.number = 65; }),
       {{t0 + ".number", "range", "L4563-L4567"}}},
      {"number used twice",
       with_triggers(
           {trigger(7, C::fault, Me::zero_sequence), trigger(7, C::rvc, Me::rapid_voltage_change)}),
       {{t1 + ".number", "trigger_numbers_unique", "L4563-L4567"}}},
      {"one of each category",
       with_triggers({trigger(1, C::instantaneous, Me::q), trigger(2, C::power_quality, Me::tdd),
                      trigger(3, C::power_quality, Me::amps_thd),
                      trigger(4, C::fault, Me::negative_sequence),
                      trigger(5, C::transient, Me::transient_voltage),
                      trigger(6, C::phase_loss, Me::phase_loss),
                      trigger(7, C::phase_rotation, Me::phase_rotation),
                      trigger(8, C::voltage_interruption, Me::voltage_interruption),
                      trigger(9, C::rvc, Me::rapid_voltage_change)}),
       {}},
      {"flicker as instantaneous",
       with_triggers({trigger(1, C::instantaneous, Me::flicker)}),
       {{t0 + ".measurement", "trigger_measurement_for_category", "L4571-L4604"}}},
      {"volts as a fault",
       with_triggers({trigger(1, C::fault, Me::volts)}),
       {{t0 + ".measurement", "trigger_measurement_for_category", "L4571-L4604"}}},
      {"digital input trigger on an alarm trigger input",
       [](MeterConfiguration& c) {
         c.hardware.options.digital_io = true;
         c.input_output.digital_io = {dio(3, DioMode::input, DioSelection::alarm_trigger)};
         auto t = trigger(1, C::digital_input, Me::digital_input_on_off);
         t.trigger_on = 3;
         c.triggers.triggers = {t};
       },
       {}},
      {"digital input trigger without its channel",
       with_triggers({trigger(1, C::digital_input, Me::digital_input_on_off)}),
       {{t0 + ".trigger_on", "trigger_digital_input", dio_list_seed}}},
      {"digital input trigger on a status input",
       [](MeterConfiguration& c) {
         c.hardware.options.digital_io = true;
         c.input_output.digital_io = {dio(3, DioMode::input, DioSelection::status_input)};
         auto t = trigger(1, C::digital_input, Me::digital_input_on_off);
         t.trigger_on = 3;
         c.triggers.triggers = {t};
       },
       {{t0 + ".trigger_on", "trigger_digital_input", dio_list_seed}}},
      {"trigger on for a voltage trigger",
       first([](Trigger& t) { t.trigger_on = 2; }),
       {{t0 + ".trigger_on", "trigger_digital_input", dio_list_seed}}},
      {"trigger on 9",
       [](MeterConfiguration& c) {
         auto t = trigger(1, C::digital_input, Me::digital_input_on_off);
         t.trigger_on = 9;
         c.triggers.triggers = {t};
       },
       {{t0 + ".trigger_on", "range", dio_list_seed},
        {t0 + ".trigger_on", "trigger_digital_input", dio_list_seed}}},
      {"hysteresis below an above-alarm",
       first([](Trigger& t) {
         t.alarm_threshold = 130;
         t.reset_threshold = 125;
         t.trigger_delay_ms = 3600000;
         t.reset_delay_ms = 500;
       }),
       {}},
      {"reset above an above-alarm",
       first([](Trigger& t) { t.reset_threshold = 101; }),
       {{t0 + ".reset_threshold", "trigger_reset_threshold", "L4630-L4636"}}},
      {"reset below a below-alarm",
       first([](Trigger& t) {
         t.alarm_when = TriggerWhen::below;
         t.alarm_threshold = 90;
         t.reset_threshold = 89;
       }),
       {{t0 + ".reset_threshold", "trigger_reset_threshold", "L4630-L4636"}}},
      {"negative delay",
       first([](Trigger& t) { t.trigger_delay_ms = -1; }),
       {{t0 + ".trigger_delay_ms", "range", "L4622-L4626"}}},
      {"reset delay over an hour",
       first([](Trigger& t) { t.reset_delay_ms = 3600001; }),
       {{t0 + ".reset_delay_ms", "range", "L4632-L4636"}}},
      {"digital output on a triggered alarm output",
       [](MeterConfiguration& c) {
         c.hardware.options.digital_io = true;
         c.input_output = factory_input_output(c.hardware);
         first([](Trigger& t) { t.digital_output = 6; })(c);
       },
       {}},
      {"digital output without the DIO option",
       first([](Trigger& t) { t.digital_output = 6; }),
       {{t0 + ".digital_output", "trigger_digital_output_option", "L4651"}}},
      {"digital output on an energy pulse output",
       [](MeterConfiguration& c) {
         c.hardware.options.digital_io = true;
         c.input_output = factory_input_output(c.hardware);
         first([](Trigger& t) { t.digital_output = 3; })(c);
       },
       {{t0 + ".digital_output", "trigger_digital_output_channel", "L4448-L4458"}}},
      {"sag/swell on amps",
       [](MeterConfiguration& c) {
         auto t = trigger(1, C::instantaneous, Me::amps);
         t.sag_swell = true;
         c.triggers.triggers = {t};
       },
       {{t0 + ".sag_swell", "trigger_sag_swell_voltage", "L4661-L4665, L4703-L4705"}}},
      {"sag and swell at two thresholds",
       with_triggers({sag_swell(1, TriggerWhen::below, 108), sag_swell(2, TriggerWhen::below, 60),
                      sag_swell(3, TriggerWhen::above, 132),
                      sag_swell(4, TriggerWhen::above, 108)}),
       {}},
      {"two sags at one threshold",
       with_triggers(
           {sag_swell(1, TriggerWhen::below, 108), sag_swell(2, TriggerWhen::below, 108)}),
       {{t1 + ".alarm_threshold", "trigger_sag_swell_one_per_threshold", "L4710"}}},
      {"a plain trigger beside a sag at one threshold",
       with_triggers({sag_swell(1, TriggerWhen::below, 108),
                      [] {
                        auto t = sag_swell(2, TriggerWhen::below, 108);
                        t.sag_swell = false;
                        return t;
                      }()}),
       {}},
      {"recordings with PQ3",
       [](MeterConfiguration& c) {
         c.hardware.options.pq3 = true;
         first([](Trigger& t) {
           t.high_speed_rms = true;
           t.waveform_capture = TriggerWaveformCapture::high;
         })(c);
       },
       {}},
      {"high speed RMS with PQ2 only",
       [](MeterConfiguration& c) {
         c.hardware.options.pq2 = true;
         first([](Trigger& t) {
           t.high_speed_rms = true;
           t.waveform_capture = TriggerWaveformCapture::low;
         })(c);
       },
       {{t0 + ".high_speed_rms", "trigger_recording_option", "L4661-L4667, L7269-L7271"}}},
      {"waveform capture with PQ1 only",
       [](MeterConfiguration& c) {
         c.hardware.options.pq1 = true;
         first([](Trigger& t) {
           t.high_speed_rms = true;
           t.waveform_capture = TriggerWaveformCapture::medium;
         })(c);
       },
       {{t0 + ".waveform_capture", "trigger_recording_option", "L4661-L4667, L7269-L7271"}}},
      {"web notification, firmware unknown",
       first([](Trigger& t) { t.web_notification = true; }),
       {}},
      {"web notification, firmware 6.5.2",
       [](MeterConfiguration& c) {
         c.hardware.firmware_version = "6.5.2";
         first([](Trigger& t) { t.web_notification = true; })(c);
       },
       {}},
      {"web notification, firmware 5.5.1",
       [](MeterConfiguration& c) {
         c.hardware.firmware_version = "5.5.1";
         first([](Trigger& t) { t.web_notification = true; })(c);
       },
       {{t0 + ".web_notification", "trigger_notification_firmware", "L8015-L8027"}}},
  });
}

TEST(ConfigTriggers, SchemaCoversEveryField) {
  MeterConfiguration c;
  c.triggers.triggers.resize(1);
  EXPECT_EQ(section_leaves(c, "triggers"), 16);
}

}  // namespace
}  // namespace jemhead::config::test

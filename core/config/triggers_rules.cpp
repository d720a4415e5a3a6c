#include "core/config/triggers_rules.hpp"

#include <array>
#include <string>

#include "core/config/meter_configuration.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

bool trigger_measurement_in_category(TriggerMeasurement m, TriggerCategory c) {
  using M = TriggerMeasurement;
  using C = TriggerCategory;
  switch (m) {
    case M::volts_thd:
    case M::amps_thd: return c == C::instantaneous || c == C::power_quality;
    case M::volts:
    case M::amps:
    case M::frequency:
    case M::power_factor:
    case M::volts_imbalance:
    case M::amps_imbalance:
    case M::watts:
    case M::vars:
    case M::va:
    case M::q:
    case M::volts_squared:
    case M::amps_squared: return c == C::instantaneous;
    case M::flicker:
    case M::tdd:
    case M::tdd_odd:
    case M::tdd_even:
    case M::volts_thd_odd:
    case M::volts_thd_even:
    case M::amps_thd_odd:
    case M::amps_thd_even:
    case M::crest_factor: return c == C::power_quality;
    case M::negative_sequence:
    case M::positive_sequence:
    case M::zero_sequence: return c == C::fault;
    case M::digital_input_on_off: return c == C::digital_input;
    case M::transient_voltage: return c == C::transient;
    case M::phase_loss: return c == C::phase_loss;
    case M::phase_rotation: return c == C::phase_rotation;
    case M::voltage_interruption: return c == C::voltage_interruption;
    case M::rapid_voltage_change: return c == C::rvc;
  }
  return false;
}

namespace {

std::string with_number(std::string text, int n) {
  text += ' ';
  text += std::to_string(n);
  return text;
}

void check_one(const MeterConfiguration& c, const Trigger& t, const std::string& at,
               Problems& out) {
  const auto& io = c.input_output;
  const auto& options = c.hardware.options;
  if (!trigger_measurement_in_category(t.measurement, t.category)) {
    std::string msg(to_text(t.measurement));
    msg += " is not a ";
    msg += to_text(t.category);
    msg += " measurement";
    report(out, kTriggerMeasurementForCategory, child_path(at, "measurement"), std::move(msg));
  }
  // A Digital Input trigger names an input set to Alarm Trigger in "Trigger On"; no other
  // trigger has a Trigger On channel (L4279-L4289).
  if (t.measurement == TriggerMeasurement::digital_input_on_off) {
    if (!has_digital_input(io, t.trigger_on, DioSelection::alarm_trigger))
      report(out, kTriggerDigitalInput, child_path(at, "trigger_on"),
             t.trigger_on == 0
                 ? std::string("a digital input trigger needs its input channel")
                 : with_number("no digital input set to alarm_trigger on channel", t.trigger_on));
  } else if (t.trigger_on != 0) {
    report(out, kTriggerDigitalInput, child_path(at, "trigger_on"),
           "only digital input triggers have a trigger_on channel");
  }
  // The reset threshold is on the normal side of the alarm threshold (hysteresis).
  const bool reset_ok = t.alarm_when == TriggerWhen::above ? t.reset_threshold <= t.alarm_threshold
                                                           : t.reset_threshold >= t.alarm_threshold;
  if (!reset_ok)
    report(out, kTriggerResetThreshold, child_path(at, "reset_threshold"),
           t.alarm_when == TriggerWhen::above
               ? "an alarm above the threshold resets at or below it"
               : "an alarm below the threshold resets at or above it");
  if (t.digital_output != 0) {
    if (!options.digital_io)
      report(out, kTriggerDigitalOutputOption, child_path(at, "digital_output"),
             "a digital output action needs the DIO option");
    else if (!has_digital_output(io, t.digital_output, DioSelection::triggered_alarm))
      report(out, kTriggerDigitalOutputChannel, child_path(at, "digital_output"),
             with_number("no digital output set to triggered_alarm on channel", t.digital_output));
  }
  if (t.sag_swell &&
      !(t.category == TriggerCategory::instantaneous && t.measurement == TriggerMeasurement::volts))
    report(out, kTriggerSagSwellVoltage, child_path(at, "sag_swell"),
           "sag/swell capture applies to instantaneous voltage triggers only");
  if (t.high_speed_rms && !(options.pq1 || options.pq3))
    report(out, kTriggerRecordingOption, child_path(at, "high_speed_rms"),
           "High Speed RMS recording needs option PQ1 or PQ3");
  if (t.waveform_capture != TriggerWaveformCapture::none && !(options.pq2 || options.pq3))
    report(out, kTriggerRecordingOption, child_path(at, "waveform_capture"),
           "Waveform Capture recording needs option PQ2 or PQ3");
  // Unknown firmware: no gate (filled in by the read-back before a push).
  if (t.web_notification && firmware_has_5_5_2_features(c.hardware) == false)
    report(out, kTriggerNotificationFirmware, child_path(at, "web_notification"),
           "alarm notification needs firmware 5.5.2/6.5.2 or newer");
}

}  // namespace

std::span<const RuleRef> triggers_rule_refs() {
  static constexpr std::array refs{
      kTriggerNumbersUnique,        kTriggerMeasurementForCategory,  kTriggerDigitalInput,
      kTriggerResetThreshold,       kTriggerDigitalOutputOption,     kTriggerDigitalOutputChannel,
      kTriggerSagSwellVoltage,      kTriggerSagSwellOnePerThreshold, kTriggerRecordingOption,
      kTriggerNotificationFirmware,
  };
  return refs;
}

void check_triggers_rules(const MeterConfiguration& c, Problems& out) {
  const auto& list = c.triggers.triggers;
  const std::string path = "triggers.triggers";
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto at = item_path(path, i);
    for (std::size_t j = 0; j < i; ++j)
      if (list[j].number == list[i].number) {
        report(out, kTriggerNumbersUnique, child_path(at, "number"),
               with_number("trigger number used twice:", list[i].number));
        break;
      }
    check_one(c, list[i], at, out);
    // "Only one Voltage Sag and Swell trigger are allowed per alarm threshold setting"
    // (L4710): among sag/swell triggers, one sag (below) and one swell (above) per
    // threshold value. Phase is not part of the key: the manual's trigger tool computes one
    // sag and one swell threshold per setting, not one per phase.
    if (!list[i].sag_swell) continue;
    for (std::size_t j = 0; j < i; ++j)
      if (list[j].sag_swell && list[j].alarm_when == list[i].alarm_when &&
          list[j].alarm_threshold == list[i].alarm_threshold) {
        std::string msg = list[i].alarm_when == TriggerWhen::below ? "sag" : "swell";
        msg += " trigger with the same threshold as trigger ";
        msg += std::to_string(list[j].number);
        report(out, kTriggerSagSwellOnePerThreshold, child_path(at, "alarm_threshold"),
               std::move(msg));
        break;
      }
  }
}

}  // namespace jemhead::config

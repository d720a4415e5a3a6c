#pragma once
// Enumerations of TRIGGER SETUP (manual L4515-L4733) and their JSON spellings.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// Trigger Measurements table, "Category" column (L4571-L4604).
enum class TriggerCategory {
  instantaneous,
  power_quality,
  fault,
  digital_input,
  transient,
  phase_loss,
  phase_rotation,
  voltage_interruption,
  rvc,
};

// Trigger Measurements table, "Measurements" column (L4574-L4604). Volts THD % and Amps
// THD % appear under both Instantaneous and Power Quality: one value each, allowed in both
// categories (rule trigger_measurement_for_category). Categories with a single entry
// (Digital Input "On/Off", Transient, Phase Loss, ...) have their own value.
enum class TriggerMeasurement {
  volts,
  amps,
  volts_thd,
  amps_thd,
  frequency,
  power_factor,
  volts_imbalance,
  amps_imbalance,
  watts,
  vars,
  va,
  q,
  volts_squared,
  amps_squared,
  flicker,
  tdd,
  tdd_odd,
  tdd_even,
  volts_thd_odd,
  volts_thd_even,
  amps_thd_odd,
  amps_thd_even,
  crest_factor,
  negative_sequence,
  positive_sequence,
  zero_sequence,
  digital_input_on_off,
  transient_voltage,
  phase_loss,
  phase_rotation,
  voltage_interruption,
  rapid_voltage_change,
};

// Which side of the alarm threshold is the alarm: appendix C's ">100" (L13565) is above;
// a sag trigger is below (L4684-L4710).
enum class TriggerWhen { above, below };

// Waveform Capture Recording "(low, medium, high resolution)" (L4657, L7355-L7359).
enum class TriggerWaveformCapture { none, low, medium, high };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::TriggerCategory> {
  using E = config::TriggerCategory;
  static constexpr std::array<std::pair<E, std::string_view>, 9> names{{
      {E::instantaneous, "instantaneous"},
      {E::power_quality, "power_quality"},
      {E::fault, "fault"},
      {E::digital_input, "digital_input"},
      {E::transient, "transient"},
      {E::phase_loss, "phase_loss"},
      {E::phase_rotation, "phase_rotation"},
      {E::voltage_interruption, "voltage_interruption"},
      {E::rvc, "rvc"},
  }};
};

template <>
struct EnumText<config::TriggerMeasurement> {
  using E = config::TriggerMeasurement;
  static constexpr std::array<std::pair<E, std::string_view>, 32> names{{
      {E::volts, "volts"},
      {E::amps, "amps"},
      {E::volts_thd, "volts_thd"},
      {E::amps_thd, "amps_thd"},
      {E::frequency, "frequency"},
      {E::power_factor, "power_factor"},
      {E::volts_imbalance, "volts_imbalance"},
      {E::amps_imbalance, "amps_imbalance"},
      {E::watts, "watts"},
      {E::vars, "vars"},
      {E::va, "va"},
      {E::q, "q"},
      {E::volts_squared, "volts_squared"},
      {E::amps_squared, "amps_squared"},
      {E::flicker, "flicker"},
      {E::tdd, "tdd"},
      {E::tdd_odd, "tdd_odd"},
      {E::tdd_even, "tdd_even"},
      {E::volts_thd_odd, "volts_thd_odd"},
      {E::volts_thd_even, "volts_thd_even"},
      {E::amps_thd_odd, "amps_thd_odd"},
      {E::amps_thd_even, "amps_thd_even"},
      {E::crest_factor, "crest_factor"},
      {E::negative_sequence, "negative_sequence"},
      {E::positive_sequence, "positive_sequence"},
      {E::zero_sequence, "zero_sequence"},
      {E::digital_input_on_off, "digital_input_on_off"},
      {E::transient_voltage, "transient_voltage"},
      {E::phase_loss, "phase_loss"},
      {E::phase_rotation, "phase_rotation"},
      {E::voltage_interruption, "voltage_interruption"},
      {E::rapid_voltage_change, "rapid_voltage_change"},
  }};
};

template <>
struct EnumText<config::TriggerWhen> {
  using E = config::TriggerWhen;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::above, "above"}, {E::below, "below"}}};
};

template <>
struct EnumText<config::TriggerWaveformCapture> {
  using E = config::TriggerWaveformCapture;
  static constexpr std::array<std::pair<E, std::string_view>, 4> names{
      {{E::none, "none"}, {E::low, "low"}, {E::medium, "medium"}, {E::high, "high"}}};
};

}  // namespace jemhead

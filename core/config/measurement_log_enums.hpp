#pragma once
// Enumerations of MEASUREMENT LOGGING (OPTION) (manual L3573-L3811) and their JSON spellings.
// The measurement drop-downs are screenshots: the quantities are the catalog of L3671-L3699;
// where it does not say whether a quantity is of voltage or current (harmonics, crest factor,
// sequence components) both are listed; TDD is a current quantity by definition.
#include <array>
#include <string_view>
#include <utility>

#include "core/config/common_enums.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

// Recording intervals (L3608-L3622); 150/180 cycles = 3 s at 50/60 Hz.
enum class MlRecordingInterval {
  cycles_150_180,
  minutes_1,
  minutes_2,
  minutes_3,
  minutes_4,
  minutes_5,
  minutes_10,
  minutes_15,
  minutes_20,
  minutes_30,
  minutes_60,
  minutes_120,
};

// Measurement categories (L3673-L3699): derived from the quantity, never stored.
enum class MlCategory { metering, harmonics, interharmonics, flicker, digital_inputs, fault };

enum class MlQuantity {
  // Metering, instantaneous (L3677-L3679).
  volts,
  amps,
  watts,
  va,
  vars,
  power_factor,
  frequency,
  q,
  volts_squared,
  amps_squared,
  unbalance,
  // Metering, integrated (L3679).
  watt_hours,
  var_hours,
  va_hours,
  q_hours,
  amp_hours,
  amps_squared_hours,
  volts_squared_hours,
  // Harmonics (L3681-L3683).
  volts_harmonic_magnitude,
  amps_harmonic_magnitude,
  volts_harmonic_angle,
  amps_harmonic_angle,
  volts_thd,
  amps_thd,
  amps_tdd,
  volts_crest_factor,
  amps_crest_factor,
  // Interharmonics (L3685-L3687).
  volts_interharmonic,
  amps_interharmonic,
  // Flicker (L3689-L3691).
  flicker_short_term,
  flicker_long_term,
  flicker_instantaneous,
  // Digital Inputs (L3693-L3695): one channel records the contact inputs.
  contact_inputs,
  // Fault (L3697-L3699).
  volts_positive_sequence,
  volts_negative_sequence,
  volts_zero_sequence,
  amps_positive_sequence,
  amps_negative_sequence,
  amps_zero_sequence,
};

// Phase (L3705-L3707): N only for current quantities, polyphase only for power and energy.
enum class MlPhase { a, b, c, n, polyphase, none };
// Direction "if applicable" (L3705-L3707): power and energy only.
enum class MlDirection { delivered, received, none };
// Recording methods (L3731-L3761).
enum class MlMethod { minimum, maximum, average, total, snapshot };
// Engineering units (L3765-L3769); the scaling value is ValueScaling (common_enums.hpp).
enum class MlUnits { units, kilo, mega, giga };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::MlRecordingInterval> {
  using E = config::MlRecordingInterval;
  static constexpr std::array<std::pair<E, std::string_view>, 12> names{{
      {E::cycles_150_180, "cycles_150_180"},
      {E::minutes_1, "minutes_1"},
      {E::minutes_2, "minutes_2"},
      {E::minutes_3, "minutes_3"},
      {E::minutes_4, "minutes_4"},
      {E::minutes_5, "minutes_5"},
      {E::minutes_10, "minutes_10"},
      {E::minutes_15, "minutes_15"},
      {E::minutes_20, "minutes_20"},
      {E::minutes_30, "minutes_30"},
      {E::minutes_60, "minutes_60"},
      {E::minutes_120, "minutes_120"},
  }};
};

template <>
struct EnumText<config::MlCategory> {
  using E = config::MlCategory;
  static constexpr std::array<std::pair<E, std::string_view>, 6> names{{
      {E::metering, "metering"},
      {E::harmonics, "harmonics"},
      {E::interharmonics, "interharmonics"},
      {E::flicker, "flicker"},
      {E::digital_inputs, "digital_inputs"},
      {E::fault, "fault"},
  }};
};

template <>
struct EnumText<config::MlQuantity> {
  using E = config::MlQuantity;
  static constexpr std::array<std::pair<E, std::string_view>, 39> names{{
      {E::volts, "volts"},
      {E::amps, "amps"},
      {E::watts, "watts"},
      {E::va, "va"},
      {E::vars, "vars"},
      {E::power_factor, "power_factor"},
      {E::frequency, "frequency"},
      {E::q, "q"},
      {E::volts_squared, "volts_squared"},
      {E::amps_squared, "amps_squared"},
      {E::unbalance, "unbalance"},
      {E::watt_hours, "watt_hours"},
      {E::var_hours, "var_hours"},
      {E::va_hours, "va_hours"},
      {E::q_hours, "q_hours"},
      {E::amp_hours, "amp_hours"},
      {E::amps_squared_hours, "amps_squared_hours"},
      {E::volts_squared_hours, "volts_squared_hours"},
      {E::volts_harmonic_magnitude, "volts_harmonic_magnitude"},
      {E::amps_harmonic_magnitude, "amps_harmonic_magnitude"},
      {E::volts_harmonic_angle, "volts_harmonic_angle"},
      {E::amps_harmonic_angle, "amps_harmonic_angle"},
      {E::volts_thd, "volts_thd"},
      {E::amps_thd, "amps_thd"},
      {E::amps_tdd, "amps_tdd"},
      {E::volts_crest_factor, "volts_crest_factor"},
      {E::amps_crest_factor, "amps_crest_factor"},
      {E::volts_interharmonic, "volts_interharmonic"},
      {E::amps_interharmonic, "amps_interharmonic"},
      {E::flicker_short_term, "flicker_short_term"},
      {E::flicker_long_term, "flicker_long_term"},
      {E::flicker_instantaneous, "flicker_instantaneous"},
      {E::contact_inputs, "contact_inputs"},
      {E::volts_positive_sequence, "volts_positive_sequence"},
      {E::volts_negative_sequence, "volts_negative_sequence"},
      {E::volts_zero_sequence, "volts_zero_sequence"},
      {E::amps_positive_sequence, "amps_positive_sequence"},
      {E::amps_negative_sequence, "amps_negative_sequence"},
      {E::amps_zero_sequence, "amps_zero_sequence"},
  }};
};

template <>
struct EnumText<config::MlPhase> {
  using E = config::MlPhase;
  static constexpr std::array<std::pair<E, std::string_view>, 6> names{{{E::a, "a"},
                                                                        {E::b, "b"},
                                                                        {E::c, "c"},
                                                                        {E::n, "n"},
                                                                        {E::polyphase, "polyphase"},
                                                                        {E::none, "none"}}};
};

template <>
struct EnumText<config::MlDirection> {
  using E = config::MlDirection;
  static constexpr std::array<std::pair<E, std::string_view>, 3> names{
      {{E::delivered, "delivered"}, {E::received, "received"}, {E::none, "none"}}};
};

template <>
struct EnumText<config::MlMethod> {
  using E = config::MlMethod;
  static constexpr std::array<std::pair<E, std::string_view>, 5> names{{{E::minimum, "minimum"},
                                                                        {E::maximum, "maximum"},
                                                                        {E::average, "average"},
                                                                        {E::total, "total"},
                                                                        {E::snapshot, "snapshot"}}};
};

template <>
struct EnumText<config::MlUnits> {
  using E = config::MlUnits;
  static constexpr std::array<std::pair<E, std::string_view>, 4> names{
      {{E::units, "units"}, {E::kilo, "kilo"}, {E::mega, "mega"}, {E::giga, "giga"}}};
};

}  // namespace jemhead

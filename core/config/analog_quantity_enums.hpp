#pragma once
// The quantities a Modbus or DNP analog point can report (PROTOCOL SETUP, L6064-L6066) and
// their JSON spellings.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// Quantity (L6064-L6066: "depends on the category and measurement type"; the list is a
// screenshot). These are the measurements appendix B and A list for analogs (L13215-L13262,
// L12266-L12320) and, for "integrated", the consumption quantities of the counter tables
// (L13060-L13148). Which type offers which quantity is rule analog_quantity_for_type.
enum class AnalogQuantity {
  // Metering, instantaneous
  volts,
  amps,
  watts,
  vars,
  va_vectorial,
  va_arithmetic,
  frequency,
  pf_vectorial,
  pf_arithmetic,
  q,
  volts_thd,
  amps_thd,
  volts_squared,
  amps_squared,
  volts_imbalance,
  amps_imbalance,
  // Metering, integrated
  watt_hours,
  var_hours,
  va_hours_vectorial,
  va_hours_arithmetic,
  amp_hours,
  q_hours,
  amps_squared_hours,
  volts_squared_hours,
  // Power quality: harmonic (2nd-64th) and interharmonic (2nd-50th) take harmonic_number
  volts_harmonic_magnitude,
  amps_harmonic_magnitude,
  volts_harmonic_angle,
  amps_harmonic_angle,
  volts_thd_odd,
  volts_thd_even,
  tdd,
  tdd_odd,
  tdd_even,
  crest_factor,
  volts_interharmonic_magnitude,
  amps_interharmonic_magnitude,
  pst,
  plt,
  pinst,
  // Fault: sequence components and ratios (ratios: negative and zero sequence only)
  volts_sequence_magnitude,
  volts_sequence_angle,
  amps_sequence_magnitude,
  amps_sequence_angle,
  volts_sequence_ratio,
  amps_sequence_ratio,
};

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::AnalogQuantity> {
  using E = config::AnalogQuantity;
  static constexpr std::array<std::pair<E, std::string_view>, 45> names{{
      {E::volts, "volts"},
      {E::amps, "amps"},
      {E::watts, "watts"},
      {E::vars, "vars"},
      {E::va_vectorial, "va_vectorial"},
      {E::va_arithmetic, "va_arithmetic"},
      {E::frequency, "frequency"},
      {E::pf_vectorial, "pf_vectorial"},
      {E::pf_arithmetic, "pf_arithmetic"},
      {E::q, "q"},
      {E::volts_thd, "volts_thd"},
      {E::amps_thd, "amps_thd"},
      {E::volts_squared, "volts_squared"},
      {E::amps_squared, "amps_squared"},
      {E::volts_imbalance, "volts_imbalance"},
      {E::amps_imbalance, "amps_imbalance"},
      {E::watt_hours, "watt_hours"},
      {E::var_hours, "var_hours"},
      {E::va_hours_vectorial, "va_hours_vectorial"},
      {E::va_hours_arithmetic, "va_hours_arithmetic"},
      {E::amp_hours, "amp_hours"},
      {E::q_hours, "q_hours"},
      {E::amps_squared_hours, "amps_squared_hours"},
      {E::volts_squared_hours, "volts_squared_hours"},
      {E::volts_harmonic_magnitude, "volts_harmonic_magnitude"},
      {E::amps_harmonic_magnitude, "amps_harmonic_magnitude"},
      {E::volts_harmonic_angle, "volts_harmonic_angle"},
      {E::amps_harmonic_angle, "amps_harmonic_angle"},
      {E::volts_thd_odd, "volts_thd_odd"},
      {E::volts_thd_even, "volts_thd_even"},
      {E::tdd, "tdd"},
      {E::tdd_odd, "tdd_odd"},
      {E::tdd_even, "tdd_even"},
      {E::crest_factor, "crest_factor"},
      {E::volts_interharmonic_magnitude, "volts_interharmonic_magnitude"},
      {E::amps_interharmonic_magnitude, "amps_interharmonic_magnitude"},
      {E::pst, "pst"},
      {E::plt, "plt"},
      {E::pinst, "pinst"},
      {E::volts_sequence_magnitude, "volts_sequence_magnitude"},
      {E::volts_sequence_angle, "volts_sequence_angle"},
      {E::amps_sequence_magnitude, "amps_sequence_magnitude"},
      {E::amps_sequence_angle, "amps_sequence_angle"},
      {E::volts_sequence_ratio, "volts_sequence_ratio"},
      {E::amps_sequence_ratio, "amps_sequence_ratio"},
  }};
};

}  // namespace jemhead

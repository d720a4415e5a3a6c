#pragma once
// What an analog (FC04) point measures, and the manual's measurement-range table that the
// meter uses to auto-scale each secondary value to 16 bits (manual L13264-13320, part6
// §11.5). The table is data so a per-point override can cover meter classes or voltage
// ranges it does not describe (part6 Q7).
#include <array>
#include <optional>
#include <string_view>

#include "core/enum_text.hpp"

namespace jemhead::modbus {

enum class AnalogQuantity {
  volts,
  amps,
  watts,
  vars,
  va_vector,
  va_arithmetic,
  frequency,
  power_factor_vector,
  power_factor_arithmetic,
  q,
  volt_thd,
  amp_thd,
  volts_squared,
  amps_squared,
  volt_imbalance,
  amp_imbalance,
  other,  // harmonics, sequence components, TDD, crest factor...: needs full_scale + unit
};

enum class Phase { a, b, c, polyphase, neutral };

// "Del, Rec, Net, Abs, Q1-Q4" (L13261); the manual's "Net" and "Bidirectional"
// (L6083) are the same selection.
enum class Direction { delivered, received, bidirectional, absolute, q1, q2, q3, q4 };

// The secondary full-scale magnitude that maps to 32767, or nothing when the manual's
// table has no row for the quantity. Watts/VARs/VA and Amp² use the 1-phase row for
// phases A-C and the 3-phase row for polyphase; a bidirectional point spans -range..range
// with the same magnitude, so the direction does not change the result.
std::optional<double> manual_full_scale(AnalogQuantity quantity, Phase phase);

// Multiplier from secondary to primary: PT for volts, CT for amps, PT·CT for powers,
// PT² / CT² for the squared quantities, 1 for dimensionless ones (Hz, PF, %).
double primary_factor(AnalogQuantity quantity, double pt_ratio, double ct_ratio);

// Engineering unit of a quantity ("" for power factor and `other`).
std::string_view unit_of(AnalogQuantity quantity);

}  // namespace jemhead::modbus

template <>
struct jemhead::EnumText<jemhead::modbus::AnalogQuantity> {
  using Q = modbus::AnalogQuantity;
  static constexpr std::array<std::pair<Q, std::string_view>, 17> names{{
      {Q::volts, "volts"},
      {Q::amps, "amps"},
      {Q::watts, "watts"},
      {Q::vars, "vars"},
      {Q::va_vector, "va_vector"},
      {Q::va_arithmetic, "va_arithmetic"},
      {Q::frequency, "frequency"},
      {Q::power_factor_vector, "power_factor_vector"},
      {Q::power_factor_arithmetic, "power_factor_arithmetic"},
      {Q::q, "q"},
      {Q::volt_thd, "volt_thd"},
      {Q::amp_thd, "amp_thd"},
      {Q::volts_squared, "volts_squared"},
      {Q::amps_squared, "amps_squared"},
      {Q::volt_imbalance, "volt_imbalance"},
      {Q::amp_imbalance, "amp_imbalance"},
      {Q::other, "other"},
  }};
};

template <>
struct jemhead::EnumText<jemhead::modbus::Phase> {
  using P = modbus::Phase;
  static constexpr std::array<std::pair<P, std::string_view>, 5> names{{
      {P::a, "a"},
      {P::b, "b"},
      {P::c, "c"},
      {P::polyphase, "polyphase"},
      {P::neutral, "neutral"},
  }};
};

template <>
struct jemhead::EnumText<jemhead::modbus::Direction> {
  using D = modbus::Direction;
  static constexpr std::array<std::pair<D, std::string_view>, 8> names{{
      {D::delivered, "delivered"},
      {D::received, "received"},
      {D::bidirectional, "bidirectional"},
      {D::absolute, "absolute"},
      {D::q1, "q1"},
      {D::q2, "q2"},
      {D::q3, "q3"},
      {D::q4, "q4"},
  }};
};

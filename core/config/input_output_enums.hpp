#pragma once
// Enumerations of INPUT / OUTPUT (manual L4211-L4514) and their JSON spellings.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// The "Input/Output" column of a digital I/O channel (L4221-L4229).
enum class DioMode { input, output };

// The "Selection" column: input functions (L4239-L4341) and output functions
// (L4345-L4466) in one list, because the screen has one column; which half a channel may
// use follows its mode (rule dio_selection_for_mode).
enum class DioSelection {
  interval_sync,
  status_input,
  alarm_trigger,
  pulse_counter,
  tou_rate_override,
  record_load_profile,
  energy_pulse,
  end_of_demand_interval,
  triggered_alarm,
  clock_pulse,
};

constexpr bool is_input_selection(DioSelection s) {
  return s <= DioSelection::record_load_profile;
}

// Energy Pulse mode pull-down (L4348-L4352). The text names only Normally Closed ("opens
// on first count, then closes on second count"); appendix C's factory channels use "1 shot"
// (L13546-L13547). Normally Open is our choice: the complement of NC, the rest of the
// pull-down is a screenshot.
enum class EnergyPulseMode { normally_closed, normally_open, one_shot };

// Energy Quantity of the Energy Pulse settings: the manual's list is a screenshot;
// appendix E's DLMS table of the same settings names these eight (L14496-L14512).
enum class EnergyPulseQuantity {
  watt_hours,
  var_hours,
  va_hours_vectorial,
  va_hours_arithmetic,
  amp_hours,
  q_hours,
  amps_squared_hours,
  volts_squared_hours,
};

// Direction (appendix E, L14514-L14541).
enum class EnergyPulseDirection {
  none,
  delivered,
  received,
  bidirectional,
  total,
  net,
  q1,
  q2,
  q3,
  q4,
  absolute,
};

// Phase (appendix E, L14543-L14559).
enum class EnergyPulsePhase { a, b, c, polyphase, average, n, system, none };

// The pulse weight is in secondary (Ke) or primary (pKe) units (L4367-L4387).
enum class PulseWeightBasis { ke, pke };

// "factory configured for either 0-1 mA or 4-20 mA" (L4469-L4471, L4485-L4489).
enum class AnalogOutputType { ma_0_1, ma_4_20 };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::DioMode> {
  using E = config::DioMode;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::input, "input"}, {E::output, "output"}}};
};

template <>
struct EnumText<config::DioSelection> {
  using E = config::DioSelection;
  static constexpr std::array<std::pair<E, std::string_view>, 10> names{{
      {E::interval_sync, "interval_sync"},
      {E::status_input, "status_input"},
      {E::alarm_trigger, "alarm_trigger"},
      {E::pulse_counter, "pulse_counter"},
      {E::tou_rate_override, "tou_rate_override"},
      {E::record_load_profile, "record_load_profile"},
      {E::energy_pulse, "energy_pulse"},
      {E::end_of_demand_interval, "end_of_demand_interval"},
      {E::triggered_alarm, "triggered_alarm"},
      {E::clock_pulse, "clock_pulse"},
  }};
};

template <>
struct EnumText<config::EnergyPulseMode> {
  using E = config::EnergyPulseMode;
  static constexpr std::array<std::pair<E, std::string_view>, 3> names{
      {{E::normally_closed, "normally_closed"},
       {E::normally_open, "normally_open"},
       {E::one_shot, "one_shot"}}};
};

template <>
struct EnumText<config::EnergyPulseQuantity> {
  using E = config::EnergyPulseQuantity;
  static constexpr std::array<std::pair<E, std::string_view>, 8> names{{
      {E::watt_hours, "watt_hours"},
      {E::var_hours, "var_hours"},
      {E::va_hours_vectorial, "va_hours_vectorial"},
      {E::va_hours_arithmetic, "va_hours_arithmetic"},
      {E::amp_hours, "amp_hours"},
      {E::q_hours, "q_hours"},
      {E::amps_squared_hours, "amps_squared_hours"},
      {E::volts_squared_hours, "volts_squared_hours"},
  }};
};

template <>
struct EnumText<config::EnergyPulseDirection> {
  using E = config::EnergyPulseDirection;
  static constexpr std::array<std::pair<E, std::string_view>, 11> names{{
      {E::none, "none"},
      {E::delivered, "delivered"},
      {E::received, "received"},
      {E::bidirectional, "bidirectional"},
      {E::total, "total"},
      {E::net, "net"},
      {E::q1, "Q1"},
      {E::q2, "Q2"},
      {E::q3, "Q3"},
      {E::q4, "Q4"},
      {E::absolute, "absolute"},
  }};
};

template <>
struct EnumText<config::EnergyPulsePhase> {
  using E = config::EnergyPulsePhase;
  static constexpr std::array<std::pair<E, std::string_view>, 8> names{{
      {E::a, "A"},
      {E::b, "B"},
      {E::c, "C"},
      {E::polyphase, "polyphase"},
      {E::average, "average"},
      {E::n, "N"},
      {E::system, "system"},
      {E::none, "none"},
  }};
};

template <>
struct EnumText<config::PulseWeightBasis> {
  using E = config::PulseWeightBasis;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::ke, "ke"}, {E::pke, "pke"}}};
};

template <>
struct EnumText<config::AnalogOutputType> {
  using E = config::AnalogOutputType;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::ma_0_1, "0_1_ma"}, {E::ma_4_20, "4_20_ma"}}};
};

}  // namespace jemhead

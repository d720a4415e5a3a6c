#pragma once
// Enumerations of LOAD PROFILE (manual L3302-L3478) and their JSON spellings.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// Interval Length: "1 - 60 minutes, Daily, Weekly and Monthly" (L3320-L3326).
enum class LpIntervalKind { minutes, daily, weekly, monthly };
// Appendix C (L13488-L13506): "Data Only / Data and Events" and "Data in Counts / Data in
// Eng units" are pairs of exclusive choices.
enum class LpContents { data_only, data_and_events };
enum class LpDataUnits { counts, engineering_units };

// Type (L3365-L3393).
enum class LpChannelType { consumption, instantaneous, status_input, pulse_counter, status_word };

// Quantity (L3395-L3413, phase/direction lists L3419-L3439). The consumption list is a
// screenshot; these are the integrated quantities the phase and direction rules name.
// Status Input and Pulse Counter take a digital input channel (8 on IEC meters, 6 on ANSI,
// L4219-L4235); Status Word takes the System Bit or the Triggered Bit word (L3387-L3389).
enum class LpQuantity {
  watt_hours,
  var_hours,
  va_hours,
  amp_hours,
  amps_squared_hours,
  volts_squared_hours,
  volts,
  amps,
  watts,
  vars,
  va,
  power_factor,
  hz,
  volts_thd,
  amps_thd,
  amps_squared,
  volts_squared,
  digital_input_1,
  digital_input_2,
  digital_input_3,
  digital_input_4,
  digital_input_5,
  digital_input_6,
  digital_input_7,
  digital_input_8,
  system_bit,
  triggered_bit,
};

// Phase (L3415-L3429); N only for current quantities.
enum class LpPhase { a, b, c, n, polyphase, none };
// Direction (L3431-L3439); Q1-Q4 only for VARs and VAR-hours.
enum class LpDirection { delivered, received, q1, q2, q3, q4, none };
// Records (L3441-L3456).
enum class LpRecords { always, during_tou_override, digital_input };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::LpIntervalKind> {
  using E = config::LpIntervalKind;
  static constexpr std::array<std::pair<E, std::string_view>, 4> names{{{E::minutes, "minutes"},
                                                                        {E::daily, "daily"},
                                                                        {E::weekly, "weekly"},
                                                                        {E::monthly, "monthly"}}};
};

template <>
struct EnumText<config::LpContents> {
  using E = config::LpContents;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::data_only, "data_only"}, {E::data_and_events, "data_and_events"}}};
};

template <>
struct EnumText<config::LpDataUnits> {
  using E = config::LpDataUnits;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::counts, "counts"}, {E::engineering_units, "engineering_units"}}};
};

template <>
struct EnumText<config::LpChannelType> {
  using E = config::LpChannelType;
  static constexpr std::array<std::pair<E, std::string_view>, 5> names{
      {{E::consumption, "consumption"},
       {E::instantaneous, "instantaneous"},
       {E::status_input, "status_input"},
       {E::pulse_counter, "pulse_counter"},
       {E::status_word, "status_word"}}};
};

template <>
struct EnumText<config::LpQuantity> {
  using E = config::LpQuantity;
  static constexpr std::array<std::pair<E, std::string_view>, 27> names{{
      {E::watt_hours, "watt_hours"},
      {E::var_hours, "var_hours"},
      {E::va_hours, "va_hours"},
      {E::amp_hours, "amp_hours"},
      {E::amps_squared_hours, "amps_squared_hours"},
      {E::volts_squared_hours, "volts_squared_hours"},
      {E::volts, "volts"},
      {E::amps, "amps"},
      {E::watts, "watts"},
      {E::vars, "vars"},
      {E::va, "va"},
      {E::power_factor, "power_factor"},
      {E::hz, "hz"},
      {E::volts_thd, "volts_thd"},
      {E::amps_thd, "amps_thd"},
      {E::amps_squared, "amps_squared"},
      {E::volts_squared, "volts_squared"},
      {E::digital_input_1, "digital_input_1"},
      {E::digital_input_2, "digital_input_2"},
      {E::digital_input_3, "digital_input_3"},
      {E::digital_input_4, "digital_input_4"},
      {E::digital_input_5, "digital_input_5"},
      {E::digital_input_6, "digital_input_6"},
      {E::digital_input_7, "digital_input_7"},
      {E::digital_input_8, "digital_input_8"},
      {E::system_bit, "system_bit"},
      {E::triggered_bit, "triggered_bit"},
  }};
};

template <>
struct EnumText<config::LpPhase> {
  using E = config::LpPhase;
  static constexpr std::array<std::pair<E, std::string_view>, 6> names{{{E::a, "A"},
                                                                        {E::b, "B"},
                                                                        {E::c, "C"},
                                                                        {E::n, "N"},
                                                                        {E::polyphase, "polyphase"},
                                                                        {E::none, "none"}}};
};

template <>
struct EnumText<config::LpDirection> {
  using E = config::LpDirection;
  static constexpr std::array<std::pair<E, std::string_view>, 7> names{{{E::delivered, "delivered"},
                                                                        {E::received, "received"},
                                                                        {E::q1, "Q1"},
                                                                        {E::q2, "Q2"},
                                                                        {E::q3, "Q3"},
                                                                        {E::q4, "Q4"},
                                                                        {E::none, "none"}}};
};

template <>
struct EnumText<config::LpRecords> {
  using E = config::LpRecords;
  static constexpr std::array<std::pair<E, std::string_view>, 3> names{
      {{E::always, "always"},
       {E::during_tou_override, "during_tou_override"},
       {E::digital_input, "digital_input"}}};
};

}  // namespace jemhead

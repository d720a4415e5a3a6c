#pragma once
// Enumerations of DISPLAY REGISTERS (manual L2685-L3301) and their JSON spellings. The
// Register Type and Quantity pull-downs are screenshots missing from the manual's text;
// their values come from the abbreviation table (L3034-L3134) and the per-category lists
// (Time L3136-L3156, ID/Status L3157-L3205, Power Quality L3206-L3235, External Input
// L3241-L3267, Status Word L3273-L3279).
#include <array>
#include <string_view>
#include <utility>

#include "core/config/common_enums.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

// Register Category (L2823-L2849); Status Word is described as one more at L3273-L3279.
enum class RegisterCategory {
  register_,
  time,
  id_status,
  power_quality,
  external_input,
  status_word
};

// Register Type. Category Register: the types of the abbreviation table (L3038-L3063).
// Category External Input: Status Input or Pulse Counter (L3241-L3267). The other
// categories have no type: their item is the quantity (`none`).
enum class RegisterType {
  none,
  consumption,
  average_power_factor,
  peak_demand,
  time_of_peak_demand,
  coincident_demand,
  instantaneous,
  thermal,
  peak_thermal,
  time_of_peak_thermal,
  coincident_thermal,
  present_demand,
  past_demand,
  predicted_demand,
  status_input,
  pulse_counter,
};

// Quantity: one list for every category, as the load profile's does; which values a
// register may take depends on its category and type (rule register_quantity_for_type).
enum class RegisterQuantity {
  // Category Register (abbreviation table L3065-L3132). VA is not in the table; it is in
  // the DNP counter list of the same registers (VA(vect), L12100-L12140) and in LP.
  watt_hours,
  var_hours,
  va_hours,
  q_hours,
  amp_hours,
  amps_squared_hours,
  volts_squared_hours,
  watts,
  vars,
  va,
  q,
  amps,
  volts,
  power_factor,
  frequency,
  volts_thd,  // also a Power Quality harmonic (L3222)
  amps_thd,   // also a Power Quality harmonic (L3223)
  amps_squared,
  volts_squared,
  // Category Time (L3146-L3156).
  present_time_and_date,
  last_bpr_time_and_date,
  last_freeze_time_and_date,
  days_on_battery,
  next_dst_date_and_time,
  demand_interval_time_remaining,
  last_season_time_and_date,
  // Category ID/Status (L3157-L3205; segment check, BPR count and diagnostics vector from
  // L2835-L2837).
  meter_status,
  latched_status,
  alarm_display,
  communication_status,
  last_bpr_status,
  last_freeze_status,
  last_season_status,
  meter_id,
  administrator,
  location,
  configuration_id,
  account,
  register_firmware,
  metrology_firmware,
  service_firmware,
  pq_firmware,
  blank_screen,
  white_screen,
  phasor_display,
  segment_check,
  bpr_count,
  diagnostics_vector,
  // Category Power Quality (L3206-L3235), besides volts_thd and amps_thd.
  pst,
  plt,
  pinst,
  volts_thd_odd,
  volts_thd_even,
  amps_thd_odd,
  amps_thd_even,
  tdd,
  tdd_odd,
  tdd_even,
  crest_factor,
  neg_seq_ratio_voltage,
  neg_seq_ratio_current,
  zero_seq_ratio_voltage,
  zero_seq_ratio_current,
  // Category External Input: the digital I/O channel (6 on ANSI meters, 8 on IEC,
  // L4219-L4235).
  digital_input_1,
  digital_input_2,
  digital_input_3,
  digital_input_4,
  digital_input_5,
  digital_input_6,
  digital_input_7,
  digital_input_8,
  // Category Status Word (L3273-L3279).
  system_bit,
  triggered_bit,
};

// Phase (L2880-L2884): A, B, C, Polyphase; Average for Amps and Amps² only; N (Neutral)
// from the abbreviation table (L3104).
enum class RegisterPhase { a, b, c, n, polyphase, average, none };

// Direction (L2888-L2896, abbreviations L3106-L3110); Bi-directional for Instantaneous
// registers only.
enum class RegisterDirection { delivered, received, q1, q2, q3, q4, bidirectional, none };

// TOU (L2902-L2908): Total by default or one of eight rates (A-H, L3856).
enum class RegisterTou {
  total,
  rate_a,
  rate_b,
  rate_c,
  rate_d,
  rate_e,
  rate_f,
  rate_g,
  rate_h,
  none
};

// Storage Type (L2909-L2945). The abbreviation table's "Fr Freeze" (L3120) is not in the
// storage list and is left out.
enum class RegisterStorage {
  working,
  season_change,
  billing_period_reset,
  cumulative,
  continuous_cumulative,
  display_prev_hour,
  none,
};

// Self Read interval (L2993-L2996, L3942-L3948, L9036-L9038).
enum class SelfReadInterval { hourly, daily, weekly, monthly, on_bpr, end_of_demand_interval };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::RegisterCategory> {
  using E = config::RegisterCategory;
  static constexpr std::array<std::pair<E, std::string_view>, 6> names{
      {{E::register_, "register"},
       {E::time, "time"},
       {E::id_status, "id_status"},
       {E::power_quality, "power_quality"},
       {E::external_input, "external_input"},
       {E::status_word, "status_word"}}};
};

template <>
struct EnumText<config::RegisterType> {
  using E = config::RegisterType;
  static constexpr std::array<std::pair<E, std::string_view>, 16> names{{
      {E::none, "none"},
      {E::consumption, "consumption"},
      {E::average_power_factor, "average_power_factor"},
      {E::peak_demand, "peak_demand"},
      {E::time_of_peak_demand, "time_of_peak_demand"},
      {E::coincident_demand, "coincident_demand"},
      {E::instantaneous, "instantaneous"},
      {E::thermal, "thermal"},
      {E::peak_thermal, "peak_thermal"},
      {E::time_of_peak_thermal, "time_of_peak_thermal"},
      {E::coincident_thermal, "coincident_thermal"},
      {E::present_demand, "present_demand"},
      {E::past_demand, "past_demand"},
      {E::predicted_demand, "predicted_demand"},
      {E::status_input, "status_input"},
      {E::pulse_counter, "pulse_counter"},
  }};
};

template <>
struct EnumText<config::RegisterQuantity> {
  using E = config::RegisterQuantity;
  static constexpr std::array<std::pair<E, std::string_view>, 73> names{{
      {E::watt_hours, "watt_hours"},
      {E::var_hours, "var_hours"},
      {E::va_hours, "va_hours"},
      {E::q_hours, "q_hours"},
      {E::amp_hours, "amp_hours"},
      {E::amps_squared_hours, "amps_squared_hours"},
      {E::volts_squared_hours, "volts_squared_hours"},
      {E::watts, "watts"},
      {E::vars, "vars"},
      {E::va, "va"},
      {E::q, "q"},
      {E::amps, "amps"},
      {E::volts, "volts"},
      {E::power_factor, "power_factor"},
      {E::frequency, "frequency"},
      {E::volts_thd, "volts_thd"},
      {E::amps_thd, "amps_thd"},
      {E::amps_squared, "amps_squared"},
      {E::volts_squared, "volts_squared"},
      {E::present_time_and_date, "present_time_and_date"},
      {E::last_bpr_time_and_date, "last_bpr_time_and_date"},
      {E::last_freeze_time_and_date, "last_freeze_time_and_date"},
      {E::days_on_battery, "days_on_battery"},
      {E::next_dst_date_and_time, "next_dst_date_and_time"},
      {E::demand_interval_time_remaining, "demand_interval_time_remaining"},
      {E::last_season_time_and_date, "last_season_time_and_date"},
      {E::meter_status, "meter_status"},
      {E::latched_status, "latched_status"},
      {E::alarm_display, "alarm_display"},
      {E::communication_status, "communication_status"},
      {E::last_bpr_status, "last_bpr_status"},
      {E::last_freeze_status, "last_freeze_status"},
      {E::last_season_status, "last_season_status"},
      {E::meter_id, "meter_id"},
      {E::administrator, "administrator"},
      {E::location, "location"},
      {E::configuration_id, "configuration_id"},
      {E::account, "account"},
      {E::register_firmware, "register_firmware"},
      {E::metrology_firmware, "metrology_firmware"},
      {E::service_firmware, "service_firmware"},
      {E::pq_firmware, "pq_firmware"},
      {E::blank_screen, "blank_screen"},
      {E::white_screen, "white_screen"},
      {E::phasor_display, "phasor_display"},
      {E::segment_check, "segment_check"},
      {E::bpr_count, "bpr_count"},
      {E::diagnostics_vector, "diagnostics_vector"},
      {E::pst, "pst"},
      {E::plt, "plt"},
      {E::pinst, "pinst"},
      {E::volts_thd_odd, "volts_thd_odd"},
      {E::volts_thd_even, "volts_thd_even"},
      {E::amps_thd_odd, "amps_thd_odd"},
      {E::amps_thd_even, "amps_thd_even"},
      {E::tdd, "tdd"},
      {E::tdd_odd, "tdd_odd"},
      {E::tdd_even, "tdd_even"},
      {E::crest_factor, "crest_factor"},
      {E::neg_seq_ratio_voltage, "neg_seq_ratio_voltage"},
      {E::neg_seq_ratio_current, "neg_seq_ratio_current"},
      {E::zero_seq_ratio_voltage, "zero_seq_ratio_voltage"},
      {E::zero_seq_ratio_current, "zero_seq_ratio_current"},
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
struct EnumText<config::RegisterPhase> {
  using E = config::RegisterPhase;
  static constexpr std::array<std::pair<E, std::string_view>, 7> names{{{E::a, "A"},
                                                                        {E::b, "B"},
                                                                        {E::c, "C"},
                                                                        {E::n, "N"},
                                                                        {E::polyphase, "polyphase"},
                                                                        {E::average, "average"},
                                                                        {E::none, "none"}}};
};

template <>
struct EnumText<config::RegisterDirection> {
  using E = config::RegisterDirection;
  static constexpr std::array<std::pair<E, std::string_view>, 8> names{
      {{E::delivered, "delivered"},
       {E::received, "received"},
       {E::q1, "Q1"},
       {E::q2, "Q2"},
       {E::q3, "Q3"},
       {E::q4, "Q4"},
       {E::bidirectional, "bidirectional"},
       {E::none, "none"}}};
};

template <>
struct EnumText<config::RegisterTou> {
  using E = config::RegisterTou;
  static constexpr std::array<std::pair<E, std::string_view>, 10> names{{{E::total, "total"},
                                                                         {E::rate_a, "A"},
                                                                         {E::rate_b, "B"},
                                                                         {E::rate_c, "C"},
                                                                         {E::rate_d, "D"},
                                                                         {E::rate_e, "E"},
                                                                         {E::rate_f, "F"},
                                                                         {E::rate_g, "G"},
                                                                         {E::rate_h, "H"},
                                                                         {E::none, "none"}}};
};

template <>
struct EnumText<config::RegisterStorage> {
  using E = config::RegisterStorage;
  static constexpr std::array<std::pair<E, std::string_view>, 7> names{
      {{E::working, "working"},
       {E::season_change, "season_change"},
       {E::billing_period_reset, "billing_period_reset"},
       {E::cumulative, "cumulative"},
       {E::continuous_cumulative, "continuous_cumulative"},
       {E::display_prev_hour, "display_prev_hour"},
       {E::none, "none"}}};
};

template <>
struct EnumText<config::SelfReadInterval> {
  using E = config::SelfReadInterval;
  static constexpr std::array<std::pair<E, std::string_view>, 6> names{
      {{E::hourly, "hourly"},
       {E::daily, "daily"},
       {E::weekly, "weekly"},
       {E::monthly, "monthly"},
       {E::on_bpr, "on_bpr"},
       {E::end_of_demand_interval, "end_of_demand_interval"}}};
};

}  // namespace jemhead

#include "core/config/display_register_description.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "core/config/field_visitor.hpp"

namespace jemhead::config {

namespace {

template <class E, std::size_t N>
std::string_view lookup(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, text] : table)
    if (v == value) return text;
  return {};
}

using T = RegisterType;
using Q = RegisterQuantity;
using P = RegisterPhase;
using D = RegisterDirection;
using R = RegisterTou;
using S = RegisterStorage;

// L3038-L3063. External Input types are spelled out below.
constexpr std::array<std::pair<T, std::string_view>, 13> kTypes{{
    {T::consumption, "Cons"},
    {T::average_power_factor, "AvPF"},
    {T::peak_demand, "PkD"},
    {T::time_of_peak_demand, "TPkD"},
    {T::coincident_demand, "CndD"},
    {T::instantaneous, "Inst"},
    {T::thermal, "Thrm"},
    {T::peak_thermal, "PkT"},
    {T::time_of_peak_thermal, "TPkT"},
    {T::coincident_thermal, "CndT"},
    {T::present_demand, "PresD"},
    {T::past_demand, "PastD"},
    {T::predicted_demand, "Pred"},
}};

// L3065-L3132, plus our abbreviations for what the table lacks: "VA" (VA), and the item
// names of the Time, ID/Status, Power Quality and Status Word categories, which the table
// does not abbreviate (short forms of L3146-L3279, each at most 21 characters with a phase).
constexpr std::array<std::pair<Q, std::string_view>, 63> kQuantities{{
    {Q::watt_hours, "WH"},
    {Q::var_hours, "VARH"},
    {Q::va_hours, "VAH"},
    {Q::q_hours, "QH"},
    {Q::amp_hours, "AmpH"},
    {Q::amps_squared_hours, "Amp2H"},
    {Q::volts_squared_hours, "Volt2H"},
    {Q::watts, "W"},
    {Q::vars, "VAR"},
    {Q::va, "VA"},
    {Q::q, "Q"},
    {Q::amps, "Amp"},
    {Q::volts, "Volt"},
    {Q::power_factor, "PF"},
    {Q::frequency, "Freq"},
    {Q::volts_thd, "VTHD"},
    {Q::amps_thd, "ATHD"},
    {Q::amps_squared, "Amp2"},
    {Q::volts_squared, "Volt2"},
    {Q::present_time_and_date, "Present Time&Date"},
    {Q::last_bpr_time_and_date, "Last BPR Time&Date"},
    {Q::last_freeze_time_and_date, "Last Freeze Time&Date"},
    {Q::days_on_battery, "Days on Battery"},
    {Q::next_dst_date_and_time, "Next DST Date&Time"},
    {Q::demand_interval_time_remaining, "Demand Int Time Left"},
    {Q::last_season_time_and_date, "Last Season Time&Date"},
    {Q::meter_status, "Meter Status"},
    {Q::latched_status, "Latched Status"},
    {Q::alarm_display, "Alarm Display"},
    {Q::communication_status, "Comm Status"},
    {Q::last_bpr_status, "Last BPR Status"},
    {Q::last_freeze_status, "Last Freeze Status"},
    {Q::last_season_status, "Last Season Status"},
    {Q::meter_id, "Meter ID"},
    {Q::administrator, "Administrator"},
    {Q::location, "Location"},
    {Q::configuration_id, "Configuration ID"},
    {Q::account, "Account"},
    {Q::register_firmware, "Register Firmware"},
    {Q::metrology_firmware, "Metrology Firmware"},
    {Q::service_firmware, "Service Firmware"},
    {Q::pq_firmware, "PQ Firmware"},
    {Q::blank_screen, "Blank Screen"},
    {Q::white_screen, "White Screen"},
    {Q::phasor_display, "Phasor Display"},
    {Q::segment_check, "Segment Check"},
    {Q::bpr_count, "BPR Count"},
    {Q::diagnostics_vector, "Diagnostics Vector"},
    {Q::pst, "Pst"},
    {Q::plt, "Plt"},
    {Q::pinst, "Pinst"},
    {Q::volts_thd_odd, "VTHD odd"},
    {Q::volts_thd_even, "VTHD even"},
    {Q::amps_thd_odd, "ATHD odd"},
    {Q::amps_thd_even, "ATHD even"},
    {Q::tdd, "TDD"},
    {Q::tdd_odd, "TDD odd"},
    {Q::tdd_even, "TDD even"},
    {Q::crest_factor, "Crest Factor"},
    {Q::neg_seq_ratio_voltage, "Neg Seq Ratio Volt"},
    {Q::neg_seq_ratio_current, "Neg Seq Ratio Amp"},
    {Q::zero_seq_ratio_voltage, "Zero Seq Ratio Volt"},
    {Q::zero_seq_ratio_current, "Zero Seq Ratio Amp"},
}};

// L3097-L3104 ("Av" Average, L3134).
constexpr std::array<std::pair<P, std::string_view>, 6> kPhases{
    {{P::a, "A"}, {P::b, "B"}, {P::c, "C"}, {P::polyphase, "P"}, {P::n, "N"}, {P::average, "Av"}}};

// L3106-L3110; Bi-directional has no abbreviation in the table: "Bi" is ours.
constexpr std::array<std::pair<D, std::string_view>, 7> kDirections{{{D::received, "RE"},
                                                                     {D::delivered, "DE"},
                                                                     {D::q1, "Q1"},
                                                                     {D::q2, "Q2"},
                                                                     {D::q3, "Q3"},
                                                                     {D::q4, "Q4"},
                                                                     {D::bidirectional, "Bi"}}};

// "T Total" (L3112); the table has no rate abbreviations: a rate is its letter.
constexpr std::array<std::pair<R, std::string_view>, 9> kRates{{{R::total, "T"},
                                                                {R::rate_a, "A"},
                                                                {R::rate_b, "B"},
                                                                {R::rate_c, "C"},
                                                                {R::rate_d, "D"},
                                                                {R::rate_e, "E"},
                                                                {R::rate_f, "F"},
                                                                {R::rate_g, "G"},
                                                                {R::rate_h, "H"}}};

// L3114-L3124; Display Prev Hour has no abbreviation in the table: "PH" is ours.
constexpr std::array<std::pair<S, std::string_view>, 6> kStorage{{{S::working, "Wk"},
                                                                  {S::season_change, "SC"},
                                                                  {S::billing_period_reset, "BP"},
                                                                  {S::cumulative, "Cm"},
                                                                  {S::continuous_cumulative, "CC"},
                                                                  {S::display_prev_hour, "PH"}}};

void append(std::string& out, std::string_view part) {
  if (part.empty()) return;
  if (!out.empty()) out += ' ';
  out += part;
}

std::string digital_input_name(const DisplayRegister& r) {
  std::string out = r.type == T::pulse_counter ? "Pulse Counter" : "Status Input";
  const int first = static_cast<int>(Q::digital_input_1);
  const int channel = static_cast<int>(r.quantity) - first + 1;
  if (channel >= 1 && channel <= 8) {
    out += ' ';
    out += std::to_string(channel);
  }
  return out;
}

std::string register_description(const DisplayRegister& r) {
  std::string out;
  append(out, lookup(kTypes, r.type));
  // "AvPF" already names the quantity.
  if (r.type != T::average_power_factor) append(out, lookup(kQuantities, r.quantity));
  append(out, lookup(kPhases, r.phase));
  append(out, lookup(kDirections, r.direction));
  append(out, lookup(kRates, r.tou));
  append(out, lookup(kStorage, r.storage_type));
  return out;
}

// Cut at 21 code points, never inside a UTF-8 sequence (every text here is ASCII, but a
// future table entry need not be).
std::string truncated(std::string s, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) {
      s.resize(i);
      break;
    }
    ++chars;
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

std::string auto_description(const DisplayRegister& r) {
  std::string out;
  switch (r.category) {
    case RegisterCategory::register_: out = register_description(r); break;
    case RegisterCategory::external_input: out = digital_input_name(r); break;
    case RegisterCategory::power_quality:
      append(out, lookup(kQuantities, r.quantity));
      append(out, lookup(kPhases, r.phase));
      break;
    case RegisterCategory::status_word:
      out = r.quantity == Q::triggered_bit ? "Triggered Bit" : "System Bit";
      break;
    case RegisterCategory::time:
    case RegisterCategory::id_status: append(out, lookup(kQuantities, r.quantity)); break;
  }
  return truncated(std::move(out), 21);
}

}  // namespace jemhead::config

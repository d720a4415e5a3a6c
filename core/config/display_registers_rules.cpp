#include "core/config/display_registers_rules.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <vector>

#include "core/config/allowed_values.hpp"
#include "core/config/display_register_description.hpp"
#include "core/config/field_visitor.hpp"
#include "core/config/meter_configuration.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

namespace {
using T = RegisterType;
using Q = RegisterQuantity;
using P = RegisterPhase;
using D = RegisterDirection;
using Cat = RegisterCategory;

constexpr std::array kTypesRegister{
    T::consumption,          T::average_power_factor, T::peak_demand,    T::time_of_peak_demand,
    T::coincident_demand,    T::instantaneous,        T::thermal,        T::peak_thermal,
    T::time_of_peak_thermal, T::coincident_thermal,   T::present_demand, T::past_demand,
    T::predicted_demand};
constexpr std::array kTypesExternal{T::status_input, T::pulse_counter};
constexpr std::array kTypesNone{T::none};

// Integrated quantities: Consumption only (L3065-L3132: the "...H" quantities).
constexpr std::array kEnergy{
    Q::watt_hours, Q::var_hours,          Q::va_hours,           Q::q_hours,
    Q::amp_hours,  Q::amps_squared_hours, Q::volts_squared_hours};
// What demand is computed of: the rate quantities that integrate.
constexpr std::array kDemand{Q::watts, Q::vars,  Q::va,           Q::q,
                             Q::amps,  Q::volts, Q::amps_squared, Q::volts_squared};
// Every instantaneous quantity of the abbreviation table.
constexpr std::array kInstantaneous{Q::watts,     Q::vars,     Q::va,           Q::q,
                                    Q::amps,      Q::volts,    Q::power_factor, Q::frequency,
                                    Q::volts_thd, Q::amps_thd, Q::amps_squared, Q::volts_squared};
constexpr std::array kPowerFactor{Q::power_factor};
constexpr std::array kTime{Q::present_time_and_date,     Q::last_bpr_time_and_date,
                           Q::last_freeze_time_and_date, Q::days_on_battery,
                           Q::next_dst_date_and_time,    Q::demand_interval_time_remaining,
                           Q::last_season_time_and_date};
constexpr std::array kIdStatus{
    Q::meter_status,      Q::latched_status,     Q::alarm_display,      Q::communication_status,
    Q::last_bpr_status,   Q::last_freeze_status, Q::last_season_status, Q::meter_id,
    Q::administrator,     Q::location,           Q::configuration_id,   Q::account,
    Q::register_firmware, Q::metrology_firmware, Q::service_firmware,   Q::pq_firmware,
    Q::blank_screen,      Q::white_screen,       Q::phasor_display,     Q::segment_check,
    Q::bpr_count,         Q::diagnostics_vector};
constexpr std::array kPowerQuality{Q::pst,
                                   Q::plt,
                                   Q::pinst,
                                   Q::volts_thd,
                                   Q::amps_thd,
                                   Q::volts_thd_odd,
                                   Q::volts_thd_even,
                                   Q::amps_thd_odd,
                                   Q::amps_thd_even,
                                   Q::tdd,
                                   Q::tdd_odd,
                                   Q::tdd_even,
                                   Q::crest_factor,
                                   Q::neg_seq_ratio_voltage,
                                   Q::neg_seq_ratio_current,
                                   Q::zero_seq_ratio_voltage,
                                   Q::zero_seq_ratio_current};
constexpr std::array kDigitalInputs{Q::digital_input_1, Q::digital_input_2, Q::digital_input_3,
                                    Q::digital_input_4, Q::digital_input_5, Q::digital_input_6,
                                    Q::digital_input_7, Q::digital_input_8};
constexpr std::array kStatusWords{Q::system_bit, Q::triggered_bit};

constexpr std::array kPhaseCurrent{P::a, P::b, P::c, P::n, P::polyphase, P::average};
constexpr std::array kPhaseCurrentHours{P::a, P::b, P::c, P::n, P::polyphase};
constexpr std::array kPhaseAbcPoly{P::a, P::b, P::c, P::polyphase};
constexpr std::array kPhaseAbc{P::a, P::b, P::c};
constexpr std::array kPhasePoly{P::polyphase};
constexpr std::array kPhaseNone{P::none};

constexpr std::array kDirDelRecQ{D::delivered, D::received, D::q1, D::q2, D::q3, D::q4};
constexpr std::array kDirDelRec{D::delivered, D::received};
constexpr std::array kDirNone{D::none};

// Full-screen ID/Status items (L3004-L3014).
constexpr std::array kFullScreen{Q::alarm_display, Q::communication_status, Q::blank_screen,
                                 Q::white_screen, Q::phasor_display};

bool is_digital_input(Q q) {
  return q >= Q::digital_input_1 && q <= Q::digital_input_8;
}
int digital_input_channel(Q q) {
  return static_cast<int>(q) - static_cast<int>(Q::digital_input_1) + 1;
}

// One display list and what is particular to it.
struct ListView {
  std::string_view name;
  const std::vector<DisplayRegister>& registers;
  int first_id;            // 0, 100, 200
  bool self_read_allowed;  // Normal and Alternate (L2989-L2991)
};

std::string register_path(const ListView& list, std::size_t i) {
  std::string list_path = "display_registers.";
  list_path += list.name;
  return item_path(list_path, i);
}

void check_id_in_list_range(const ListView& list, const DisplayRegister& r, const std::string& at,
                            Problems& out) {
  // Outside 0..249 the field's own range reports it.
  if (r.id < 0 || r.id > 249) return;
  if (r.id >= list.first_id && r.id <= list.first_id + 49) return;
  std::string msg = "ID ";
  msg += std::to_string(r.id);
  msg += " is not a ";
  msg += list.name;
  msg += " register ID (";
  msg += std::to_string(list.first_id);
  msg += "-";
  msg += std::to_string(list.first_id + 49);
  msg += ")";
  report(out, kDisplayRegisterIdInListRange, child_path(at, "id"), std::move(msg));
}

void check_type_for_category(const DisplayRegister& r, const std::string& at, Problems& out) {
  const auto allowed = register_types_for(r.category);
  if (contains(allowed, r.type)) return;
  std::string msg = "category ";
  msg += to_text(r.category);
  msg += " allows type: ";
  msg += list_text(allowed);
  report(out, kRegisterTypeForCategory, child_path(at, "type"), std::move(msg));
}

void check_quantity_for_type(const DisplayRegister& r, const std::string& at, Problems& out) {
  // A type foreign to the category is already reported; its quantity list means nothing.
  if (!contains(register_types_for(r.category), r.type)) return;
  const auto allowed = register_quantities_for(r.category, r.type);
  if (contains(allowed, r.quantity)) return;
  std::string msg = "quantity ";
  msg += to_text(r.quantity);
  msg += " is not offered for ";
  msg += to_text(r.category);
  msg += " / ";
  msg += to_text(r.type);
  report(out, kRegisterQuantityForType, child_path(at, "quantity"), std::move(msg));
}

void check_phase_for_quantity(const DisplayRegister& r, const std::string& at, Problems& out) {
  check_allowed_for_quantity(r.quantity, r.phase, register_phases_for(r.quantity), "phase",
                             kRegisterPhaseForQuantity, child_path(at, "phase"), out);
}

void check_direction_for_quantity(const DisplayRegister& r, const std::string& at, Problems& out) {
  const auto allowed = register_directions_for(r.quantity);
  if (contains(allowed, r.direction)) return;
  const bool directed = allowed.front() != D::none;
  if (r.direction == D::bidirectional && directed && r.type == T::instantaneous) return;
  report(out, kRegisterDirectionForQuantity, child_path(at, "direction"),
         allowed_for_quantity_text(
             r.quantity, "direction", allowed,
             directed ? " (bidirectional for instantaneous registers only)" : ""));
}

void check_tou_storage_for_category(const DisplayRegister& r, const std::string& at,
                                    Problems& out) {
  const bool columns = r.category == Cat::register_;
  if (columns == (r.tou == RegisterTou::none)) {
    std::string msg = columns ? "a register needs a TOU rate (total or A-H)"
                              : "only the register category has a TOU rate; use none";
    report(out, kRegisterTouStorageForCategory, child_path(at, "tou"), std::move(msg));
  }
  if (columns == (r.storage_type == RegisterStorage::none)) {
    std::string msg = columns ? "a register needs a storage type"
                              : "only the register category has a storage type; use none";
    report(out, kRegisterTouStorageForCategory, child_path(at, "storage_type"), std::move(msg));
  }
}

void check_display_prev_hour(const DisplayRegister& r, const std::string& at, Problems& out) {
  if (r.storage_type != RegisterStorage::display_prev_hour) return;
  if (r.category == Cat::register_ && r.type == T::consumption) return;
  report(out, kDisplayPrevHourOnlyConsumption, child_path(at, "storage_type"),
         "display_prev_hour is only available for consumption registers");
}

const DisplayRegister* find_id(const DisplayRegisters& d, int id) {
  for (const auto* list : {&d.normal, &d.alternate, &d.test})
    for (const auto& r : *list)
      if (r.id == id) return &r;
  return nullptr;
}

void check_coincident(const DisplayRegisters& d, const DisplayRegister& r, const std::string& at,
                      Problems& out) {
  const auto path = child_path(at, "coincident_peak_id");
  T peak = T::none;
  if (r.category == Cat::register_ && r.type == T::coincident_demand) peak = T::peak_demand;
  if (r.category == Cat::register_ && r.type == T::coincident_thermal) peak = T::peak_thermal;
  if (peak == T::none) {
    // Below -1 or above 249 the field's own range reports it.
    if (r.coincident_peak_id >= 0 && r.coincident_peak_id <= 249)
      report(out, kCoincidentRegisterLinksPeak, path,
             "only coincident registers name a peak register; use -1");
    return;
  }
  const auto* target = find_id(d, r.coincident_peak_id);
  if (target && target->category == Cat::register_ && target->type == peak) return;
  std::string msg = "coincident register must name a configured ";
  msg += to_text(peak);
  msg += " register, not ID ";
  msg += std::to_string(r.coincident_peak_id);
  report(out, kCoincidentRegisterLinksPeak, path, std::move(msg));
}

void check_pq_option(const MeterConfiguration& c, const DisplayRegister& r, const std::string& at,
                     Problems& out) {
  if (r.category != Cat::power_quality) return;
  if (c.hardware.options.pq2 || c.hardware.options.pq3) return;
  report(out, kPqRegisterNeedsPqOption, child_path(at, "category"),
         "power quality registers need option PQ2 or PQ3");
}

void check_external_input(const MeterConfiguration& c, const DisplayRegister& r,
                          const std::string& at, Problems& out) {
  if (r.category != Cat::external_input || !is_digital_input(r.quantity)) return;
  // A type foreign to the category is already reported.
  if (r.type != T::status_input && r.type != T::pulse_counter) return;
  const int channel = digital_input_channel(r.quantity);
  const auto wanted =
      r.type == T::pulse_counter ? DioSelection::pulse_counter : DioSelection::status_input;
  // Whether the channel exists on this meter (6 ANSI, 8 IEC) and the DIO option are the
  // Input/Output rules' concern.
  if (has_digital_input(c.input_output, channel, wanted)) return;
  std::string msg = "digital input ";
  msg += std::to_string(channel);
  msg += " is not configured as a ";
  msg += to_text(r.type);
  msg += " input in input_output.digital_io";
  report(out, kExternalInputNeedsDigitalInput, child_path(at, "quantity"), std::move(msg));
}

void check_self_read(const ListView& list, Problems& out) {
  std::size_t flagged = 0;
  for (std::size_t i = 0; i < list.registers.size(); ++i) {
    if (!list.registers[i].self_read) continue;
    ++flagged;
    if (!list.self_read_allowed) {
      report(out, kSelfReadRegisterLimit, child_path(register_path(list, i), "self_read"),
             "test registers cannot be self read");
    } else if (flagged == 9) {
      // Once per list, at the first register over the limit.
      report(out, kSelfReadRegisterLimit, child_path(register_path(list, i), "self_read"),
             "at most 8 self read registers per list");
    }
  }
}

void check_screens(const ListView& list, Problems& out) {
  std::map<int, std::vector<std::size_t>> screens;
  for (std::size_t i = 0; i < list.registers.size(); ++i)
    screens[list.registers[i].screen].push_back(i);
  for (const auto& [screen, members] : screens) {
    if (members.size() > 4) {
      std::string msg = "screen ";
      msg += std::to_string(screen);
      msg += " has ";
      msg += std::to_string(members.size());
      msg += " registers, at most 4";
      report(out, kScreenAtMostFourRegisters, child_path(register_path(list, members[4]), "screen"),
             std::move(msg));
    }
    if (members.size() < 2) continue;
    for (auto i : members) {
      const auto& r = list.registers[i];
      if (r.category != Cat::id_status || !contains(std::span<const Q>(kFullScreen), r.quantity))
        continue;
      std::string msg(to_text(r.quantity));
      msg += " is full-screen and must be alone on screen ";
      msg += std::to_string(screen);
      report(out, kFullScreenRegisterAlone, child_path(register_path(list, i), "screen"),
             std::move(msg));
    }
  }
}

// The columns that say what a register measures; units, digits and the rest may differ.
bool same_measurement(const DisplayRegister& a, const DisplayRegister& b) {
  return a.category == b.category && a.type == b.type && a.quantity == b.quantity &&
         a.phase == b.phase && a.direction == b.direction && a.tou == b.tou &&
         a.storage_type == b.storage_type;
}

void check_mid_list(const ListView& list, std::span<const DisplayRegister> fixed, Problems& out) {
  for (const auto& f : fixed) {
    const bool present =
        std::any_of(list.registers.begin(), list.registers.end(),
                    [&](const DisplayRegister& r) { return same_measurement(r, f); });
    if (present) continue;
    std::string msg = "MID meter: the fixed register ";
    msg += auto_description(f);
    msg += " is missing";
    std::string path = "display_registers.";
    path += list.name;
    report(out, kMidFixedBillingRegisters, std::move(path), std::move(msg));
  }
}

DisplayRegister consumption(Q quantity, D direction, RegisterStorage storage) {
  DisplayRegister r;
  r.quantity = quantity;
  r.direction = direction;
  r.storage_type = storage;
  return r;
}

}  // namespace

std::span<const RegisterType> register_types_for(RegisterCategory category) {
  switch (category) {
    case Cat::register_: return kTypesRegister;
    case Cat::external_input: return kTypesExternal;
    default: return kTypesNone;
  }
}

std::span<const RegisterQuantity> register_quantities_for(RegisterCategory category,
                                                          RegisterType type) {
  switch (category) {
    case Cat::time: return type == T::none ? std::span<const Q>(kTime) : std::span<const Q>();
    case Cat::id_status:
      return type == T::none ? std::span<const Q>(kIdStatus) : std::span<const Q>();
    case Cat::power_quality:
      return type == T::none ? std::span<const Q>(kPowerQuality) : std::span<const Q>();
    case Cat::status_word:
      return type == T::none ? std::span<const Q>(kStatusWords) : std::span<const Q>();
    case Cat::external_input:
      return contains(std::span<const T>(kTypesExternal), type) ? std::span<const Q>(kDigitalInputs)
                                                                : std::span<const Q>();
    case Cat::register_: break;
  }
  switch (type) {
    case T::consumption: return kEnergy;
    case T::average_power_factor: return kPowerFactor;
    case T::instantaneous:
    case T::coincident_demand:
    case T::coincident_thermal: return kInstantaneous;
    case T::peak_demand:
    case T::time_of_peak_demand:
    case T::thermal:
    case T::peak_thermal:
    case T::time_of_peak_thermal:
    case T::present_demand:
    case T::past_demand:
    case T::predicted_demand: return kDemand;
    default: return {};
  }
}

std::span<const RegisterPhase> register_phases_for(RegisterQuantity quantity) {
  switch (quantity) {
    case Q::amps:
    case Q::amps_squared: return kPhaseCurrent;
    case Q::amp_hours:
    case Q::amps_squared_hours: return kPhaseCurrentHours;
    case Q::watt_hours:
    case Q::var_hours:
    case Q::va_hours:
    case Q::q_hours:
    case Q::volts_squared_hours:
    case Q::watts:
    case Q::vars:
    case Q::va:
    case Q::q:
    case Q::volts:
    case Q::power_factor:
    case Q::volts_squared: return kPhaseAbcPoly;
    case Q::neg_seq_ratio_voltage:
    case Q::neg_seq_ratio_current:
    case Q::zero_seq_ratio_voltage:
    case Q::zero_seq_ratio_current: return kPhasePoly;
    default: break;
  }
  // THD (both categories) and the other PQ measurements: A, B, C (L3213-L3231).
  if (contains(std::span<const Q>(kPowerQuality), quantity)) return kPhaseAbc;
  // Frequency, time, ID/status, inputs and status words have no phase.
  return kPhaseNone;
}

std::span<const RegisterDirection> register_directions_for(RegisterQuantity quantity) {
  switch (quantity) {
    case Q::vars:
    case Q::var_hours: return kDirDelRecQ;
    case Q::watts:
    case Q::watt_hours:
    case Q::va:
    case Q::va_hours:
    case Q::q:
    case Q::q_hours:
    case Q::power_factor: return kDirDelRec;
    default: return kDirNone;
  }
}

std::span<const DisplayRegister> mid_normal_registers() {
  using S = RegisterStorage;
  static const std::array regs{consumption(Q::watt_hours, D::delivered, S::working),
                               consumption(Q::watt_hours, D::received, S::working),
                               consumption(Q::var_hours, D::delivered, S::working),
                               consumption(Q::var_hours, D::received, S::working)};
  return regs;
}

std::span<const DisplayRegister> mid_alternate_registers() {
  using S = RegisterStorage;
  static const std::array regs = [] {
    DisplayRegister reset_time;
    reset_time.category = Cat::time;
    reset_time.type = T::none;
    reset_time.quantity = Q::last_bpr_time_and_date;
    reset_time.phase = P::none;
    reset_time.direction = D::none;
    reset_time.tou = RegisterTou::none;
    reset_time.storage_type = S::none;
    return std::array{consumption(Q::watt_hours, D::delivered, S::billing_period_reset),
                      consumption(Q::watt_hours, D::received, S::billing_period_reset),
                      consumption(Q::var_hours, D::delivered, S::billing_period_reset),
                      consumption(Q::var_hours, D::received, S::billing_period_reset), reset_time};
  }();
  return regs;
}

std::span<const RuleRef> display_registers_rule_refs() {
  static constexpr std::array refs{kDisplayRegisterIdInListRange,   kDisplayRegisterIdUnique,
                                   kRegisterTypeForCategory,        kRegisterQuantityForType,
                                   kRegisterPhaseForQuantity,       kRegisterDirectionForQuantity,
                                   kRegisterTouStorageForCategory,  kDisplayPrevHourOnlyConsumption,
                                   kCoincidentRegisterLinksPeak,    kPqRegisterNeedsPqOption,
                                   kExternalInputNeedsDigitalInput, kSelfReadRegisterLimit,
                                   kScreenAtMostFourRegisters,      kFullScreenRegisterAlone,
                                   kMidFixedBillingRegisters};
  return refs;
}

void check_display_registers_rules(const MeterConfiguration& c, Problems& out) {
  const auto& d = c.display_registers;
  const std::array lists{ListView{"normal", d.normal, 0, true},
                         ListView{"alternate", d.alternate, 100, true},
                         ListView{"test", d.test, 200, false}};
  for (const auto& list : lists) {
    std::set<int> seen;
    for (std::size_t i = 0; i < list.registers.size(); ++i) {
      const auto& r = list.registers[i];
      const auto at = register_path(list, i);
      check_id_in_list_range(list, r, at, out);
      if (!seen.insert(r.id).second) {
        std::string msg = "ID ";
        msg += std::to_string(r.id);
        msg += " is used by an earlier register";
        report(out, kDisplayRegisterIdUnique, child_path(at, "id"), std::move(msg));
      }
      check_type_for_category(r, at, out);
      check_quantity_for_type(r, at, out);
      check_phase_for_quantity(r, at, out);
      check_direction_for_quantity(r, at, out);
      check_tou_storage_for_category(r, at, out);
      check_display_prev_hour(r, at, out);
      check_coincident(d, r, at, out);
      check_pq_option(c, r, at, out);
      check_external_input(c, r, at, out);
    }
    check_self_read(list, out);
    check_screens(list, out);
  }
  if (c.hardware.mid) {
    check_mid_list(lists[0], mid_normal_registers(), out);
    check_mid_list(lists[1], mid_alternate_registers(), out);
  }
}

}  // namespace jemhead::config

#include "core/config/load_profile_rules.hpp"

#include <algorithm>
#include <array>

#include "core/config/allowed_values.hpp"
#include "core/config/field_visitor.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

namespace {
using Q = LpQuantity;
using P = LpPhase;
using D = LpDirection;

// Phase lists (L3419-L3429).
constexpr std::array kPhaseAbcPoly{P::a, P::b, P::c, P::polyphase};
constexpr std::array kPhaseAbcNPoly{P::a, P::b, P::c, P::n, P::polyphase};
constexpr std::array kPhaseAbc{P::a, P::b, P::c};
constexpr std::array kPhaseNone{P::none};

// Direction lists (L3433-L3439).
constexpr std::array kDirDelRec{D::delivered, D::received};
constexpr std::array kDirDelRecQ{D::delivered, D::received, D::q1, D::q2, D::q3, D::q4};
constexpr std::array kDirNone{D::none};

bool is_digital_input(Q q) {
  return q >= Q::digital_input_1 && q <= Q::digital_input_8;
}

}  // namespace

LpChannelType lp_type_of(LpQuantity q) {
  switch (q) {
    case Q::watt_hours:
    case Q::var_hours:
    case Q::va_hours:
    case Q::amp_hours:
    case Q::amps_squared_hours:
    case Q::volts_squared_hours: return LpChannelType::consumption;
    case Q::system_bit:
    case Q::triggered_bit: return LpChannelType::status_word;
    default: break;
  }
  // Digital inputs serve both Status Input and Pulse Counter; the caller accepts either.
  if (is_digital_input(q)) return LpChannelType::pulse_counter;
  return LpChannelType::instantaneous;
}

std::span<const LpPhase> lp_phases_for(LpQuantity q) {
  switch (q) {
    // "Amps or Amps2: A, B, C, N, or Poly" (L3425-L3426). The first list (L3421-L3424)
    // also names A2; N is allowed for it because a neutral current is meaningful.
    // Amp-Hours is in neither list; it is a current quantity, so it follows Amps (the
    // literal "any other: no phase" would make an amp-hour channel unusable).
    case Q::amps:
    case Q::amps_squared:
    case Q::amp_hours: return kPhaseAbcNPoly;
    case Q::volts:
    case Q::watts:
    case Q::watt_hours:
    case Q::vars:
    case Q::var_hours:
    case Q::va:
    case Q::va_hours:
    case Q::volts_squared:
    case Q::amps_squared_hours:
    case Q::volts_squared_hours:
    case Q::power_factor: return kPhaseAbcPoly;
    case Q::volts_thd:
    case Q::amps_thd: return kPhaseAbc;
    default: return kPhaseNone;  // "If Quantity is any other, there are no phase choices."
  }
}

std::span<const LpDirection> lp_directions_for(LpQuantity q) {
  switch (q) {
    case Q::vars:
    case Q::var_hours: return kDirDelRecQ;
    case Q::watts:
    case Q::watt_hours:
    case Q::va:
    case Q::va_hours:
    case Q::power_factor: return kDirDelRec;
    // Not selectable: Amp-Hours, Volts, Amps, Hz, Volts-THD, A2, V2, A2-Hour, V2-Hour,
    // Amps-THD (L3433-L3436); inputs and status words have no direction either.
    default: return kDirNone;
  }
}

void check_lp_quantity_for_type(const LpChannel& ch, const std::string& path, Problems& out) {
  const auto natural = lp_type_of(ch.quantity);
  const bool ok = natural == ch.type ||
                  (is_digital_input(ch.quantity) && ch.type == LpChannelType::status_input);
  if (ok) return;
  std::string msg = "quantity ";
  msg += to_text(ch.quantity);
  msg += " is not a ";
  msg += to_text(ch.type);
  msg += " quantity";
  report(out, kLpQuantityForType, child_path(path, "quantity"), std::move(msg));
}

void check_lp_phase_for_quantity(const LpChannel& ch, const std::string& path, Problems& out) {
  check_allowed_for_quantity(ch.quantity, ch.phase, lp_phases_for(ch.quantity), "phase",
                             kLpPhaseForQuantity, child_path(path, "phase"), out);
}

void check_lp_direction_for_quantity(const LpChannel& ch, const std::string& path, Problems& out) {
  check_allowed_for_quantity(ch.quantity, ch.direction, lp_directions_for(ch.quantity), "direction",
                             kLpDirectionForQuantity, child_path(path, "direction"), out);
}

void check_load_profile_rules(const LoadProfile& lp, const std::string& path, Problems& out) {
  const auto profiles = child_path(path, "profiles");
  for (std::size_t p = 0; p < lp.profiles.size(); ++p) {
    const auto channels = child_path(item_path(profiles, p), "channels");
    const auto& chs = lp.profiles[p].channels;
    for (std::size_t c = 0; c < chs.size(); ++c) {
      const auto at = item_path(channels, c);
      check_lp_quantity_for_type(chs[c], at, out);
      check_lp_phase_for_quantity(chs[c], at, out);
      check_lp_direction_for_quantity(chs[c], at, out);
    }
  }
}

}  // namespace jemhead::config

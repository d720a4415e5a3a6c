#include "core/config/measurement_log_rules.hpp"

#include <array>
#include <set>
#include <string>

#include "core/config/measurement_log_derived.hpp"
#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

namespace {

using Q = MlQuantity;

bool integrated(Q q) {
  return q >= Q::watt_hours && q <= Q::volts_squared_hours;
}
bool power_or_energy(Q q) {
  switch (q) {
    case Q::watts:
    case Q::va:
    case Q::vars:
    case Q::q:
    case Q::watt_hours:
    case Q::var_hours:
    case Q::va_hours:
    case Q::q_hours: return true;
    default: return false;
  }
}
bool current_quantity(Q q) {
  switch (q) {
    case Q::amps:
    case Q::amps_squared:
    case Q::amp_hours:
    case Q::amps_squared_hours:
    case Q::amps_harmonic_magnitude:
    case Q::amps_harmonic_angle:
    case Q::amps_thd:
    case Q::amps_tdd:
    case Q::amps_crest_factor:
    case Q::amps_interharmonic: return true;
    default: return false;
  }
}
bool without_phase(Q q) {
  return q == Q::frequency || q == Q::unbalance || q == Q::contact_inputs ||
         ml_category(q) == MlCategory::fault;
}

std::string quantity_text(Q q) {
  return std::string(to_text(q));
}

void check_phase(const MlChannel& ch, const std::string& path, Problems& out) {
  const auto q = ch.quantity;
  std::string why;
  if (without_phase(q)) {
    if (ch.phase != MlPhase::none) why = " has no phase";
  } else if (ch.phase == MlPhase::none) {
    why = " needs a phase";
  } else if (ch.phase == MlPhase::n && !current_quantity(q)) {
    why = ": phase N only for current quantities";
  } else if (ch.phase == MlPhase::polyphase && !power_or_energy(q) && q != Q::power_factor) {
    why = ": polyphase only for power, energy and power factor";
  }
  if (why.empty()) return;
  report(out, kMlPhaseForQuantity, child_path(path, "phase"), quantity_text(q) + why);
}

void check_channel(const MeterOptions& opt, const MlChannel& ch, const std::string& path,
                   Problems& out) {
  const auto q = ch.quantity;
  const auto category = ml_category(q);
  if (category != MlCategory::metering && category != MlCategory::digital_inputs && !opt.pq2 &&
      !opt.pq3) {
    std::string msg = quantity_text(q);
    msg += " (";
    msg += to_text(category);
    msg += ") needs option PQ2 or PQ3";
    report(out, kMlQuantityNeedsPq, child_path(path, "quantity"), std::move(msg));
  }
  const int max_order = category == MlCategory::interharmonics ? 50
                        : (q == Q::volts_harmonic_magnitude || q == Q::amps_harmonic_magnitude ||
                           q == Q::volts_harmonic_angle || q == Q::amps_harmonic_angle)
                            ? 64
                            : 0;
  if (max_order == 0 ? ch.harmonic != 0 : (ch.harmonic < 1 || ch.harmonic > max_order)) {
    std::string msg = quantity_text(q);
    if (max_order == 0) {
      msg += " takes no harmonic number (0)";
    } else {
      msg += " needs a harmonic number from 1 to ";
      msg += std::to_string(max_order);
    }
    report(out, kMlHarmonicOrder, child_path(path, "harmonic"), std::move(msg));
  }
  check_phase(ch, path, out);
  if (power_or_energy(q) != (ch.direction != MlDirection::none)) {
    std::string msg = quantity_text(q);
    msg += power_or_energy(q) ? " needs delivered or received" : " has no direction";
    report(out, kMlDirectionForQuantity, child_path(path, "direction"), std::move(msg));
  }
  if (ch.method == MlMethod::total && !integrated(q))
    report(out, kMlMethodForQuantity, child_path(path, "method"),
           quantity_text(q) + " is not integrated: total is for integrated measurements");
  if (ch.transformer_compensation && !power_or_energy(q) && q != Q::power_factor)
    report(out, kMlCompensationForQuantity, child_path(path, "transformer_compensation"),
           quantity_text(q) + ": transformer compensation applies to power and energy");
}

}  // namespace

std::span<const RuleRef> measurement_log_rule_refs() {
  static constexpr std::array refs{kMlOptionRequired,     kMlQuantityNeedsPq,
                                   kMlGroupNumbersUnique, kMlHarmonicOrder,
                                   kMlPhaseForQuantity,   kMlDirectionForQuantity,
                                   kMlMethodForQuantity,  kMlCompensationForQuantity};
  return refs;
}

void check_measurement_log_rules(const MeterConfiguration& c, Problems& out) {
  const auto& ml = c.measurement_log;
  const auto& opt = c.hardware.options;
  bool any_channel = false;
  for (const auto& g : ml.groups) any_channel = any_channel || !g.channels.empty();
  if (any_channel && !opt.measurement_log && !opt.pq2 && !opt.pq3)
    report(out, kMlOptionRequired, "measurement_log.groups",
           "the measurement log needs option ML, PQ2 or PQ3");
  std::set<int> numbers;
  for (std::size_t i = 0; i < ml.groups.size(); ++i) {
    const auto& g = ml.groups[i];
    const auto path = item_path("measurement_log.groups", i);
    if (!numbers.insert(g.number).second) {
      std::string msg = "group ";
      msg += std::to_string(g.number);
      msg += " is listed twice";
      report(out, kMlGroupNumbersUnique, child_path(path, "number"), std::move(msg));
    }
    for (std::size_t k = 0; k < g.channels.size(); ++k)
      check_channel(opt, g.channels[k], item_path(child_path(path, "channels"), k), out);
  }
}

}  // namespace jemhead::config

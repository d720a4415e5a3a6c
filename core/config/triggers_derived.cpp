#include "core/config/triggers_derived.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cmath>

#include "core/config/primary_rules.hpp"

namespace jemhead::config {

// "The Nominal Voltage setting, and PQ Voltage Measurement configured on the Primary
// Configuration page are used to set up the trigger thresholds" (L4670-L4672); the
// nominal voltage is "a baseline for setting alarm triggers" (L2546-L2548). The nominal
// voltage is taken in the connection type's default basis (L2635-L2649); when PQ Voltage
// Measurement changes L-N to L-L (L2563-L2569) the base becomes sqrt(3) x nominal, the
// balanced three-phase relation: our choice, the manual does not say how the two combine.
// The reverse change is refused (L2573-L2575, rule pq_voltage_basis), but is handled alike.
double trigger_voltage_base(const PrimaryConfiguration& p) {
  const auto nominal_basis = default_voltage_basis(p.connection_type);
  if (nominal_basis == p.pq_voltage_measurement) return p.nominal_voltage_secondary;
  if (p.pq_voltage_measurement == VoltageBasis::line_line)
    return p.nominal_voltage_secondary * std::sqrt(3.0);
  return p.nominal_voltage_secondary / std::sqrt(3.0);
}

// "The threshold % will calculate the alarm and reset thresholds" "as compared to nominal
// secondary voltages" (L4684-L4688): threshold = base x % / 100.
double voltage_threshold_from_pct(const PrimaryConfiguration& p, double pct) {
  return trigger_voltage_base(p) * pct / 100.0;
}

std::optional<double> voltage_threshold_pct(const PrimaryConfiguration& p, double volts) {
  const double base = trigger_voltage_base(p);
  if (base == 0) return std::nullopt;
  return volts / base * 100.0;
}

bool is_voltage_trigger(const Trigger& t) {
  return t.category == TriggerCategory::instantaneous && t.measurement == TriggerMeasurement::volts;
}

boost::json::object triggers_derived_json(const PrimaryConfiguration& p, const TriggerSetup& t) {
  auto nullable = [](std::optional<double> v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
  };
  boost::json::array triggers;
  for (const auto& tr : t.triggers) {
    if (!is_voltage_trigger(tr)) continue;
    boost::json::object o;
    o["number"] = tr.number;
    o["alarm_threshold_pct"] = nullable(voltage_threshold_pct(p, tr.alarm_threshold));
    o["reset_threshold_pct"] = nullable(voltage_threshold_pct(p, tr.reset_threshold));
    triggers.push_back(std::move(o));
  }
  boost::json::object out;
  out["voltage_base"] = trigger_voltage_base(p);
  out["voltage_triggers"] = std::move(triggers);
  return out;
}

}  // namespace jemhead::config

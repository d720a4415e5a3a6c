#pragma once
// What the manual computes for TRIGGER SETUP: the trigger tool turns a threshold % of the
// nominal secondary voltage into an alarm threshold; Nominal Voltage and PQ Voltage
// Measurement of Primary Configuration set the base (L2546-L2548, L4670-L4686). The tool's
// reset threshold is computed from the same % by a formula shown only in a screenshot, so it
// is not derived. Lines and choices are in the .cpp.
#include <boost/json/object.hpp>
#include <optional>

#include "core/config/primary_configuration.hpp"
#include "core/config/triggers.hpp"

namespace jemhead::config {

// The voltage 100 % stands for: the nominal secondary voltage in the PQ Voltage Measurement
// basis.
double trigger_voltage_base(const PrimaryConfiguration& p);

// Absolute voltage threshold for a threshold % (the trigger tool).
double voltage_threshold_from_pct(const PrimaryConfiguration& p, double pct);

// The % a voltage threshold is of the base; nullopt when the base is 0.
std::optional<double> voltage_threshold_pct(const PrimaryConfiguration& p, double volts);

// Voltage triggers: the ones the tool applies to ("Sag and Swell triggers trigger on
// instantaneous voltage", L4703-L4705).
bool is_voltage_trigger(const Trigger& t);

// The voltage base and, per voltage trigger, its alarm and reset thresholds as % of it.
boost::json::object triggers_derived_json(const PrimaryConfiguration& p, const TriggerSetup& t);

}  // namespace jemhead::config

#pragma once
// What the manual computes for INPUT / OUTPUT (L4211-L4514): the energy pulse tool's
// full-scale energy, pulse frequency and suggested pulse weight (L4367-L4425), and the
// analog output table (L4483-L4510). Formulas and lines are in the .cpp.
#include <boost/json/object.hpp>
#include <optional>

#include "core/config/input_output.hpp"
#include "core/config/primary_configuration.hpp"

namespace jemhead::config {

// "Pulse output rate has exceeded 10 pulses/sec" sets System Bit 5 (L4790).
inline constexpr double kMaxPulsesPerSecond = 10;

// Full-scale energy per hour on the pulse weight's side: secondary Wh (VARh, VAh) for Ke,
// primary in the Measurement Units for pKe. nullopt where no full scale is defined.
std::optional<double> energy_pulse_full_scale_per_hour(const PrimaryConfiguration& p,
                                                       const EnergyPulseSettings& e);

// Pulses per second at full scale with the configured pulse weight.
std::optional<double> energy_pulse_full_scale_frequency(const PrimaryConfiguration& p,
                                                        const EnergyPulseSettings& e);

// The pulse weight that gives `pulses_per_second` at full scale (the "suggest" button).
std::optional<double> suggest_pulse_weight(const PrimaryConfiguration& p,
                                           const EnergyPulseSettings& e, double pulses_per_second);

// Output current in mA for input `x` within [minimum, maximum]; nullopt outside it (the
// manual does not say what the output does there), for an empty range and for 0-1 mA
// outputs, whose mapping the manual does not give.
std::optional<double> analog_output_ma(AnalogOutputType type, const AnalogOutput& ao, double x);

// Per energy pulse output: full-scale energy per hour, full-scale pulse frequency and whether
// it passes 10 pulses/s; per analog output: the output table (maximum, 0 when inside the
// range, minimum), null for 0-1 mA outputs.
boost::json::object input_output_derived_json(const PrimaryConfiguration& p, const InputOutput& io);

}  // namespace jemhead::config

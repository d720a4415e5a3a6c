#pragma once
// What one load-profile channel records, resolved from its Table 2 OBIS code (part7 §6.4):
// a consumption channel is the change of an energy register over the interval, an average
// channel the mean of an instantaneous quantity, a status-word channel reads 0. Codes the
// simulator cannot compute (THD, imbalance, status inputs, pulse counters, ...) and the
// manual's two ambiguous codes are refused with a reason, so a fleet file cannot configure
// a channel whose values would be made up.
#include <string>
#include <variant>

#include "drivers/protocol/dlms/cosem/object_model.hpp"
#include "sim/energy_registers.hpp"
#include "sim/metrology.hpp"

namespace jemhead::sim {

enum class LpSource : std::uint8_t { consumption, average, zero };

struct LpChannel {
  dlms::cosem::Obis obis;
  const dlms::cosem::CosemObject* entry = nullptr;  // the Table 2 row
  LpSource source = LpSource::zero;
};

// The channel, or why it cannot be recorded.
std::variant<LpChannel, std::string> resolve_lp_channel(const dlms::cosem::Obis& obis);

// Consumption channels: the register the channel integrates, secondary units, at one
// instant (the interval value is its change). Net = delivered - received, Abs = sum.
double lp_register_value(const LpChannel& c, const EnergyRegisters& secondary);
// Average channels: the instantaneous quantity at one sample, secondary units.
double lp_sample_value(const LpChannel& c, const Instantaneous& secondary);
// Secondary to primary for this channel: PT x CT for powers and energies, CT for amps and
// Ah, PT for volts, squares for V^2 / A^2, 1 for PF, frequency and status words.
double lp_primary_factor(const LpChannel& c, double pt_ratio, double ct_ratio);

}  // namespace jemhead::sim

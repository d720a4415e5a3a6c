#pragma once
// Rules of the meter's hardware description.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

inline constexpr RuleRef kFirmwareVersionFormat{"firmware_version_format", "L1440, L5316"};
// Analog outputs and the cell modem exist on ANSI meters only.
inline constexpr RuleRef kAnsiOnlyOption{"ansi_only_option", "L4467, L5597"};

std::span<const RuleRef> meter_hardware_rule_refs();
void check_meter_hardware_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

#pragma once
// Cross-field rules of PROTOCOL SETUP (manual L5887-L6629), including those that read other
// sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_protocols_rules applies (for cross_field_rules()).
std::span<const RuleRef> protocols_rule_refs();
void check_protocols_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

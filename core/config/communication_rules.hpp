#pragma once
// Cross-field rules of COMMUNICATION SETUP (manual L4997-L5886), including those that read other
// sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_communication_rules applies (for cross_field_rules()).
std::span<const RuleRef> communication_rule_refs();
void check_communication_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

#pragma once
// Cross-field rules of INPUT / OUTPUT (manual L4211-L4514), including those that read other
// sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_input_output_rules applies (for cross_field_rules()).
std::span<const RuleRef> input_output_rule_refs();
void check_input_output_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

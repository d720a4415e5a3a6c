#pragma once
// Cross-field rules of TIME OF USE SETUP (manual L3812-L3903), including those that read other
// sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_time_of_use_rules applies (for cross_field_rules()).
std::span<const RuleRef> time_of_use_rule_refs();
void check_time_of_use_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

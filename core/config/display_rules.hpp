#pragma once
// Cross-field rules of DISPLAY SETUP (manual L6630-L6737), including those that read other
// sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_display_rules applies (for cross_field_rules()).
std::span<const RuleRef> display_rule_refs();
void check_display_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

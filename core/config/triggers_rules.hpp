#pragma once
// Cross-field rules of TRIGGER SETUP (manual L4515-L4733), including those that read other
// sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_triggers_rules applies (for cross_field_rules()).
std::span<const RuleRef> triggers_rule_refs();
void check_triggers_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

#pragma once
// Cross-field rules of USER MANAGEMENT (manual L7042-L7264), including those that read other
// sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_users_rules applies (for cross_field_rules()).
std::span<const RuleRef> users_rule_refs();
void check_users_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

#pragma once
// Cross-field rules of MEASUREMENT LOGGING (OPTION) (manual L3573-L3811), including those that read
// other sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_measurement_log_rules applies (for cross_field_rules()).
std::span<const RuleRef> measurement_log_rule_refs();
void check_measurement_log_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

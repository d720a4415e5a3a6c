#pragma once
// Cross-field rules of TIMEKEEPING & SCHEDULED EVENTS (manual L3904-L4210), including those that
// read other sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_timekeeping_rules applies (for cross_field_rules()).
std::span<const RuleRef> timekeeping_rule_refs();
void check_timekeeping_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

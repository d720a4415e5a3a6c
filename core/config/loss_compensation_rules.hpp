#pragma once
// Cross-field rules of TRANSFORMER LOSS COMPENSATION (manual L6738-L7041), including those that
// read other sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_loss_compensation_rules applies (for cross_field_rules()).
std::span<const RuleRef> loss_compensation_rule_refs();
void check_loss_compensation_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

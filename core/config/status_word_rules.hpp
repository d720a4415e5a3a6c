#pragma once
// Cross-field rules of STATUS WORD AND STATUS TRIGGERS (manual L4734-L4996), including those that
// read other sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// Every rule check_status_word_rules applies (for cross_field_rules()).
std::span<const RuleRef> status_word_rule_refs();
void check_status_word_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

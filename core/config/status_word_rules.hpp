#pragma once
// Cross-field rules of STATUS WORD (manual L4734-L4996): the Status Triggers table reads
// TRIGGER SETUP (only enabled alarm triggers can be assigned, L4942, L4996).
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

inline constexpr RuleRef kStatusBitNumbersUnique{"status_bit_numbers_unique", "L4959-L4961"};
inline constexpr RuleRef kStatusBitCombination{"status_bit_combination", "L4971-L4992"};
inline constexpr RuleRef kStatusBitEnabledTriggers{"status_bit_enabled_triggers", "L4942, L4996"};

// Every rule check_status_word_rules applies (for cross_field_rules()).
std::span<const RuleRef> status_word_rule_refs();
void check_status_word_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

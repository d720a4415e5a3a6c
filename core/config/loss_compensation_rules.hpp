#pragma once
// Cross-field rules of TRANSFORMER LOSS COMPENSATION (manual L6738-L7041), including those that
// read other sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// The pages of the entry mode not selected are blank: Transformer pages "left blank" with
// Enter Percentage Losses, Percents pages read-only summaries with Enter Transformer
// Parameters (those summaries are JEMWare's computation, so never stored); the System Loss
// page only with System Loss enabled.
inline constexpr RuleRef kTlcInactiveEntriesBlank{
    "tlc_inactive_entries_blank", "L6823-L6835, L6843-L6855, L6990-L6994, L7010-L7014"};
// Enter for Total System: "a single set ... that will apply to all phases", entered as the
// same per-phase value in each column (27,000,000 VA bank: 9,000,000 in each field).
inline constexpr RuleRef kTlcTotalSystemPhasesEqual{"tlc_total_system_phases_equal",
                                                    "L6869-L6873, L6914-L6922, L7021-L7023"};
// A compensated power flow in transformer-parameter mode needs the transformer's rated VA
// and voltage, the bases of every loss figure (L6914-L6948).
inline constexpr RuleRef kTlcTransformerRatingsGiven{"tlc_transformer_ratings_given",
                                                     "L6914-L6932"};
// Test Amps is a test current of the meter: at most its class amps (our reading; the
// pull-down's values are not in the text).
inline constexpr RuleRef kTlcTestAmpsWithinClass{"tlc_test_amps_within_class",
                                                 "L6875-L6877, L2497-L2506"};

// Every rule check_loss_compensation_rules applies (for cross_field_rules()).
std::span<const RuleRef> loss_compensation_rule_refs();
void check_loss_compensation_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

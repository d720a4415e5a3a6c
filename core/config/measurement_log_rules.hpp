#pragma once
// Cross-field rules of MEASUREMENT LOGGING (OPTION) (manual L3573-L3811), including those that read
// other sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// "The meter must have the Measurement Log Option (ML) or Power Quality options (PQ2, PQ3)
// enabled"; without them the meter ignores the settings, so configured channels are refused.
inline constexpr RuleRef kMlOptionRequired{"ml_option_required", "L3575-L3581"};
// Harmonic, interharmonic, flicker and fault measurements need PQ2 or PQ3.
inline constexpr RuleRef kMlQuantityNeedsPq{"ml_quantity_needs_pq2_pq3", "L3703-L3705"};
// Each of the eight groups at most once.
inline constexpr RuleRef kMlGroupNumbersUnique{"ml_group_numbers_unique",
                                               "L3583-L3587, L3604-L3606"};
// Harmonics 1-64, interharmonics 1-50, no number for other quantities.
inline constexpr RuleRef kMlHarmonicOrder{"ml_harmonic_order", "L3681-L3687, L3715-L3717"};
// Phase per quantity: none for frequency, unbalance, contact inputs and sequence components;
// N only for current quantities; polyphase only for power, energy and power factor.
inline constexpr RuleRef kMlPhaseForQuantity{"ml_phase_for_quantity", "L3705-L3711"};
// Direction only "if applicable": power and energy quantities need one, others have none.
inline constexpr RuleRef kMlDirectionForQuantity{"ml_direction_for_quantity", "L3705-L3711"};
// Total is "used for integrated measurements".
inline constexpr RuleRef kMlMethodForQuantity{"ml_method_for_quantity", "L3749-L3751, L3709-L3711"};
// Transformer compensation "if applicable": TLC compensates Watts and VARs (L6819-L6823) and
// what is made of them.
inline constexpr RuleRef kMlCompensationForQuantity{"ml_transformer_compensation_for_quantity",
                                                    "L3767-L3769, L6819-L6823"};

// Every rule check_measurement_log_rules applies (for cross_field_rules()).
std::span<const RuleRef> measurement_log_rule_refs();
void check_measurement_log_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config

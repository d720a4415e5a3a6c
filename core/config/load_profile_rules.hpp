#pragma once
// Cross-field rules of LOAD PROFILE: each column's list depends on the previous column
// (L3357-L3363). Names and manual references are declared once here.
#include <span>
#include <string>

#include "core/config/config_problem.hpp"
#include "core/config/load_profile.hpp"

namespace jemhead::config {

inline constexpr RuleRef kLpQuantityForType{"lp_quantity_for_type", "L3395-L3413"};
inline constexpr RuleRef kLpPhaseForQuantity{"lp_phase_for_quantity", "L3415-L3429"};
inline constexpr RuleRef kLpDirectionForQuantity{"lp_direction_for_quantity", "L3431-L3439"};

LpChannelType lp_type_of(LpQuantity q);
std::span<const LpPhase> lp_phases_for(LpQuantity q);
std::span<const LpDirection> lp_directions_for(LpQuantity q);

void check_lp_quantity_for_type(const LpChannel& ch, const std::string& path, Problems& out);
void check_lp_phase_for_quantity(const LpChannel& ch, const std::string& path, Problems& out);
void check_lp_direction_for_quantity(const LpChannel& ch, const std::string& path, Problems& out);

// Every channel of every profile; `path` is the load_profile section's path.
void check_load_profile_rules(const LoadProfile& lp, const std::string& path, Problems& out);

}  // namespace jemhead::config

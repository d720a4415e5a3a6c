#pragma once
// Cross-field rules of DEMANDS.
#include <string>

#include "core/config/config_problem.hpp"
#include "core/config/demands.hpp"

namespace jemhead::config {

// "must be set less than the interval length and must be an integral divider of it";
// equal gives block intervals (L3515-L3521), so equal is accepted.
inline constexpr RuleRef kDemandSubintervalDividesInterval{"demand_subinterval_divides_interval",
                                                           "L3501-L3521"};

void check_demand_subinterval_divides_interval(const Demands& d, const std::string& path,
                                               Problems& out);
void check_demand_rules(const Demands& d, const std::string& path, Problems& out);

}  // namespace jemhead::config

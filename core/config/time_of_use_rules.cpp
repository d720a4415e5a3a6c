#include "core/config/time_of_use_rules.hpp"

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

std::span<const RuleRef> time_of_use_rule_refs() {
  return {};
}

void check_time_of_use_rules(const MeterConfiguration& c, Problems& out) {
  (void)c;
  (void)out;
}

}  // namespace jemhead::config

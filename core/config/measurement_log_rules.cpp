#include "core/config/measurement_log_rules.hpp"

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

std::span<const RuleRef> measurement_log_rule_refs() {
  return {};
}

void check_measurement_log_rules(const MeterConfiguration& c, Problems& out) {
  (void)c;
  (void)out;
}

}  // namespace jemhead::config

#include "core/config/communication_rules.hpp"

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

std::span<const RuleRef> communication_rule_refs() {
  return {};
}

void check_communication_rules(const MeterConfiguration& c, Problems& out) {
  (void)c;
  (void)out;
}

}  // namespace jemhead::config

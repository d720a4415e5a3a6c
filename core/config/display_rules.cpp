#include "core/config/display_rules.hpp"

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

std::span<const RuleRef> display_rule_refs() {
  return {};
}

void check_display_rules(const MeterConfiguration& c, Problems& out) {
  (void)c;
  (void)out;
}

}  // namespace jemhead::config

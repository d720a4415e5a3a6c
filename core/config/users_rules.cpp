#include "core/config/users_rules.hpp"

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

std::span<const RuleRef> users_rule_refs() {
  return {};
}

void check_users_rules(const MeterConfiguration& c, Problems& out) {
  (void)c;
  (void)out;
}

}  // namespace jemhead::config

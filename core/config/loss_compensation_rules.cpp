#include "core/config/loss_compensation_rules.hpp"

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

std::span<const RuleRef> loss_compensation_rule_refs() {
  return {};
}

void check_loss_compensation_rules(const MeterConfiguration& c, Problems& out) {
  (void)c;
  (void)out;
}

}  // namespace jemhead::config

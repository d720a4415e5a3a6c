#include "core/config/protocols_derived.hpp"

#include <algorithm>
#include <boost/json/value.hpp>
#include <cmath>

#include "core/config/primary_derived.hpp"

namespace jemhead::config {

// The example's 32,767 / 3,600 = 9.1 gives 9: the value is measurement x scale factor, whole
// factors only.
std::optional<int> dnp_16_bit_straight_max_scale_factor(double max_secondary) {
  if (max_secondary <= 0) return std::nullopt;
  return static_cast<int>(std::min(1'000.0, std::floor(32'767.0 / max_secondary)));
}

// Full-scale watts stands in for the example's "maximum secondary watts" (a meter measures up
// to its class current, so more is possible); it applies to 16-bit DNP objects with
// analog_scaling "thirty_two_bit" (L6386-L6402).
boost::json::object protocols_derived_json(const PrimaryConfiguration& p) {
  const auto max = dnp_16_bit_straight_max_scale_factor(full_scale_watts_secondary(p));
  boost::json::object out;
  out["dnp_16_bit_straight_max_scale_factor_at_full_scale_watts"] =
      max ? boost::json::value(*max) : boost::json::value(nullptr);
  return out;
}

}  // namespace jemhead::config

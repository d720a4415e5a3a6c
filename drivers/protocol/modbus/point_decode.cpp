#include "drivers/protocol/modbus/point_decode.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "drivers/protocol/modbus/words.hpp"

namespace jemhead::modbus {

double analog_secondary(std::int16_t raw, double full_scale, std::uint16_t scale_factor) {
  return raw * full_scale / (kAnalogFullScaleCount * scale_factor);
}

std::int16_t analog_raw(double secondary, double full_scale, std::uint16_t scale_factor) {
  const double scaled = std::round(secondary / full_scale * kAnalogFullScaleCount * scale_factor);
  if (!(scaled >= std::numeric_limits<std::int16_t>::min())) {
    // NaN lands here too: report the bottom rail rather than an undefined conversion.
    return std::isnan(scaled) ? 0 : std::numeric_limits<std::int16_t>::min();
  }
  if (scaled > std::numeric_limits<std::int16_t>::max())
    return std::numeric_limits<std::int16_t>::max();
  return static_cast<std::int16_t>(scaled);
}

double full_scale_of(const AnalogPoint& point) {
  if (point.full_scale) return *point.full_scale;
  if (auto manual = manual_full_scale(point.quantity, point.phase)) return *manual;
  throw std::invalid_argument("modbus: analog point " + std::to_string(point.point) +
                              " has no full scale");
}

AnalogValue decode_analog(const PointMap& map, const AnalogPoint& point, std::int16_t raw) {
  AnalogValue out;
  out.secondary = analog_secondary(raw, full_scale_of(point), point.scale_factor);
  out.value = point.primary
                  ? out.secondary * primary_factor(point.quantity, map.pt_ratio, map.ct_ratio)
                  : out.secondary;
  out.unit = point.unit.empty() ? std::string(unit_of(point.quantity)) : point.unit;
  out.saturated = raw == std::numeric_limits<std::int16_t>::max() ||
                  raw == std::numeric_limits<std::int16_t>::min();
  return out;
}

std::int16_t encode_analog(const AnalogPoint& point, double secondary) {
  return analog_raw(secondary, full_scale_of(point), point.scale_factor);
}

double decode_counter(const CounterPoint& point, std::uint16_t high, std::uint16_t low) {
  const std::uint32_t raw = combine_words(high, low);
  const double count = point.is_signed ? static_cast<double>(static_cast<std::int32_t>(raw))
                                       : static_cast<double>(raw);
  return count / point.scale_factor;
}

std::array<std::uint16_t, 2> encode_counter(const CounterPoint& point, double value) {
  double count = std::round(value * point.scale_factor);
  if (std::isnan(count)) count = 0;
  std::uint32_t raw = 0;
  if (point.is_signed) {
    constexpr double lo = std::numeric_limits<std::int32_t>::min();
    constexpr double hi = std::numeric_limits<std::int32_t>::max();
    raw = static_cast<std::uint32_t>(static_cast<std::int32_t>(std::clamp(count, lo, hi)));
  } else {
    constexpr double hi = std::numeric_limits<std::uint32_t>::max();
    raw = static_cast<std::uint32_t>(std::clamp(count, 0.0, hi));
  }
  return split_words(raw);
}

}  // namespace jemhead::modbus

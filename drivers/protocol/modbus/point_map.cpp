#include "drivers/protocol/modbus/point_map.hpp"

#include <cmath>
#include <map>
#include <string>

namespace jemhead::modbus {
namespace {

constexpr std::size_t kMaxNameChars = 100;
constexpr std::size_t kMaxUnitChars = 16;
constexpr double kMaxRatio = 1e6;
constexpr double kMinCounterScale = 0.001;  // Appendix C's "0.001 scaling" (L13700)
constexpr double kMaxCounterScale = 1000;   // L13165-13167
constexpr double kMaxFullScale = 1e9;

std::string at(std::string_view table, std::size_t index, std::string_view field) {
  return std::string(table) + "/points/" + std::to_string(index) + "/" + std::string(field);
}

void check_positive(Validation& v, const std::string& field, double value, double max) {
  if (!std::isfinite(value) || value <= 0 || value > max)
    v.fail(field,
           "must be a number above 0 and at most " + std::to_string(static_cast<long long>(max)));
}

void check_register_start(Validation& v, std::string_view table, std::uint32_t start) {
  // Counters belong to 4xxxx and analogs to 3xxxx in the chapter (L13027, L13185), the
  // defaults print them swapped (L13698, L13710): both blocks are accepted, since only the
  // offset within the block reaches the wire.
  const bool ok = (start >= 30001 && start <= 39999) || (start >= 40001 && start <= 49999);
  if (!ok)
    v.fail(std::string(table) + "/start_address",
           "must be a register reference in 30001..39999 or 40001..49999 (got " +
               std::to_string(start) + ")");
}

// Point numbers must be in 1..max and unique within their table.
template <typename Point>
void check_points(Validation& v, std::string_view table, const std::vector<Point>& points,
                  std::uint16_t max) {
  if (points.size() > max)
    v.fail(std::string(table) + "/points", "at most " + std::to_string(max) + " points (got " +
                                               std::to_string(points.size()) + ")");
  std::map<std::uint16_t, std::size_t> seen;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto& p = points[i];
    v.range(at(table, i, "point"), p.point, 1, max);
    v.max_length(at(table, i, "name"), p.name, kMaxNameChars);
    auto [it, fresh] = seen.emplace(p.point, i);
    if (!fresh)
      v.fail(at(table, i, "point"), "duplicate point " + std::to_string(p.point) +
                                        " (also at index " + std::to_string(it->second) + ")");
  }
}

void check_counter(Validation& v, std::size_t i, const CounterPoint& p) {
  if (p.register_id) {
    if (p.register_set == RegisterSet::normal)
      v.range(at("counters", i, "register_id"), *p.register_id, 0, 49,
              "normal display registers are 0-49 (manual L6016)");
    else
      v.range(at("counters", i, "register_id"), *p.register_id, 100, 149,
              "alternate display registers are 100-149 (manual L6018)");
  }
  v.max_length(at("counters", i, "unit"), p.unit, kMaxUnitChars);
  if (!std::isfinite(p.scale_factor) || p.scale_factor < kMinCounterScale ||
      p.scale_factor > kMaxCounterScale)
    v.fail(at("counters", i, "scale_factor"),
           "must be between 0.001 and 1000 (manual: 1 to 1,000, L13165; 0.001 in the "
           "factory defaults, L13700)");
}

void check_analog(Validation& v, std::size_t i, const AnalogPoint& p) {
  v.range(at("analogs", i, "scale_factor"), p.scale_factor, 1, 100,
          "manual L13355 (0 would divide by zero)");
  if (p.phase == Phase::neutral && p.quantity != AnalogQuantity::amps)
    v.fail(at("analogs", i, "phase"), "neutral is only available for amps (manual L6076)");
  if (p.full_scale) {
    check_positive(v, at("analogs", i, "full_scale"), *p.full_scale, kMaxFullScale);
  } else if (!manual_full_scale(p.quantity, p.phase)) {
    v.fail(at("analogs", i, "full_scale"),
           "required for " + std::string(to_text(p.quantity)) +
               ": the manual's range table (L13280-13320) has no row for it");
  }
  v.max_length(at("analogs", i, "unit"), p.unit, kMaxUnitChars);
}

void check_discrete(Validation& v, std::size_t i, const DiscreteInputPoint& p) {
  switch (p.source) {
    case DiscreteSource::digital_input:
      v.range(at("discrete_inputs", i, "channel"), p.channel, 1, map_limit::dio_channels,
              "digital inputs Ch. 1-14 (manual L12979)");
      break;
    case DiscreteSource::trigger:
      v.range(at("discrete_inputs", i, "channel"), p.channel, 1, map_limit::triggers,
              "triggers Ch. 1-64 (manual L12983)");
      break;
    case DiscreteSource::meter_status:
      if (!p.status)
        v.fail(at("discrete_inputs", i, "status"),
               "required for a meter_status point; one of " + allowed_texts<MeterStatus>());
      break;
  }
  if (p.source != DiscreteSource::meter_status && p.status)
    v.fail(at("discrete_inputs", i, "status"), "only allowed when source is meter_status");
}

}  // namespace

Validation validate(const PointMap& map) {
  Validation v;
  v.max_length("name", map.name, kMaxNameChars);
  check_positive(v, "pt_ratio", map.pt_ratio, kMaxRatio);
  check_positive(v, "ct_ratio", map.ct_ratio, kMaxRatio);

  check_register_start(v, "counters", map.counters.start_address);
  check_points(v, "counters", map.counters.points, map_limit::counters);
  for (std::size_t i = 0; i < map.counters.points.size(); ++i)
    check_counter(v, i, map.counters.points[i]);

  check_register_start(v, "analogs", map.analogs.start_address);
  check_points(v, "analogs", map.analogs.points, map_limit::analogs);
  for (std::size_t i = 0; i < map.analogs.points.size(); ++i)
    check_analog(v, i, map.analogs.points[i]);

  v.range("coils/start_address", map.coils.start_address, 1, 9999, "coil references 00001-09999");
  check_points(v, "coils", map.coils.points, map_limit::coils);
  for (std::size_t i = 0; i < map.coils.points.size(); ++i)
    v.range(at("coils", i, "channel"), map.coils.points[i].channel, 1, map_limit::dio_channels,
            "DIO channels 1-14 (manual L12969-12977)");

  v.range("discrete_inputs/start_address", map.discrete_inputs.start_address, 10001, 19999,
          "discrete input references 10001-19999");
  check_points(v, "discrete_inputs", map.discrete_inputs.points, map_limit::discrete_inputs);
  for (std::size_t i = 0; i < map.discrete_inputs.points.size(); ++i)
    check_discrete(v, i, map.discrete_inputs.points[i]);
  return v;
}

std::uint16_t address_of(const PointMap& map, const CounterPoint& point) {
  return static_cast<std::uint16_t>(protocol_address(map.counters.start_address) +
                                    2 * (point.point - 1));
}
std::uint16_t address_of(const PointMap& map, const AnalogPoint& point) {
  return static_cast<std::uint16_t>(protocol_address(map.analogs.start_address) + point.point - 1);
}
std::uint16_t address_of(const PointMap& map, const DiscreteInputPoint& point) {
  return static_cast<std::uint16_t>(protocol_address(map.discrete_inputs.start_address) +
                                    point.point - 1);
}
std::uint16_t address_of(const PointMap& map, const CoilPoint& point) {
  return static_cast<std::uint16_t>(protocol_address(map.coils.start_address) + point.point - 1);
}

}  // namespace jemhead::modbus

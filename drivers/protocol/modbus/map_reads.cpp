#include "drivers/protocol/modbus/map_reads.hpp"

#include <stdexcept>
#include <string>

#include "drivers/protocol/modbus/words.hpp"

namespace jemhead::modbus {
namespace {

template <typename Point>
const Point& find_point(const std::vector<Point>& points, std::uint16_t number, const char* table) {
  for (const auto& p : points)
    if (p.point == number) return p;
  throw std::invalid_argument(std::string("modbus: no ") + table + " point " +
                              std::to_string(number) + " in the map");
}

template <typename Point>
std::vector<std::uint16_t> bit_addresses(const PointMap& map, const std::vector<Point>& points) {
  std::vector<std::uint16_t> out;
  out.reserve(points.size());
  for (const auto& p : points) out.push_back(address_of(map, p));
  return out;
}

}  // namespace

MapReadPlan plan_map_reads(const PointMap& map, const RequestLimits& limits) {
  MapReadPlan plan;
  std::vector<WantedRegisters> wanted;
  for (const auto& p : map.counters.points)
    wanted.push_back({address_of(map, p), RegisterWidth::pair});
  plan.counters = plan_register_reads(FunctionCode::read_holding_registers, wanted, limits);
  wanted.clear();
  for (const auto& p : map.analogs.points)
    wanted.push_back({address_of(map, p), RegisterWidth::single});
  plan.analogs = plan_register_reads(FunctionCode::read_input_registers, wanted, limits);
  const auto inputs = bit_addresses(map, map.discrete_inputs.points);
  plan.discrete_inputs = plan_bit_reads(FunctionCode::read_discrete_inputs, inputs, limits);
  const auto coils = bit_addresses(map, map.coils.points);
  plan.coils = plan_bit_reads(FunctionCode::read_coils, coils, limits);
  return plan;
}

std::vector<DecodedCounter> decode_counters(const PointMap& map, const RegisterImage& holding) {
  std::vector<DecodedCounter> out;
  for (std::size_t i = 0; i < map.counters.points.size(); ++i) {
    const auto& p = map.counters.points[i];
    const auto address = address_of(map, p);
    const auto high = holding.at(address);
    const auto low = holding.at(static_cast<std::uint16_t>(address + 1));
    if (!high || !low) continue;
    out.push_back({i, combine_words(*high, *low), decode_counter(p, *high, *low)});
  }
  return out;
}

std::vector<DecodedAnalog> decode_analogs(const PointMap& map, const RegisterImage& input) {
  std::vector<DecodedAnalog> out;
  for (std::size_t i = 0; i < map.analogs.points.size(); ++i) {
    const auto& p = map.analogs.points[i];
    const auto word = input.at(address_of(map, p));
    if (!word) continue;
    const auto raw = static_cast<std::int16_t>(*word);
    out.push_back({i, raw, decode_analog(map, p, raw)});
  }
  return out;
}

std::vector<DecodedBit> decode_discrete_inputs(const PointMap& map, const BitImage& inputs) {
  std::vector<DecodedBit> out;
  for (std::size_t i = 0; i < map.discrete_inputs.points.size(); ++i) {
    const auto& p = map.discrete_inputs.points[i];
    if (auto bit = inputs.at(address_of(map, p)))
      out.push_back({i, *bit, decode_discrete(p, *bit)});
  }
  return out;
}

std::vector<DecodedBit> decode_coils(const PointMap& map, const BitImage& coils) {
  std::vector<DecodedBit> out;
  for (std::size_t i = 0; i < map.coils.points.size(); ++i)
    if (auto bit = coils.at(address_of(map, map.coils.points[i]))) out.push_back({i, *bit, *bit});
  return out;
}

std::vector<WriteMultipleRegistersRequest> plan_presets(
    const PointMap& map, std::span<const std::pair<std::uint16_t, double>> values,
    const RequestLimits& limits) {
  std::vector<RegisterWrite> writes;
  for (const auto& [number, value] : values) {
    const auto& p = find_point(map.counters.points, number, "counter");
    const auto words = encode_counter(p, value);
    writes.push_back({address_of(map, p), RegisterWidth::pair, combine_words(words[0], words[1])});
  }
  return plan_register_writes(writes, limits);
}

WriteSingleCoilRequest coil_command(const PointMap& map, std::uint16_t point, bool on) {
  return {address_of(map, find_point(map.coils.points, point, "coil")), on};
}

}  // namespace jemhead::modbus

#pragma once
// Glue between a point map and the wire, still without any I/O: which requests read a
// whole map, how the answers become point values, and which requests write presets or
// outputs. The session layer sends the requests and feeds the responses back here.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "drivers/protocol/modbus/pdu.hpp"
#include "drivers/protocol/modbus/point_decode.hpp"
#include "drivers/protocol/modbus/point_map.hpp"
#include "drivers/protocol/modbus/request_plan.hpp"

namespace jemhead::modbus {

struct MapReadPlan {
  std::vector<ReadRegistersRequest> counters;    // FC03, whole pairs
  std::vector<ReadRegistersRequest> analogs;     // FC04
  std::vector<ReadBitsRequest> discrete_inputs;  // FC02
  std::vector<ReadBitsRequest> coils;            // FC01
};
MapReadPlan plan_map_reads(const PointMap& map, const RequestLimits& limits);

// Values gathered from responses, by protocol address (one image per address space).
template <typename T>
class AddressImage {
 public:
  void store(std::uint16_t start, std::span<const T> values) {
    for (std::size_t i = 0; i < values.size() && start + i <= 0xFFFF; ++i)
      values_[static_cast<std::uint16_t>(start + i)] = values[i];
  }
  std::optional<T> at(std::uint16_t address) const {
    auto it = values_.find(address);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  std::size_t size() const { return values_.size(); }

 private:
  std::map<std::uint16_t, T> values_;
};
using RegisterImage = AddressImage<std::uint16_t>;
using BitImage = AddressImage<bool>;

// One decoded value per point whose registers/bits are in the image; `index` is the
// point's position in its table of the map.
struct DecodedCounter {
  std::size_t index = 0;
  std::uint32_t raw = 0;
  double value = 0;
};
struct DecodedAnalog {
  std::size_t index = 0;
  std::int16_t raw = 0;
  AnalogValue value;
};
struct DecodedBit {
  std::size_t index = 0;
  bool raw = false;
  bool active = false;  // after the point's polarity (coils: same as raw)
};

std::vector<DecodedCounter> decode_counters(const PointMap& map, const RegisterImage& holding);
std::vector<DecodedAnalog> decode_analogs(const PointMap& map, const RegisterImage& input);
std::vector<DecodedBit> decode_discrete_inputs(const PointMap& map, const BitImage& inputs);
std::vector<DecodedBit> decode_coils(const PointMap& map, const BitImage& coils);

// Register presets (FC16) for counter points given by point number, values in the
// display register's units. Unknown point numbers: std::invalid_argument.
std::vector<WriteMultipleRegistersRequest> plan_presets(
    const PointMap& map, std::span<const std::pair<std::uint16_t, double>> values,
    const RequestLimits& limits);

// FC05 for one coil point (by point number). Unknown point: std::invalid_argument.
WriteSingleCoilRequest coil_command(const PointMap& map, std::uint16_t point, bool on);

}  // namespace jemhead::modbus

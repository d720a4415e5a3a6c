#include "sim/modbus/factory_default_map.hpp"

#include <stdexcept>

#include "drivers/protocol/modbus/point_map_json.hpp"

namespace jemhead::sim {

std::shared_ptr<const modbus::PointMap> factory_default_map() {
  static const std::shared_ptr<const modbus::PointMap> map = [] {
    auto loaded = modbus::parse_point_map(factory_default_map_json());
    if (!loaded.ok())
      throw std::logic_error("factory default Modbus map does not load: " +
                             loaded.problems.summary());
    return std::make_shared<const modbus::PointMap>(std::move(loaded.map));
  }();
  return map;
}

}  // namespace jemhead::sim

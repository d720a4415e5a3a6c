#include "drivers/protocol/modbus/factory_map.hpp"

#include <stdexcept>

#include "drivers/protocol/modbus/point_map_json.hpp"

namespace jemhead::modbus {

std::shared_ptr<const PointMap> factory_default_map() {
  static const std::shared_ptr<const PointMap> map = [] {
    auto loaded = parse_point_map(factory_default_map_json());
    if (!loaded.ok())
      throw std::logic_error("factory default Modbus map does not load: " +
                             loaded.problems.summary());
    return std::make_shared<const PointMap>(std::move(loaded.map));
  }();
  return map;
}

}  // namespace jemhead::modbus

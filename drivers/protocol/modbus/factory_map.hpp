#pragma once
// The manual's factory default map (Appendix C), config/modbus/factory-default-map.json,
// compiled in at build time: the head-end uses it for profiles that name no map, jemsim
// for meters configured without one. One copy, in the codec library both depend on.
#include <memory>
#include <string_view>

#include "drivers/protocol/modbus/point_map.hpp"

namespace jemhead::modbus {

std::string_view factory_default_map_json();  // the file's text (generated at build time)
// Parsed once. Throws std::logic_error if the shipped file does not load (a build defect).
std::shared_ptr<const PointMap> factory_default_map();

}  // namespace jemhead::modbus

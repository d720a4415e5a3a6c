#pragma once
// The manual's factory default map (Appendix C), i.e. config/modbus/factory-default-map.json
// compiled into jemsim so a meter configured without a map serves it wherever jemsim runs.
#include <memory>
#include <string_view>

#include "drivers/protocol/modbus/point_map.hpp"

namespace jemhead::sim {

std::string_view factory_default_map_json();  // the file's text (generated at build time)
// Parsed once. Throws std::logic_error if the shipped file does not load (a build defect).
std::shared_ptr<const modbus::PointMap> factory_default_map();

}  // namespace jemhead::sim

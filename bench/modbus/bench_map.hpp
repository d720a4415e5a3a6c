#pragma once
// The point map the Modbus benchmark reads: the manual's largest tables, 300 counters
// (600 holding registers from 40001) and 200 analogs (200 input registers from 30001),
// every point backed by something the simulator models so no read is refused.
#include <string>

#include "drivers/protocol/modbus/point_map.hpp"

namespace jemhead::bench {

modbus::PointMap full_size_point_map();

// Writes the map as jemhead.modbus.point_map/1 JSON to `path` (throws on I/O failure).
void write_point_map_file(const modbus::PointMap& map, const std::string& path);

}  // namespace jemhead::bench

#pragma once
// Reads every meter of a simulated fleet the way the head-end does: through the Modbus
// driver (ModbusDriver::open from a connection profile, read_registers,
// read_instantaneous or read_status, close), at most `concurrency` meters at a time on one
// io_context thread. Each meter must return every point of the map, else it counts as failed.
#include <cstdint>
#include <string>
#include <vector>

namespace jemhead::bench {

struct FleetReadOptions {
  std::string map_file;  // the point map every meter serves (profile option map_file)
  std::uint8_t unit_id = 1;
  std::size_t concurrency = 64;
  std::size_t expected_counters = 0;
  std::size_t expected_analogs = 0;
  // Status (discrete inputs) instead of analogs: what a collection engine cycle of
  // registers + status reads (bench/fleet).
  bool read_status = false;
  std::size_t expected_status_points = 0;
};

struct FleetReadResult {
  double seconds = 0;        // first open to last close
  std::uint64_t values = 0;  // counters + analogs (or status points) decoded
  std::uint64_t failed_meters = 0;
  std::string first_failure;
};

FleetReadResult read_fleet(const std::vector<std::uint16_t>& ports,
                           const FleetReadOptions& options);

}  // namespace jemhead::bench

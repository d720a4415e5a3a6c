#pragma once
// The fleet file: which meters jemsim runs and how fast time goes. Strict: unknown keys,
// wrong types and out-of-range values are FleetErrors naming file, line and key.
//
//   seed: 42
//   time_factor: 60                       # simulated seconds per real second
//   start_time: "2026-01-01T00:00:00Z"    # optional; default: now
//   control: { listen: "127.0.0.1:0" }
//   meters:
//     count: 3                # generated: serial serial_base+i, seed seed+i
//     serial_base: 50000001
//     model: "..."            # any per-meter setting here is a default for all meters
//     list:                   # and/or explicit meters
//       - { serial: "50123456", seed: 7, nominal_voltage: 120, pt_ratio: 60, ... }
//
// docs/simulator.md lists every key.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "sim/fleet_error.hpp"
#include "sim/meter_spec.hpp"
#include "sim/modbus/slave_spec.hpp"

namespace jemhead::sim {

inline constexpr std::size_t kMaxFleetFileBytes = 1 << 20;
inline constexpr std::size_t kMaxMeters = 100'000;
inline constexpr int kMaxFlowNesting = 32;

struct FleetSpec {
  std::uint64_t seed = 1;
  double time_factor = 1.0;
  std::optional<UtcTime> start_time;  // empty = when jemsim starts
  std::string control_address = "127.0.0.1";
  std::uint16_t control_port = 0;
  std::vector<MeterSpec> meters;
  std::vector<RtuBusSpec> rtu_buses;  // Modbus RTU buses, one pseudo-terminal each
};

// `file` names the source in errors. Throws FleetError.
FleetSpec parse_fleet(std::string_view yaml_text, const std::string& file);
FleetSpec load_fleet_file(const std::string& path);

// The `--meters N --seed S` shortcut: what a file with only seed and meters.count says.
FleetSpec generated_fleet(std::size_t count, std::uint64_t seed);

// "127.0.0.1:0", "[::1]:8081", "localhost:0": loopback only (jemsim never listens
// elsewhere). Returns false with `error` set otherwise.
bool parse_loopback_listen(std::string_view text, std::string& address, std::uint16_t& port,
                           std::string& error);

}  // namespace jemhead::sim

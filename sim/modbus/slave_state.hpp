#pragma once
// The mutable part of a simulated meter's Modbus face: its digital I/O, forced status
// and trigger bits, the register presets applied, and counters of what it served. The
// ModbusSlave guards it with its mutex; everything else about the values is derived from
// the metrology model at the instant of a request.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "drivers/protocol/modbus/point_map.hpp"

namespace jemhead::sim {

// One FC16 preset of a display register: from `simulated` on, the register reads the
// model's value plus `offset` (display units), so it keeps accumulating from the value
// written. A later preset of the same register replaces the offset from its instant on.
struct PresetRecord {
  UtcTime simulated{};
  std::uint16_t point = 0;  // the counter point written
  double written = 0;       // the value written, display units
  double offset = 0;
};

struct SlaveCounters {
  std::uint64_t requests = 0;    // request frames addressed to this slave
  std::uint64_t responses = 0;   // normal answers sent
  std::uint64_t exceptions = 0;  // exception answers sent
  std::map<std::uint8_t, std::uint64_t> exceptions_by_code;  // 1, 2, 3
  std::map<std::uint8_t, std::uint64_t> requests_by_function;
  std::uint64_t faults_applied = 0;  // answers changed or withheld by fault injection
  std::uint64_t wrong_unit_id = 0;   // TCP frames for another unit id (ignored)
  std::uint64_t crc_errors = 0;      // RTU frames for this address dropped for bad CRC
  std::uint64_t frame_timeouts = 0;  // RTU partial frames discarded after the timeout
  std::uint64_t sessions_accepted = 0;
  std::uint64_t sessions_refused = 0;  // a third TCP session (manual L5754)
  std::uint64_t sessions_active = 0;
  std::uint64_t presets_refused_mid = 0;  // FC16 refused because the meter is MID
};

struct SlaveState {
  // DIO channels 1-14 (index 0-13): coils drive them, digital-input points read them.
  std::array<bool, modbus::map_limit::dio_channels> dio{};
  std::map<std::uint16_t, bool> trigger_overrides;           // channel -> forced state
  std::map<modbus::MeterStatus, bool> status_overrides;      // forced meter status
  std::map<std::string, std::vector<PresetRecord>> presets;  // by display register
  SlaveCounters counters;
  std::optional<UtcTime> last_request;  // simulated instant of the last request served
};

}  // namespace jemhead::sim

#pragma once
// The fleet file's Modbus keys (docs/simulator.md, "Modbus slave"):
//
//   rtu_buses: [{name: bus1, baud: 19200}]     # fleet level: one pseudo-terminal each
//   meters:
//     modbus: {...}                            # a default for every meter, or per entry:
//     list:
//       - serial: "50000001"
//         modbus:
//           map: maps/meter.json               # relative to the fleet file; default: factory map
//           tcp: { listen: "127.0.0.1:0" }
//           unit_id: 1
//           rtu: { bus: bus1, address: 5 }     # address auto-assigned when left out
//           crc_order: low_byte_first
//           frame_timeout_ms: 1000
//           turnaround_ms: 5
//           allow_register_presets: true
//           allow_output_control: true
//           faults: { mode: none, delay_ms: 0 }
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/modbus/slave_spec.hpp"
#include "sim/yaml_fields.hpp"

namespace jemhead::sim {

struct FleetSpec;

struct ModbusKeysContext {
  std::filesystem::path base_dir;  // map paths are relative to the fleet file
  std::map<std::string, std::shared_ptr<const modbus::PointMap>> maps;  // each file once
};

// Reads `modbus:` from `parent` if present. `spec` holds the inherited default (or null)
// and is replaced by a new spec with the keys given here applied over it.
void read_modbus_settings(YamlFields& parent, std::shared_ptr<const ModbusSlaveSpec>& spec,
                          ModbusKeysContext& context);

// Reads the fleet-level `rtu_buses:` list.
void read_rtu_buses(YamlFields& top, std::vector<RtuBusSpec>& buses);

// Once every meter is read: bus names must exist, addresses are assigned where left
// out (lowest free on the bus) and must be unique per bus. Throws FleetError.
void resolve_modbus(FleetSpec& fleet, const std::string& file);

// Parses a FaultMode text and delay; for the control API and the fleet file.
std::optional<FaultMode> fault_mode_from(std::string_view text);

}  // namespace jemhead::sim

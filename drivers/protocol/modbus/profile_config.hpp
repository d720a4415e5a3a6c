#pragma once
// Everything the Modbus driver needs from a connection profile, read and validated in one
// place (used by Driver::validate_options before a profile is stored, and by open()).
//
// options_json keys, on top of those of modbus_options.hpp:
//   "framing":  "mbap" (Modbus TCP, the default over tcp/tls) or "rtu" (RTU over TCP, for
//               terminal servers). Serial and RS-485 profiles are always RTU.
//   "map":      the meter's point map inline (a jemhead.modbus.point_map/1 object), or
//   "map_file": a path to one.
// Without either, the map of the meter's latest configuration version (Meter::
// configuration_json, map_from_configuration.hpp) when the meter has one, else the
// manual's factory default map (config/modbus/factory-default-map.json, embedded at build
// time): the map cannot be discovered over the wire. Precedence, explicit and reported in
// map_source: profile map > meter configuration > factory default.
#include <string>
#include <string_view>

#include "core/connection_profile.hpp"
#include "core/meter.hpp"
#include "core/validation.hpp"
#include "drivers/protocol/modbus/modbus_options.hpp"
#include "drivers/protocol/modbus/point_map.hpp"

namespace jemhead::modbus {

enum class TcpFraming { mbap, rtu };

struct ModbusProfileConfig {
  ModbusOptions options;
  TcpFraming framing = TcpFraming::mbap;
  PointMap map;
  // "inline", "file <path>", "configuration version <n>" or "factory default"
  std::string map_source;
  // The unit id (MBAP) or the RTU address: options.unit_id, else the profile's address.
  std::uint8_t unit_id = 1;
};

struct ModbusProfileLoad {
  ModbusProfileConfig config;
  Validation problems;  // fields prefixed "options/", map fields "options/map/..."
  bool ok() const { return problems.ok(); }
};

// Without a meter (profile validation before it is stored) the fallback is the factory map.
ModbusProfileLoad load_modbus_profile(const ConnectionProfile& profile);
// For a session with `meter`: its configuration's map is the fallback when it has one; a
// configuration that does not read, or whose map the driver cannot use, fails the load
// (problems under "configuration/...") rather than silently reading the factory map.
ModbusProfileLoad load_modbus_profile(const ConnectionProfile& profile, const Meter& meter);

}  // namespace jemhead::modbus

template <>
struct jemhead::EnumText<jemhead::modbus::TcpFraming> {
  static constexpr std::array<std::pair<modbus::TcpFraming, std::string_view>, 2> names{{
      {modbus::TcpFraming::mbap, "mbap"},
      {modbus::TcpFraming::rtu, "rtu"},
  }};
};

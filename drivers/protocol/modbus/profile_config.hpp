#pragma once
// Everything the Modbus driver needs from a connection profile, read and validated in one
// place (used by Driver::validate_options before a profile is stored, and by open()).
//
// options_json keys, on top of those of modbus_options.hpp:
//   "framing":  "mbap" (Modbus TCP, the default over tcp/tls) or "rtu" (RTU over TCP, for
//               terminal servers). Serial and RS-485 profiles are always RTU.
//   "map":      the meter's point map inline (a jemhead.modbus.point_map/1 object), or
//   "map_file": a path to one.
// Without either, the manual's factory default map (config/modbus/
// factory-default-map.json, embedded at build time) is used: the map cannot be
// discovered over the wire, so a meter set up differently needs its own.
#include <string>
#include <string_view>

#include "core/connection_profile.hpp"
#include "core/validation.hpp"
#include "drivers/protocol/modbus/modbus_options.hpp"
#include "drivers/protocol/modbus/point_map.hpp"

namespace jemhead::modbus {

enum class TcpFraming { mbap, rtu };

struct ModbusProfileConfig {
  ModbusOptions options;
  TcpFraming framing = TcpFraming::mbap;
  PointMap map;
  std::string map_source;  // "inline", "file <path>" or "factory default"
  // The unit id (MBAP) or the RTU address: options.unit_id, else the profile's address.
  std::uint8_t unit_id = 1;
};

struct ModbusProfileLoad {
  ModbusProfileConfig config;
  Validation problems;  // fields prefixed "options/", map fields "options/map/..."
  bool ok() const { return problems.ok(); }
};

ModbusProfileLoad load_modbus_profile(const ConnectionProfile& profile);

}  // namespace jemhead::modbus

template <>
struct jemhead::EnumText<jemhead::modbus::TcpFraming> {
  static constexpr std::array<std::pair<modbus::TcpFraming, std::string_view>, 2> names{{
      {modbus::TcpFraming::mbap, "mbap"},
      {modbus::TcpFraming::rtu, "rtu"},
  }};
};

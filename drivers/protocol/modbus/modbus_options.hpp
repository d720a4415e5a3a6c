#pragma once
// The Modbus keys of a connection profile's options_json (core/connection_profile.hpp):
//   {"crc_order": "low_byte_first", "max_read_registers": 60, "max_write_registers": 120,
//    "max_read_bits": 2000, "max_gap": 0, "unit_id": 1}
// Every key is optional; unknown keys are errors so typos do not pass silently.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/validation.hpp"
#include "drivers/protocol/modbus/crc16.hpp"
#include "drivers/protocol/modbus/request_plan.hpp"

namespace jemhead::modbus {

struct ModbusOptions {
  CrcOrder crc_order = CrcOrder::low_byte_first;  // part6 E1: the standard until proven
  RequestLimits limits;
  // Modbus TCP unit id; empty: the profile's device address (part6 Q12).
  std::optional<std::uint8_t> unit_id;
};

struct ModbusOptionsLoad {
  ModbusOptions options;
  Validation problems;  // fields prefixed "options/"
  bool ok() const { return problems.ok(); }
};

ModbusOptionsLoad parse_modbus_options(std::string_view options_json);

}  // namespace jemhead::modbus

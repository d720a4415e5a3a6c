#pragma once
// The function codes the meter implements (manual L12637-12657: 01, 02, 03, 04, 05, 15, 16;
// anything else, FC06 included, gets exception 01 per L12802-12806) and the exception
// codes a Modbus device may answer with.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/enum_text.hpp"

namespace jemhead::modbus {

enum class FunctionCode : std::uint8_t {
  read_coils = 0x01,                // "Read Output Status"
  read_discrete_inputs = 0x02,      // "Read Input Status"
  read_holding_registers = 0x03,    // counters, 32-bit pairs
  read_input_registers = 0x04,      // analogs, 16-bit scaled
  write_single_coil = 0x05,         // "Force Single Coil"
  write_multiple_coils = 0x0F,      // "Force Multiple Coils"
  write_multiple_registers = 0x10,  // "Preset Multiple Registers" (register presets)
};

// The FC byte with bit 7 set marks an exception response.
inline constexpr std::uint8_t kExceptionFlag = 0x80;

constexpr std::optional<FunctionCode> supported_function(std::uint8_t byte) {
  switch (byte) {
    case 0x01:
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x05:
    case 0x0F:
    case 0x10: return static_cast<FunctionCode>(byte);
    default: return std::nullopt;
  }
}

constexpr std::uint8_t code_byte(FunctionCode fc) {
  return static_cast<std::uint8_t>(fc);
}

// Exception codes. The meter produces only 01-03 (L12794-12800); 04 is the standard
// "slave device failure" and is decoded too because gateways and other peers send it. The
// enum holds any byte: an unknown code is kept as received, never rejected.
enum class ExceptionCode : std::uint8_t {
  illegal_function = 0x01,
  illegal_data_address = 0x02,
  illegal_data_value = 0x03,
  slave_device_failure = 0x04,
};

// Quantity limits of the Modbus application protocol specification (v1.1b3, §6). The
// meter's own, tighter limits (120 registers per FC16 preset, L12877) live in
// RequestLimits (request_plan.hpp), because they are a property of the device, not of the
// encoding.
namespace spec_limit {
inline constexpr std::uint16_t max_read_bits = 2000;       // FC01/02
inline constexpr std::uint16_t max_read_registers = 125;   // FC03/04
inline constexpr std::uint16_t max_write_bits = 1968;      // FC15
inline constexpr std::uint16_t max_write_registers = 123;  // FC16
inline constexpr std::size_t max_pdu_bytes = 253;          // 256-byte RTU ADU - address - CRC
}  // namespace spec_limit

// FC05 carries FF00 for ON and 0000 for OFF; anything else is an illegal data value.
inline constexpr std::uint16_t kCoilOn = 0xFF00;
inline constexpr std::uint16_t kCoilOff = 0x0000;

}  // namespace jemhead::modbus

template <>
struct jemhead::EnumText<jemhead::modbus::FunctionCode> {
  using F = modbus::FunctionCode;
  static constexpr std::array<std::pair<F, std::string_view>, 7> names{{
      {F::read_coils, "read_coils"},
      {F::read_discrete_inputs, "read_discrete_inputs"},
      {F::read_holding_registers, "read_holding_registers"},
      {F::read_input_registers, "read_input_registers"},
      {F::write_single_coil, "write_single_coil"},
      {F::write_multiple_coils, "write_multiple_coils"},
      {F::write_multiple_registers, "write_multiple_registers"},
  }};
};

template <>
struct jemhead::EnumText<jemhead::modbus::ExceptionCode> {
  using E = modbus::ExceptionCode;
  static constexpr std::array<std::pair<E, std::string_view>, 4> names{{
      {E::illegal_function, "illegal_function"},
      {E::illegal_data_address, "illegal_data_address"},
      {E::illegal_data_value, "illegal_data_value"},
      {E::slave_device_failure, "slave_device_failure"},
  }};
};

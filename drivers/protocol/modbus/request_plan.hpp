#pragma once
// Turns "these registers are wanted" into the fewest requests the meter will accept.
//
// The meter rejects a request that covers only one word of a 32-bit quantity (exception 02
// when it starts on the low word, 03 when it ends on the high word: L12810-12830), so a
// pair is an atomic unit that is never split between two requests. The number of
// registers per request is a device limit, configurable per connection profile: the
// default of 60 stays well inside the 125 of the spec and clear of the legacy 0x3F limit
// the manual quotes (L12828); FC16 presets take at most 120 registers (L12877).
#include <cstdint>
#include <span>
#include <vector>

#include "core/validation.hpp"
#include "drivers/protocol/modbus/pdu.hpp"

namespace jemhead::modbus {

struct RequestLimits {
  std::uint16_t max_read_registers = 60;    // FC03/04, 2..125
  std::uint16_t max_write_registers = 120;  // FC16, 2..120 (L12877)
  std::uint16_t max_read_bits = 2000;       // FC01/02, 1..2000
  // Largest run of unwanted registers a read may bridge to save a request. 0 (default):
  // only wanted registers are read, since a gap may be unmapped and draw exception 02.
  std::uint16_t max_gap = 0;
};

// Field names as in the profile's options JSON ("max_read_registers", ...).
Validation validate(const RequestLimits& limits);

enum class RegisterWidth : std::uint8_t { single = 1, pair = 2 };

struct WantedRegisters {
  std::uint16_t address = 0;  // the high word's address for a pair
  RegisterWidth width = RegisterWidth::single;
};

// Reads for FC03/FC04, ascending by address. Duplicates and overlaps are merged; a unit
// that cannot fit in one request (overlapping pairs longer than the limit) or a pair at
// 0xFFFF is a programming error: std::invalid_argument.
std::vector<ReadRegistersRequest> plan_register_reads(FunctionCode function,
                                                      std::span<const WantedRegisters> wanted,
                                                      const RequestLimits& limits);

// Reads for FC01/FC02 over the given bit addresses.
std::vector<ReadBitsRequest> plan_bit_reads(FunctionCode function,
                                            std::span<const std::uint16_t> addresses,
                                            const RequestLimits& limits);

// A register preset: a whole 32-bit counter (pair) or a single register.
struct RegisterWrite {
  std::uint16_t address = 0;
  RegisterWidth width = RegisterWidth::pair;
  std::uint32_t value = 0;  // a single register uses the low 16 bits
};

// FC16 requests over contiguous runs, never splitting a pair, at most
// limits.max_write_registers each. Two writes to the same register: std::invalid_argument.
std::vector<WriteMultipleRegistersRequest> plan_register_writes(
    std::span<const RegisterWrite> writes, const RequestLimits& limits);

}  // namespace jemhead::modbus

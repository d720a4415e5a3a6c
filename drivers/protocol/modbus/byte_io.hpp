#pragma once
// Big-endian field access shared by the PDU and MBAP codecs (Modbus sends every 16-bit
// field high byte first; only the RTU CRC differs, see crc16.hpp).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace jemhead::modbus::detail {

inline void put_u16(std::vector<std::uint8_t>& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value & 0xFFu));
}

// Caller guarantees offset + 1 < bytes.size().
inline std::uint16_t get_u16(std::span<const std::uint8_t> bytes, std::size_t offset) {
  return static_cast<std::uint16_t>((bytes[offset] << 8) | bytes[offset + 1]);
}

// Coils and discrete inputs travel packed, the first bit in the least significant bit of
// the first byte.
inline std::vector<std::uint8_t> pack_bits(const std::vector<bool>& bits) {
  std::vector<std::uint8_t> out((bits.size() + 7) / 8, 0);
  for (std::size_t i = 0; i < bits.size(); ++i)
    if (bits[i]) out[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
  return out;
}

inline std::vector<bool> unpack_bits(std::span<const std::uint8_t> packed, std::size_t count) {
  std::vector<bool> bits(count);
  for (std::size_t i = 0; i < count && i / 8 < packed.size(); ++i)
    bits[i] = (packed[i / 8] >> (i % 8)) & 1u;
  return bits;
}

}  // namespace jemhead::modbus::detail

#pragma once
// CRC-16/MODBUS (reflected polynomial 0xA001, initial value 0xFFFF), the error check of
// every RTU frame (manual L12701-12736, steps 1-8).
//
// The byte order on the wire is a per-profile setting because the manual contradicts the
// Modbus standard: step 9 (L12738-12742) and the exception example (L12842-12852) put the
// CRC's high byte first, while the standard (and every off-the-shelf master) sends the low
// byte first. Until a real meter settles it (part6 Q1) the standard order is the default.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/enum_text.hpp"

namespace jemhead::modbus {

enum class CrcOrder {
  low_byte_first,   // Modbus standard
  high_byte_first,  // the manual's wording (L12738-12742)
};

namespace detail {
// One table entry per byte value: the register after shifting that byte through the
// eight steps 4-6 of the manual's procedure.
constexpr std::array<std::uint16_t, 256> make_crc_table() {
  std::array<std::uint16_t, 256> table{};
  for (std::uint16_t byte = 0; byte < 256; ++byte) {
    std::uint16_t reg = byte;
    for (int bit = 0; bit < 8; ++bit)
      reg = (reg & 1u) ? static_cast<std::uint16_t>((reg >> 1) ^ 0xA001u)
                       : static_cast<std::uint16_t>(reg >> 1);
    table[byte] = reg;
  }
  return table;
}
inline constexpr std::array<std::uint16_t, 256> kCrcTable = make_crc_table();
}  // namespace detail

inline constexpr std::uint16_t kCrcInitial = 0xFFFF;

// Folds one more byte into a running CRC (lets a streaming decoder keep the CRC of a
// growing candidate frame without rescanning it).
constexpr std::uint16_t crc16_update(std::uint16_t crc, std::uint8_t byte) {
  return static_cast<std::uint16_t>((crc >> 8) ^ detail::kCrcTable[(crc ^ byte) & 0xFFu]);
}

constexpr std::uint16_t crc16(std::span<const std::uint8_t> bytes) {
  std::uint16_t crc = kCrcInitial;
  for (std::uint8_t b : bytes) crc = crc16_update(crc, b);
  return crc;
}

// The two CRC bytes in wire order.
std::array<std::uint8_t, 2> crc_wire_bytes(std::uint16_t crc, CrcOrder order);

// Appends the CRC of everything already in `frame`.
void append_crc(std::vector<std::uint8_t>& frame, CrcOrder order);

// True when the last two bytes of `frame` are the CRC of the bytes before them.
bool crc_matches(std::span<const std::uint8_t> frame, CrcOrder order);

}  // namespace jemhead::modbus

template <>
struct jemhead::EnumText<jemhead::modbus::CrcOrder> {
  static constexpr std::array<std::pair<modbus::CrcOrder, std::string_view>, 2> names{{
      {modbus::CrcOrder::low_byte_first, "low_byte_first"},
      {modbus::CrcOrder::high_byte_first, "high_byte_first"},
  }};
};

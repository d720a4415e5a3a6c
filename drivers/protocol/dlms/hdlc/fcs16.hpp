#pragma once
// CRC-16/X.25, the HDLC frame check of IEC 62056-46 (ISO/IEC 13239): reflected polynomial
// 0x8408, initial value 0xFFFF, result complemented, sent low byte first. The same check
// serves as HCS (over format, addresses and control) and FCS (over everything between the
// flags except the FCS itself).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace jemhead::dlms::hdlc {

namespace detail {
constexpr std::array<std::uint16_t, 256> make_fcs_table() {
  std::array<std::uint16_t, 256> table{};
  for (std::uint16_t byte = 0; byte < 256; ++byte) {
    std::uint16_t reg = byte;
    for (int bit = 0; bit < 8; ++bit)
      reg = (reg & 1u) ? static_cast<std::uint16_t>((reg >> 1) ^ 0x8408u)
                       : static_cast<std::uint16_t>(reg >> 1);
    table[byte] = reg;
  }
  return table;
}
inline constexpr std::array<std::uint16_t, 256> kFcsTable = make_fcs_table();
}  // namespace detail

// The register before any byte; a streaming decoder folds bytes in one at a time.
inline constexpr std::uint16_t kFcsInitial = 0xFFFF;

constexpr std::uint16_t fcs16_update(std::uint16_t reg, std::uint8_t byte) {
  return static_cast<std::uint16_t>((reg >> 8) ^ detail::kFcsTable[(reg ^ byte) & 0xFFu]);
}

// The value to transmit for a register that has seen every covered byte.
constexpr std::uint16_t fcs16_final(std::uint16_t reg) {
  return static_cast<std::uint16_t>(reg ^ 0xFFFFu);
}

constexpr std::uint16_t fcs16(std::span<const std::uint8_t> bytes) {
  std::uint16_t reg = kFcsInitial;
  for (std::uint8_t b : bytes) reg = fcs16_update(reg, b);
  return fcs16_final(reg);
}

// Appends the check of everything already in `out`, low byte first.
void append_fcs16(std::vector<std::uint8_t>& out);

// True when the two bytes at `check` (low byte first) equal fcs16(covered).
bool fcs16_matches(std::span<const std::uint8_t> covered, std::span<const std::uint8_t, 2> check);

}  // namespace jemhead::dlms::hdlc

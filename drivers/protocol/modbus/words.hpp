#pragma once
// 32-bit quantities occupy two consecutive registers, high word first: the high word sits
// at the lower address (manual L12668-12671, L12814, L12875-12877).
#include <array>
#include <cstdint>

namespace jemhead::modbus {

constexpr std::uint32_t combine_words(std::uint16_t high, std::uint16_t low) {
  return (static_cast<std::uint32_t>(high) << 16) | low;
}

constexpr std::array<std::uint16_t, 2> split_words(std::uint32_t value) {
  return {static_cast<std::uint16_t>(value >> 16), static_cast<std::uint16_t>(value & 0xFFFFu)};
}

}  // namespace jemhead::modbus

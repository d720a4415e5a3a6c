#pragma once
// A PQDIF tag or identifier: a GUID, kept as the 16 bytes the file stores (Microsoft
// layout: Data1, Data2 and Data3 little-endian, then the 8 bytes of Data4), so comparing
// and hashing need no conversion and text is only made for people.
#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace jemhead::pqdif {

struct Guid {
  std::array<std::uint8_t, 16> bytes{};

  // "89738606-f1c3-11cf-9d89-0080c72e70a3" (lower case, no braces).
  std::string to_string() const;
  // Accepts the form above, with or without braces, any case.
  static std::optional<Guid> parse(std::string_view text);
  // From the textual fields, for tables of constants.
  static constexpr Guid of(std::uint32_t d1, std::uint16_t d2, std::uint16_t d3,
                           std::array<std::uint8_t, 8> d4) {
    Guid g;
    for (int i = 0; i < 4; ++i) g.bytes[i] = static_cast<std::uint8_t>(d1 >> (8 * i));
    for (int i = 0; i < 2; ++i) g.bytes[4 + i] = static_cast<std::uint8_t>(d2 >> (8 * i));
    for (int i = 0; i < 2; ++i) g.bytes[6 + i] = static_cast<std::uint8_t>(d3 >> (8 * i));
    for (int i = 0; i < 8; ++i) g.bytes[8 + i] = d4[i];
    return g;
  }
  bool is_null() const { return *this == Guid{}; }

  friend auto operator<=>(const Guid&, const Guid&) = default;
};

struct GuidHash {
  std::size_t operator()(const Guid& g) const noexcept;
};

}  // namespace jemhead::pqdif

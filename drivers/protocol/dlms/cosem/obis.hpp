#pragma once
// An OBIS code (IEC 62056-6-1): the six-byte logical name A.B.C.D.E.F of a COSEM object.
// Text forms accepted: the manual's dotted "1.0.99.1.0.255", its dashed "1-0-1-7-0-255"
// (L14805), and the standard reduced form "1-0:99.1.0*255" (F defaults to 255 when
// "*F" is left out, as IEC 62056-6-1 writes codes whose F is not used). Everything parses at
// compile time too, so the object tables are written as "1.0.21.7.0.255"_obis and a
// typo in them fails the build.
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace jemhead::dlms::cosem {

class Obis {
 public:
  using Bytes = std::array<std::uint8_t, 6>;

  constexpr Obis() = default;
  constexpr Obis(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d, std::uint8_t e,
                 std::uint8_t f)
      : bytes_{a, b, c, d, e, f} {}
  constexpr explicit Obis(const Bytes& bytes) : bytes_(bytes) {}

  constexpr std::uint8_t a() const { return bytes_[0]; }
  constexpr std::uint8_t b() const { return bytes_[1]; }
  constexpr std::uint8_t c() const { return bytes_[2]; }
  constexpr std::uint8_t d() const { return bytes_[3]; }
  constexpr std::uint8_t e() const { return bytes_[4]; }
  constexpr std::uint8_t f() const { return bytes_[5]; }
  constexpr const Bytes& bytes() const { return bytes_; }

  // Any of the text forms above, or nullopt (wrong separators, a group above 255, empty
  // groups, trailing text).
  static constexpr std::optional<Obis> parse(std::string_view text);

  // A logical-name octet-string: exactly six bytes, or nullopt.
  static constexpr std::optional<Obis> from_octet_string(std::span<const std::uint8_t> bytes) {
    if (bytes.size() != 6) return std::nullopt;
    return Obis(bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]);
  }

  std::string to_string() const;   // "1.0.99.1.0.255", the manual's spelling
  std::string to_reduced() const;  // "1-0:99.1.0*255", IEC 62056-6-1's spelling

  friend constexpr bool operator==(const Obis&, const Obis&) = default;
  friend constexpr auto operator<=>(const Obis&, const Obis&) = default;

 private:
  Bytes bytes_{};
};

constexpr std::optional<Obis> Obis::parse(std::string_view text) {
  // Group i ends with separators[i]; the reduced form uses '-', ':', '.', '.', '*'.
  const bool reduced = text.find(':') != std::string_view::npos;
  const bool dashed = !reduced && text.find('-') != std::string_view::npos;
  constexpr std::array<char, 5> reduced_seps{'-', ':', '.', '.', '*'};
  Bytes out{};
  std::size_t pos = 0;
  for (std::size_t group = 0; group < 6; ++group) {
    unsigned value = 0;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      value = value * 10 + static_cast<unsigned>(text[pos] - '0');
      if (++digits > 3 || value > 255) return std::nullopt;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    out[group] = static_cast<std::uint8_t>(value);
    if (group == 5) break;
    if (reduced && group == 4 && pos == text.size()) {
      out[5] = 255;  // "A-B:C.D.E" without "*F"
      return Obis(out);
    }
    const char sep = reduced ? reduced_seps[group] : (dashed ? '-' : '.');
    if (pos >= text.size() || text[pos] != sep) return std::nullopt;
    ++pos;
  }
  if (pos != text.size()) return std::nullopt;
  return Obis(out);
}

inline namespace obis_literals {
// "1.0.99.1.0.255"_obis: a malformed code is a compile error.
consteval Obis operator""_obis(const char* text, std::size_t size) {
  const auto parsed = Obis::parse(std::string_view(text, size));
  if (!parsed) throw "malformed OBIS code";  // not a constant expression: stops the build
  return *parsed;
}
}  // namespace obis_literals

}  // namespace jemhead::dlms::cosem

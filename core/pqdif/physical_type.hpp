#pragma once
// PQDIF's physical layer vocabulary (IEEE 1159.3): what an element is (collection, scalar,
// vector) and how its values are stored (the physical type codes and their sizes).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jemhead::pqdif {

enum class ElementType : std::uint8_t { collection = 1, scalar = 2, vector = 3 };

enum class PhysicalType : std::uint8_t {
  boolean1 = 1,
  boolean2 = 2,
  boolean4 = 3,
  char1 = 10,  // ASCII text, NUL-terminated within a vector
  char2 = 11,  // UTF-16LE text
  integer1 = 20,
  integer2 = 21,
  integer4 = 22,
  unsigned1 = 30,
  unsigned2 = 31,
  unsigned4 = 32,
  real4 = 40,
  real8 = 41,
  complex8 = 42,   // two real4: real, imaginary
  complex16 = 43,  // two real8
  timestamp = 50,  // unsigned4 days + real8 seconds (see timestamp.hpp)
  guid = 60,
};

// Bytes per value, or nullopt for a code the standard does not define. Inline: value
// accessors call it for every value.
constexpr std::optional<std::size_t> size_of(PhysicalType type) {
  switch (type) {
    case PhysicalType::boolean1:
    case PhysicalType::char1:
    case PhysicalType::integer1:
    case PhysicalType::unsigned1: return 1;
    case PhysicalType::boolean2:
    case PhysicalType::char2:
    case PhysicalType::integer2:
    case PhysicalType::unsigned2: return 2;
    case PhysicalType::boolean4:
    case PhysicalType::integer4:
    case PhysicalType::unsigned4:
    case PhysicalType::real4: return 4;
    case PhysicalType::real8:
    case PhysicalType::complex8: return 8;
    case PhysicalType::timestamp: return 12;
    case PhysicalType::complex16:
    case PhysicalType::guid: return 16;
  }
  return std::nullopt;
}
// Whether `code` is one of the codes above.
bool is_physical_type(std::uint8_t code);
// "real4", "char1", ... ; "unknown" for anything else.
std::string_view to_text(PhysicalType type);
std::string_view to_text(ElementType type);

}  // namespace jemhead::pqdif

#include "core/pqdif/physical_type.hpp"

namespace jemhead::pqdif {

bool is_physical_type(std::uint8_t code) {
  return size_of(static_cast<PhysicalType>(code)).has_value();
}

std::string_view to_text(PhysicalType type) {
  switch (type) {
    case PhysicalType::boolean1: return "boolean1";
    case PhysicalType::boolean2: return "boolean2";
    case PhysicalType::boolean4: return "boolean4";
    case PhysicalType::char1: return "char1";
    case PhysicalType::char2: return "char2";
    case PhysicalType::integer1: return "integer1";
    case PhysicalType::integer2: return "integer2";
    case PhysicalType::integer4: return "integer4";
    case PhysicalType::unsigned1: return "unsigned1";
    case PhysicalType::unsigned2: return "unsigned2";
    case PhysicalType::unsigned4: return "unsigned4";
    case PhysicalType::real4: return "real4";
    case PhysicalType::real8: return "real8";
    case PhysicalType::complex8: return "complex8";
    case PhysicalType::complex16: return "complex16";
    case PhysicalType::timestamp: return "timestamp";
    case PhysicalType::guid: return "guid";
  }
  return "unknown";
}

std::string_view to_text(ElementType type) {
  switch (type) {
    case ElementType::collection: return "collection";
    case ElementType::scalar: return "scalar";
    case ElementType::vector: return "vector";
  }
  return "unknown";
}

}  // namespace jemhead::pqdif

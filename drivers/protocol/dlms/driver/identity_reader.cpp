#include "drivers/protocol/dlms/driver/identity_reader.hpp"

#include <sstream>

#include "drivers/protocol/dlms/cosem/object_list.hpp"
#include "drivers/protocol/dlms/driver/profile_buffer.hpp"

namespace jemhead::dlms {

std::vector<const cosem::CosemObject*> identity_objects() {
  std::vector<const cosem::CosemObject*> out;
  for (const auto& object : cosem::meter_objects()) {
    const bool identity = object.kind == cosem::Kind::firmware ||
                          object.kind == cosem::Kind::identification ||
                          object.kind == cosem::Kind::transformer_ratio;
    if (object.class_id == cosem::class_id::data && identity) out.push_back(&object);
  }
  return out;
}

std::string identity_value_text(const axdr::Data& value) {
  using axdr::DataType;
  switch (value.type()) {
    case DataType::visible_string: return value.as_visible_string();
    case DataType::utf8_string: return value.as_utf8_string();
    case DataType::octet_string: return to_hex(value.as_octet_string());
    default: break;
  }
  if (value.is_integer()) {
    // A long64-unsigned above INT64_MAX is a number too.
    if (value.is(DataType::long64_unsigned)) return std::to_string(value.as_long64_unsigned());
    return std::to_string(value.to_int64());
  }
  if (value.is_number()) {
    std::ostringstream text;
    text << value.to_double();
    return text.str();
  }
  return axdr::to_text(value);
}

}  // namespace jemhead::dlms
